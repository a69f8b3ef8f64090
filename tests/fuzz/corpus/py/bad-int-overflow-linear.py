# expect: 9:29: integer overflow
# 2**64 + 3 does not fit 64 bits: an error, not Linear(3, 10)
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2**64 + 3, 10)

    def forward(self, x):
        return self.fc(x)
