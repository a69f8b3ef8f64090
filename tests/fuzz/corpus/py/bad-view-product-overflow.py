# expect: 9:16: size overflow
# qgen: input-shape=1,16
# 2**20 * 2**20 * 2**20 wraps 64 bits after two more factors: checked on every multiply
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        return x.view(-1, 1 << 20, 1 << 20, 1 << 20)
