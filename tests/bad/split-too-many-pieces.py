# expect: 10:17: limit is 4096
# qgen: input-shape=1,8192
# 8192 pieces of one element: past the limit of 4096 pieces
import torch
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        parts = torch.split(x, 1, dim=1)
        return parts[0]
