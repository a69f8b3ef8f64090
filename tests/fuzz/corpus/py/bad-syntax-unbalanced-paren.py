# expect: 15:9: syntax error
# qgen: input-shape=1,1,28,28
# one closing parenthesis short; position: tree-sitter's ERROR/MISSING node
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        x = F.relu(self.conv1(x)
        return x
