# expect: 8:35: duplicate argument 'self' in function definition
# qgen: input-shape=1,3,8,8
# found by the structure-aware fuzzer: the second self shadowed the module
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_input=3, self=35):
        super().__init__()
        self.conv = nn.Conv2d(n_input, 8, 3)

    def forward(self, x):
        return self.conv(x)
