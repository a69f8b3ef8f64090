#!/bin/sh
# bench-generated.sh -- time qgen's GENERATED integer C (net_q.c) of the
# seed net, the CIFAR ResNet, examples/mobilenetv2 and torchvision's
# resnet18 and mobilenet_v2 at 224x224 against PyTorch and ONNX Runtime, on
# one core, in one run.
# Not a test: prints one table per model (and exits 1 if something is odd,
# e.g. a C output that is not bit for bit quantize_inference()'s).
#
# usage: tests/bench/bench-generated.sh [N [REPS]]
#   N     images per repetition for the C (default 2000); PyTorch's batch-1
#         loops use min(N, 300)
#   REPS  repetitions; medians are reported (default 15)
# environment: QGEN (default ./qgen of the top directory, built with
#   `make -j2` if missing), CC (default cc), BATCH (PyTorch's batched size,
#   default 256), BUDGET (seconds per model for the C timing plus the
#   Python references, default 75: N is capped to fit it -- the ResNet's C
#   and quantize_inference are slow enough that N = 2000 would not fit in
#   ~5 minutes), QGEN_PYTHON (a Python with torch; see tests/torch-python).
#
# Steps (the details are in bench_generated.py's docstring):
#   1. qgen examples/{seed,resnet}/net.py -o TMP/NAME; in Python, the
#      generated class is seeded, quantize()d, calibrated (quantize_forward,
#      eval, no_grad, random inputs), freeze()d and export()ed to net.qgw;
#   2. a harness that #includes net_q.c, compiled at -O3 -march=native and
#      at -O2, times net_run and net_run_q (CLOCK_THREAD_CPUTIME_ID) and
#      compares the outputs of the timed calls with quantize_inference's;
#   3. PyTorch (1 thread): the float class of examples/NAME/net.py at batch 1
#      and BATCH, FX int8 (prepare_fx/convert_fx) with qnnpack and onednn at
#      batch 1 and BATCH; where FX fails on the model as written, the
#      failure is printed and a copy with view() -> reshape() is timed;
#   4. ONNX Runtime (onnxruntime-node, installed once with npm install
#      --ignore-scripts into ORT_DIR, default tests/bench/.ort, not
#      committed; driven by node and ort_bench.js): fp32 as exported, int8
#      as QDQ from FX fake quantization (onnx_export.py), batch 1;
#   5. the tables: median us/image and PyTorch / C (-O3 -march=native) per
#      C path (-O3 -march=native, -O2 -mavx2 -mfma, portable -O2), the
#      arena against the sum of all activations, code size, weights size.
# A column whose dependency is missing (node, npm, python3-onnx, a model
# qgen cannot generate) is skipped with a message.  Everything runs pinned
# to CPU 1 (taskset -c 1; QGEN_BENCH_CPU=N pins to CPU N) when possible.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
N=${1:-2000}
REPS=${2:-15}
CC=${CC:-cc}
BATCH=${BATCH:-256}

if [ -z "${QGEN:-}" ]; then
    QGEN=$top/qgen
    if [ ! -x "$QGEN" ]; then
        echo "bench-generated: building qgen (make -j2)" >&2
        (cd "$top" && make -j2 >&2)
    fi
fi

py=$(QGEN_PYTHON=${QGEN_PYTHON:-} "$top/tests/torch-python") || {
    echo "bench-generated: needs a Python with torch (calibration, export, references)" >&2
    exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-generated.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

cpu=${QGEN_BENCH_CPU:-1}
pin=""
if command -v taskset >/dev/null 2>&1 && taskset -c "$cpu" true 2>/dev/null; then
    pin="taskset -c $cpu"
fi

models=""
for m in ${MODELS-seed resnet mobilenetv2}; do
    "$QGEN" "$top/examples/$m/net.py" -o "$tmp/$m"
    models="$models $m=$tmp/$m/net_q.py:$top/examples/$m/net.py"
done
tv=${TORCHVISION:-/usr/lib/python3/dist-packages/torchvision/models}
for spec in ${TV_MODELS-resnet18:resnet mobilenet_v2:mobilenetv2}; do
    fn=${spec%%:*} file=${spec#*:}
    if [ ! -f "$tv/$file.py" ]; then
        echo "bench-generated: skipping torchvision $fn: no $tv/$file.py" >&2
        continue
    fi
    if "$QGEN" --input-shape 1,3,224,224 --model "$fn()" "$tv/$file.py" -o "$tmp/tv_$fn" 2>"$tmp/tv_$fn.err"; then
        models="$models tv_$fn=$tmp/tv_$fn/${file}_q.py:$tv/$file.py:$fn():1,3,224,224"
    else
        echo "bench-generated: skipping torchvision $fn: qgen cannot generate it: $(head -1 "$tmp/tv_$fn.err")" >&2
    fi
done

ort_dir=${ORT_DIR:-$here/.ort}
ort=""
if ! command -v node >/dev/null 2>&1; then
    echo "bench-generated: no node: the ONNX Runtime columns are skipped" >&2
elif [ -f "$ort_dir/node_modules/onnxruntime-node/package.json" ]; then
    ort=$ort_dir/node_modules
elif command -v npm >/dev/null 2>&1 && mkdir -p "$ort_dir" &&
     (cd "$ort_dir" && npm install --ignore-scripts --no-audit --no-fund onnxruntime-node >&2); then
    ort=$ort_dir/node_modules
else
    echo "bench-generated: onnxruntime-node could not be installed: the ONNX Runtime columns are skipped" >&2
fi

# shellcheck disable=SC2086
$pin "$py" "$here/bench_generated.py" --top "$top" --n "$N" --reps "$REPS" \
    --batch "$BATCH" --cc "$CC" --budget "${BUDGET:-75}" --pin "$pin" --min-n "${MIN_N:-50}" \
    --ort "$ort" $models || true   # a benchmark: report, never fail
