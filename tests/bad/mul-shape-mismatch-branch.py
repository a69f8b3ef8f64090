# expect: 15:16: shape mismatch: mul of tensors
# qgen: input-shape=1,3,8,8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 1)
        self.b = nn.Conv2d(3, 4, 1)

    def forward(self, x):
        return self.a(x) * self.b(x)
