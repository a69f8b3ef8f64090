# expect: 12:13: depth must be
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, depth=5):
        super().__init__()
        if depth % 2 != 0:
            raise ValueError("depth must be even, got {}".format(depth))
        self.convs = nn.ModuleList([nn.Conv2d(1, 1, 3, padding=1) for _ in range(depth)])

    def forward(self, x):
        for conv in self.convs:
            x = conv(x)
        return x
