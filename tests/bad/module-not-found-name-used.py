# qgen: input-shape=1,1,28,28
# A module that is nowhere to be found.  Importing it is not an error by
# itself for qgen (a name that cannot be had is an error where it is used);
# calling the imported helper is.  Python fails earlier, at the import:
# ModuleNotFoundError: No module named 'nosuchmodule' (line 8).
import torch
import torch.nn as nn
from nosuchmodule import helper


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = helper(1, 8, 3)

    def forward(self, x):
        return self.conv(x)
