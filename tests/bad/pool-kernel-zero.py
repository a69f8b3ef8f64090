# expect: 14:16: MaxPool2d: kernel_size, stride
# qgen: input-shape=1,3,8,8
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(0)

    def forward(self, x):
        return self.pool(x)
