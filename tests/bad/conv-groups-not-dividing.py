# expect: 11:21: in_channels (3) must be divisi
# qgen: input-shape=1,3,8,8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, groups=2)

    def forward(self, x):
        return self.conv(x)
