# expect: 13:16: size overflow
# qgen-args: --emit code
# qgen: input-shape=1,16384,1,1
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(16384, 16384, 3, padding=1)

    def forward(self, x):
        return self.conv(x)
