# expect: 19:13: unpack
# qgen: input-shape=1,1,28,28
# rows have four values, the loop unpacks three
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        setting = [
            # c, n, s, k
            [8, 1, 1, 3],
            [16, 2, 2, 3],
        ]
        layers = []
        in_ch = 1
        for c, n, s in setting:
            for i in range(n):
                layers.append(nn.Conv2d(in_ch, c, 3, s if i == 0 else 1, 1))
                in_ch = c
        self.features = nn.Sequential(*layers)

    def forward(self, x):
        return self.features(x)
