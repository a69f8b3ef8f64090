# expect: 13:16: padding
# qgen: input-shape=1,1,8,8
# padding of 2**40 would overflow the output size arithmetic
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=2**40)

    def forward(self, x):
        return self.conv(x)
