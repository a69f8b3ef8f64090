# EfficientNet-style MBConv blocks: nn.SiLU and F.silu, squeeze-and-excite
# gated by nn.Sigmoid, torch.sigmoid and x.sigmoid(), the gate on either
# side of the product, a residual, and a tensor scaled by a number
# (`0.5 * x`, `x * 2`) and shifted (`x - 1.0`, `1.0 - x`).
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn
import torch.nn.functional as F


class SqueezeExcite(nn.Module):
    def __init__(self, c, rd, style):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.reduce = nn.Conv2d(c, rd, 1)
        self.act = nn.SiLU(inplace=True)
        self.expand = nn.Conv2d(rd, c, 1)
        self.gate = nn.Sigmoid()
        self.style = style

    def forward(self, x):
        s = self.expand(self.act(self.reduce(self.pool(x))))
        if self.style == 0:
            return x * self.gate(s)
        if self.style == 1:
            return torch.sigmoid(s) * x
        return x * s.sigmoid()


class MBConv(nn.Module):
    def __init__(self, inp, oup, expand, k, stride, style):
        super().__init__()
        hidden = inp * expand
        self.use_res = stride == 1 and inp == oup
        self.conv_pw = nn.Conv2d(inp, hidden, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(hidden)
        self.conv_dw = nn.Conv2d(hidden, hidden, k, stride, k // 2, groups=hidden, bias=False)
        self.bn2 = nn.BatchNorm2d(hidden)
        self.se = SqueezeExcite(hidden, max(1, inp // 4), style)
        self.conv_pwl = nn.Conv2d(hidden, oup, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(oup)

    def forward(self, x):
        y = F.silu(self.bn1(self.conv_pw(x)))
        y = F.silu(self.bn2(self.conv_dw(y)), inplace=True)
        y = self.se(y)
        y = self.bn3(self.conv_pwl(y))
        if self.use_res:
            y = y + x
        return y


class EfficientNetBlock(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.act = nn.SiLU()
        self.blocks = nn.Sequential(MBConv(16, 16, 1, 3, 1, 0), MBConv(16, 24, 4, 3, 2, 1),
                                    MBConv(24, 24, 4, 5, 1, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(24, num_classes)

    def forward(self, x):
        x = self.act(self.bn(self.stem(x)))
        x = self.blocks(x)
        a = 0.5 * x
        b = x * 2
        x = (a - 1.0) + (1.0 - b)
        x = torch.flatten(self.pool(x), 1)
        return self.fc(x)
