#!/bin/sh
# make-dict.sh [TORCH_DEF] > qgen.dict: libFuzzer's dictionary for the
# pipeline harnesses, from src/torch.def: every module, function, method and
# builtin name qgen knows ("Conv2d", "relu", ...), every parameter name of
# their signatures ("kernel_size=", ...), and the Python words and qgen
# comments that model files use.  qgen.dict is committed; smoke.sh checks
# that it is current.
def=${1:-$(dirname "$0")/../../src/torch.def}
LC_ALL=C
export LC_ALL
{
    # OP(ID, KIND, "NS", "NAME", ...: the fourth field
    sed -n 's/^OP([A-Z0-9_]*, *[A-Z_]*, *"[^"]*", *"\([^"]*\)".*/\1/p' "$def"
    # signatures: the lowercase names before '=' or ',' in the quoted lists
    sed -n 's/^ *"\([a-z_][a-z_0-9]*[=,].*\)",* *$/\1/p; s/^OP(.*, *"\([a-z_*][^"]*\)", *AS_CALLED.*/\1/p; s/^OP(.*, *"\([a-z_*][^"]*\)", *HANDLE.*/\1/p' "$def" |
        tr ',' '\n' | sed -n 's/^ *\**\([a-z_][a-z_0-9]*\).*/\1=/p'
    for w in 'def ' 'class ' 'return ' 'self.' 'super().__init__()' 'nn.Module' 'nn.' 'torch.' 'F.' \
        'import torch' 'import torch.nn as nn' 'import torch.nn.functional as F' 'from ' ' import ' \
        'for ' ' in ' 'range(' 'if ' 'else:' 'elif ' 'while ' 'lambda ' 'None' 'True' 'False' \
        'nn.Sequential(' 'nn.ModuleList(' 'append(' 'forward(self, x):' '__init__(self' \
        '# qgen: input-shape=' '# qgen: model=' '1,3,32,32' '1,1,28,28' 'x = ' '(x)' '+ x' '**' '//' ' @ '; do
        printf '%s\n' "$w"
    done
} | awk 'length($0) > 0 && !seen[$0]++' | sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$/"/'
