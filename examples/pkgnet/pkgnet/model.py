"""The network: a stem, three stages from layers.make_stage, a linear head."""
import torch
import torch.nn as nn

from . import layers
from .layers import ConvBNReLU


class Net(nn.Module):
    def __init__(self, num_classes=100, widths=(32, 64, 128), depth=2):
        super().__init__()
        self.stem = ConvBNReLU(3, widths[0])
        stages = []
        prev = widths[0]
        for i, width in enumerate(widths):
            stages.append(layers.make_stage(prev, width, depth, stride=1 if i == 0 else 2))
            prev = width
        self.stages = nn.Sequential(*stages)
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(prev, num_classes)

    def forward(self, x):
        x = self.stem(x)
        x = self.stages(x)
        x = torch.flatten(self.pool(x), 1)
        return self.fc(x)
