# expect: 10:24: num_classes
# qgen: input-shape=1,1,28,28
# qgen instantiates the model class with no arguments, as fx_reference.py does
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(1, num_classes, 28)

    def forward(self, x):
        return self.conv1(x).flatten(1)
