"""bench_generated.py -- the Python half of tests/bench/bench-generated.sh.

Not a test: a benchmark that prints one table per model.  Run it through
bench-generated.sh, which runs qgen, pins the process to one core and finds
a Python with torch; by hand:

    PYTHON bench_generated.py --top TOP [--n N] [--reps R] [--batch B]
        [--cc CC] [--budget S] [--b1-budget S] [--pin TEXT]
        NAME=TMP/NAME/net_q.py:TOP/examples/NAME/net.py ...

For each NAME, TMP/NAME holds qgen's output (net_q.py, qgen_runtime.py,
net_q.c, net_q.h).  Steps:

1. instantiate the generated class (the one with quantize_inference) with
   torch.manual_seed(0); a few no_grad forward passes in train mode set the
   BatchNorm running statistics (no effect on models without BN); then
   quantize(), calibrate quantize_forward in eval/no_grad on random inputs,
   freeze(), export(TMP/NAME/net.qgw);
2. N random inputs (another seed; torch.rand, i.e. [0, 1), for 1-channel
   inputs, torch.randn for others, like normalized RGB); the reference
   outputs are quantize_inference()'s floats (in chunks of 8 images: its
   int64 path is slowest on big batches), and the codes handed to the last
   dequantize() (for net_run_q, fed with QInput.quantize()'s codes).  N is
   capped so that the C timing plus these references fit --budget seconds
   per model (estimated from a probe of each C build and of 16 references);
3. a harness that #includes the generated net_q.c is compiled with
   -O3 -march=native and with -O2; it times net_run and net_run_q over the N
   images, REPS times (CLOCK_THREAD_CPUTIME_ID), keeps the outputs of the
   timed calls and compares them, bit for bit, with the references;
4. PyTorch (1 thread, inference_mode, time.thread_time): the original float
   class at batch 1 (min(N, 300) images, fewer if a repetition would take
   more than --b1-budget / REPS seconds) and batch B, and FX int8
   (prepare_fx/convert_fx, the engine's default qconfig mapping, calibrated
   on random inputs) with qnnpack and onednn at batch 1 and batch B.  If FX
   fails on the model as written, the failure is reported and, if the source
   has `.view(`, a copy with `.view(` replaced by `.reshape(` is tried;
5. the table: median us/image, the kernel's share of the CPU time
   (getrusage RUSAGE_THREAD) and "PyTorch / C" (row / C -O3 net_run), then
   the arena against the sum of all activations (from net_q.h), `size` of
   net_q.o and the weights file's size.
"""

import argparse
import contextlib
import importlib.util
import io
import os
import resource
import re
import statistics
import subprocess
import sys
import time
import traceback
import warnings

import numpy as np
import torch

warnings.filterwarnings('ignore')

