# tests/lib.sh -- shared by qgen's shell tests.  Source it, don't run it:
#
#     testdir=$(cd "$(dirname "$0")" && pwd)
#     . "$testdir/lib.sh"
#
# It sets:
#   top_srcdir   absolute path of the source tree.  From $top_srcdir if set,
#                else from Automake's $srcdir (which is the top or tests/),
#                else the parent of the calling script's directory.
#   testdir      absolute path of tests/ in the source tree
#   QGEN         absolute path of the qgen binary ($QGEN, default ./qgen in
#                the current (build) directory)
#   tmpdir       a fresh temporary directory, removed on exit (after tmpdir_setup)
# and gives TAP helpers: plan, ok, not_ok, skip, diag, diag_file, check,
# bail_out, tap_done, and sanitizer_options, sanitizer_report.

set -eu

# ---------------------------------------------------------------- locations

_qgen_abs() {
    # absolute path of an existing directory
    (cd "$1" 2>/dev/null && pwd)
}

_qgen_find_top() {
    if [ -n "${top_srcdir:-}" ] && [ -d "$top_srcdir/tests" ]; then
        _qgen_abs "$top_srcdir"; return
    fi
    if [ -n "${srcdir:-}" ]; then
        if [ -f "$srcdir/tests/lib.sh" ]; then _qgen_abs "$srcdir"; return; fi
        if [ -f "$srcdir/lib.sh" ]; then _qgen_abs "$srcdir/.."; return; fi
    fi
    if [ -n "${testdir:-}" ] && [ -f "$testdir/lib.sh" ]; then
        _qgen_abs "$testdir/.."; return
    fi
    _qgen_abs "$(dirname "$0")/.."
}

top_srcdir=$(_qgen_find_top)
testdir=$top_srcdir/tests
export top_srcdir

QGEN=${QGEN:-./qgen}
case $QGEN in
    /*) ;;
    */*) QGEN=$(pwd)/$QGEN ;;
    *) if [ -x "./$QGEN" ]; then QGEN=$(pwd)/$QGEN
       elif command -v "$QGEN" >/dev/null 2>&1; then QGEN=$(command -v "$QGEN")
       else QGEN=$(pwd)/$QGEN
       fi ;;
esac

# `timeout` guards against a hanging qgen; absent on some systems.
if command -v timeout >/dev/null 2>&1; then
    QGEN_TIMEOUT=${QGEN_TIMEOUT:-120}
    with_timeout() { timeout "$QGEN_TIMEOUT" "$@"; }
else
    with_timeout() { "$@"; }
fi

# ---------------------------------------------------------------- temp dir

tmpdir=
tmpdir_setup() {
    tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/qgen-test.XXXXXX")
    trap 'rm -rf "$tmpdir"' EXIT
    trap 'rm -rf "$tmpdir"; trap - EXIT; exit 130' INT
    trap 'rm -rf "$tmpdir"; trap - EXIT; exit 143' TERM HUP
}

# ---------------------------------------------------------------- TAP

tap_count=0
tap_failed=0

plan() { printf '1..%s\n' "$1"; }

ok() {
    tap_count=$((tap_count + 1))
    printf 'ok %d - %s\n' "$tap_count" "$*"
}

not_ok() {
    tap_count=$((tap_count + 1))
    tap_failed=$((tap_failed + 1))
    printf 'not ok %d - %s\n' "$tap_count" "$*"
}

# skip DESCRIPTION REASON
skip() {
    tap_count=$((tap_count + 1))
    printf 'ok %d - %s # SKIP %s\n' "$tap_count" "$1" "$2"
}

# diag TEXT...: each argument's lines as TAP comments
diag() {
    for _d in "$@"; do
        printf '%s\n' "$_d" | sed 's/^/# /'
    done
}

# diag_file FILE [MAXLINES]: a file's first lines as TAP comments
diag_file() {
    [ -s "$1" ] || return 0
    sed -n "1,${2:-40}p" "$1" | sed 's/^/# /'
    _n=$(wc -l < "$1")
    if [ "$_n" -gt "${2:-40}" ]; then
        printf '# ... (%d more lines)\n' $((_n - ${2:-40}))
    fi
}

# check DESCRIPTION COMMAND...: ok if COMMAND succeeds
check() {
    _desc=$1; shift
    if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}

bail_out() {
    printf 'Bail out! %s\n' "$*"
    exit 1
}

# tap_done: exit status 1 if any test failed (Automake's TAP driver reads
# the ok/not ok lines; this is for running the script by hand).
tap_done() {
    if [ "$tap_failed" -gt 0 ]; then exit 1; fi
    exit 0
}

# sanitizer_options: the sanitizer builds' defaults (leaks checked, UBSan
# stops at its first report), unless the caller's environment sets them
sanitizer_options() {
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    export ASAN_OPTIONS UBSAN_OPTIONS
}

# sanitizer_report FILE: true if FILE holds a sanitizer's report
sanitizer_report() {
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer)|runtime error:|UndefinedBehaviorSanitizer|SUMMARY: [A-Za-z]+Sanitizer' "$1" >/dev/null 2>&1
}

require_qgen() {
    if [ ! -x "$QGEN" ]; then
        bail_out "qgen binary not found or not executable: $QGEN (set QGEN=/path/to/qgen)"
    fi
}
