# expect: 15:29: not defined
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        out = F.relu(self.conv1(x))
        return F.max_pool2d(inp, 2)
