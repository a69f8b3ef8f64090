#!/bin/sh
# smoke.sh -- TAP: each fuzz harness (README.md here) runs a short, fixed
# number of executions (QGEN_FUZZ_RUNS, default 2000) from its committed
# seed corpus, with qgen.dict, and must end with no finding (libFuzzer's
# exit status 0: no crash, sanitizer report, leak, timeout or abort).
# Also: qgen.dict is what make-dict.sh makes from src/torch.def.
# The harnesses are built by `./configure` when clang's fuzzer runtime links;
# without it (or with --disable-fuzz) the runs are skipped with the reason.
# Environment: QGEN_FUZZ (the directory of the built harnesses).
testdir=$(cd "$(dirname "$0")/.." && pwd)
. "$testdir/lib.sh"
tmpdir_setup
fz=$top_srcdir/tests/fuzz
runs=${QGEN_FUZZ_RUNS:-2000}
harnesses="pipeline structured import weights weights-native"
plan 6

if "$fz/make-dict.sh" "$top_srcdir/src/torch.def" | cmp -s - "$fz/qgen.dict"; then
    ok "qgen.dict is current with src/torch.def"
else
    not_ok "qgen.dict is not what make-dict.sh makes from src/torch.def: run tests/fuzz/make-dict.sh > tests/fuzz/qgen.dict"
fi

corpus_of() {
    case $1 in
        pipeline|structured) echo "$fz/corpus/py" ;;
        weights*) echo "$fz/corpus/weights" ;;
        *) echo "$fz/corpus/$1" ;;
    esac
}

for h in $harnesses; do
    bin=${QGEN_FUZZ:+$QGEN_FUZZ/fuzz-$h}
    if [ -z "$QGEN_FUZZ" ]; then
        skip "fuzz-$h: $runs executions" "fuzz harnesses not built (clang's fuzzer runtime missing, or --disable-fuzz)"
        continue
    fi
    if [ ! -x "$bin" ]; then
        not_ok "fuzz-$h: $bin was not built"
        continue
    fi
    mkdir -p "$tmpdir/$h"
    dict=
    maxlen=8192
    case $h in weights*) maxlen=65536 ;; esac   # the seed is a whole weights file
    case $h in weights*) ;; *) dict=-dict=$fz/qgen.dict ;; esac
    st=0
    # -seed fixed: the same executions every time
    (cd "$tmpdir" && ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$bin" -seed=1 -runs="$runs" -timeout=20 \
        -rss_limit_mb=2048 -max_len=$maxlen $dict -artifact_prefix="$tmpdir/" "$tmpdir/$h" "$(corpus_of "$h")") \
        >"$tmpdir/$h.log" 2>&1 || st=$?
    cov=$(sed -n 's/.*DONE *cov: \([0-9]*\).*/\1/p' "$tmpdir/$h.log" | tail -1)
    eps=$(sed -n 's/.*DONE.*exec\/s: \([0-9]*\).*/\1/p' "$tmpdir/$h.log" | tail -1)
    if [ "$st" -eq 0 ]; then
        ok "fuzz-$h: $runs executions, no finding (cov: ${cov:-?}, ${eps:-?} exec/s)"
    else
        not_ok "fuzz-$h: a finding (exit status $st)"
        grep -A30 'ERROR\|runtime error\|==ERROR\|qgen fuzz:' "$tmpdir/$h.log" | sed -n 1,40p | sed 's/^/# /'
        for a in "$tmpdir"/crash-* "$tmpdir"/leak-* "$tmpdir"/timeout-* "$tmpdir"/oom-*; do
            [ -f "$a" ] && diag "artifact $(basename "$a"):" && od -c "$a" | sed -n 1,20p | sed 's/^/# /'
        done
    fi
done
tap_done
