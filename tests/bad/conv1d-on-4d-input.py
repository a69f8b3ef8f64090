# expect: 12:16: Conv1d expects a 3D input, got shape [1, 3, 8, 8]
# qgen: input-shape=1,3,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(3, 8, 3)

    def forward(self, x):
        return self.conv(x)
