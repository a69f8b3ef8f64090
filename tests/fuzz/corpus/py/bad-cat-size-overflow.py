# expect: 10:13: size overflow
# qgen: input-shape=1,2,32768,16384
# each input holds 2**30 elements; their cat along dim 1 holds 2**31
import torch
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        y = torch.cat([x, x], 1)
        return y.view(-1)
