# expect: 13:16: size overflow
# qgen: input-shape=1,1,8,8
# 65536 channels of a 8+2*4096-2 square map: far more than INT32_MAX elements
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 65536, 3, padding=4096)

    def forward(self, x):
        return self.conv(x)
