#!/bin/sh
# nesting.sh -- TAP test: syntax nested just inside QGEN_MAX_NESTING (500
# levels) runs through every pass of qgen, whose passes over the tree all
# recurse, in half the usual stack: each construct below, 490 levels deep,
# in forward, in __init__ and at module level, through $QGEN and the
# sanitizer builds ($QGEN_ASAN, $QGEN_CLANG_SAN, where built), under
# `ulimit -s 4096`, must end with exit status 0 or 1 (a located error such
# as "data-dependent control flow" is fine), no sanitizer report and not the
# nesting error; 510 levels must be that error.  And a recursion inside
# deep expressions (QGEN_MAX_EVAL_DEPTH: the two limits multiply) runs just
# inside its limit and is refused past it.  This keeps a pass that
# grows its stack frames, or a new recursive one, from bringing back the
# fuzz finding of nesting-too-deep-unary.py (a stack overflow).
testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"
require_qgen
tmpdir_setup

sanitizer_options

N=490
# rep STR K: STR K times
rep() { awk -v s="$1" -v k="$2" 'BEGIN { for (i = 0; i < k; i++) printf "%s", s }'; }
# expr NAME K: an expression of construct NAME, K levels deep
expr_of() {
    k=$2; h=$(($2 / 2)); t=$(($2 / 3))
    case $1 in
        unary) printf '%sx' "$(rep - "$k")" ;;
        not) printf '%sx' "$(rep 'not ' "$k")" ;;
        sum) printf 'x%s' "$(rep ' + x' "$k")" ;;
        power) printf 'x%s' "$(rep ' ** 1' "$k")" ;;
        attribute) printf 'x%s' "$(rep .t "$k")" ;;
        call) printf '%sx%s' "$(rep 'f(' "$h")" "$(rep ')' "$h")" ;;
        subscript) printf 'x%s' "$(rep '[0]' "$k")" ;;
        list) printf '%s%s' "$(rep '[' "$h")" "$(rep ']' "$h")" ;;
        parens) printf '%sx%s' "$(rep '(' "$k")" "$(rep ')' "$k")" ;;
        tuple) printf '%sx%s' "$(rep '(x,' "$h")" "$(rep ')' "$h")" ;;
        dict) printf '%s1%s' "$(rep '{1:' "$h")" "$(rep '}' "$h")" ;;
        lambda) printf '%sx' "$(rep 'lambda: ' "$k")" ;;
        conditional) printf 'x%s' "$(rep ' if x else x' "$h")" ;;
        string) printf '"a"%s' "$(rep ' + "a"' "$k")" ;;
        starred) printf '%sx%s' "$(rep 'f(*' "$t")" "$(rep ')' "$t")" ;;
        comprehension) printf '%sx%s' "$(rep '[y for y in ' "$t")" "$(rep ']' "$t")" ;;
    esac
}
# model WHERE EXPR FILE
model() {
    {
        echo '# qgen: input-shape=1,1,4,4'
        echo 'import torch.nn as nn'
        case $1 in
            module) printf 'x = 1\nf = lambda *a: a\ny = %s\n' "$2" ;;
        esac
        echo 'class Net(nn.Module):'
        echo '    def __init__(self):'
        echo '        super().__init__()'
        case $1 in
            init) printf '        x = 1\n        f = lambda *a: a\n        self.y = %s\n' "$2" ;;
        esac
        echo '    def forward(self, x):'
        case $1 in
            forward) printf '        f = lambda *a: a\n        y = %s\n' "$2" ;;
        esac
        echo '        return x'
    } > "$3"
}

# recursive LEVELS FILE: a function that calls itself LEVELS deep, each
# call inside 20 unary operators: about 22 expressions per level being
# evaluated at once (25 levels: just inside QGEN_MAX_EVAL_DEPTH, 600)
recursive() {
    {
        echo '# qgen: input-shape=1,3,4,4'
        echo 'import torch.nn as nn'
        echo 'def f(n):'
        echo '    if n == 0:'
        echo '        return 4'
        printf '    return %sf(n - 1)\n' "$(rep + 20)"
        echo 'class Net(nn.Module):'
        echo '    def __init__(self):'
        echo '        super().__init__()'
        printf '        self.c = nn.Conv2d(3, f(%d), 1)\n' "$1"
        echo '    def forward(self, x):'
        echo '        return self.c(x)'
    } > "$2"
}

constructs="unary not sum power attribute call subscript list parens tuple dict lambda conditional string starred comprehension"
bins="$QGEN"
for b in "${QGEN_ASAN:-}" "${QGEN_CLANG_SAN:-}"; do
    [ -n "$b" ] && [ -x "$b" ] && bins="$bins $b"
done
nb=$(echo $bins | wc -w)
plan $((nb * 4))

# run BIN FILE: BIN on FILE in a 4 MiB stack; its exit status in rc, its
# messages in $tmpdir/err
run() {
    rc=0
    (ulimit -s 4096; with_timeout "$1" --emit code "$2" -o "$tmpdir/out/") > "$tmpdir/err" 2>&1 || rc=$?
    rm -rf "$tmpdir/out"
}

for b in $bins; do
    bad=0 n=0
    for c in $constructs; do
        for w in forward init module; do
            f=$tmpdir/$c-$w.py
            [ -f "$f" ] || model $w "$(expr_of $c $N)" "$f"
            run "$b" "$f"
            n=$((n + 1))
            if [ $rc -gt 1 ] || grep -q 'nested too deeply' "$tmpdir/err" \
                || sanitizer_report "$tmpdir/err"; then
                bad=$((bad + 1))
                [ $bad -le 3 ] && diag "$(basename "$b") $c in $w, $N levels: exit $rc: $(head -c 300 "$tmpdir/err")"
            fi
        done
    done
    check "$(basename "$b"): $n models $N levels deep run in a 4 MiB stack" [ $bad -eq 0 ]
    model forward "$(expr_of unary 510)" "$tmpdir/deeper.py"
    run "$b" "$tmpdir/deeper.py"
    check "$(basename "$b"): 510 levels are refused (QGEN_MAX_NESTING)" \
        sh -c "[ $rc -eq 1 ] && grep -q 'error: nested too deeply' '$tmpdir/err'"
    recursive 25 "$tmpdir/rec25.py"
    run "$b" "$tmpdir/rec25.py"
    check "$(basename "$b"): a recursion 25 calls deep inside 20-level expressions runs in a 4 MiB stack" \
        sh -c "[ $rc -eq 0 ] && ! grep -q 'ERROR: AddressSanitizer\|runtime error' '$tmpdir/err'"
    recursive 30 "$tmpdir/rec30.py"
    run "$b" "$tmpdir/rec30.py"
    check "$(basename "$b"): 30 calls deep are refused (QGEN_MAX_EVAL_DEPTH)" \
        sh -c "[ $rc -eq 1 ] && grep -q 'error: recursion too deep' '$tmpdir/err'"
done
tap_done
