# Squeeze-and-excitation gates that multiply a [N, C, 1, 1] scale into a
# [N, C, H, W] map, in the spellings people use: torchvision's
# `scale * input` with nn.Hardsigmoid, `input * scale`, torch.mul, x.mul,
# operator.mul through a helper; a ReLU after a mul (fused into its clamp).
# qgen: input-shape=1,3,32,32
import operator

import torch
import torch.nn as nn
import torch.nn.functional as F


class SqueezeExcitation(nn.Module):
    """torchvision.ops.SqueezeExcitation with its defaults overridden"""

    def __init__(self, input_channels, squeeze_channels, activation=nn.ReLU, scale_activation=nn.Hardsigmoid):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, input_channels, 1)
        self.activation = activation()
        self.scale_activation = scale_activation()

    def _scale(self, input):
        scale = self.avgpool(input)
        scale = self.fc1(scale)
        scale = self.activation(scale)
        scale = self.fc2(scale)
        return self.scale_activation(scale)

    def forward(self, input):
        scale = self._scale(input)
        return scale * input


class Gate(nn.Module):
    """The scale on the right, and the other spellings of a product."""

    def __init__(self, channels, how):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Conv2d(channels, channels, 1)
        self.how = how

    def forward(self, x):
        s = F.hardsigmoid(self.fc(self.pool(x)), inplace=True)
        if self.how == "right":
            return x * s
        if self.how == "torch":
            return torch.mul(s, x)
        if self.how == "method":
            return x.mul(s)
        return operator.mul(x, s)


class SENet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.BatchNorm2d(16), nn.ReLU(inplace=True))
        self.se1 = SqueezeExcitation(16, 4)
        self.conv2 = nn.Conv2d(16, 24, 3, 2, 1)
        self.se2 = Gate(24, "right")
        self.se3 = Gate(24, "torch")
        self.se4 = Gate(24, "method")
        self.se5 = Gate(24, "operator")
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(24, num_classes)

    def forward(self, x):
        x = self.se1(self.stem(x))
        x = self.conv2(x)
        x = self.se3(self.se2(x))
        x = self.relu(self.se5(self.se4(x)))
        x = torch.flatten(self.pool(x), 1)
        return self.fc(x)
