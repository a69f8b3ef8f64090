# The rest of torch.nn's elementwise activations, in every spelling people
# use, each a table: nn.Softplus(beta=2), F.softplus, nn.SELU, F.selu,
# nn.CELU, nn.Softsign, F.tanhshrink, nn.LogSigmoid, nn.Hardshrink,
# F.softshrink, nn.Threshold, torch.exp, x.abs(), -x, torch.square; and the
# clamps: torch.clamp(x, 0, 6) fused into its conv, x.clamp(min=-1) with an
# open side, F.relu_ and x.relu_() in place.
# qgen: input-shape=1,3,16,16
import torch
import torch.nn as nn
import torch.nn.functional as F


class ActivationZoo(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.softplus = nn.Softplus(beta=2)
        self.selu = nn.SELU(inplace=True)
        self.c2 = nn.Conv2d(8, 8, 3, padding=1)
        self.celu = nn.CELU(alpha=0.5)
        self.softsign = nn.Softsign()
        self.c3 = nn.Conv2d(8, 8, 3, padding=1)
        self.logsigmoid = nn.LogSigmoid()
        self.hardshrink = nn.Hardshrink(0.25)
        self.threshold = nn.Threshold(0.1, -0.5)
        self.c4 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.fc = nn.Linear(16 * 8 * 8, num_classes)

    def forward(self, x):
        x = self.c1(x)
        a = self.softplus(x) + F.softplus(x)
        b = self.selu(self.c2(a)) + F.selu(a)
        x = self.celu(b) * 0.5 + self.softsign(b)
        x = F.tanhshrink(self.c3(x))
        y = self.logsigmoid(x) + self.hardshrink(x) + F.softshrink(x, 0.1)
        y = self.threshold(y) + torch.exp(-x) + x.abs() + torch.square(x)
        y = torch.clamp(self.c4(y), 0, 6)
        z = y.clamp(min=-1.0) + F.relu_(y - 3)
        z = z.relu_().flatten(1)
        return self.fc(z)