HARNESS = r'''
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "net_q.c"

/* system (kernel) CPU time of this thread, us */
static double sys_us(void)
{
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    return (double)ru.ru_stime.tv_sec * 1e6 + (double)ru.ru_stime.tv_usec;
}

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

static void *slurp(const char *path, size_t want, size_t *got)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p;
    size_t cap = want ? want : (size_t)1 << 20, n = 0, k;
    if (!f) {
        perror(path);
        exit(1);
    }
    p = (unsigned char *)malloc(cap);
    while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            if (want)
                break;
            cap *= 2;
            p = (unsigned char *)realloc(p, cap);
        }
    }
    fclose(f);
    if (!p || (want && n != want)) {
        fprintf(stderr, "%s: short or unreadable\n", path);
        exit(1);
    }
    *got = n;
    return p;
}

/* argv: weights N REPS in.f32 in.u8 ref.f32 ref.u8: the benchmark;
 * argv: weights N: a probe, the median us of net_run over N zero images */
static int probe(const char *wpath, int N)
{
    static float in[NET_IN_SIZE], out[NET_OUT_SIZE];
    double ts[64];
    size_t nw;
    int i;
    unsigned char *w = (unsigned char *)slurp(wpath, 0, &nw);
    if (net_init(w, nw))
        return 1;
    for (i = 0; i < 5; i++)
        net_run(in, out);
    if (N > 64)
        N = 64;
    for (i = 0; i < N; i++) {
        double t0 = now_us();
        net_run(in, out);
        ts[i] = now_us() - t0;
    }
    qsort(ts, (size_t)N, sizeof *ts, cmp);
    printf("probe %.3f\n", ts[N / 2]);
    return 0;
}

int main(int argc, char **argv)
{
    size_t nw, n;
    int N, R, r, i, k, err, bad = 0, badq = 0, firstbad = -1, firstbadq = -1;
    unsigned char *w;
    float *in, *ref, *out;
    uint8_t *inq, *refq, *outq;
    double *t, *tq, maxdiff = 0, sys0, st = 0, stq = 0, tt = 0, ttq = 0;
    if (argc == 3)
        return probe(argv[1], atoi(argv[2]));
    if (argc != 8)
        return 2;
    w = (unsigned char *)slurp(argv[1], 0, &nw);
    err = net_init(w, nw);
    if (err) {
        fprintf(stderr, "net_init: %s\n", net_strerror(err));
        return 1;
    }
    N = atoi(argv[2]);
    R = atoi(argv[3]);
    in = (float *)slurp(argv[4], sizeof(float) * NET_IN_SIZE * (size_t)N, &n);
    inq = (uint8_t *)slurp(argv[5], (size_t)NET_IN_SIZE * (size_t)N, &n);
    ref = (float *)slurp(argv[6], sizeof(float) * NET_OUT_SIZE * (size_t)N, &n);
    refq = (uint8_t *)slurp(argv[7], (size_t)NET_OUT_SIZE * (size_t)N, &n);
    out = (float *)calloc((size_t)NET_OUT_SIZE * (size_t)N, sizeof(float));
    outq = (uint8_t *)calloc((size_t)NET_OUT_SIZE * (size_t)N, 1);
    t = (double *)malloc(sizeof(double) * (size_t)R);
    tq = (double *)malloc(sizeof(double) * (size_t)R);
    for (i = 0; i < 200; i++) /* warm up */
        net_run(in + (size_t)NET_IN_SIZE * (size_t)(i % N), out);
    for (r = 0; r < R; r++) {
        double t0 = now_us();
        sys0 = sys_us();
        for (i = 0; i < N; i++)
            err |= net_run(in + (size_t)NET_IN_SIZE * (size_t)i, out + (size_t)NET_OUT_SIZE * (size_t)i);
        st += sys_us() - sys0;
        tt += now_us() - t0;
        t[r] = (now_us() - t0) / N;
        t0 = now_us();
        sys0 = sys_us();
        for (i = 0; i < N; i++)
            err |= net_run_q(inq + (size_t)NET_IN_SIZE * (size_t)i, outq + (size_t)NET_OUT_SIZE * (size_t)i);
        stq += sys_us() - sys0;
        ttq += now_us() - t0;
        tq[r] = (now_us() - t0) / N;
    }
    /* the outputs of the last timed repetition against quantize_inference */
    for (i = 0; i < N; i++) {
        const size_t o = (size_t)NET_OUT_SIZE * (size_t)i;
        if (memcmp(out + o, ref + o, sizeof(float) * NET_OUT_SIZE)) {
            bad++;
            if (firstbad < 0)
                firstbad = i;
            for (k = 0; k < NET_OUT_SIZE; k++) {
                double d = (double)out[o + k] - (double)ref[o + k];
                if (d < 0)
                    d = -d;
                if (!(d <= maxdiff))
                    maxdiff = d;
            }
        }
        if (memcmp(outq + o, refq + o, NET_OUT_SIZE)) {
            badq++;
            if (firstbadq < 0)
                firstbadq = i;
        }
    }
    qsort(t, (size_t)R, sizeof *t, cmp);
    qsort(tq, (size_t)R, sizeof *tq, cmp);
    printf("run %.3f %.3f %.4f\nrun_q %.3f %.3f %.4f\n", t[R / 2], t[0], st / tt, tq[R / 2], tq[0], stq / ttq);
    printf("arena %lu\nact %lu\nin %d\nout %d\n", (unsigned long)NET_ARENA_BYTES,
           (unsigned long)NET_ACT_BYTES, NET_IN_SIZE, NET_OUT_SIZE);
    printf("err %d\nbad %d %d\nbadq %d %d\nmaxdiff %g\n", err, bad, firstbad, badq, firstbadq, maxdiff);
    return 0;
}
'''


