# expect: 13:16: Mismatch of parameter numbers and input channel size. Found parameter numbers = 4 and channel size = 8.
# qgen: input-shape=1,3,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.act = nn.PReLU(4)

    def forward(self, x):
        return self.act(self.conv(x))
