# CBAM's channel attention (Woo et al. 2018: a shared MLP on the average-
# and max-pooled maps, added, through a sigmoid), and TensorFlow-style
# "same" padding as ports of TF models write it: an asymmetric
# nn.ZeroPad2d((0, 1, 0, 1)) before a stride-2 conv, F.pad, and
# nn.ConstantPad2d with zeros.
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn
import torch.nn.functional as F


class ChannelAttention(nn.Module):
    def __init__(self, in_planes, ratio=4):
        super(ChannelAttention, self).__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.max_pool = nn.AdaptiveMaxPool2d(1)
        self.fc = nn.Sequential(nn.Conv2d(in_planes, in_planes // ratio, 1, bias=False),
                                nn.ReLU(),
                                nn.Conv2d(in_planes // ratio, in_planes, 1, bias=False))
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        avg_out = self.fc(self.avg_pool(x))
        max_out = self.fc(self.max_pool(x))
        out = avg_out + max_out
        return self.sigmoid(out)


class SameConv(nn.Module):
    """A stride-2 conv padded as TensorFlow's 'SAME' pads an even input."""

    def __init__(self, cin, cout):
        super().__init__()
        self.pad = nn.ZeroPad2d((0, 1, 0, 1))
        self.conv = nn.Conv2d(cin, cout, 3, stride=2)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.relu(self.bn(self.conv(self.pad(x))))


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = SameConv(3, 16)                  # 32 -> 16
        self.ca1 = ChannelAttention(16)
        self.block = SameConv(16, 32)                # 16 -> 8
        self.ca2 = ChannelAttention(32)
        self.border = nn.ConstantPad2d(1, 0.0)
        self.conv = nn.Conv2d(32, 32, 3)             # 10 -> 8
        self.fc = nn.Linear(32 * 4, num_classes)

    def forward(self, x):
        x = self.stem(x)
        x = self.ca1(x) * x
        x = self.block(x)
        x = x * self.ca2(x)
        x = self.conv(self.border(x))
        x = F.pad(x, (1, 1, 1, 1))                   # 8 -> 10
        x = F.adaptive_max_pool2d(x, (2, 2)) + F.adaptive_avg_pool2d(x, 2)
        return self.fc(torch.flatten(x, 1))
