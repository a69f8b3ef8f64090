# expect: 11:22: multiple values
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, kernel_size=3)

    def forward(self, x):
        return self.conv1(x)
