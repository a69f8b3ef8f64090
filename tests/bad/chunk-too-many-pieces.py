# expect: 9:17: limit is 4096
# qgen: input-shape=1,8192
# 8192 chunks of one element: past the limit of 4096 pieces
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        parts = x.chunk(8192, dim=1)
        return parts[0]
