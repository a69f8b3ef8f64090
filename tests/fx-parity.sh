#!/bin/sh
# fx-parity.sh -- TAP test: `qgen --emit fx` prints what torch.fx prints.
#
# For every examples/*/net.py:
#   * traceable examples: tests/fx_reference.py (real PyTorch 1.13,
#     print(torch.fx.symbolic_trace(model.eval())) without the closing hint line)
#     must equal `$QGEN --emit fx net.py` byte for byte;
#   * examples marked `# qgen: fx-untraceable`: PyTorch must fail to trace
#     them (fx_reference.py exits 3) and qgen's output must equal
#     tests/golden/<example>.fx.  If the example also names a traceable twin
#     with `# qgen: fx-reference=FILE` (a copy of net.py, in its directory,
#     that indexes what net.py unpacks or loops over), torch.fx's output for
#     FILE must equal that golden file too.
# Without a Python that can import torch (see tests/torch-python) the
# reference is tests/golden/<example>.fx instead, and the test says so.
# A last test runs qgen twice more on each example and wants identical bytes.
#
# Environment: QGEN (default ./qgen), top_srcdir or srcdir (default: derived
# from this script's location), QGEN_PYTHON (see tests/torch-python).
# An example may name its class with `# qgen: class=NAME`, or its model with
# `# qgen: model=EXPR` (a Python expression evaluated in the example's module
# namespace, e.g. `ResNet18()`); it is passed to both sides as --class NAME /
# --model EXPR, and the reference traces model.eval(), as qgen does.
# (tests/golden.sh runs qgen without the option, so that qgen's reading of
# the comment is tested too.)

testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"

tmpdir_setup

