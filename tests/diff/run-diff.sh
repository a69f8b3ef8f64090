#!/bin/sh
# run-diff.sh N [FIRST] [DIR]: the differential test (test_diff.py) on N
# random programs from seed FIRST (default 10000); each failing program is
# saved in DIR (default ./diff-failures) as seed-S.py and minimized by
# minimize.py (delta debugging on lines: a line is dropped while qgen and
# torch.fx still disagree the same way) into seed-S.min.py.
set -u
[ $# -ge 1 ] || { echo "usage: $0 N [FIRST] [DIR]" >&2; exit 2; }
n=$1 first=${2:-10000} dir=${3:-diff-failures}
here=$(cd "$(dirname "$0")" && pwd)
py=$("$here/../torch-python") || { echo "$0: no Python with torch" >&2; exit 1; }
mkdir -p "$dir"
QGEN=${QGEN:-./qgen} QGEN_DIFF_N=$n QGEN_DIFF_FIRST=$first "$py" "$here/test_diff.py" > "$dir/log" 2>&1
fails=$(sed -n 's/^not ok [0-9]* - seed \([0-9]*\):.*/\1/p' "$dir/log" | sort -un)
echo "$(grep -c '^ok' "$dir/log") checks passed, $(echo "$fails" | grep -c .) programs failed (log: $dir/log)"
for s in $fails; do
    "$py" "$here/gen_models.py" "$s" > "$dir/seed-$s.py"
    QGEN=${QGEN:-./qgen} "$py" "$here/minimize.py" "$dir/seed-$s.py" > "$dir/seed-$s.min.py" && echo "  $dir/seed-$s.min.py"
done
[ -z "$fails" ]
