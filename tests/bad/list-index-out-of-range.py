# expect: 14:45: out of range
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    cfg = [8, 16, 32]

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, self.cfg[0], 3)
        self.conv2 = nn.Conv2d(self.cfg[0], self.cfg[3], 3)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x)))
