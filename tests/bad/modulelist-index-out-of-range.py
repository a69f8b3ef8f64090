# expect: 16:16: out of range
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Conv2d(1, 8, 3), nn.Conv2d(8, 8, 3), nn.Conv2d(8, 8, 3)])

    def forward(self, x):
        for i in range(3):
            x = F.relu(self.layers[i](x))
        return self.layers[3](x)
