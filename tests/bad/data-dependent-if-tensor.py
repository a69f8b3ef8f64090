# expect: 17:29: data-dependent
# qgen: input-shape=1,1,28,28
# conditional expression on a tensor
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        x = self.conv1(x)
        y = torch.sigmoid(x)
        return F.relu(x) if y else x
