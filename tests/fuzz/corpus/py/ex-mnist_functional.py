# A small MNIST CNN in the functional style: the layers are attributes and
# forward() does the activations, pooling and dropout through torch / F calls.
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN = 64


class MnistNet(nn.Module):
    def __init__(self, num_classes=10, p_drop=0.25):
        super(MnistNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.conv3 = nn.Conv2d(16, 16, 3, padding=1, bias=False)
        self.fc1 = nn.Linear(16 * 7 * 7, HIDDEN)
        self.fc2 = nn.Linear(HIDDEN, num_classes)
        self.p_drop = p_drop
        self.gate = nn.Sigmoid()

    def _conv_block(self, x, conv, pool=True):
        x = F.relu(conv(x))
        if pool:
            x = F.max_pool2d(x, kernel_size=2)
        return x

    def forward(self, x):
        x = self._conv_block(x, self.conv1)
        x = self._conv_block(x, self.conv2)
        # a residual 3x3 conv, clipped with relu6
        x = F.relu6(x + self.conv3(x))
        x = x.view(-1, 16 * 7 * 7)
        x = F.dropout(x, p=self.p_drop, training=self.training)
        x = torch.relu(self.fc1(x))
        x = torch.sigmoid(x).relu()
        x = self.fc2(x).sigmoid()
        return self.gate(x)
