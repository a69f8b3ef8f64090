# expect: 11:9: __init__
# qgen: input-shape=1,1,28,28
# PyTorch: cannot assign module before Module.__init__() call
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        return self.conv1(x)
