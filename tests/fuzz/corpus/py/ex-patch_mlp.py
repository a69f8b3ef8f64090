# A small all-MLP image classifier in the style of MLP-Mixer and ResMLP: a
# strided conv cuts the image into patches, then blocks of token-mixing and
# channel-mixing MLPs work on the [N, tokens, channels] sequence.
# qgen: input-shape=1,3,32,32
import torch
import torch.nn as nn


class MlpBlock(nn.Module):
    def __init__(self, dim, hidden, drop=0.0):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)
        self.drop = nn.Dropout(drop)

    def forward(self, x):
        x = self.fc1(x)
        x = self.act(x)
        x = self.drop(x)
        return self.drop(self.fc2(x))


class MixerBlock(nn.Module):
    def __init__(self, tokens, channels, token_hidden, channel_hidden):
        super().__init__()
        self.token_mix = MlpBlock(tokens, token_hidden)
        self.channel_mix = MlpBlock(channels, channel_hidden)

    def forward(self, x):
        # mix along the tokens: Linear over the last dim of [N, C, T]
        x = x + self.token_mix(x.transpose(1, 2)).transpose(1, 2)
        x = x + self.channel_mix(x)
        return x


class PatchMLP(nn.Module):
    def __init__(self, num_classes=10, patch=4, dim=32, depth=2, image_size=32):
        super().__init__()
        tokens = (image_size // patch) ** 2
        self.stem = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        self.blocks = nn.Sequential(*[MixerBlock(tokens, dim, tokens // 2, dim * 4) for _ in range(depth)])
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.stem(x)                    # [N, C, H/p, W/p]
        x = x.flatten(2).transpose(1, 2)    # [N, T, C]
        x = self.blocks(x)
        x = x.mean(dim=1)
        return self.head(x)
