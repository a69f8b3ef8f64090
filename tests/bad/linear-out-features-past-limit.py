# expect: 12:16: out_features
# qgen: input-shape=1,4
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2**40)

    def forward(self, x):
        return self.fc(x)
