# expect: 16:39: recursion
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, depth=3):
        super().__init__()
        self.body = self._make(depth)

    def _make(self, depth):
        layers = [nn.Conv2d(1, 1, 3, padding=1), nn.ReLU()]
        # the base case is missing: depth never stops the recursion
        return nn.Sequential(*layers, self._make(depth - 1))

    def forward(self, x):
        return self.body(x)
