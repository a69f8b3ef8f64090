# expect: 13:16: qgen quantizes ConvTranspose2d with groups=1 only
# qgen-args: --emit code
# qgen: input-shape=1,4,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 4, 2, stride=2, groups=2)

    def forward(self, x):
        return self.up(x)
