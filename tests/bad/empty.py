# expect: 1:1: subclass
# qgen: input-shape=1,1,28,28
# nothing but comments: no nn.Module subclass
