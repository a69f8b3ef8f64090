# expect: 10:9: does not terminate
# a loop is limited to a million iterations
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = 0
        while True:
            n += 1
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
