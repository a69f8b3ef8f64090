# qgen: input-shape=1,1,28,28
# qgen: model=Net()
# An import cycle between two sibling modules: main imports a; a's WIDTH
# is computed from b's CHANNELS, and b's CHANNELS from a's WIDTH. Python
# fails too (a partially initialised module has no attribute 'WIDTH').
from a import Net
