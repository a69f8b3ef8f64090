# expect: 2:21: size overflow
# qgen: input-shape=1,2,32768,32768
# 2**31 elements: past the limit of INT32_MAX per tensor (once view(-1) gave [-2147483648])
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        return x.view(-1)
