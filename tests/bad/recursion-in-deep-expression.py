# expect: 13:41: recursion too deep
# A class whose __init__ builds itself again, inside 50 unary operators:
# qgen limits nested calls (200) and the syntax's nesting (500 levels), but
# the two multiply, and this needs 10,000 expressions on the C stack at
# once; past QGEN_MAX_EVAL_DEPTH (600) it is a located error (a
# fuzz-import finding: a stack overflow in eval).  CPython gives a
# RecursionError.
import torch.nn as nn


class Block(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~nn.Conv2d(cin, Block(4, cout)), nn.ReLU())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b = Block(3, 2)

    def forward(self, x):
        return self.b(x)
