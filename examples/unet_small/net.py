# A small U-Net for 32x32 inputs in the style of milesial/Pytorch-UNet
# (DoubleConv, Down, Up modules; Up's forward takes two tensors), with
# LeakyReLU(0.1, inplace=True), nn.Upsample(scale_factor=2,
# mode='bilinear', align_corners=True), a ConvNeXt-style channels-last MLP
# in the bottleneck (x.permute(0, 2, 3, 1), nn.Linear, nn.GELU, permute
# back), a torchvision-segmentation-style head that resizes to the input's
# size with F.interpolate(x, size=input_shape, ...) where
# input_shape = x.shape[-2:], Dropout2d and Softmax(dim=1).
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn
import torch.nn.functional as F


class DoubleConv(nn.Module):
    """(convolution => [BN] => LeakyReLU) * 2"""

    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.LeakyReLU(0.1, inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.LeakyReLU(0.1, inplace=True)
        )

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    """Downscaling with maxpool then double conv"""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(
            nn.MaxPool2d(2),
            DoubleConv(in_channels, out_channels)
        )

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    """Upscaling then double conv"""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
        self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class MLPBlock(nn.Module):
    """ConvNeXt's inverted bottleneck, channels last, without the norm"""

    def __init__(self, dim, expansion=4):
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, kernel_size=7, padding=3, groups=dim)
        self.pwconv1 = nn.Linear(dim, expansion * dim)
        self.act = nn.GELU()
        self.pwconv2 = nn.Linear(expansion * dim, dim)

    def forward(self, x):
        input = x
        x = self.dwconv(x)
        x = x.permute(0, 2, 3, 1)  # (N, C, H, W) -> (N, H, W, C)
        x = self.pwconv1(x)
        x = self.act(x)
        x = self.pwconv2(x)
        x = x.permute(0, 3, 1, 2)  # (N, H, W, C) -> (N, C, H, W)
        return input + x


class UNet(nn.Module):
    def __init__(self, n_channels=3, n_classes=4):
        super().__init__()
        self.inc = DoubleConv(n_channels, 8)
        self.down1 = Down(8, 16)
        self.down2 = Down(16, 32)
        self.bottleneck = MLPBlock(32)
        self.up1 = Up(48, 16)
        self.up2 = Up(24, 8)
        self.head = nn.Sequential(
            nn.Dropout2d(0.1),
            nn.Conv2d(8, n_classes, kernel_size=1),
        )
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        input_shape = x.shape[-2:]
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x3 = self.bottleneck(x3)
        x = self.up1(x3, x2)
        x = self.up2(x, x1)
        x = F.max_pool2d(x, 2)
        x = self.head(x)
        x = F.interpolate(x, size=input_shape, mode="bilinear", align_corners=False)
        return self.softmax(x)
