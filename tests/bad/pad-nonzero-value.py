# expect: 14:16: qgen pads with zeros only, not with 0.5
# qgen-args: --emit code
# qgen: input-shape=1,3,8,8
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return F.pad(self.conv(x), [1, 1], value=0.5)
