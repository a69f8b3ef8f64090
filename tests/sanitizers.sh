#!/bin/sh
# sanitizers.sh -- TAP test: every example through the sanitizer builds of
# qgen, gcc's ($QGEN_ASAN: -fsanitize=address,undefined) and clang's
# ($QGEN_CLANG_SAN: the same with clang, whose UBSan checks more, such as a
# zero offset applied to a null pointer).  For each build and example,
# --emit fx, --emit graph, --emit json and code generation must run with no
# sanitizer report, and write exactly what the plain $QGEN writes (code
# generation: byte for byte the same four files; an example that qgen
# cannot quantize must be refused the same way).  (The bad-input catalogue
# goes through the same builds in bad-inputs.sh.)  A build that is missing
# is skipped with the reason.
testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"
require_qgen
tmpdir_setup

sanitizer_options

examples=$(ls "$top_srcdir"/examples/*/net.py | LC_ALL=C sort)
n_ex=$(printf '%s\n' "$examples" | wc -l)
plan $((2 * n_ex))


# run BIN DIR EXAMPLE: every output of BIN for EXAMPLE under DIR; stderr in DIR/*.err
run() {
    mkdir -p "$2/code"
    for k in fx graph json; do
        _rc=0; with_timeout "$1" --emit $k "$3" -o "$2/out.$k" 2> "$2/$k.err" || _rc=$?
        echo $_rc > "$2/$k.rc"
    done
    _rc=0; with_timeout "$1" "$3" -o "$2/code" 2> "$2/code.err" || _rc=$?
    echo $_rc > "$2/code.rc"
}

for pair in "gcc:${QGEN_ASAN:-}" "clang:${QGEN_CLANG_SAN:-}"; do
    cc=${pair%%:*}
    bin=${pair#*:}
    for f in $examples; do
        name=$(basename "$(dirname "$f")")
        desc="$name: the $cc sanitizer build writes what qgen writes, with no report"
        if [ -z "$bin" ] || [ ! -x "$bin" ]; then
            skip "$desc" "no $cc sanitizer build (configure --enable-sanitizers; clang for the clang build)"
            continue
        fi
        rm -rf "$tmpdir/plain" "$tmpdir/san"
        [ -d "$tmpdir/plain.$name" ] || run "$QGEN" "$tmpdir/plain.$name" "$f"
        run "$bin" "$tmpdir/san" "$f"
        bad=
        for e in "$tmpdir"/san/*.err; do
            if sanitizer_report "$e"; then bad="$bad sanitizer report in $(basename "$e");"; diag_file "$e" 30; fi
        done
        for k in fx graph json code; do
            cmp -s "$tmpdir/plain.$name/$k.rc" "$tmpdir/san/$k.rc" || bad="$bad $k: another exit status;"
            cmp -s "$tmpdir/plain.$name/$k.err" "$tmpdir/san/$k.err" || bad="$bad $k: another stderr;"
        done
        for k in fx graph json; do
            if [ -f "$tmpdir/plain.$name/out.$k" ] || [ -f "$tmpdir/san/out.$k" ]; then
                cmp -s "$tmpdir/plain.$name/out.$k" "$tmpdir/san/out.$k" || bad="$bad --emit $k differs;"
            fi
        done
        diff -r "$tmpdir/plain.$name/code" "$tmpdir/san/code" > /dev/null 2>&1 || bad="$bad the code differs;"
        if [ -z "$bad" ]; then ok "$desc"; else not_ok "$desc"; diag "$bad"; fi
    done
done
tap_done
