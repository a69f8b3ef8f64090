# expect: 18:19: shape
# qgen: input-shape=1,3,16,16
# the split sizes [8, 4, 2] add up to 14, and the tensor has 16 channels
import torch
import torch.nn as nn


class MixConv(nn.Module):
    def __init__(self, channels=16):
        super().__init__()
        self.splits = [8, 4, 2]
        self.convs = nn.ModuleList()
        for i, c in enumerate(self.splits):
            k = 3 + 2 * i
            self.convs.append(nn.Conv2d(c, c, k, padding=k // 2, groups=c))

    def forward(self, x):
        x_split = torch.split(x, self.splits, dim=1)
        return torch.cat([conv(t) for conv, t in zip(self.convs, x_split)], dim=1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.mix = MixConv(16)

    def forward(self, x):
        return self.mix(self.conv(x))
