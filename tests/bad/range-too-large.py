# expect: 9:17: range() too large
# range() lists are limited to a million items, checked before any is made
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = len(range(10**9))
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
