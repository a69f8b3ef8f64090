# expect: 20:9: out of range
# qgen: input-shape=1,3,16,16
# channel_shuffle with the group axis taken as dim 5 of a 5-D view (dims are 0..4)
import torch
import torch.nn as nn


def channel_shuffle(x, groups):
    batchsize, num_channels, height, width = x.size()
    channels_per_group = num_channels // groups
    x = x.view(batchsize, groups, channels_per_group, height, width)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(batchsize, -1, height, width)


def channel_shuffle_nhwc(x, groups):
    batchsize, height, width, num_channels = x.size()
    channels_per_group = num_channels // groups
    x = x.view(batchsize, height, width, groups, channels_per_group)
    x = torch.transpose(x, 3, 5).contiguous()
    return x.view(batchsize, height, width, -1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        x = channel_shuffle(self.conv(x), 2)
        x = x.permute(0, 2, 3, 1)
        return channel_shuffle_nhwc(x, 2)