def load_module(path, name):
    """The module at path; torchvision's own model files are imported as
    the package's modules (they use relative imports), and torchvision's
    model registry is set aside while a generated copy of one registers
    its builders again."""
    m = re.search(r'/(torchvision/models/[A-Za-z0-9_/]+)\.py$', path)
    if m and name.startswith('qgen_orig_'):
        return importlib.import_module(m.group(1).replace('/', '.'))
    try:
        import torchvision.models._api as tv_api
        registry = getattr(tv_api, 'BUILTIN_MODELS', None)
    except Exception:
        registry = None
    saved = dict(registry) if registry is not None else None
    if registry is not None:
        registry.clear()
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        if registry is not None:
            registry.clear()
            registry.update(saved)
    return mod


def load_source(src, name):
    mod = type(sys)(name)
    exec(compile(src, '<%s>' % name, 'exec'), mod.__dict__)
    return mod


def model_class(mod):
    """The nn.Module class of mod that has quantize_inference, else None."""
    for v in vars(mod).values():
        if isinstance(v, type) and issubclass(v, torch.nn.Module) \
                and hasattr(v, 'quantize_inference') and v.__module__ == mod.__name__:
            return v
    return None


def input_shape(src):
    m = re.search(r'#\s*qgen:\s*input-shape=([0-9, ]+)', src)
    if m:
        return tuple(int(s) for s in m.group(1).replace(' ', '').split(','))
    return (1, 1, 28, 28)          # qgen's default (the seed)


def rand_inputs(n, shape):
    return torch.rand((n,) + shape[1:]) if shape[1] == 1 else torch.randn((n,) + shape[1:])


def header_arena(hpath, cpath):
    """(act bytes, sum of all) from net_q.h's comment, (same) from net_q.c's."""
    def grab(path, pat):
        with open(path) as f:
            txt = re.sub(r'\s*\n\s*\*\s*', ' ', f.read())
        m = re.search(pat, txt)
        return (int(m.group(1)), int(m.group(2))) if m else (None, None)
    h = grab(hpath, r'planned by lifetime: (\d+) bytes \(the sum of them all, unshared, is (\d+) bytes\)')
    c = grab(cpath, r'Arena: (\d+) bytes of activations.*?unshared, would be (\d+) bytes\)')
    return h, c


def harness_for(stem):
    """HARNESS for the model STEM_q.c (net_q.c for the examples)."""
    h = re.sub(r'\bnet_(init|run_q|run|strerror)\b', stem + r'_\1', HARNESS)
    return h.replace('"net_q.c"', '"%s_q.c"' % stem).replace('NET_', stem.upper() + '_')


def build_harness(cc, flags, d, log, stem='net'):
    """Compile the harness and STEM_q.o with flags: (exe, text bytes), exe None on failure."""
    tag = flags.replace(' ', '').replace('=', '')
    exe = os.path.join(d, 'bench' + tag)
    src = os.path.join(d, 'bench.c')
    with open(src, 'w') as f:
        f.write(harness_for(stem))
    cmd = [cc, '-std=c99'] + flags.split() + ['-I', d, '-o', exe, src, '-lm']
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode:
        log.append('compile failed (%s): %s' % (' '.join(cmd), p.stderr.strip()[:2000]))
        return None, None
    obj = os.path.join(d, stem + '_q' + tag + '.o')
    cmd = [cc, '-std=c99'] + flags.split() + ['-c', '-o', obj, os.path.join(d, stem + '_q.c')]
    text = None
    if subprocess.run(cmd, capture_output=True, text=True).returncode == 0:
        s = subprocess.run(['size', obj], capture_output=True, text=True)
        if s.returncode == 0:
            text = int(s.stdout.splitlines()[1].split()[0])
    return exe, text


def parse(out):
    res = {}
    for line in out.splitlines():
        k, *v = line.split()
        res[k] = [float(x) for x in v]
    return res


def probe_harness(exe, d, log):
    """Median us of one net_run (zero input), or None."""
    p = subprocess.run([exe, os.path.join(d, 'net.qgw'), '21'], capture_output=True, text=True)
    if p.returncode:
        log.append('harness probe failed: %s' % (p.stderr + p.stdout).strip()[:2000])
        return None
    return parse(p.stdout)['probe'][0]


