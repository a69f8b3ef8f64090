# expect: 14:16: pools N x C x L inputs in 1-D, not shape [1, 64]
# qgen-args: --emit code
# qgen: input-shape=1,64
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 64)

    def forward(self, x):
        return F.max_pool1d(self.fc(x), 2)
