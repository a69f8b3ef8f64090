# expect: 9:17: repetition too large
# sequence repetition is limited to 10**7 items
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        n = len("ab" * 10**9)
        self.fc = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(x)