def run_harness(exe, flags, d, n, reps, log):
    j = lambda s: os.path.join(d, s)
    p = subprocess.run([exe, j('net.qgw'), str(n), str(reps), j('in.f32'), j('in.u8'),
                        j('ref.f32'), j('ref.u8')], capture_output=True, text=True)
    if p.returncode:
        log.append('harness failed (%s): %s' % (flags, (p.stderr + p.stdout).strip()[:2000]))
        return None
    return parse(p.stdout)


def b1_count(m, x, reps, budget):
    """How many images the batch-1 loop can take: at most len(x), at least 20,
    about budget seconds over reps repetitions."""
    with torch.inference_mode():
        for i in range(5):
            m(x[i:i + 1])
        t0 = time.thread_time()
        for i in range(10):
            m(x[i:i + 1])
        per = max((time.thread_time() - t0) / 10, 1e-7)
    return max(20, min(len(x), int(budget / (per * reps))))


def _rusage_sys():
    return resource.getrusage(resource.RUSAGE_THREAD).ru_stime


def _timed(fn, reps, per):
    """(median us per item, best, kernel share of the CPU time) of reps calls of fn."""
    ts, tot, sys_ = [], 0.0, 0.0
    for _ in range(reps):
        s0 = _rusage_sys()
        t0 = time.thread_time()
        fn()
        dt = time.thread_time() - t0
        sys_ += _rusage_sys() - s0
        tot += dt
        ts.append(dt / per * 1e6)
    return statistics.median(ts), min(ts), sys_ / tot if tot > 0 else 0.0


def time_b1(m, x, reps):
    def loop():
        for i in range(len(x)):
            m(x[i:i + 1])
    with torch.inference_mode():
        for i in range(min(len(x), 20)):
            m(x[i:i + 1])
        return _timed(loop, reps, len(x))


def time_batched(m, xb, reps):
    with torch.inference_mode():
        m(xb)
        return _timed(lambda: m(xb), reps, xb.shape[0])


def first_line(e):
    s = '%s: %s' % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else '')
    return s[:220]


def fx_quantize(cls, state, shape, eng):
    """FX int8 model, run once at batch 1 and 4; FX's own traceback print is kept out."""
    with contextlib.redirect_stderr(io.StringIO()):
        return _fx_quantize(cls, state, shape, eng)


def _fx_quantize(cls, state, shape, eng):
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.backends.quantized.engine = eng
    net = cls().eval()
    net.load_state_dict(state)
    prepared = prepare_fx(net, get_default_qconfig_mapping(eng),
                          example_inputs=(rand_inputs(1, shape),))
    with torch.no_grad():
        for _ in range(4):
            prepared(rand_inputs(32, shape))
    q = convert_fx(prepared)
    with torch.inference_mode():     # does it run?  (the seed's view() does not)
        q(rand_inputs(1, shape))
        q(rand_inputs(4, shape))
    return q


C_FLAGS = ('-O3 -march=native', '-O2 -mavx2 -mfma', '-O2')


def time_ort(onnx_path, shape, a, rows, notes, label):
    """ONNX Runtime (onnxruntime-node, through ort_bench.js) at batch 1."""
    js = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ort_bench.js')
    n = max(10, min(300, int(a.b1_budget / max(a.probe_ort, 1e-6) / a.reps)))
    cmd = (a.pin.split() if a.pin else []) + ['node', js, onnx_path] + [str(v) for v in shape[1:]] + [str(n), str(a.reps)]
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, NODE_PATH=a.ort_modules))
    if p.returncode:
        rows.append(('ONNX Runtime %s: FAILED (see below)' % label, None, None, None))
        notes.append('ONNX Runtime %s failed: %s' % (label, first_line(p.stderr.strip() or p.stdout)))
        return
    med, best = [float(v) for v in p.stdout.split()[1:3]]
    rows.append(('ONNX Runtime %s %s, batch 1 (%d images)' % (a.ort_version, label, n), med, best, 0.0))


