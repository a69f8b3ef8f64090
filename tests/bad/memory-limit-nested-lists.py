# expect: 9:9: out of memory
# 10**8 list items: past the 512 MiB limit (it once took 1.6 GB and 7 s)
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = [[0] * 1000 for i in range(100000)]
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
