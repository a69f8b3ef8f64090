# expect: 9:16: limit
# qgen: input-shape=1,16
# a dimension of 2**40 cannot be a size (the product would wrap an int)
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        return x.view(2**40, 0, 16)
