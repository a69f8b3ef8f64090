# Time-series classification (ECG, accelerometer, sensor channels): the
# 1-D ResNet baseline of Wang, Yan and Oates, "Time Series Classification
# from Scratch with Deep Neural Networks" (2017), with a depthwise-separable
# dilated stage as temporal convolutional networks write it, and an MLP head
# with BatchNorm1d on features.
# qgen: input-shape=1,3,128
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResBlock1d(nn.Module):
    def __init__(self, cin, cout, kernels=(7, 5, 3)):
        super().__init__()
        layers = []
        c = cin
        for i, k in enumerate(kernels):
            layers += [nn.Conv1d(c, cout, k, padding="same", bias=False), nn.BatchNorm1d(cout)]
            if i < len(kernels) - 1:
                layers.append(nn.ReLU(inplace=True))
            c = cout
        self.body = nn.Sequential(*layers)
        self.shortcut = (nn.Sequential(nn.Conv1d(cin, cout, 1, bias=False), nn.BatchNorm1d(cout))
                         if cin != cout else nn.Identity())

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


class SeparableTCN(nn.Module):
    """Depthwise dilated conv, pointwise conv, and a strided downsampling."""

    def __init__(self, c, dilation):
        super().__init__()
        self.dw = nn.Conv1d(c, c, 3, padding=dilation, dilation=dilation, groups=c)
        self.pw = nn.Conv1d(c, c, 1)
        self.bn = nn.BatchNorm1d(c)
        self.down = nn.Conv1d(c, c, 4, stride=2, padding=1)

    def forward(self, x):
        y = self.bn(self.pw(self.dw(x)))
        x = F.relu6(x + y)
        return self.down(x)


class TSCResNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6, widths=(16, 32, 32)):
        super().__init__()
        blocks = []
        c = in_channels
        for w in widths:
            blocks.append(ResBlock1d(c, w))
            c = w
        self.blocks = nn.Sequential(*blocks)
        self.tcn = nn.ModuleList([SeparableTCN(c, d) for d in (1, 2, 4)])
        self.norm = nn.BatchNorm1d(c)            # after a pool, no conv before it: it stands alone
        self.smooth = nn.AvgPool1d(3, stride=1, padding=1, count_include_pad=False)
        self.gap = nn.AdaptiveAvgPool1d(1)
        self.head = nn.Sequential(
            nn.Linear(2 * c, 64),
            nn.BatchNorm1d(64),
            nn.ReLU(),
            nn.Dropout(0.3),
            nn.Linear(64, num_classes),
        )

    def forward(self, x):
        x = self.blocks(x)
        x = self.norm(F.max_pool1d(x, kernel_size=2))
        for layer in self.tcn:
            x = layer(x)
        x = self.smooth(F.relu(x))
        avg = self.gap(x).flatten(1)
        mx = F.adaptive_avg_pool1d(F.max_pool1d(x, 3, stride=2, ceil_mode=True), 1).squeeze(-1)
        return self.head(torch.cat([avg, mx], dim=1))
