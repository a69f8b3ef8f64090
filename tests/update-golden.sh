#!/bin/sh
# update-golden.sh -- regenerate tests/golden/<example>.fx from real PyTorch.
#
# Writes fx_reference.py's output for every traceable examples/*/net.py:
# print(torch.fx.symbolic_trace(model.eval())) for the model the example
# names (`# qgen: model=EXPR`, else `# qgen: class=NAME`, else the class
# fx_reference.py picks), minus the hint line.
# Examples marked `# qgen: fx-untraceable` must still be refused by torch.fx;
# their golden file is fx_reference.py's output for the traceable twin that
# `# qgen: fx-reference=FILE` names, or else written by hand (see
# tests/golden/README.md) and left alone.
#
# usage: tests/update-golden.sh [EXAMPLE...]   (default: every example)
set -eu

testdir=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$testdir/.." && pwd)
py=$("$testdir/torch-python")
mkdir -p "$testdir/golden"
status=0
if [ $# -gt 0 ]; then
    files=
    for n in "$@"; do files="$files $top/examples/$n/net.py"; done
else
    files=$(ls "$top"/examples/*/net.py)
fi
for f in $files; do
    name=$(basename "$(dirname "$f")")
    twin=
    cls=$(sed -n 's/^#[ ]*qgen:[ ]*class=\([A-Za-z_][A-Za-z_0-9]*\)[ ]*$/\1/p' "$f" | sed -n 1p)
    model=$(sed -n 's/^#[ ]*qgen:[ ]*model=\(.*[^ ]\)[ ]*$/\1/p' "$f" | sed -n 1p)
    set -- "$testdir/fx_reference.py" "$f"
    if [ -n "$model" ]; then set -- "$@" --model "$model"
    elif [ -n "$cls" ]; then set -- "$@" --class "$cls"; fi
    if grep -q '^#[ ]*qgen:[ ]*fx-untraceable' "$f"; then
        rc=0
        "$py" "$@" >/dev/null 2>&1 || rc=$?
        if [ "$rc" -ne 3 ]; then
            echo "WARNING golden/$name.fx: marked fx-untraceable but fx_reference.py exited $rc" >&2
            status=1
            continue
        fi
        twin=$(sed -n 's/^#[ ]*qgen:[ ]*fx-reference=\([A-Za-z_0-9.-]*\)[ ]*$/\1/p' "$f" | sed -n 1p)
        if [ -z "$twin" ]; then
            echo "kept    golden/$name.fx (fx-untraceable, written by hand)"
            continue
        fi
        set -- "$testdir/fx_reference.py" "$(dirname "$f")/$twin"
        if [ -n "$cls" ]; then set -- "$@" --class "$cls"; fi
    fi
    tmp=$testdir/golden/.$name.fx.tmp
    if "$py" "$@" >"$tmp"; then
        if cmp -s "$tmp" "$testdir/golden/$name.fx"; then
            rm -f "$tmp"
            echo "same    golden/$name.fx${twin:+ (from $twin)}"
        else
            mv "$tmp" "$testdir/golden/$name.fx"
            echo "wrote   golden/$name.fx${twin:+ (from $twin)}"
        fi
    else
        rm -f "$tmp"
        echo "FAILED  golden/$name.fx" >&2
        status=1
    fi
done
exit $status
