# expect: 10:16: limit
# qgen: input-shape=1,1,8,8
# a scale factor of 1e30 gives an output size no int can hold
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        return F.interpolate(x, scale_factor=1e30, mode="nearest")
