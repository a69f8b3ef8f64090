"""pkgnet: a small CIFAR classifier split over a package."""
from .model import Net

__version__ = '0.1'
