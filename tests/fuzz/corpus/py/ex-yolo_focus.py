# Tensor subscripts as detection and sequence models write them: YOLOv5's
# Focus stem (`x[..., ::2, ::2]` and its three siblings, concatenated on the
# channels), a gated linear unit over channel halves (`y[:, :c]`,
# `y[:, c:]`), a crop (`z[:, :, 1:-1, 1:-1]`), a new axis and an int index
# (`z[:, None, :][:, 0]`), and the last feature (`z[:, -1:]`).
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn


def autopad(k, p=None):
    # pad to 'same'
    if p is None:
        p = k // 2 if isinstance(k, int) else [x // 2 for x in k]
    return p


class Conv(nn.Module):
    # YOLOv5's standard convolution: conv, BatchNorm, SiLU
    def __init__(self, c1, c2, k=1, s=1, p=None, g=1, act=True):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, autopad(k, p), groups=g, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = nn.SiLU() if act is True else (act if isinstance(act, nn.Module) else nn.Identity())

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Focus(nn.Module):
    # Focus wh information into c-space
    def __init__(self, c1, c2, k=1, s=1, p=None, g=1, act=True):
        super().__init__()
        self.conv = Conv(c1 * 4, c2, k, s, p, g, act)

    def forward(self, x):  # x(b,c,w,h) -> y(b,4c,w/2,h/2)
        return self.conv(torch.cat([x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2]], 1))


class FocusNet(nn.Module):
    def __init__(self, num_classes=10, width=16):
        super().__init__()
        self.half = width // 2
        self.stem = Focus(3, width, 3)
        self.conv = Conv(width, width, 3, act=False)
        self.head = nn.Linear(self.half, num_classes)

    def forward(self, x):
        x = self.stem(x)
        y = self.conv(x)
        a, b = y[:, :self.half], y[:, self.half:]
        z = a * torch.sigmoid(b)
        z = z[:, :, 1:-1, 1:-1]
        z = z.mean((2, 3))
        w = z[:, None, :][:, 0]
        return self.head(w) + z[:, -1:]
