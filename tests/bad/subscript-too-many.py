# expect: 12:16: too many indices for tensor of dimension 4
# qgen: input-shape=1,3,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return self.conv(x)[:, 0, 0, 0, 0]
