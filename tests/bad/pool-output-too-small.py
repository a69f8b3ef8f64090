# expect: 16:13: shape
# qgen: input-shape=1,1,28,28
# a 32x32 window on a 26x26 map
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        x = self.conv1(x)
        x = F.max_pool2d(x, 32)
        return x