def ort_columns(fnet, state, shape, a, d, rows, notes):
    if not a.ort_modules:
        rows.append(('ONNX Runtime: skipped (%s)' % a.ort_why, None, None, None))
        return
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import onnx_export
    x1 = rand_inputs(1, shape)
    for label, fn in (('fp32', lambda p: onnx_export.fp32(fnet, x1, p)),
                      ('int8 QDQ', lambda p: onnx_export.qdq(fnet, x1, [rand_inputs(8, shape) for _ in range(4)], p))):
        path = os.path.join(d, 'ort_%s.onnx' % label.split()[0])
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                fn(path)
        except Exception as e:
            rows.append(('ONNX Runtime %s: export FAILED (see below)' % label, None, None, None))
            notes.append('ONNX export %s failed: %s' % (label, first_line(e)))
            continue
        time_ort(path, shape, a, rows, notes, label)


def bench_model(name, gen_path, orig_path, a, expr=None, shape=None):
    d = os.path.dirname(gen_path)
    stem = os.path.basename(gen_path)[:-len('_q.py')]
    rows, notes, odd = [], [], []
    with open(orig_path) as f:
        src = f.read()
    shape = shape or input_shape(src)

    # ---- 1. the generated model: calibrate, freeze, export
    sys.path.insert(0, d)
    sys.modules.pop('qgen_runtime', None)
    gen = load_module(gen_path, 'qgen_gen_' + name)
    sys.path.pop(0)
    gcls = model_class(gen)
    if gcls is None and not expr:
        return None, ['%s: no class with quantize_inference in %s' % (name, gen_path)], []
    rt = sys.modules['qgen_runtime']
    torch.manual_seed(0)
    model = eval(expr, vars(gen)) if expr else gcls()
    gcls = type(model)
    model.train()
    with torch.no_grad():              # BatchNorm running statistics
        for _ in range(5):
            model(rand_inputs(32, shape))
    model.eval()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    model.quantize()
    model.eval()
    with torch.no_grad():
        for _ in range(8):
            model.quantize_forward(rand_inputs(32, shape))
    model.freeze()
    qgw = os.path.join(d, 'net.qgw')
    model.export(qgw)

    # ---- 2. the C builds; how many images fit the time budget
    builds = {}
    for flags in C_FLAGS:
        exe, text = build_harness(a.cc, flags, d, odd, stem)
        builds[flags] = (exe, text, exe and probe_harness(exe, d, odd))
    captured = []
    orig_deq = rt.QParam.dequantize

    def deq(self, q):
        captured.append(q)
        return orig_deq(self, q)

    def refs(xs):
        """quantize_inference's floats and the codes of its last dequantize()."""
        captured.clear()
        rt.QParam.dequantize = deq
        try:
            with torch.no_grad():
                y = model.quantize_inference(xs).float().reshape(len(xs), -1)
        finally:
            rt.QParam.dequantize = orig_deq
        return y, captured[-1].reshape(len(xs), -1)

    t0 = time.time()
    xp = rand_inputs(16, shape)
    refs(xp[:8])
    refs(xp[8:])
    t_ref1 = (time.time() - t0) / 16
    t_c1 = sum(2 * a.reps * b[2] * 1e-6 for b in builds.values() if b[2])  # run + run_q
    n = a.n
    n_fit = int(a.budget / (t_c1 + t_ref1))
    if n_fit < n:
        n = max(a.min_n, n_fit)
        notes.append('N capped from %d to %d images by the %.0f s budget (probe: %s us/image '
                     'for C net_run; quantize_inference %.1f ms/image in Python)' % (
                         a.n, n, a.budget, '/'.join('%.0f' % b[2] for b in builds.values() if b[2]),
                         t_ref1 * 1e3))

    # ---- 3. inputs and references
    g = torch.Generator().manual_seed(1)
    x = (torch.rand((n,) + shape[1:], generator=g) if shape[1] == 1
         else torch.randn((n,) + shape[1:], generator=g)).contiguous()
    qin = [m for m in model.modules() if isinstance(m, rt.QInput)]
    if len(qin) != 1:
        return None, ['%s: %d QInput modules' % (name, len(qin))], []
    ref, refq, inq = [], [], []
    t0 = time.time()
    for i in range(0, n, 8):    # small chunks: the int64 path is fastest so
        xs = x[i:i + 8]
        y, yq = refs(xs)
        ref.append(y)
        refq.append(yq)
        inq.append(qin[0].quantize(xs).reshape(len(xs), -1))
    t_ref = time.time() - t0
    ref, refq, inq = torch.cat(ref), torch.cat(refq), torch.cat(inq)
    for t, what in ((refq, 'output'), (inq, 'input')):
        if int(t.min()) < 0 or int(t.max()) > 255:
            odd.append('%s: %s codes outside 0..255' % (name, what))
    x.numpy().astype('<f4').tofile(os.path.join(d, 'in.f32'))
    inq.numpy().astype(np.uint8).tofile(os.path.join(d, 'in.u8'))
    ref.numpy().astype('<f4').tofile(os.path.join(d, 'ref.f32'))
    refq.numpy().astype(np.uint8).tofile(os.path.join(d, 'ref.u8'))

    # ---- 4. the C
    c = {}
    for flags, (exe, text, _) in builds.items():
        r = run_harness(exe, flags, d, n, a.reps, odd) if exe else None
        c[flags] = r
        if r is None:
            rows.append(('C net_run %s: FAILED' % flags, None, None, None))
            continue
        r['text'] = text
        if int(r['in'][0]) != x[0].numel() or int(r['out'][0]) != ref.shape[1]:
            odd.append('%s: NET_IN_SIZE/NET_OUT_SIZE %d/%d but the model has %d/%d' % (
                name, r['in'][0], r['out'][0], x[0].numel(), ref.shape[1]))
        if r['err'][0]:
            odd.append('%s (%s): net_run/net_run_q returned an error' % (name, flags))
        rows.append(('C net_run %s' % flags,) + tuple(r['run']))
        rows.append(('C net_run_q %s' % flags,) + tuple(r['run_q']))
        bad, fb = int(r['bad'][0]), int(r['bad'][1])
        badq, fbq = int(r['badq'][0]), int(r['badq'][1])
        ok = 'OK' if bad == 0 else 'MISMATCH'
        okq = 'OK' if badq == 0 else 'MISMATCH'
        notes.append('bit-exact check, C %-18s vs quantize_inference on the %d timed images: '
                     'net_run %s%s; net_run_q %s%s' % (
                         flags, n, ok,
                         '' if bad == 0 else ' (%d images differ, first #%d, max |diff| %g)'
                         % (bad, fb, r['maxdiff'][0]),
                         okq, '' if badq == 0 else ' (%d images differ, first #%d)' % (badq, fbq)))
        if bad or badq:
            odd.append('%s: C %s differs from quantize_inference (%d float, %d code mismatches of %d)'
                       % (name, flags, bad, badq, n))

    # ---- 5. PyTorch
    torch.set_num_threads(1)
    orig = load_module(orig_path, 'qgen_orig_' + name)
    ocls = getattr(orig, gcls.__name__)
    fnet = (eval(expr, vars(orig)) if expr else ocls()).eval()
    fnet.load_state_dict(state)
    xb1 = x[:300]
    torch.manual_seed(2)
    batch = a.batch if int(np.prod(shape)) < 100000 else min(a.batch, 16)   # 224x224: a short batch
    xb = rand_inputs(batch, shape)

    def both(label, m):
        k = b1_count(m, xb1, a.reps, a.b1_budget)
        rows.append(('%s, batch 1 (%d images)' % (label, k),) + time_b1(m, xb1[:k], a.reps))
        rows.append(('%s, batch %d' % (label, batch),) + time_batched(m, xb, a.reps))

    both('PyTorch float', fnet)
    for eng in ('qnnpack', 'onednn'):
        if eng not in torch.backends.quantized.supported_engines:
            rows.append(('PyTorch FX int8 %s: engine not supported' % eng, None, None, None))
            continue
        label = ''
        try:
            q = fx_quantize((lambda: eval(expr, vars(orig))) if expr else ocls, state, shape, eng)
        except Exception as e:
            notes.append('FX int8 %s on %s as written FAILED: %s' % (
                eng, os.path.relpath(orig_path, a.top), first_line(e)))
            if '.view(' not in src:
                rows.append(('PyTorch FX int8 %s: FAILED (see below)' % eng, None, None, None))
                continue
            try:
                rmod = load_source(src.replace('.view(', '.reshape('), 'qgen_reshape_' + name)
                q = fx_quantize(getattr(rmod, gcls.__name__), state, shape, eng)
                label = ' [view->reshape copy]'
            except Exception as e2:
                notes.append('FX int8 %s on the view->reshape copy FAILED too: %s' % (eng, first_line(e2)))
                rows.append(('PyTorch FX int8 %s: FAILED (see below)' % eng, None, None, None))
                continue
        torch.backends.quantized.engine = eng
        both('PyTorch FX int8 %s%s' % (eng, label), q)

    # ---- 5b. ONNX Runtime (image count from PyTorch float's batch-1 time)
    a.probe_ort = next((r[1] * 1e-6 for r in rows if r[0].startswith('PyTorch float, batch 1') and r[1]), 1e-3)
    ort_columns(fnet, state, shape, a, d, rows, notes)

    # ---- 6. sizes
    (hact, hsum), (cact, csum) = header_arena(os.path.join(d, stem + '_q.h'), os.path.join(d, stem + '_q.c'))
    c3 = c.get('-O3 -march=native')
    info = {'shape': shape, 'class': gcls.__name__, 'hact': hact, 'hsum': hsum,
            'qgw': os.path.getsize(qgw), 't_ref': t_ref, 'n': n,
            'c': c, 'c3': c3 and c3['run'][0]}
    if hact is None or cact is None:
        odd.append('%s: could not find the arena comment in net_q.h (%s) or net_q.c (%s)' % (name, hact, cact))
    elif (hact, hsum) != (cact, csum):
        odd.append('%s: net_q.h says %s/%s bytes, net_q.c says %s/%s' % (name, hact, hsum, cact, csum))
    if c3 and hact is not None and int(c3['act'][0]) != hact:
        odd.append('%s: NET_ACT_BYTES %d but the header comment says %d' % (name, c3['act'][0], hact))
    return (rows, info), notes, odd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--top', required=True)
    ap.add_argument('--n', type=int, default=2000)
    ap.add_argument('--reps', type=int, default=15)
    ap.add_argument('--batch', type=int, default=256)
    ap.add_argument('--cc', default='cc')
    ap.add_argument('--budget', type=float, default=75.0,
                    help='seconds per model for the C timing and the references (caps N)')
    ap.add_argument('--b1-budget', type=float, default=4.0,
                    help='seconds per PyTorch batch-1 configuration (caps its image count)')
    ap.add_argument('--pin', default='')
    ap.add_argument('--min-n', type=int, default=50, help='the least N the budget may cap it to')
    ap.add_argument('--ort', default='', help='a node_modules directory holding onnxruntime-node')
    ap.add_argument('models', nargs='+', help='NAME=GENERATED_NET_Q_PY:ORIGINAL_NET_PY')
    a = ap.parse_args()
    a.ort_modules, a.ort_why, a.ort_version, a.probe_ort = '', '', '', 1e-3
    if not a.ort:
        a.ort_why = 'no onnxruntime-node (bench-generated.sh installs it with npm when npm is there)'
    else:
        try:
            import onnx  # noqa: F401
            pj = os.path.join(a.ort, 'onnxruntime-node', 'package.json')
            with open(pj) as f:
                a.ort_version = re.search(r'"version":\s*"([^"]+)"', f.read()).group(1)
            a.ort_modules = a.ort
        except Exception as e:
            a.ort_why = 'needs python3-onnx and onnxruntime-node in %s: %s' % (a.ort, first_line(e))
    torch.set_num_threads(1)
    t_start = time.time()
    cc_ver = subprocess.run([a.cc, '--version'], capture_output=True, text=True).stdout.splitlines()
    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo') as f:
            cpu = next(l.split(':', 1)[1].strip() for l in f if l.startswith('model name'))
    except (OSError, StopIteration):
        pass
    try:
        with open('/proc/loadavg') as f:
            load = ' '.join(f.read().split()[:3])
    except OSError:
        load = 'unknown'
    print('qgen-generated C vs PyTorch, one core%s, thread CPU time '
          '(CLOCK_THREAD_CPUTIME_ID / time.thread_time), median of %d repetitions'
          % (' (%s)' % a.pin if a.pin else ' (NOT pinned)', a.reps))
    print('C: N = %d images per repetition, one image per net_run call; compiler: %s'
          % (a.n, cc_ver[0] if cc_ver else a.cc))
    print('PyTorch %s, 1 thread, inference_mode; batch-1 loops over <= min(N, 300) images '
          '(~%.0f s each); batched = %d' % (torch.__version__, a.b1_budget, a.batch))
    print('C: at most N images, fewer if the C timing plus the Python references would take '
          'more than %.0f s per model' % a.budget)
    print('cpu: %s   load average at start: %s' % (cpu, load))
    print('sys %: the share of that CPU time spent in the kernel (e.g. page faults of large '
          'allocations); ratio = row / C net_run -O3 -march=native')
    all_odd = []
    for spec in a.models:
        name, paths = spec.split('=', 1)
        parts = paths.split(':')   # GEN_PY:ORIG_PY[:EXPR[:N,C,H,W]]
        gen_path, orig_path = parts[:2]
        expr = parts[2] if len(parts) > 2 else None
        shape = tuple(int(v) for v in parts[3].split(',')) if len(parts) > 3 else None
        try:
            res, notes, odd = bench_model(name, gen_path, orig_path, a, expr, shape)
        except Exception:
            print('\n=== %s: FAILED\n%s' % (name, traceback.format_exc()))
            all_odd.append('%s: the benchmark itself failed (traceback above)' % name)
            continue
        all_odd += odd
        print()
        if res is None:
            print('=== %s: %s' % (name, '; '.join(notes)))
            continue
        rows, info = res
        print('=== %s (%s, class %s, input %s)' % (
            name, os.path.relpath(orig_path, a.top), info['class'], 'x'.join(map(str, info['shape']))))
        base = info['c3']
        w = max(len(r[0]) for r in rows) + 2
        print('%-*s %10s %10s %6s %12s' % (w, 'what', 'us/image', 'best rep', 'sys', 'PyTorch / C'))
        print('%-*s %10s %10s %6s %12s' % (w, '-' * (w - 2), 'median', 'us/image', '%', '(C -O3 = 1)'))
        for label, med, best, sysf in rows:
            if med is None:
                print('%-*s %10s %10s %6s %12s' % (w, label, '-', '-', '-', '-'))
                continue
            ratio = '%.2f' % (med / base) if base else '-'
            print('%-*s %10.2f %10.2f %6.1f %12s' % (w, label, med, best, 100 * sysf, ratio))
        for n_ in notes:
            print('  ' + n_)
        c3, c2 = info['c'].get('-O3 -march=native'), info['c'].get('-O2')
        cav = info['c'].get('-O2 -mavx2 -mfma')
        if c3 and c2:
            print('  portable -O2 / native -O3: %.2fx%s' % (c2['run'][0] / c3['run'][0],
                  '; AVX2 / native: %.2fx' % (cav['run'][0] / c3['run'][0]) if cav else ''))
        if c3:
            print('  arena: %s bytes of activations and scratch (NET_ACT_BYTES) vs %s bytes, the sum '
                  'of all activations unshared (%.0f%%); NET_ARENA_BYTES with the pointer state: %d'
                  % (info['hact'], info['hsum'],
                     100.0 * info['hact'] / info['hsum'] if info['hact'] and info['hsum'] else float('nan'),
                     c3['arena'][0]))
        print('  code size of net_q.o (text, `size`): %s bytes at -O3 -march=native, %s bytes at -O2'
              % (c3 and c3['text'], c2 and c2['text']))
        print('  weights file net.qgw: %d bytes' % info['qgw'])
        print('  (quantize_inference in Python on the %d images took %.1f s wall)' % (info['n'], info['t_ref']))
    print()
    if all_odd:
        print('!!! ODD THINGS:')
        for o in all_odd:
            print('!!!   ' + o)
    else:
        print('nothing odd: every C output equals quantize_inference bit for bit')
    print('total time in Python (incl. C runs): %.0f s' % (time.time() - t_start))
    return 1 if all_odd else 0


if __name__ == '__main__':
    sys.exit(main())
