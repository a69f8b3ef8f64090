#!/bin/sh
# bench-c.sh -- time the hand-written integer C of the seed net
# (tests/c/seed_q.c + templates/kernels/) against PyTorch on one core.
# Not a test: prints a table.
#
# usage: tests/bench/bench-c.sh [N [REPS]]
#   N     images per repetition for the C (default 1000; PyTorch's batch-1
#         loops use min(N, 300))
#   REPS  repetitions; the median per-image time is reported (default 15)
# environment: CC (default cc), CFLAGS (default -O3 -march=native),
#   QGEN_PYTHON (a Python with torch; see tests/torch-python).
#
# What is timed: CPU time of the thread (CLOCK_THREAD_CPUTIME_ID,
# time.thread_time()) per image, so that other processes on a shared
# machine do not count; pinned to CPU 0 (taskset) when possible:
#   C        net_run(): float in -> quantize -> int8/int32 kernels -> float out,
#            one image per call, random weights from make-random-qgw.c;
#            also net_run_q() (codes in and out)
#   PyTorch  (torch.set_num_threads(1), inference_mode) float Net at batch 1
#            and batched; FX-quantized (prepare_fx/convert_fx, static int8,
#            the engine's default qconfig mapping, calibrated on random data)
#            on a copy of Net whose view() is a reshape(), with the qnnpack
#            and onednn engines, at batch 1 and batched.
# Also: code size of seed_q.o (size) and the arena bytes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
N=${1:-1000}
REPS=${2:-15}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O3 -march=native}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-c.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

pin=""
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin="taskset -c 0"
fi

# ------------------------------------------------------------ the C side
$CC -std=c99 -O2 -o "$tmp/make-random-qgw" "$top/tests/c/make-random-qgw.c" -lm
"$tmp/make-random-qgw" "$tmp/seed.qgw" 1

cat > "$tmp/bench.c" <<'EOF'
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "seed_q.c"

/* CPU time of this thread: a shared, busy machine preempts us; the time
 * other processes run is not ours. */
static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    static unsigned char w[1 << 20];
    FILE *f;
    size_t n;
    int N, R, r, i, k, err;
    float *in, out[NET_OUT_SIZE];
    uint8_t *inq, outq[NET_OUT_SIZE];
    double *t, *tq, chk = 0;
    if (argc != 4)
        return 2;
    f = fopen(argv[1], "rb");
    if (!f)
        return 1;
    n = fread(w, 1, sizeof w, f);
    fclose(f);
    err = net_init(w, n);
    if (err) {
        fprintf(stderr, "net_init: %s\n", net_strerror(err));
        return 1;
    }
    N = atoi(argv[2]);
    R = atoi(argv[3]);
    in = (float *)malloc(sizeof(float) * NET_IN_SIZE * (size_t)N);
    inq = (uint8_t *)malloc((size_t)NET_IN_SIZE * (size_t)N);
    t = (double *)malloc(sizeof(double) * (size_t)R);
    tq = (double *)malloc(sizeof(double) * (size_t)R);
    srand(1);
    for (i = 0; i < NET_IN_SIZE * N; i++) {
        in[i] = (float)(rand() % 1000) / 999.0f;
        inq[i] = (uint8_t)(rand() & 255);
    }
    for (i = 0; i < 200; i++) /* warm up */
        net_run(in + (size_t)NET_IN_SIZE * (size_t)(i % N), out);
    for (r = 0; r < R; r++) {
        double t0 = now_us();
        for (i = 0; i < N; i++) {
            net_run(in + (size_t)NET_IN_SIZE * (size_t)i, out);
            chk += out[i % NET_OUT_SIZE];
        }
        t[r] = (now_us() - t0) / N;
        t0 = now_us();
        for (i = 0; i < N; i++) {
            net_run_q(inq + (size_t)NET_IN_SIZE * (size_t)i, outq);
            for (k = 0; k < NET_OUT_SIZE; k++)
                chk += outq[k];
        }
        tq[r] = (now_us() - t0) / N;
    }
    qsort(t, (size_t)R, sizeof *t, cmp);
    qsort(tq, (size_t)R, sizeof *tq, cmp);
    printf("c_run %.3f %.3f\nc_run_q %.3f %.3f\narena %lu\nchk %g\n", t[R / 2], t[0], tq[R / 2], tq[0],
           (unsigned long)NET_ARENA_BYTES, chk);
    return 0;
}
EOF
# shellcheck disable=SC2086
$CC -std=c99 $CFLAGS -I"$top/tests/c" -o "$tmp/bench" "$tmp/bench.c" -lm
# shellcheck disable=SC2086
$CC -std=c99 $CFLAGS -c -o "$tmp/seed_q.o" "$top/tests/c/seed_q.c"

# shellcheck disable=SC2086
$pin "$tmp/bench" "$tmp/seed.qgw" "$N" "$REPS" > "$tmp/c.txt"
c_run=$(awk '$1 == "c_run" {print $2}' "$tmp/c.txt")
c_run_min=$(awk '$1 == "c_run" {print $3}' "$tmp/c.txt")
c_runq=$(awk '$1 == "c_run_q" {print $2}' "$tmp/c.txt")
arena=$(awk '$1 == "arena" {print $2}' "$tmp/c.txt")

