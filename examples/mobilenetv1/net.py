# MobileNet v1 (Howard et al. 2017), written the way the widely copied
# single-file PyTorch ports write it: two helper functions nested in
# __init__ that return nn.Sequential blocks, a depthwise-separable stack in
# one Sequential, `x.view(-1, C)` before the classifier.  Width 1/4, CIFAR
# input, 10 classes.  He initialization (fan in) keeps the activations'
# scale through the 23 layers, as trained BatchNorms would.
#
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn


class MobileNet(nn.Module):
    def __init__(self, num_classes=10, width=0.25):
        super(MobileNet, self).__init__()

        def c(n):
            return int(n * width)

        def conv_bn(inp, oup, stride):
            return nn.Sequential(
                nn.Conv2d(inp, oup, 3, stride, 1, bias=False),
                nn.BatchNorm2d(oup),
                nn.ReLU(inplace=True)
            )

        def conv_dw(inp, oup, stride):
            return nn.Sequential(
                nn.Conv2d(inp, inp, 3, stride, 1, groups=inp, bias=False),
                nn.BatchNorm2d(inp),
                nn.ReLU(inplace=True),

                nn.Conv2d(inp, oup, 1, 1, 0, bias=False),
                nn.BatchNorm2d(oup),
                nn.ReLU(inplace=True),
            )

        self.last = c(1024)
        self.model = nn.Sequential(
            conv_bn(3, c(32), 1),
            conv_dw(c(32), c(64), 1),
            conv_dw(c(64), c(128), 2),
            conv_dw(c(128), c(128), 1),
            conv_dw(c(128), c(256), 2),
            conv_dw(c(256), c(256), 1),
            conv_dw(c(256), c(512), 2),
            conv_dw(c(512), c(512), 1),
            conv_dw(c(512), c(512), 1),
            conv_dw(c(512), c(1024), 2),
            conv_dw(c(1024), c(1024), 1),
            nn.AvgPool2d(2),
        )
        self.fc = nn.Linear(self.last, num_classes)

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, nonlinearity='relu')
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.model(x)
        x = x.view(-1, self.last)
        x = self.fc(x)
        return x
