# expect: 13:16: it does not index or slice the batch dimension
# qgen-args: --emit code
# qgen: input-shape=2,3,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return self.conv(x)[0]
