# expect: 10:13: out of memory
# 10**12 iterations: stopped by the memory limit within seconds
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(1000000):
            for j in range(1000000):
                pass
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
