#!/bin/sh
# bad-inputs.sh -- TAP test: qgen refuses every file in tests/bad/ cleanly.
#
# The cases: every tests/bad/*.py, and every tests/bad/*/main.py (a case of
# several files: main.py is the one given to qgen, its siblings it imports).
# Each case file starts with a line
#     # expect: [WHERE:]LINE:COL: SUBSTRING
# or has it as the first line of CASE.expect (a zero-byte file, and cases
# whose expectation is still a placeholder).  WHERE, when given, is the file
# the error is in, relative to the case file's directory (`b.py`), or
# `--model` for an error in the --model expression (shown as a one-line
# file of that name).  A line `# qgen-args: ARGS` in the case file adds ARGS
# (shell-quoted, e.g. --model 'make()') to qgen's command line.  A line
# `# placeholder: WHY` in CASE.expect marks an expectation not yet checked
# against qgen: the result is reported as TAP TODO (a failure is expected
# and not counted; a pass is an unexpected pass, which Automake counts as a
# failure: finalize the expectation and delete the placeholder line).
# For each case, and for each binary ($QGEN, and $QGEN_ASAN when that is set
# and exists: a sanitizer build, and $QGEN_CLANG_SAN: clang's), `BIN --emit fx ARGS FILE -o $tmpdir/out` must:
#   * exit with status exactly 1 (>= 128 or a timeout is a crash);
#   * print no AddressSanitizer/LeakSanitizer/UBSan report;
#   * print as stderr's first line  WHERE:LINE:COL: error: ...SUBSTRING...
#     (WHERE is FILE exactly as given on the command line, or that file's
#     directory/WHERE, or --model; SUBSTRING matched case-insensitively; an
#     empty SUBSTRING matches anything);
#   * when WHERE is text (no NUL byte, valid UTF-8) and has a line LINE:
#     print that source line as stderr's second line (after an optional
#     prefix such as "   12 | ") and, as the third line, a caret `^` under
#     column COL (COL counted in bytes; a caret counted in characters is
#     accepted too), preceded only by blanks after the prefix's width;
#   * write nothing to stdout and leave no $tmpdir/out behind.
# Then usage errors: an unknown option and a bad --emit value exit 2, no
# arguments exit 2, a missing input file exits 1 with "error:" on stderr.
#
# Environment: QGEN (default ./qgen), QGEN_ASAN and QGEN_CLANG_SAN (optional),
# top_srcdir or srcdir (default: derived from this script's location).

testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"

# byte semantics for ${#var}, sed and friends
LC_ALL=C
export LC_ALL

tmpdir_setup

bins=$QGEN
for _san in "${QGEN_ASAN:-}" "${QGEN_CLANG_SAN:-}"; do
    [ -n "$_san" ] || continue
    case $_san in /*) ;; *) _san=$(pwd)/$_san ;; esac
    if [ -x "$_san" ]; then
        bins="$bins
$_san"
    fi
done
n_bins=$(printf '%s\n' "$bins" | wc -l)

files=$( (ls "$top_srcdir"/tests/bad/*.py; ls "$top_srcdir"/tests/bad/*/main.py) 2>/dev/null | LC_ALL=C sort || true)
[ -n "$files" ] || bail_out "no files in $top_srcdir/tests/bad"
n_files=$(printf '%s\n' "$files" | wc -l)
n_usage=4

plan $(( (n_files + n_usage) * n_bins ))
require_qgen

IFS='
'

# For sanitizer builds: report and fail, but never abort on leaks silently.
sanitizer_options

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

# placeholder FILE: the reason of FILE.expect's `# placeholder: WHY` line
placeholder() {
    [ -f "$1.expect" ] || return 0
    sed -n 's/^# placeholder:[ ]*//p' "$1.expect" | sed -n 1p
}

# qgen_args FILE: the ARGS of FILE's first `# qgen-args: ARGS` line
qgen_args() {
    sed -n 's/^#[ ]*qgen-args:[ ]*//p' "$1" | sed -n 1p
}

# report OK PLACEHOLDER DESC: ok / not ok, or their TODO forms
report() {
    if [ -n "$2" ]; then
        tap_count=$((tap_count + 1))
        if [ "$1" = yes ]; then _r=ok; else _r="not ok"; fi
        printf '%s %d - %s # TODO %s\n' "$_r" "$tap_count" "$3" "$2"
    elif [ "$1" = yes ]; then
        ok "$3"
    else
        not_ok "$3"
    fi
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
    dir=$(dirname "$f")
    spec=$(expect_line "$f")
    todo=$(placeholder "$f")
    # [WHERE:]LINE:COL: SUBSTRING
    rest=$(printf '%s\n' "$spec" | sed -n 's/^# expect: *//p')
    where=
    case $rest in
        [0-9]*) ;;
        *:*) where=${rest%%:*}; rest=${rest#*:} ;;
    esac
    eline=$(printf '%s\n' "$rest" | sed -n 's/^\([0-9][0-9]*\):\([0-9][0-9]*\):.*$/\1/p')
    ecol=$(printf '%s\n' "$rest" | sed -n 's/^\([0-9][0-9]*\):\([0-9][0-9]*\):.*$/\2/p')
    esub=$(printf '%s\n' "$rest" | sed -n 's/^[0-9][0-9]*:[0-9][0-9]*:[ ]*//p' | sed 's/[ ]*$//')
    extra=$(qgen_args "$f")
    # the file the error is in (and the text its source line comes from)
    model_text=
    case $where in
        "") efile=$f ;;
        --model)
            efile=--model
            eval "set -- $extra"
            while [ $# -gt 0 ]; do
                if [ "$1" = --model ] && [ $# -ge 2 ]; then model_text=$2; break; fi
                shift
            done
            printf '%s\n' "$model_text" > "$tmpdir/model-expr" ;;
        *) efile=$dir/$where ;;
    esac
    src_file=$efile
    [ "$efile" = --model ] && src_file=$tmpdir/model-expr
    text=no
    if [ -f "$src_file" ] && is_text "$src_file"; then text=yes; fi

    for bin in $bins; do
        tag=qgen; [ "$bin" = "$QGEN" ] || tag=asan
        if [ -z "$eline" ] || [ -z "$ecol" ]; then
            not_ok "$rel [$tag]: no '# expect: [WHERE:]LINE:COL: SUBSTRING' on line 1 or in $rel.expect"
            continue
        fi
        rm -rf "$tmpdir/out" "$tmpdir/stdout" "$tmpdir/stderr"
        eval "set -- $extra"
        status=0
        with_timeout "$bin" --emit fx "$@" "$f" -o "$tmpdir/out" \
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
        want_prefix="$efile:$eline:$ecol: error: "
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

        nlines=0
        if [ -f "$src_file" ]; then
            src=$(sed -n "${eline}p" "$src_file")
            nlines=$(wc -l < "$src_file")
            [ -s "$src_file" ] && [ -n "$(tail -c 1 "$src_file")" ] && nlines=$((nlines + 1))
        fi
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
second stderr line is not source line $eline of ${where:-the file}" ;;
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

        loc=${where:+$where:}$eline:$ecol
        if [ -z "$problems" ]; then
            report yes "$todo" "$rel [$tag]: $loc: ${esub:-(any message)}"
        else
            report no "$todo" "$rel [$tag]: want $loc: ${esub:-(any message)}"
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
