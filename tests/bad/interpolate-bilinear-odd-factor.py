# expect: 15:16: gives a whole size
# qgen-args: --emit code
# qgen: input-shape=1,3,7,7
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        return F.interpolate(y, scale_factor=1.5, mode='bilinear')
