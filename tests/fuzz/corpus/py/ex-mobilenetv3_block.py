# MobileNetV3-style blocks: nn.Hardswish after conv+BN, a hand-written
# h_swish (`x * self.relu(x + 3) / 6`: a number added, a ReLU6, a division
# by a number, a product of two tensors), F.hardswish(inplace=True), an SE
# with nn.Hardsigmoid, a residual add, a broadcast add of a [N, C, 1, 1]
# bias map, and a Hardswish head.
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn
import torch.nn.functional as F


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


class SE(nn.Module):
    def __init__(self, c, r=4):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(c, c // r, 1)
        self.relu = nn.ReLU(inplace=True)
        self.fc2 = nn.Conv2d(c // r, c, 1)
        self.gate = nn.Hardsigmoid(inplace=True)

    def forward(self, x):
        return x * self.gate(self.fc2(self.relu(self.fc1(self.pool(x)))))


def conv_bn(inp, oup, k, s, groups=1):
    return nn.Sequential(nn.Conv2d(inp, oup, k, s, (k - 1) // 2, groups=groups, bias=False),
                         nn.BatchNorm2d(oup, eps=0.001, momentum=0.01))


class Block(nn.Module):
    def __init__(self, inp, hidden, oup, k, s, use_se, act):
        super().__init__()
        self.use_res = s == 1 and inp == oup
        self.expand = conv_bn(inp, hidden, 1, 1)
        self.act1 = act()
        self.dw = conv_bn(hidden, hidden, k, s, groups=hidden)
        self.act2 = act()
        self.se = SE(hidden) if use_se else nn.Identity()
        self.project = conv_bn(hidden, oup, 1, 1)

    def forward(self, x):
        y = self.act1(self.expand(x))
        y = self.se(self.act2(self.dw(y)))
        y = self.project(y)
        if self.use_res:
            y = y + x
        return y


class MobileNetV3Block(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = conv_bn(3, 16, 3, 2)
        self.stem_act = nn.Hardswish()
        self.b1 = Block(16, 48, 16, 3, 1, True, nn.Hardswish)
        self.b2 = Block(16, 64, 24, 5, 2, False, h_swish)
        self.b3 = Block(24, 72, 24, 3, 1, True, h_swish)
        self.bias_pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Conv2d(24, 64, 1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Linear(64, 64)
        self.fc2 = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.stem_act(self.stem(x))
        x = self.b3(self.b2(self.b1(x)))
        x = x + self.bias_pool(x)
        x = F.hardswish(self.head(x), inplace=True)
        x = self.pool(x).flatten(1)
        x = F.hardswish(self.fc1(x))
        return self.fc2(x)
