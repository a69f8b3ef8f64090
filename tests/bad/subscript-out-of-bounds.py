# expect: 12:16: index 8 is out of bounds for dimension 1 with size 8
# qgen: input-shape=1,3,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return self.conv(x)[:, 8]
