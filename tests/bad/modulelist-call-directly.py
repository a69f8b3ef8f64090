# expect: 14:16: a ModuleList is not callable;
# qgen: input-shape=1,3,8,8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Conv2d(3, 3, 3, padding=1) for _ in range(2)])

    def forward(self, x):
        return self.layers(x)
