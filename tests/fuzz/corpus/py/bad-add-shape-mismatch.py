# expect: 15:16: shape
# qgen: input-shape=1,1,28,28
# the residual branch halves H and W; 8x28x28 + 8x14x14 does not broadcast
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, planes=8):
        super().__init__()
        self.conv = nn.Conv2d(planes, planes, 3, stride=2, padding=1)

    def forward(self, x):
        return x + self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, padding=1)
        self.block = Block(8)

    def forward(self, x):
        return self.block(self.stem(x))
