# qgen: input-shape=1,1,28,28
# qgen-args: --model '3 + 4'
# The --model expression evaluates to an int, not to an nn.Module.  The model
# class of the file is fine; it is the command line that is wrong.
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        return self.conv(x)
