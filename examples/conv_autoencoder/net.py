# A convolutional denoising autoencoder, as image-restoration and anomaly-
# detection code writes it: a strided conv encoder and a decoder of
# transposed convolutions in the usual spellings (kernel 3 / stride 2 /
# padding 1 / output_padding 1, DCGAN's kernel 4 / stride 2 / padding 1, and
# kernel 2 / stride 2 as U-Nets upsample), with BatchNorm, and a linear output
# for normalized images and an MSE loss.
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn


def up_block(cin, cout, kind):
    if kind == "k3":
        up = nn.ConvTranspose2d(cin, cout, kernel_size=3, stride=2, padding=1, output_padding=1, bias=False)
    elif kind == "k4":
        up = nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False)
    else:
        up = nn.ConvTranspose2d(cin, cout, kernel_size=2, stride=2, bias=False)
    return nn.Sequential(up, nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DenoisingAutoencoder(nn.Module):
    def __init__(self, channels=1, widths=(16, 32, 64)):
        super().__init__()
        w1, w2, w3 = widths
        self.encoder = nn.Sequential(
            nn.Conv2d(channels, w1, 3, stride=1, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(w1, w2, 3, stride=2, padding=1), nn.BatchNorm2d(w2), nn.ReLU(inplace=True),   # 14x14
            nn.Conv2d(w2, w3, 3, stride=2, padding=1), nn.BatchNorm2d(w3), nn.ReLU(inplace=True),   # 7x7
        )
        self.bottleneck = nn.Conv2d(w3, w3, 3, padding=1, dilation=1)
        self.up1 = up_block(w3, w2, "k3")        # 7 -> 14
        self.up2 = up_block(w2, w1, "k4")        # 14 -> 28
        self.refine = nn.ConvTranspose2d(w1, w1, kernel_size=3, padding=1)   # stride 1: a conv in disguise
        self.pool = nn.MaxPool2d(2)
        self.up3 = up_block(w1, w1, "k2")        # 14 -> 28
        self.out = nn.Conv2d(w1, channels, 1)

    def forward(self, x):
        z = self.encoder(x)
        z = torch.relu(self.bottleneck(z)) + z
        y = self.up2(self.up1(z))
        y = self.up3(self.pool(self.refine(y)))
        return self.out(y)
