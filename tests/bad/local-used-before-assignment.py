# expect: 18:16: not defined
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, use_act=False):
        super().__init__()
        self.use_act = use_act
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        x = self.conv1(x)
        if self.use_act:
            y = F.relu(x)
        return y
