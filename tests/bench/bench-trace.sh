#!/bin/sh
# bench-trace.sh -- benchmark `qgen --emit fx` against torch.fx.symbolic_trace.
# Not a test: prints a table (see bench-trace.py for what is measured).
#
# usage: tests/bench/bench-trace.sh [QGEN] [bench-trace.py options...]
#        QGEN defaults to $QGEN, else ./qgen.
#   e.g. tests/bench/bench-trace.sh ./qgen --sizes 100,1000 --runs 10
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tests=$(cd "$here/.." && pwd)

qgen=${QGEN:-./qgen}
case ${1:-} in
    ""|-*) ;;
    *) qgen=$1; shift ;;
esac

if py=$("$tests/torch-python" 2>/dev/null); then
    :
else
    echo "bench-trace: no Python with torch; timing qgen only" >&2
    py=$(command -v python3 || command -v python || true)
    if [ -z "$py" ]; then
        echo "bench-trace: no Python at all to run bench-trace.py" >&2
        exit 1
    fi
fi
exec "$py" "$here/bench-trace.py" --qgen "$qgen" "$@"
