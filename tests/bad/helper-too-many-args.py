# expect: 19:13: positional
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)

    def _block(self, x, conv):
        return F.relu(conv(x))

    def forward(self, x):
        x = self._block(x, self.conv1)
        x = self._block(x, self.conv2, True)
        return x
