# expect: 19:13: kernel
# qgen: input-shape=1,1,28,28
# 28x28 -> 12x12 -> 4x4, and a 7x7 kernel does not fit
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5, stride=2)
        self.conv2 = nn.Conv2d(8, 8, 5, stride=2)
        self.conv3 = nn.Conv2d(8, 8, 7)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.conv3(x)
        return x
