# expect: 14:15: data-dependent
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        while x.sum() > 1:
            x = F.relu(self.conv1(x))
        return x