echo "seed net (examples/seed/net.py), one core${pin:+ ($pin)}, thread CPU time, median of $REPS repetitions"
echo "compiler: $($CC --version | head -n 1)   flags: -std=c99 $CFLAGS"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo
printf '%-44s %12s %10s\n' "what" "us/image" "vs C"
printf '%-44s %12s %10s\n' "C net_run (float in/out, $N images)" "$c_run" "1.00"
printf '%-44s %12s %10s\n' "C net_run_q (codes in/out)" "$c_runq" \
    "$(awk -v a="$c_runq" -v b="$c_run" 'BEGIN {printf "%.2f", a / b}')"

# ------------------------------------------------------------ PyTorch
if py=$(QGEN_PYTHON=${QGEN_PYTHON:-} "$top/tests/torch-python" 2>/dev/null); then
    NT=$N
    [ "$NT" -gt 300 ] && NT=300
    # shellcheck disable=SC2086
    $pin "$py" - "$top/examples/seed/net.py" "$NT" "$REPS" > "$tmp/py.txt" 2> "$tmp/py.err" <<'EOF' || { echo "(PyTorch timing failed:"; cat "$tmp/py.err"; echo ")"; }
import copy, importlib.util, statistics, sys, time, warnings
import torch
import torch.nn.functional as F

warnings.filterwarnings('ignore')
path, N, R = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(1)
torch.manual_seed(0)
spec = importlib.util.spec_from_file_location('seed_net', path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
net = mod.Net().eval()


class ReshapeNet(mod.Net):
    """The seed Net with x.view(...) written as x.reshape(...)."""
    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2, 2)
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2, 2)
        x = x.reshape(-1, 5 * 5 * 40)
        x = self.fc(x)
        return x


x = torch.rand(N, 1, 28, 28)
xb = torch.rand(256, 1, 28, 28)


def per_image_b1(m):
    ts = []
    with torch.inference_mode():
        for i in range(min(N, 20)):
            m(x[i:i + 1])
        for _ in range(R):
            t0 = time.thread_time()
            for i in range(N):
                m(x[i:i + 1])
            ts.append((time.thread_time() - t0) / N * 1e6)
    return statistics.median(ts)


def per_image_batched(m):
    ts = []
    with torch.inference_mode():
        m(xb)
        for _ in range(R):
            t0 = time.thread_time()
            m(xb)
            ts.append((time.thread_time() - t0) / xb.shape[0] * 1e6)
    return statistics.median(ts)


print('torch_float_b1 %.3f' % per_image_b1(net))
print('torch_float_b256 %.3f' % per_image_batched(net))

from torch.ao.quantization import get_default_qconfig_mapping
from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx

for eng in ('qnnpack', 'onednn'):
    if eng not in torch.backends.quantized.supported_engines:
        print('torch_%s_b1 nan' % eng)
        continue
    try:
        torch.backends.quantized.engine = eng
        rnet = ReshapeNet().eval()
        rnet.load_state_dict(copy.deepcopy(net.state_dict()))
        prepared = prepare_fx(rnet, get_default_qconfig_mapping(eng), example_inputs=(x[:1],))
        with torch.no_grad():
            prepared(torch.rand(64, 1, 28, 28))
        qnet = convert_fx(prepared)
        print('torch_%s_b1 %.3f' % (eng, per_image_b1(qnet)))
        print('torch_%s_b256 %.3f' % (eng, per_image_batched(qnet)))
    except Exception as e:   # report, go on
        print('torch_%s_b1 nan' % eng)
        print('%s: %s' % (eng, e), file=sys.stderr)
EOF
    show() { # label key
        v=$(awk -v k="$2" '$1 == k {print $2}' "$tmp/py.txt")
        [ -n "$v" ] || return 0
        printf '%-44s %12s %10s\n' "$1" "$v" \
            "$(awk -v a="$v" -v b="$c_run" 'BEGIN {if (a == "nan") print "-"; else printf "%.1f", a / b}')"
    }
    show "PyTorch float, batch 1 ($NT images)" torch_float_b1
    show "PyTorch float, batch 256" torch_float_b256
    show "PyTorch int8 FX qnnpack, batch 1" torch_qnnpack_b1
    show "PyTorch int8 FX qnnpack, batch 256" torch_qnnpack_b256
    show "PyTorch int8 FX onednn, batch 1" torch_onednn_b1
    show "PyTorch int8 FX onednn, batch 256" torch_onednn_b256
    if [ -s "$tmp/py.err" ]; then
        sed 's/^/# /' "$tmp/py.err"
    fi
else
    echo "(no Python with torch: PyTorch timings skipped)"
fi

echo
echo "C best repetition: $c_run_min us/image"
echo "arena: $arena bytes (NET_ARENA_BYTES: activations + scratch + state)"
echo "code size of seed_q.o (kernels + model, $CFLAGS):"
size "$tmp/seed_q.o" | sed 's/^/  /'
