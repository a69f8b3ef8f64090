# expect: 9:21: kernel_size must be an int or a 1-tuple of ints
# qgen: input-shape=1,3,16
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(3, 8, (3, 3))

    def forward(self, x):
        return self.conv(x)
