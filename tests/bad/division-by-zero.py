# expect: 12:56: by zero
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, width=32, groups=0):
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 3)
        self.conv2 = nn.Conv2d(width, width, 3, groups=width // groups)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x)))
