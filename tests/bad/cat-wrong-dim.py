# expect: 15:16: shape mismatch: torch.cat alon
# qgen: input-shape=1,3,8,8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.b = nn.Conv2d(3, 4, 3, stride=2, padding=1)

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x)], dim=1)
