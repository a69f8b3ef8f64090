# Squeeze-and-excitation blocks in the styles people write them, in a small
# MobileNetV3-like net for 32x32 inputs: torchvision's SqueezeExcitation
# (`scale * input`, Hardsigmoid), hand-written h_sigmoid / h_swish
# (`self.relu(x + 3) / 6`, `x * self.sigmoid(x)`), timm's SqueezeExcite
# (`x.mean((2, 3), keepdim=True)`), SiLU and Hardswish, and a
# `x.mean([2, 3])` head.
# qgen: input-shape=1,3,32,32
# qgen: fx-only
import torch
import torch.nn as nn
import torch.nn.functional as F


class SqueezeExcitation(nn.Module):
    """torchvision.ops.SqueezeExcitation"""

    def __init__(self, input_channels, squeeze_channels, activation=nn.ReLU, scale_activation=nn.Sigmoid):
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


class h_sigmoid(nn.Module):
    def __init__(self, inplace=True):
        super(h_sigmoid, self).__init__()
        self.relu = nn.ReLU6(inplace=inplace)

    def forward(self, x):
        return self.relu(x + 3) / 6


class h_swish(nn.Module):
    def __init__(self, inplace=True):
        super(h_swish, self).__init__()
        self.sigmoid = h_sigmoid(inplace=inplace)

    def forward(self, x):
        return x * self.sigmoid(x)


class SqueezeExcite(nn.Module):
    """timm's SqueezeExcite: the mean as a tensor method, a functional gate"""

    def __init__(self, in_chs, rd_ratio=0.25):
        super().__init__()
        rd_channels = int(in_chs * rd_ratio)
        self.conv_reduce = nn.Conv2d(in_chs, rd_channels, 1, bias=True)
        self.act1 = nn.SiLU(inplace=True)
        self.conv_expand = nn.Conv2d(rd_channels, in_chs, 1, bias=True)

    def forward(self, x):
        x_se = x.mean((2, 3), keepdim=True)
        x_se = self.conv_reduce(x_se)
        x_se = self.act1(x_se)
        x_se = self.conv_expand(x_se)
        return x * F.hardsigmoid(x_se)


def conv_bn(inp, oup, kernel_size, stride, groups=1, act=None):
    layers = [nn.Conv2d(inp, oup, kernel_size, stride, (kernel_size - 1) // 2, groups=groups, bias=False),
              nn.BatchNorm2d(oup, eps=0.001, momentum=0.01)]
    if act is not None:
        layers.append(act)
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, inp, hidden, oup, kernel_size, stride, se, act):
        super().__init__()
        self.use_res_connect = stride == 1 and inp == oup
        layers = []
        if hidden != inp:
            layers.append(conv_bn(inp, hidden, 1, 1, act=act()))
        layers.append(conv_bn(hidden, hidden, kernel_size, stride, groups=hidden, act=act()))
        if se == "torchvision":
            layers.append(SqueezeExcitation(hidden, hidden // 4, scale_activation=nn.Hardsigmoid))
        elif se == "timm":
            layers.append(SqueezeExcite(hidden))
        layers.append(conv_bn(hidden, oup, 1, 1))
        self.block = nn.Sequential(*layers)

    def forward(self, input):
        result = self.block(input)
        if self.use_res_connect:
            result += input
        return result


class SENet(nn.Module):
    def __init__(self, num_classes=10, dropout=0.2):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 16, 3, 2, act=nn.Hardswish()),
            InvertedResidual(16, 16, 16, 3, 1, "torchvision", nn.ReLU),
            InvertedResidual(16, 48, 24, 3, 2, None, h_swish),
            InvertedResidual(24, 72, 24, 5, 1, "timm", nn.SiLU),
            conv_bn(24, 96, 1, 1, act=nn.Hardswish()),
        )
        self.classifier = nn.Sequential(
            nn.Linear(96, 128),
            nn.Hardswish(inplace=True),
            nn.Dropout(p=dropout, inplace=True),
            nn.Linear(128, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = x.mean([2, 3])
        x = F.silu(x)
        return self.classifier(x)
