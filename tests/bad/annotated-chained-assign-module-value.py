# expect: 6:9: an annotation cannot be part of a chained assignment
# qgen: input-shape=1,3,8,8
import torch.nn as nn


WIDTH = n: int = 8


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, WIDTH, 3)

    def forward(self, x):
        return self.conv(x)
