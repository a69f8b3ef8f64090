# expect: 12:16: output padding must be smaller than either stride or dilation
# qgen: input-shape=1,4,8,8
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 4, 3, stride=1, padding=1, output_padding=1)

    def forward(self, x):
        return self.up(x)
