# A small feature pyramid (Lin et al. 2017, as detection and segmentation
# heads write it): a strided backbone, 1x1 lateral convs, top-down
# F.interpolate(..., size=lateral.shape[-2:], mode="nearest") added to each
# lateral, an nn.Upsample(scale_factor=2) and a cat of the merged levels.
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TinyFPN(nn.Module):
    def __init__(self, widths=(16, 32, 64), out_channels=24, num_classes=5):
        super().__init__()
        self.stages = nn.ModuleList()
        cin = 3
        for w in widths:
            self.stages.append(conv_bn_relu(cin, w, 2))
            cin = w
        self.lateral = nn.ModuleList([nn.Conv2d(w, out_channels, 1) for w in widths])
        self.smooth = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.head = nn.Conv2d(2 * out_channels, num_classes, 1)

    def forward(self, x):
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        top = self.lateral[-1](feats[-1])
        merged = [top]
        for i in range(len(feats) - 2, -1, -1):
            lat = self.lateral[i](feats[i])
            top = lat + F.interpolate(top, size=lat.shape[-2:], mode="nearest")
            merged.append(top)
        p = self.smooth(merged[-1])
        q = self.up(merged[-2])
        return self.head(torch.cat([p, q], dim=1))
