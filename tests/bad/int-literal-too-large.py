# expect: 9:13: too large
# an integer literal past 64 bits
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = 99999999999999999999999
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
