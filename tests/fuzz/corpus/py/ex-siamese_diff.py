# A Siamese change-detection network, as remote-sensing and inspection
# models write it: two images stacked on the channels, one shared encoder
# applied to each, and the difference of their features decoded to a
# change map.  Differences of two tensors in every spelling.
# qgen: input-shape=1,6,32,32
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class Encoder(nn.Module):
    def __init__(self, widths=(16, 32)):
        super().__init__()
        self.stage1 = conv_bn(3, widths[0])
        self.stage2 = conv_bn(widths[0], widths[1], stride=2)

    def forward(self, x):
        f1 = self.stage1(x)
        return f1, self.stage2(f1)


class ChangeNet(nn.Module):
    def __init__(self, widths=(16, 32), classes=2):
        super().__init__()
        self.encoder = Encoder(widths)
        self.fuse = nn.Conv2d(widths[1], widths[0], 1)
        self.head = nn.Conv2d(widths[0], classes, 1)

    def forward(self, x):
        before, after = torch.split(x, 3, dim=1)
        a1, a2 = self.encoder(before)
        b1, b2 = self.encoder(after)
        d2 = torch.abs(a2 - b2)                         # deep features: |a - b|
        d2 = F.relu(self.fuse(d2))
        d2 = F.interpolate(d2, scale_factor=2, mode="nearest")
        d1 = torch.sub(b1, a1).relu()                   # what appeared
        d1 = d1 - d1.mean((2, 3), keepdim=True)         # centred per channel (broadcasting)
        y = d2.sub(d1)
        return self.head(y)
