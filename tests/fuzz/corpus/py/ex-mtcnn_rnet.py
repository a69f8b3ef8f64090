# MTCNN's refinement network (Zhang et al. 2016) as facenet-pytorch's
# mtcnn.py writes it: PReLU after every conv and the dense layer (one slope
# per channel, or with nn.PReLU() one for all), ceil-mode max pools,
# x.permute(0, 3, 2, 1).contiguous() before the flatten (the Caffe weights'
# layout), a softmax face score and a box regression.  The two heads are
# returned concatenated, [box (4), face probability (2)], as one tensor.
# qgen: input-shape=1,3,24,24
import torch
from torch import nn


class RNet(nn.Module):
    """MTCNN RNet."""

    def __init__(self, pretrained=False):
        super().__init__()

        self.conv1 = nn.Conv2d(3, 28, kernel_size=3)
        self.prelu1 = nn.PReLU(28)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(28, 48, kernel_size=3)
        self.prelu2 = nn.PReLU(48)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3 = nn.Conv2d(48, 64, kernel_size=2)
        self.prelu3 = nn.PReLU(64)
        self.dense4 = nn.Linear(576, 128)
        self.prelu4 = nn.PReLU(128)
        self.prelu_shared = nn.PReLU()
        self.dense5_1 = nn.Linear(128, 2)
        self.softmax5_1 = nn.Softmax(dim=1)
        self.dense5_2 = nn.Linear(128, 4)

        self.training = False

        if pretrained:
            raise NotImplementedError("no weights here: load a state_dict")

    def forward(self, x):
        x = self.conv1(x)
        x = self.prelu1(x)
        x = self.pool1(x)
        x = self.conv2(x)
        x = self.prelu2(x)
        x = self.pool2(x)
        x = self.conv3(x)
        x = self.prelu3(x)
        x = x.permute(0, 3, 2, 1).contiguous()
        x = self.dense4(x.view(x.shape[0], -1))
        x = self.prelu_shared(self.prelu4(x))
        a = self.dense5_1(x)
        a = self.softmax5_1(a)
        b = self.dense5_2(x)
        return torch.cat([b, a], dim=1)
