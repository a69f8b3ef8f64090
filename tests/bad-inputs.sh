#!/bin/sh
# bad-inputs.sh -- TAP test: qgen refuses every file in tests/bad/ cleanly.
#
# Each tests/bad/*.py starts with a line
#     # expect: LINE:COL: SUBSTRING
# (a file that cannot hold it -- a zero-byte file -- has it in FILE.expect).
# For each file, and for each binary ($QGEN, and $QGEN_ASAN when that is set
# and exists: a sanitizer build), `BIN --emit fx FILE -o $tmpdir/out` must:
#   * exit with status exactly 1 (>= 128 or a timeout is a crash);
#   * print no AddressSanitizer/LeakSanitizer/UBSan report;
#   * print as stderr's first line  FILE:LINE:COL: error: ...SUBSTRING...
#     (FILE exactly as given on the command line; SUBSTRING matched
#     case-insensitively; an empty SUBSTRING matches anything);
#   * when FILE is text (no NUL byte, valid UTF-8) and has a line LINE:
#     print that source line as stderr's second line (after an optional
#     prefix such as "   12 | ") and, as the third line, a caret `^` under
#     column COL (COL counted in bytes; a caret counted in characters is
#     accepted too), preceded only by blanks after the prefix's width;
#   * write nothing to stdout and leave no $tmpdir/out behind.
# Then usage errors: an unknown option and a bad --emit value exit 2, no
# arguments exit 2, a missing input file exits 1 with "error:" on stderr.
#
# Environment: QGEN (default ./qgen), QGEN_ASAN (optional),
# top_srcdir or srcdir (default: derived from this script's location).

testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"

# byte semantics for ${#var}, sed and friends
LC_ALL=C
export LC_ALL

tmpdir_setup

bins=$QGEN
if [ -n "${QGEN_ASAN:-}" ]; then
    case $QGEN_ASAN in /*) ;; *) QGEN_ASAN=$(pwd)/$QGEN_ASAN ;; esac
    if [ -x "$QGEN_ASAN" ]; then
        bins="$bins
$QGEN_ASAN"
    fi
fi
n_bins=$(printf '%s\n' "$bins" | wc -l)

files=$(ls "$top_srcdir"/tests/bad/*.py 2>/dev/null | sort || true)
[ -n "$files" ] || bail_out "no files in $top_srcdir/tests/bad"
n_files=$(printf '%s\n' "$files" | wc -l)
n_usage=4

plan $(( (n_files + n_usage) * n_bins ))
require_qgen

IFS='
'

# For sanitizer builds: report and fail, but never abort on leaks silently.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

is_text() {
    # no NUL byte, and valid UTF-8 when iconv can tell
    if ! tr -d '\000' < "$1" | cmp -s - "$1"; then return 1; fi
    if command -v iconv >/dev/null 2>&1; then
        iconv -f UTF-8 -t UTF-8 < "$1" >/dev/null 2>&1 || return 1
    fi
    return 0
}

expect_line() {
    _first=$(sed -n '1p' "$1")
    case $_first in
        "# expect:"*) printf '%s\n' "$_first"; return ;;
    esac
    if [ -f "$1.expect" ]; then sed -n '1p' "$1.expect"; fi
}

sanitizer_report() {
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer)|runtime error:|UndefinedBehaviorSanitizer|SUMMARY: [A-Za-z]+Sanitizer' "$1" >/dev/null 2>&1
}

lower() { printf '%s' "$1" | tr 'A-Z' 'a-z'; }

# chars STRING: number of UTF-8 characters (bytes minus continuation bytes)
chars() { printf '%s' "$1" | tr -d '\200-\277' | wc -c | tr -d ' '; }

status_text() {
    if [ "$1" -eq 124 ]; then echo "timed out"
    elif [ "$1" -ge 128 ]; then echo "killed by signal $(($1 - 128))"
    else echo "exit status $1"
    fi
}

for f in $files; do
    rel=${f#"$top_srcdir"/}
    spec=$(expect_line "$f")
    eline=$(printf '%s\n' "$spec" | sed -n 's/^# expect: *\([0-9][0-9]*\):\([0-9][0-9]*\):.*$/\1/p')
    ecol=$(printf '%s\n' "$spec" | sed -n 's/^# expect: *\([0-9][0-9]*\):\([0-9][0-9]*\):.*$/\2/p')
    esub=$(printf '%s\n' "$spec" | sed -n 's/^# expect: *[0-9][0-9]*:[0-9][0-9]*:[ ]*//p' | sed 's/[ ]*$//')
    text=no
    if is_text "$f"; then text=yes; fi

    for bin in $bins; do
        tag=qgen; [ "$bin" = "$QGEN" ] || tag=asan
        if [ -z "$eline" ] || [ -z "$ecol" ]; then
            not_ok "$rel [$tag]: no '# expect: LINE:COL: SUBSTRING' on line 1 or in $rel.expect"
            continue
        fi
        rm -rf "$tmpdir/out" "$tmpdir/stdout" "$tmpdir/stderr"
        status=0
        with_timeout "$bin" --emit fx "$f" -o "$tmpdir/out" \
            >"$tmpdir/stdout" 2>"$tmpdir/stderr" || status=$?

        problems=
        if [ "$status" -ne 1 ]; then
            problems="$problems
