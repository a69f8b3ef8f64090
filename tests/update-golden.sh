#!/bin/sh
# update-golden.sh -- regenerate tests/golden/<example>.fx from real PyTorch.
#
# Writes fx_reference.py's output for every traceable examples/*/net.py.
# Examples marked `# qgen: fx-untraceable` are left alone: their golden file
# is written by hand (see tests/golden/README.md); this script only checks
# that torch.fx still refuses them.
set -eu

testdir=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$testdir/.." && pwd)
py=$("$testdir/torch-python")
mkdir -p "$testdir/golden"
status=0
for f in "$top"/examples/*/net.py; do
    name=$(basename "$(dirname "$f")")
    cls=$(sed -n 's/^#[ ]*qgen:[ ]*class=\([A-Za-z_][A-Za-z_0-9]*\)[ ]*$/\1/p' "$f" | sed -n 1p)
    set -- "$testdir/fx_reference.py" "$f"
    if [ -n "$cls" ]; then set -- "$@" --class "$cls"; fi
    if grep -q '^#[ ]*qgen:[ ]*fx-untraceable' "$f"; then
        rc=0
        "$py" "$@" >/dev/null 2>&1 || rc=$?
        if [ "$rc" -eq 3 ]; then
            echo "kept    golden/$name.fx (fx-untraceable, written by hand)"
        else
            echo "WARNING golden/$name.fx: marked fx-untraceable but fx_reference.py exited $rc" >&2
            status=1
        fi
        continue
    fi
    tmp=$testdir/golden/.$name.fx.tmp
    if "$py" "$@" >"$tmp"; then
        mv "$tmp" "$testdir/golden/$name.fx"
        echo "wrote   golden/$name.fx"
    else
        rm -f "$tmp"
        echo "FAILED  golden/$name.fx" >&2
        status=1
    fi
done
exit $status
