# expect: 17:9: unpack
# qgen: input-shape=1,3,16,16
# chunk(3) of 4 channels gives 2 pieces of 2 (chunk allows uneven sizes: ceil(4/3) = 2 each), not 3
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.branch = nn.Conv2d(2, 2, 3, padding=1)

    def forward(self, x):
        x = self.stem(x)
        y = x.chunk(2, dim=1)[0]
        a, b, c = x.chunk(3, dim=1)
        return torch.cat((y, self.branch(a), b, c), dim=1)
