# expect: 16:13: indent
# qgen: input-shape=1,1,28,28
# unexpected indent (tree-sitter-python accepts this silently: qgen must check indentation itself)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)

    def forward(self, x):
        x = self.conv1(x)
            x = F.relu(x)
        return x
