# expect: 16:16: submodule
# qgen: input-shape=1,1,28,28
# torch.fx refuses it too: the new Conv2d is not installed as a submodule
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        x = self.conv1(x)
        return nn.Conv2d(8, 8, 3)(x)
