# qgen: input-shape=1,1,28,28
# qgen: model=Net()
# An import cycle between two sibling modules: main imports a; a's first
# line imports b; b does `import a` (which hands it a, half-initialised) and
# at its top level reads a.WIDTH, which a defines only after that first line.
# Python: AttributeError: partially initialized module 'a' has no attribute
# 'WIDTH' (most likely due to a circular import), in b.py line 7.
from a import Net
