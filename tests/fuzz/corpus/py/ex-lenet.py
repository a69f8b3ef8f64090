# LeNet-5 for MNIST: the conv stages live in an nn.ModuleList and share
# one ReLU and one pooling module.
# qgen: input-shape=1,1,28,28
import torch
import torch.nn as nn


class LeNet5(nn.Module):
    def __init__(self, in_channels=1, num_classes=10, widths=(6, 16)):
        super().__init__()
        convs = []
        prev = in_channels
        for width in widths:
            convs.append(nn.Conv2d(prev, width, kernel_size=5, padding=2))
            prev = width
        self.convs = nn.ModuleList(convs)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)
        self.relu = nn.ReLU()
        self.fc1 = nn.Linear(widths[-1] * 7 * 7, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)
        self.clip = nn.Hardtanh(min_val=-4.0, max_val=4.0)
        self.out_act = nn.Identity()

    def forward(self, x):
        for conv in self.convs:
            x = self.pool(self.relu(conv(x)))
        x = x.flatten(1)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        x = self.clip(self.fc3(x))
        return self.out_act(x)
