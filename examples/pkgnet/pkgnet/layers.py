"""Building blocks: a conv-BN-ReLU block and a stage of them."""
import torch.nn as nn
import torch.nn.functional as F

BN_MOMENTUM = 0.05


def conv3x3(in_planes, out_planes, stride=1):
    """3x3 convolution with padding, no bias (a BatchNorm follows)."""
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride,
                     padding=1, bias=False)


class ConvBNReLU(nn.Module):
    def __init__(self, in_planes, out_planes, stride=1):
        super().__init__()
        self.conv = conv3x3(in_planes, out_planes, stride)
        self.bn = nn.BatchNorm2d(out_planes, momentum=BN_MOMENTUM)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def make_stage(in_planes, out_planes, depth, stride=1):
    """depth blocks; the first one changes the width and the resolution."""
    blocks = [ConvBNReLU(in_planes, out_planes, stride)]
    for _ in range(depth - 1):
        blocks.append(ConvBNReLU(out_planes, out_planes))
    return nn.Sequential(*blocks)
