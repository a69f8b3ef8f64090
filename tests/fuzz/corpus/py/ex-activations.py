# The other elementwise activations, each one a table: nn.Tanh, torch.tanh,
# x.tanh(), nn.GELU (erf and tanh forms), F.gelu, nn.LeakyReLU(0.1,
# inplace=True), F.leaky_relu, nn.ELU, F.elu(alpha=0.5), nn.Mish, F.mish,
# nn.Hardswish, a ReLU6 fused into a table, and x / 4.
# qgen: input-shape=1,3,16,16
import torch
import torch.nn as nn
import torch.nn.functional as F


class Activations(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.tanh = nn.Tanh()
        self.c2 = nn.Conv2d(8, 8, 3, padding=1)
        self.gelu = nn.GELU()
        self.gelu_tanh = nn.GELU(approximate='tanh')
        self.c3 = nn.Conv2d(8, 8, 3, padding=1)
        self.leaky = nn.LeakyReLU(0.1, inplace=True)
        self.c4 = nn.Conv2d(8, 8, 3, padding=1)
        self.elu = nn.ELU()
        self.mish = nn.Mish()
        self.relu6 = nn.ReLU6()
        self.c5 = nn.Conv2d(8, 8, 3, padding=1)
        self.fc = nn.Linear(8 * 16 * 16, num_classes)

    def forward(self, x):
        x = self.tanh(self.c1(x))
        x = torch.tanh(x) + x.tanh()
        x = self.gelu_tanh(self.gelu(self.c2(x)))
        x = F.gelu(x)
        x = self.leaky(self.c3(x))
        x = F.leaky_relu(x, 0.2)
        x = self.elu(self.c4(x))
        x = F.elu(x, alpha=0.5)
        x = self.relu6(self.mish(x))
        x = F.mish(self.c5(x)) / 4
        return self.fc(torch.flatten(x, 1))
