# expect: 14:16: shape
# qgen: input-shape=1,4
# nn.Sequential() with no modules is the identity (once UB in bind_args); the Linear then mismatches
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.s = nn.Sequential()
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        return self.fc(self.s(x))
