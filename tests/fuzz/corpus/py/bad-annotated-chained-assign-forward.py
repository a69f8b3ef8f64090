# expect: 12:13: chained assignment
# `y = z: int` is invalid Python; tree-sitter parses it as y = (z: int)
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        y = z: int
        return self.fc(x)