$(status_text "$status"), want exit status 1"
        fi
        if sanitizer_report "$tmpdir/stderr"; then
            problems="$problems
sanitizer report on stderr"
        fi

        l1=$(sed -n '1p' "$tmpdir/stderr")
        want_prefix="$f:$eline:$ecol: error: "
        case $l1 in
            "$want_prefix"*)
                msg=${l1#"$want_prefix"}
                case $(lower "$msg") in
                    *"$(lower "$esub")"*) ;;
                    *) problems="$problems
message lacks \"$esub\"" ;;
                esac ;;
            *)  problems="$problems
first stderr line is not \"$want_prefix...\"" ;;
        esac

        src=$(sed -n "${eline}p" "$f")
        nlines=$(wc -l < "$f")
        [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ] && nlines=$((nlines + 1))
        if [ "$text" = yes ] && [ "$eline" -le "$nlines" ]; then
            l2=$(sed -n '2p' "$tmpdir/stderr")
            l3=$(sed -n '3p' "$tmpdir/stderr")
            case $l2 in
                *"$src")
                    prefix=${l2%"$src"}
                    plen=${#prefix}
                    case $l3 in
                        *^*)
                            before=${l3%%^*}
                            want_b=$((plen + ecol - 1))
                            head=
                            if [ "$ecol" -gt 1 ]; then
                                head=$(printf '%s' "$src" | cut -b "1-$((ecol - 1))")
                            fi
                            want_c=$((plen + $(chars "$head")))
                            if [ "${#before}" -ne "$want_b" ] && [ "${#before}" -ne "$want_c" ]; then
                                problems="$problems
caret at byte $((${#before} + 1)) of line 3, want byte $((want_b + 1))"
                            else
                                nonblank=$(printf '%s' "$before" | cut -b "$((plen + 1))-" | tr -d ' \t')
                                if [ -n "$nonblank" ]; then
                                    problems="$problems
caret line has non-blank characters before the caret"
                                fi
                            fi ;;
                        *) problems="$problems
third stderr line has no caret" ;;
                    esac ;;
                *) problems="$problems
second stderr line is not source line $eline" ;;
            esac
        fi

        if [ -s "$tmpdir/stdout" ]; then
            problems="$problems
wrote to stdout"
        fi
        if [ -e "$tmpdir/out" ]; then
            problems="$problems
left output file behind"
        fi

        if [ -z "$problems" ]; then
            ok "$rel [$tag]: $eline:$ecol: ${esub:-(any message)}"
        else
            not_ok "$rel [$tag]: want $eline:$ecol: ${esub:-(any message)}"
            diag "problems:$problems" "stderr was:"
            diag_file "$tmpdir/stderr" 12
        fi
    done
done

# ---------------------------------------------------------------- usage errors
seed=$top_srcdir/examples/seed/net.py
for bin in $bins; do
    tag=qgen; [ "$bin" = "$QGEN" ] || tag=asan

    # usage_case DESC WANT_STATUS WANT_GREP ARGS...
    usage_case() {
        _desc=$1 _want=$2 _grep=$3
        shift 3
        _st=0
        with_timeout "$bin" "$@" >"$tmpdir/stdout" 2>"$tmpdir/stderr" </dev/null || _st=$?
        _why=
        [ "$_st" -eq "$_want" ] || _why="$(status_text "$_st"), want $_want"
        if [ ! -s "$tmpdir/stderr" ]; then _why="$_why; nothing on stderr"; fi
        if [ -n "$_grep" ] && ! grep -q -- "$_grep" "$tmpdir/stderr"; then
            _why="$_why; stderr lacks \"$_grep\""
        fi
        if sanitizer_report "$tmpdir/stderr"; then _why="$_why; sanitizer report"; fi
        if [ -z "$_why" ]; then
            ok "usage [$tag]: $_desc"
        else
            not_ok "usage [$tag]: $_desc: $_why"
            diag_file "$tmpdir/stderr" 8
        fi
    }

    usage_case "unknown option exits 2" 2 "" --no-such-option --emit fx "$seed"
    usage_case "unknown --emit kind exits 2" 2 "" --emit no-such-kind "$seed"
    usage_case "no arguments exits 2" 2 ""
    usage_case "missing input file exits 1 with error:" 1 "error:" \
        --emit fx "$tmpdir/no-such-file.py"
done

tap_done
