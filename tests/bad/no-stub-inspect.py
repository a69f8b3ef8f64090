# qgen: input-shape=1,1,28,28
# A standard module qgen has no stub for: `import inspect` is accepted, the
# first use of it is refused.  (Python runs this file.)
import inspect

import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        params = inspect.signature(nn.Conv2d).parameters
        self.conv = nn.Conv2d(1, width, 3, bias='bias' in params)

    def forward(self, x):
        return self.conv(x)
