# A model whose code lives in a small package, the way projects split theirs:
#
#     examples/pkgnet/net.py              this file: names the model
#     examples/pkgnet/pkgnet/__init__.py  the package (re-exports Net)
#     examples/pkgnet/pkgnet/layers.py    ConvBNReLU, conv3x3(), make_stage()
#     examples/pkgnet/pkgnet/model.py     Net: `from .layers import ConvBNReLU`,
#                                         `from . import layers`
#
# The test scripts take every examples/*/net.py, so the entry file keeps that
# name and the package sits beside it, in the example's own directory:
# `from pkgnet.model import Net` finds it there, as Python does for the
# script it runs (qgen: sibling files and packages of the input file are
# importable), and inside the package the imports are relative.  Nothing of
# the model is defined here, so the model comment below says what to build.
# qgen: input-shape=1,3,32,32
# qgen: model=Net(num_classes=10, widths=(16, 32, 64))
from pkgnet.model import Net

__all__ = ['Net']
