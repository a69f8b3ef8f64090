# expect: 16:16: shape
# qgen: input-shape=1,1,28,28
# 26x26 and 28x28 maps cannot be concatenated along channels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 8, 3)
        self.b = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x)], 1)
