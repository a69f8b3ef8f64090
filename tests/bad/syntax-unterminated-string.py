# expect: 12:21: syntax error
# qgen: input-shape=1,1,28,28
# unterminated string literal; position: tree-sitter's ERROR node
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.name = "conv
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        return self.conv1(x)
