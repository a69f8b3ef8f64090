#!/usr/bin/env python3
"""bench-torchvision.py -- torchvision's builders through qgen, timed in C.

Not a test: a benchmark that prints one table.  For each of torchvision's 13
builders, from its own file, unmodified:

1. `qgen --model 'EXPR' --input-shape 1,3,S,S FILE -o OUT/NAME` (S = --size,
   224 by default);
2. the rewritten builder's model loads the original's state_dict (random
   init, torch.manual_seed(0)); quantize(), calibrate quantize_forward on
   --calib random images, freeze(), export();
3. the C is compiled with `-O3 -march=native` (and --cc) and checked bit for
   bit against quantize_inference on --check images;
4. the C's time per image: a harness that includes the generated .c calls
   PREFIX_run on one image --reps times (CLOCK_THREAD_CPUTIME_ID), median;
5. PyTorch on the same core, one thread, inference_mode: the original float
   model at batch 1, and FX int8 (prepare_fx/convert_fx with the engine's
   default qconfig mapping, calibrated on the same images) with onednn at
   batch 1; medians of --reps.

The process pins itself to one core (--core, default the last one).  A
builder that does not come through a step is reported with the step and its
first error line; the benchmark never fails on one.

usage: bench-torchvision.py [--qgen QGEN] [--size S] [--reps R] [--only NAME,...]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'py'))
import common  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torchvision  # noqa: E402

BUILDERS = [
    ('resnet18', 'resnet18()', 'resnet.py'),
    ('resnet50', 'resnet50()', 'resnet.py'),
    ('mobilenet_v2', 'mobilenet_v2()', 'mobilenetv2.py'),
    ('mobilenet_v3_small', 'mobilenet_v3_small()', 'mobilenetv3.py'),
    ('squeezenet1_0', 'squeezenet1_0()', 'squeezenet.py'),
    ('vgg11', 'vgg11()', 'vgg.py'),
    ('alexnet', 'alexnet()', 'alexnet.py'),
    ('googlenet', 'googlenet(aux_logits=False, init_weights=False)', 'googlenet.py'),
    ('mnasnet0_5', 'mnasnet0_5()', 'mnasnet.py'),
    ('densenet121', 'densenet121()', 'densenet.py'),
    ('efficientnet_b0', 'efficientnet_b0()', 'efficientnet.py'),
    ('regnet_x_400mf', 'regnet_x_400mf()', 'regnet.py'),
    ('shufflenet_v2_x0_5', 'shufflenet_v2_x0_5()', 'shufflenetv2.py'),
]

HARNESS = r'''
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "@STEM@_q.c"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* argv: weights in.f32 out.f32 reps: runs every image of in.f32, writes
 * out.f32, then prints the time of each of reps runs of the first image. */
int main(int argc, char **argv)
{
    static float in[@MODEL@_IN_SIZE], out[@MODEL@_OUT_SIZE];
    FILE *f = fopen(argv[1], "rb"), *fi, *fo;
    unsigned char *w;
    long size;
    int reps = atoi(argv[4]), r;
    if (argc != 5 || !f)
        return 2;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    w = malloc((size_t)size);
    if (!w || fread(w, 1, (size_t)size, f) != (size_t)size)
        return 2;
    fclose(f);
    if ((r = @model@_init(w, (size_t)size)) != 0) {
        fprintf(stderr, "init: %s\n", @model@_strerror(r));
        return 1;
    }
    fi = fopen(argv[2], "rb");
    fo = fopen(argv[3], "wb");
    if (!fi || !fo)
        return 2;
    while (fread(in, sizeof in, 1, fi) == 1) {
        @model@_run(in, out);
        fwrite(out, sizeof out, 1, fo);
    }
    fclose(fo);
    rewind(fi);
    if (fread(in, sizeof in, 1, fi) != 1)
        return 2;
    fclose(fi);
    for (r = 0; r < reps; r++) {
        double t0 = now_us();
        @model@_run(in, out);
        printf("%.1f\n", now_us() - t0);
    }
    return 0;
}
'''


class Skip(Exception):
    pass


def first_line(text):
    lines = (text or '').splitlines()
    for line in [l for l in lines if 'error' in l] + lines:
        if line.strip():
            return line.strip()[:160]
    return '?'


def median_us(fn, reps):
    ts = []
    for _ in range(reps):
        t0 = time.thread_time()
        fn()
        ts.append((time.thread_time() - t0) * 1e6)
    return statistics.median(ts)


def torch_times(name, expr, x, calib, reps):
    """(float batch-1 us, onednn int8 batch-1 us or a reason)."""
    torch.manual_seed(0)
    model = eval('torchvision.models.' + expr).eval()
    with torch.inference_mode():
        model(x)
        fl = median_us(lambda: model(x), reps)
    try:
        from torch.ao.quantization import get_default_qconfig_mapping
        from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
        torch.backends.quantized.engine = 'onednn'
        with torch.no_grad():
            prepared = prepare_fx(model, get_default_qconfig_mapping('onednn'), example_inputs=(x,))
            for c in calib:
                prepared(c)
            qm = convert_fx(prepared)
        with torch.inference_mode():
            qm(x)
            q = median_us(lambda: qm(x), reps)
    except Exception as e:  # FX refuses some of them as written
        q = 'FX: ' + first_line(str(e))
    return fl, q


def bench_one(a, name, expr, fname, out):
    src = os.path.join(os.path.dirname(torchvision.__file__), 'models', fname)
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    shape = (1, 3, a.size, a.size)
    r = subprocess.run([a.qgen, '--model', expr, '--input-shape', ','.join(map(str, shape)), src, '-o', d],
                       capture_output=True, text=True)
    if r.returncode:
        raise Skip('qgen: ' + first_line(r.stderr))
    stem = os.path.splitext(fname)[0]
    with open(os.path.join(d, stem + '_q.h')) as f:
        hdr = f.read()
    prefix = re.search(r'int (\w+)_init\(', hdr).group(1)
    arena = int(re.search(r'#define %s_ACT_BYTES (\d+)' % prefix.upper(), hdr).group(1)) \
        if re.search(r'#define %s_ACT_BYTES (\d+)' % prefix.upper(), hdr) else None

    sys.path.insert(0, d)
    try:
        mod = common.load_python_file(os.path.join(d, stem + '_q.py'), 'bench_' + name)
    except Exception as e:
        raise Skip('import %s_q.py: %s' % (stem, first_line(str(e))))
    finally:
        sys.path.remove(d)
    torch.manual_seed(0)
    orig = eval('torchvision.models.' + expr)
    torch.manual_seed(0)
    try:
        model = eval(expr, vars(mod))
        model.load_state_dict(orig.state_dict())
        model.eval()
        model.quantize()
        g = torch.Generator().manual_seed(1)
        calib = [torch.randn(1, *shape[1:], generator=g) for _ in range(a.calib)]
        with torch.no_grad():
            for c in calib:
                model.quantize_forward(c)
            model.freeze()
            xs = torch.randn(a.check, *shape[1:], generator=g)
            want = np.concatenate([model.quantize_inference(xs[i:i + 1]).numpy().astype(np.float32).reshape(-1)
                                   for i in range(a.check)])
        weights = os.path.join(d, 'net.qgw')
        model.export(weights)
    except Exception as e:
        raise Skip('Python: ' + first_line('%s: %s' % (type(e).__name__, e)))
    xin = os.path.join(d, 'in.f32')
    xs.numpy().astype('<f4').tofile(xin)

    with open(os.path.join(d, 'bench.c'), 'w') as f:
        f.write(HARNESS.replace('@STEM@', stem).replace('@MODEL@', prefix.upper()).replace('@model@', prefix))
    exe = os.path.join(d, 'bench')
    r = subprocess.run([a.cc, '-std=c99', '-O3', '-march=native', '-I', d, '-o', exe,
                        os.path.join(d, 'bench.c'), '-lm'], capture_output=True, text=True)
    if r.returncode:
        raise Skip('cc: ' + first_line(r.stderr))
    yout = os.path.join(d, 'out.f32')
    r = subprocess.run([exe, weights, xin, yout, str(a.reps)], capture_output=True, text=True)
    if r.returncode:
        raise Skip('C: ' + first_line(r.stderr))
    got = np.fromfile(yout, dtype='<f4')
    exact = got.size == want.size and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    c_us = statistics.median(float(t) for t in r.stdout.split())
    fl, q = torch_times(name, expr, xs[:1], calib, a.reps)
    return {'c': c_us, 'exact': exact, 'float': fl, 'onednn': q, 'arena': arena,
            'weights': os.path.getsize(weights)}


def fmt_us(v):
    if isinstance(v, str):
        return v
    return '%.0f' % v if v >= 100 else '%.1f' % v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qgen', default=os.environ.get('QGEN', os.path.join(common.REPO, 'qgen')))
    ap.add_argument('--cc', default=os.environ.get('CC', 'gcc'))
    ap.add_argument('--size', type=int, default=224)
    ap.add_argument('--reps', type=int, default=7)
    ap.add_argument('--calib', type=int, default=4)
    ap.add_argument('--check', type=int, default=2)
    ap.add_argument('--core', type=int, default=(os.cpu_count() or 1) - 1)
    ap.add_argument('--only', default='')
    ap.add_argument('--out', default=None)
    a = ap.parse_args()
    try:
        os.sched_setaffinity(0, {a.core})
    except (AttributeError, OSError):
        pass
    torch.set_num_threads(1)
    only = set(filter(None, a.only.split(',')))
    out = a.out or tempfile.mkdtemp(prefix='qgen-bench-tv-')
    print('qgen: %s; C: %s -O3 -march=native; one core (%d), one thread; input 1x3x%dx%d; medians of %d'
          % (a.qgen, a.cc, a.core, a.size, a.size, a.reps))
    print('torch %s, torchvision %s; outputs in %s' % (torch.__version__, torchvision.__version__, out))
    print()
    head = ('builder', 'qgen C us', 'C == Python', 'torch float us', 'onednn int8 us', 'float/C', 'onednn/C',
            'arena KiB', 'weights KiB')
    rows = []
    for name, expr, fname in BUILDERS:
        if only and name not in only:
            continue
        t0 = time.time()
        try:
            res = bench_one(a, name, expr, fname, out)
        except Skip as e:
            rows.append((name, 'not through: ' + str(e)))
            print('%s: not through: %s' % (name, e), flush=True)
            continue
        ratio = lambda v: ('%.2fx' % (v / res['c'])) if not isinstance(v, str) else '-'
        row = (name, fmt_us(res['c']), 'yes' if res['exact'] else 'NO', fmt_us(res['float']),
               fmt_us(res['onednn']) if not isinstance(res['onednn'], str) else '-', ratio(res['float']),
               ratio(res['onednn']), '%d' % (res['arena'] // 1024) if res['arena'] else '?',
               '%d' % (res['weights'] // 1024))
        rows.append(row)
        print('%s: done in %.0f s%s' % (name, time.time() - t0,
                                         '' if not isinstance(res['onednn'], str) else '; onednn: ' + res['onednn']),
              flush=True)
    print()
    print('| ' + ' | '.join(head) + ' |')
    print('|' + '---|' * len(head))
    for row in rows:
        if len(row) == 2:
            print('| %s | %s |' % row + ' |' * (len(head) - 2))
        else:
            print('| ' + ' | '.join(row) + ' |')
    return 0


if __name__ == '__main__':
    sys.exit(main())
