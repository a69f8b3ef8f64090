# An all-convolutional CIFAR net whose global pooling reads the kernel size
# off the feature map, as many ResNet ports do:
#     F.avg_pool2d(out, out.size()[3])
# The eager model runs fine, but torch.fx.symbolic_trace refuses it: the
# kernel size is a Proxy, and avg_pool2d wants a tuple of ints.
# qgen: input-shape=1,3,32,32
# qgen: fx-untraceable
import torch.nn as nn
import torch.nn.functional as F


class ConvBN(nn.Module):
    def __init__(self, in_planes, out_planes, stride=1):
        super(ConvBN, self).__init__()
        self.conv = nn.Conv2d(in_planes, out_planes, 3, stride, 1, bias=False)
        self.bn = nn.BatchNorm2d(out_planes)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class AllConvNet(nn.Module):
    def __init__(self, num_classes=10, width=16):
        super(AllConvNet, self).__init__()
        self.layer1 = ConvBN(3, width)
        self.layer2 = ConvBN(width, 2 * width, stride=2)
        self.layer3 = ConvBN(2 * width, 2 * width, stride=2)
        self.classifier = nn.Conv2d(2 * width, num_classes, 1)

    def forward(self, x):
        out = self.layer1(x)
        out = self.layer2(out)
        out = self.layer3(out)
        out = self.classifier(out)
        out = F.avg_pool2d(out, out.size()[3])
        out = out.view(out.size(0), -1)
        return out