examples=$(ls "$top_srcdir"/examples/*/net.py 2>/dev/null | LC_ALL=C sort || true)
if [ -z "$examples" ]; then
    bail_out "no examples found under $top_srcdir/examples"
fi
n_examples=$(printf '%s\n' "$examples" | wc -l)

plan $((n_examples + 1))
require_qgen

if torch_py=$("$testdir/torch-python" 2>"$tmpdir/torch-python.err"); then
    reference=torch
    diag "reference: torch.fx via $torch_py"
else
    reference=golden
    torch_py=
    diag "no Python with torch:" "$(cat "$tmpdir/torch-python.err")" \
        "comparing against tests/golden/*.fx instead"
fi

golden_dir=$testdir/golden

# one example path per line; split $examples on newlines only
IFS='
'

# class_name FILE: NAME of the file's first `# qgen: class=NAME` line
class_name() {
    sed -n 's/^#[ ]*qgen:[ ]*class=\([A-Za-z_][A-Za-z_0-9]*\)[ ]*$/\1/p' "$1" | sed -n 1p
}

# model_expr FILE: EXPR of the file's first `# qgen: model=EXPR` line
model_expr() {
    sed -n 's/^#[ ]*qgen:[ ]*model=\(.*[^ ]\)[ ]*$/\1/p' "$1" | sed -n 1p
}

# which_model FILE: $sel_opt and $sel_val: --model EXPR,
# else --class NAME, else nothing
which_model() {
    sel_opt= sel_val=
    sel_val=$(model_expr "$1")
    if [ -n "$sel_val" ]; then sel_opt=--model; return; fi
    sel_val=$(class_name "$1")
    if [ -n "$sel_val" ]; then sel_opt=--class; fi
}

# fx_twin FILE: the path of FILE's `# qgen: fx-reference=NAME` twin, or nothing
fx_twin() {
    _t=$(sed -n 's/^#[ ]*qgen:[ ]*fx-reference=\([A-Za-z_0-9.-]*\)[ ]*$/\1/p' "$1" | sed -n 1p)
    if [ -n "$_t" ]; then printf '%s\n' "$(dirname "$1")/$_t"; fi
}

run_qgen() {
    # run_qgen FILE OUT ERR [ENV...]: qgen --emit fx FILE > OUT 2> ERR; status in $qstatus
    _f=$1 _o=$2 _e=$3
    shift 3
    which_model "$_f"
    qstatus=0
    if [ -n "$sel_opt" ]; then
        with_timeout env "$@" "$QGEN" --emit fx "$sel_opt" "$sel_val" "$_f" >"$_o" 2>"$_e" || qstatus=$?
    else
        with_timeout env "$@" "$QGEN" --emit fx "$_f" >"$_o" 2>"$_e" || qstatus=$?
    fi
}

run_reference() {
    # run_reference FILE OUT ERR: status in $rstatus
    _f=$1 _o=$2 _e=$3
    which_model "$_f"
    rstatus=0
    if [ -n "$sel_opt" ]; then
        "$torch_py" "$testdir/fx_reference.py" "$_f" "$sel_opt" "$sel_val" >"$_o" 2>"$_e" || rstatus=$?
    else
        "$torch_py" "$testdir/fx_reference.py" "$_f" >"$_o" 2>"$_e" || rstatus=$?
    fi
}

show_diff() {
    # show_diff EXPECTED ACTUAL LABEL_EXPECTED LABEL_ACTUAL
    diff -u --label "$3" --label "$4" "$1" "$2" > "$tmpdir/diff" 2>&1 || true
    diag_file "$tmpdir/diff" 80
    # trailing whitespace differences are invisible in a unified diff
    if ! grep -q '^[-+][^-+]' "$tmpdir/diff" 2>/dev/null; then
        diag "(the difference is in whitespace or line endings; first differing byte:)"
        cmp "$1" "$2" 2>&1 | sed 's/^/# /' || true
    fi
}

for f in $examples; do
    name=$(basename "$(dirname "$f")")
    qout=$tmpdir/$name.qgen
    qerr=$tmpdir/$name.qgen.err
    run_qgen "$f" "$qout" "$qerr"
    untraceable=no
    if grep -q '^#[ ]*qgen:[ ]*fx-untraceable' "$f"; then untraceable=yes; fi

    if [ "$qstatus" -ne 0 ]; then
        not_ok "$name: qgen --emit fx exited with status $qstatus"
        diag_file "$qerr" 20
        continue
    fi

    if [ "$untraceable" = yes ]; then
        golden=$golden_dir/$name.fx
        problems=
        if [ -n "$torch_py" ]; then
            run_reference "$f" "$tmpdir/$name.ref" "$tmpdir/$name.ref.err"
            if [ "$rstatus" -ne 3 ]; then
                problems="$problems torch.fx-did-not-refuse"
                diag "$name is marked fx-untraceable, but fx_reference.py exited with $rstatus (want 3: FX refuses)"
                diag_file "$tmpdir/$name.ref.err" 10
            fi
        fi
        if [ ! -f "$golden" ]; then
            problems="$problems no-golden"
            diag "missing $golden"
        elif ! cmp -s "$golden" "$qout"; then
            problems="$problems output-differs"
            show_diff "$golden" "$qout" "golden/$name.fx" "qgen --emit fx"
        fi
        twin=$(fx_twin "$f")
        twin_note=
        if [ -n "$twin" ] && [ -n "$torch_py" ] && [ -f "$golden" ]; then
            twin_note=", torch.fx's output for $(basename "$twin")"
            if [ ! -f "$twin" ]; then
                problems="$problems no-twin"
                diag "missing $twin (named by # qgen: fx-reference=)"
            else
                run_reference "$twin" "$tmpdir/$name.twin" "$tmpdir/$name.twin.err"
                if [ "$rstatus" -ne 0 ]; then
                    problems="$problems twin-not-traced"
                    diag "fx_reference.py failed on $twin with status $rstatus"
                    diag_file "$tmpdir/$name.twin.err" 10
                elif ! cmp -s "$golden" "$tmpdir/$name.twin"; then
                    problems="$problems twin-differs"
                    show_diff "$tmpdir/$name.twin" "$golden" "torch.fx of $(basename "$twin")" "golden/$name.fx"
                fi
            fi
        fi
        if [ -z "$problems" ]; then
            if [ -n "$torch_py" ]; then
                ok "$name: torch.fx refuses it, qgen matches golden/$name.fx$twin_note"
            else
                ok "$name: qgen matches golden/$name.fx (torch unavailable, FX refusal not checked)"
            fi
        else
            not_ok "$name (fx-untraceable):$problems"
        fi
        continue
    fi

    if [ "$reference" = torch ]; then
        ref=$tmpdir/$name.ref
        run_reference "$f" "$ref" "$tmpdir/$name.ref.err"
        if [ "$rstatus" -ne 0 ]; then
            not_ok "$name: fx_reference.py failed with status $rstatus"
            diag_file "$tmpdir/$name.ref.err" 20
            continue
        fi
        label="torch.fx"
    else
        ref=$golden_dir/$name.fx
        if [ ! -f "$ref" ]; then
            not_ok "$name: no torch and no golden file $ref"
            continue
        fi
        label="golden/$name.fx"
    fi

    if cmp -s "$ref" "$qout"; then
        ok "$name: qgen --emit fx matches $label"
    else
        not_ok "$name: qgen --emit fx differs from $label"
        show_diff "$ref" "$qout" "$label" "qgen --emit fx"
    fi
done

# ---------------------------------------------------------------- determinism
# Two more runs per example, the second with glibc's MALLOC_PERTURB_ so that
# reads of uninitialised heap memory show up as differences.
nondet=
for f in $examples; do
    name=$(basename "$(dirname "$f")")
    run_qgen "$f" "$tmpdir/$name.run1" "$tmpdir/$name.run1.err"
    s1=$qstatus
    run_qgen "$f" "$tmpdir/$name.run2" "$tmpdir/$name.run2.err" MALLOC_PERTURB_=165
    s2=$qstatus
    if [ "$s1" -ne "$s2" ] || ! cmp -s "$tmpdir/$name.run1" "$tmpdir/$name.run2" \
        || ! cmp -s "$tmpdir/$name.run1.err" "$tmpdir/$name.run2.err"; then
        nondet="$nondet $name"
        diag "$name: two runs differ (status $s1 vs $s2)"
        show_diff "$tmpdir/$name.run1" "$tmpdir/$name.run2" "run 1" "run 2"
    fi
done
if [ -z "$nondet" ]; then
    ok "determinism: two runs of qgen --emit fx give identical bytes on all $n_examples examples"
else
    not_ok "determinism: output differs between runs for:$nondet"
fi

tap_done
