# expect: 9:13: integer overflow
# (2**62) * 4 does not fit 64 bits
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = (2**62) * 4
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
