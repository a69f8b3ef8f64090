# expect: 24:16: shape
# qgen: input-shape=1,3,16,16
# the excitation gives 8 channel scales for a 16-channel input: 1x8x1x1 * 1x16x16x16 does not broadcast
import torch
import torch.nn as nn


class SqueezeExcitation(nn.Module):
    def __init__(self, input_channels, squeeze_channels):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, squeeze_channels * 2, 1)
        self.activation = nn.ReLU()
        self.scale_activation = nn.Hardsigmoid()

    def forward(self, input):
        scale = self.avgpool(input)
        scale = self.fc1(scale)
        scale = self.activation(scale)
        scale = self.fc2(scale)
        scale = self.scale_activation(scale)
        # the second conv should map back to input_channels
        return scale * input


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.se = SqueezeExcitation(16, 4)

    def forward(self, x):
        return self.se(self.conv(x))
