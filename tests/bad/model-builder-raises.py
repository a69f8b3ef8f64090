# qgen: input-shape=1,1,28,28
# qgen-args: --model 'make()'
# The builder function named by --model raises.
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(1, width, 3)

    def forward(self, x):
        return self.conv(x)


def make():
    raise ValueError('no model without a config')
