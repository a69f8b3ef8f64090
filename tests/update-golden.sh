#!/bin/sh
# update-golden.sh -- regenerate tests/golden/<example>.fx from real PyTorch.
#
# Writes fx_reference.py's output for every traceable examples/*/net.py.
# Examples marked `# qgen: fx-untraceable` must still be refused by torch.fx;
# their golden file is fx_reference.py's output for the traceable twin that
# `# qgen: fx-reference=FILE` names, or else written by hand (see
# tests/golden/README.md) and left alone.
set -eu

testdir=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$testdir/.." && pwd)
py=$("$testdir/torch-python")
mkdir -p "$testdir/golden"
status=0
for f in "$top"/examples/*/net.py; do
    name=$(basename "$(dirname "$f")")
    twin=
    cls=$(sed -n 's/^#[ ]*qgen:[ ]*class=\([A-Za-z_][A-Za-z_0-9]*\)[ ]*$/\1/p' "$f" | sed -n 1p)
    set -- "$testdir/fx_reference.py" "$f"
    if [ -n "$cls" ]; then set -- "$@" --class "$cls"; fi
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
        mv "$tmp" "$testdir/golden/$name.fx"
        echo "wrote   golden/$name.fx${twin:+ (from $twin)}"
    else
        rm -f "$tmp"
        echo "FAILED  golden/$name.fx" >&2
        status=1
    fi
done
exit $status
