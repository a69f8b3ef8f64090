# expect: 1:1: subclass
# qgen: input-shape=1,1,28,28
# no nn.Module subclass, and no --class option
import torch


class Config:
    width = 8

    def __init__(self):
        self.depth = 3


def build():
    return Config()
