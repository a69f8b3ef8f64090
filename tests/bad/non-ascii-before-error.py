# expect: 15:47: not defined
# qgen: input-shape=1,1,28,28
# column counted in bytes: `ä` is two bytes in UTF-8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        ä = self.conv1(x);  y = F.relu(ä) + zß
        return y
