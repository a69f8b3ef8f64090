#!/bin/sh
# torchvision-fx.sh -- TAP test: qgen reads torchvision's own model files,
# unmodified, and prints what torch.fx prints for them.
#
# torchvision's package directory is asked of the Python that has torch
# (tests/torch-python); for each builder below,
#     qgen --emit fx --model 'EXPR' DIR/models/FILE.py
# must equal, byte for byte,
#     print(torch.fx.symbolic_trace(torchvision.models.EXPR.eval()))
# without FX's closing hint line (tests/torchvision_reference.py writes all
# the references in one Python process, as tests/fx_reference.py formats
# them).  shufflenet_v2_x0_5 unpacks a Proxy (`x1, x2 = x.chunk(2, dim=1)`,
# `b, c, h, w = x.size()`), which torch.fx 1.13 cannot trace on Python 3.11:
# its reference is FX's trace of the same model with those two functions
# patched (in the reference process only) to index the results explicitly,
# and a further line checks that patch against FX's own unpacking, mended.
# Then `qgen --emit graph --input-shape 1,3,224,224 --model 'EXPR' FILE`
# must exit 0 with some output, for each builder.
# Without torch or torchvision every line is skipped, with the reason.
#
# Environment: QGEN (default ./qgen), top_srcdir or srcdir, QGEN_PYTHON.

testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"

tmpdir_setup

# NAME|EXPR|FILE under torchvision/models/
builders='resnet18|resnet18()|resnet.py
resnet50|resnet50()|resnet.py
mobilenet_v2|mobilenet_v2()|mobilenetv2.py
mobilenet_v3_small|mobilenet_v3_small()|mobilenetv3.py
squeezenet1_0|squeezenet1_0()|squeezenet.py
vgg11|vgg11()|vgg.py
alexnet|alexnet()|alexnet.py
googlenet|googlenet(aux_logits=False, init_weights=False)|googlenet.py
mnasnet0_5|mnasnet0_5()|mnasnet.py
densenet121|densenet121()|densenet.py
efficientnet_b0|efficientnet_b0()|efficientnet.py
regnet_x_400mf|regnet_x_400mf()|regnet.py
shufflenet_v2_x0_5|shufflenet_v2_x0_5()|shufflenetv2.py'
n=$(printf '%s\n' "$builders" | wc -l)
n_cross=$(printf '%s\n' "$builders" | grep -c '^shufflenet_v2' || true)

plan $((2 * n + n_cross))
require_qgen

IFS='
'

skip_all() {
    for b in $builders; do
        name=${b%%|*}
        skip "$name: --emit fx equals torch.fx" "$1"
        case $name in shufflenet_v2*) skip "$name: the patched reference equals FX's own unpacking" "$1" ;; esac
        skip "$name: --emit graph --input-shape 1,3,224,224" "$1"
    done
    tap_done
}

if ! torch_py=$("$testdir/torch-python" 2>"$tmpdir/torch-python.err"); then
    diag "$(cat "$tmpdir/torch-python.err")"
    skip_all "no Python with torch (see tests/torch-python)"
fi

# one Python process for torchvision's directory and every reference
set --
for b in $builders; do
    name=${b%%|*} rest=${b#*|}
    set -- "$@" "$name=${rest%|*}"
done
mkdir "$tmpdir/ref"
rstatus=0
"$torch_py" "$testdir/torchvision_reference.py" "$tmpdir/ref" "$@" \
    >"$tmpdir/tvdir" 2>"$tmpdir/ref.err" || rstatus=$?
if [ "$rstatus" -eq 4 ]; then
    diag "$(cat "$tmpdir/ref.err")"
    skip_all "torchvision cannot be imported with $torch_py"
elif [ "$rstatus" -ne 0 ]; then
    diag_file "$tmpdir/ref.err"
    bail_out "tests/torchvision_reference.py failed with status $rstatus"
fi
tvdir=$(sed -n 1p "$tmpdir/tvdir")
[ -d "$tvdir/models" ] || bail_out "no models/ in torchvision's directory '$tvdir'"
diag "torchvision: $tvdir (reference: torch.fx via $torch_py)"

show_diff() {
    # show_diff EXPECTED ACTUAL LABEL_EXPECTED LABEL_ACTUAL
    diff -u --label "$3" --label "$4" "$1" "$2" > "$tmpdir/diff" 2>&1 || true
    diag_file "$tmpdir/diff" 60
    if ! grep -q '^[-+][^-+]' "$tmpdir/diff" 2>/dev/null; then
        diag "(the difference is in whitespace or line endings; first differing byte:)"
        cmp "$1" "$2" 2>&1 | sed 's/^/# /' || true
    fi
}

for b in $builders; do
    name=${b%%|*} rest=${b#*|}
    expr=${rest%|*} file=$tvdir/models/${rest#*|}
    ref=$tmpdir/ref/$name.fx
    out=$tmpdir/$name.fx

    # 1. --emit fx against torch.fx
    qstatus=0
    with_timeout "$QGEN" --emit fx --model "$expr" "$file" >"$out" 2>"$tmpdir/$name.err" || qstatus=$?
    if [ ! -f "$ref" ]; then
        not_ok "$name: no torch.fx reference for $expr"
        diag_file "$tmpdir/ref/$name.err" 5
    elif [ "$qstatus" -ne 0 ]; then
        not_ok "$name: qgen --emit fx --model '$expr' exited with status $qstatus"
        diag_file "$tmpdir/$name.err" 20
    elif cmp -s "$ref" "$out"; then
        ok "$name: qgen --emit fx --model '$expr' equals torch.fx"
    else
        not_ok "$name: qgen --emit fx --model '$expr' differs from torch.fx"
        show_diff "$ref" "$out" "torch.fx $expr" "qgen --emit fx"
    fi

    # 1b. the shufflenet reference's patch against FX's own unpacking
    case $name in
        shufflenet_v2*)
            if [ "$(cat "$tmpdir/ref/$name.crosscheck" 2>/dev/null)" = same ]; then
                ok "$name: the patched reference equals FX's own unpacking (mended for Python 3.11)"
            else
                not_ok "$name: the patched reference equals FX's own unpacking (mended for Python 3.11)"
                diag_file "$tmpdir/ref/$name.crosscheck" 30
            fi ;;
    esac

    # 2. --emit graph with ImageNet's input shape
    gstatus=0
    with_timeout "$QGEN" --emit graph --input-shape 1,3,224,224 --model "$expr" "$file" \
        >"$tmpdir/$name.graph" 2>"$tmpdir/$name.graph.err" || gstatus=$?
    if [ "$gstatus" -ne 0 ]; then
        not_ok "$name: qgen --emit graph --input-shape 1,3,224,224 exited with status $gstatus"
        diag_file "$tmpdir/$name.graph.err" 20
    elif [ ! -s "$tmpdir/$name.graph" ]; then
        not_ok "$name: qgen --emit graph --input-shape 1,3,224,224 printed nothing"
    else
        ok "$name: qgen --emit graph --input-shape 1,3,224,224 ($(wc -l < "$tmpdir/$name.graph") lines)"
    fi
done

tap_done
