# expect: 9:13: integer overflow
# 10**1000 does not fit 64 bits: an error, never a wrap
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = 10**10**3
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
