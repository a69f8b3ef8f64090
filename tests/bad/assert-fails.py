# expect: 11:9: assert
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, inp, oup, stride):
        super().__init__()
        assert stride in [1, 2]
        self.conv = nn.Conv2d(inp, oup, 3, stride, 1)

    def forward(self, x):
        return F.relu6(self.conv(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(1, 8, 3)

    def forward(self, x):
        return self.block(x)
