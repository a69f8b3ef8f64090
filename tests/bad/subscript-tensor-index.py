# expect: 13:18: data-dependent control flow
# qgen: input-shape=1,3,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        y = self.conv(x)
        return y[y > 0]
