# expect: 12:34: key 'depth' not found
# qgen: input-shape=1,3,8,8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.cfg = {"width": 8}
        self.conv = nn.Conv2d(3, self.cfg["depth"], 3)

    def forward(self, x):
        return self.conv(x)
