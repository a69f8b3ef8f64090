'''VGG-style network for CIFAR-10, built from a configuration table.'''
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn


class VGG(nn.Module):
    cfg = {
        'tiny': [16, 'M', 32, 'M', 64, 64, 'M'],
        'small': [32, 32, 'M', 64, 64, 'M', 128, 128, 'M'],
    }

    def __init__(self, vgg_name='tiny', num_classes=10, batch_norm=True):
        super(VGG, self).__init__()
        self.features = self._make_layers(self.cfg[vgg_name], batch_norm)
        self.avgpool = nn.AvgPool2d(kernel_size=2, stride=2)
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(p=0.3),
            nn.Linear(64 * 2 * 2, 64),
            nn.ReLU(True),
            nn.Linear(64, num_classes),
        )

    def forward(self, x):
        out = self.features(x)
        out = self.avgpool(out)
        out = self.classifier(out)
        return out

    def _make_layers(self, cfg, batch_norm=False):
        layers = []
        in_channels = 3
        for v in cfg:
            if v == 'M':
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
                if batch_norm:
                    layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                else:
                    layers += [conv2d, nn.ReLU(inplace=True)]
                in_channels = v
        return nn.Sequential(*layers)
