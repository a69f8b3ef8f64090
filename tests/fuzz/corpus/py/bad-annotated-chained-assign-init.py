# expect: 10:18: chained assignment
# `self.a = b: int` in __init__: invalid Python (once a segfault)
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        b = 3
        self.a = b: int
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return self.fc(x)
