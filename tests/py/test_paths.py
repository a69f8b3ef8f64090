"""The generated C's instruction paths, each bit for bit quantize_inference (issue 9).

The conv kernel (templates/kernels/gemm.c) picks its inner loop from the
compiler's predefined macros: AVX-512 VNNI, AVX2, Arm sdot, or plain C.  For
every example (those test_generated.py checks) and for small odd-shaped conv
models that exercise every tile edge (channel counts 1, 3, 17, 40; widths 1
to 33; strides 1 and 2; padding; dilation; groups; fused 2x2 and 3x3 pools),
the C is built on each path this machine can run and its outputs on random
inputs are compared bit for bit with quantize_inference (and, for the seed
and the ResNet, net_run_batch with one net_run per image):
  - native:   cc -O3 -march=native (VNNI where the CPU has it)
  - vnni:     cc -O2 -march=cascadelake (AVX-512 VNNI without VBMI and
              VBMI2, whose kernels differ: the GEMM's output stage, depthwise)
  - avx2:     cc -O2 -mavx2 -mfma (no AVX-512)
  - portable: cc -O2
  - aarch64:  aarch64-linux-gnu-gcc -O2, and -march=armv8.2-a+dotprod (sdot),
              run under qemu-aarch64 -L /usr/aarch64-linux-gnu
A path whose compiler, CPU or emulator is missing is skipped with a message.
The seed and the odd models also compile warning-free with arm-none-eabi-gcc
-mcpu=cortex-m4 -mthumb -Os; the .text / .rodata sizes are printed.
Environment: QGEN, CC (default cc), QGEN_PATHS_QUICK=1 (fewer odd models).
usage: test_paths.py [EXAMPLE...]
"""

import os
import shutil
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import test_generated as tg  # noqa: E402  (generate, classes, input_shape; its tmp dir)

tap = common.TAP()
WARN = ['-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror']
QEMU = ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu']


def cpu_flags():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('flags'):
                    return set(line.split(':', 1)[1].split())
    except OSError:
        pass
    return set()


def paths():
    """(name, compiler, flags, runner prefix or None, reason to skip or None)"""
    cc = tg.CC
    flags = cpu_flags()
    out = []
    out.append(('native', cc, ['-O3', '-march=native'], [], None))
    out.append(('vnni', cc, ['-O2', '-march=cascadelake'], [],
                None if 'avx512_vnni' in flags else 'this CPU has no AVX-512 VNNI'))
    out.append(('avx2', cc, ['-O2', '-mavx2', '-mfma'], [],
                None if 'avx2' in flags else 'this CPU has no AVX2'))
    out.append(('portable', cc, ['-O2'], [], None))
    a64 = shutil.which('aarch64-linux-gnu-gcc')
    qemu = shutil.which('qemu-aarch64')
    libc = os.path.isdir('/usr/aarch64-linux-gnu/include') and os.path.isdir('/usr/aarch64-linux-gnu/lib')
    why = None if a64 and qemu and libc else \
        'needs aarch64-linux-gnu-gcc, its libc (libc6-dev-arm64-cross) and qemu-aarch64 (install-deps)'
    out.append(('aarch64', 'aarch64-linux-gnu-gcc', ['-O2'], QEMU, why))
    out.append(('aarch64-sdot', 'aarch64-linux-gnu-gcc', ['-O2', '-march=armv8.2-a+dotprod'], QEMU, why))
    return out


def kernel_path(cc, flags):
    """The path the kernel picks: QG_KERNEL_PATH under these flags."""
    src = ('#include <stdint.h>\n#include <string.h>\n#include <math.h>\n#include <stddef.h>\n'
           '#include "%s"\nconst char *p = QG_KERNEL_PATH;\n' % os.path.join(common.REPO, 'templates', 'kernels', 'base.c'))
    r = subprocess.run([cc] + flags + ['-E', '-P', '-x', 'c', '-'], input=src, capture_output=True, text=True)
    for line in r.stdout.splitlines()[::-1]:
        if line.startswith('const char *p ='):
            return line.split('=', 1)[1].strip(' ;"')
    return '?'


ODD_A = '''import torch.nn as nn
import torch.nn.functional as F


# qgen: input-shape=1,%(cin)d,%(h)d,%(w)d
class Odd(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(%(cin)d, 17, 3, 1, 1)
        self.c2 = nn.Conv2d(17, 40, 3, 2, 1)
        self.c3 = nn.Conv2d(40, 40, 3, 1, 2, dilation=2, groups=8)
        self.c4 = nn.Conv2d(40, 4, 1)
        self.c5 = nn.Conv2d(4, 3, (1, 3), padding=(0, 1))
        self.c6 = nn.Conv2d(3, 17, (3, 1), padding=(1, 0), stride=(1, 2))

    def forward(self, x):
        x = F.relu(self.c1(x))
        x = self.c2(x)
        x = F.relu(self.c3(x))
        x = self.c4(x)
        x = self.c5(x)
        x = self.c6(x)
        return x
'''

ODD_B = '''import torch.nn as nn
import torch.nn.functional as F


# qgen: input-shape=1,%(cin)d,%(h)d,%(w)d
class OddPool(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(%(cin)d, 40, 3, 1, 1)
        self.c2 = nn.Conv2d(40, 17, 3, 1, 1)
        self.c3 = nn.Conv2d(17, 8, 3, 1, 1)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2, 2)
        x = F.relu(self.c2(x))
        x = F.max_pool2d(self.c3(x), 3, 2, 1)
        return x
'''


def odd_models():
    quick = os.environ.get('QGEN_PATHS_QUICK')
    widths = (1, 5, 16, 33) if quick else (1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33)
    models = []
    for i, w in enumerate(widths):
        models.append(('odd_w%d' % w, ODD_A % {'cin': (1, 3)[i % 2], 'h': 3 + i % 4, 'w': w}))
    for i, w in enumerate((4, 9, 17, 33) if not quick else (9, 33)):
        models.append(('oddpool_w%d' % w, ODD_B % {'cin': (3, 1)[i % 2], 'h': 6 + 2 * (i % 2), 'w': w}))
    return models


def prepare(name, path):
    """Generate, calibrate, export; (out dir, weights, inputs, wanted outputs) or None."""
    if common.qgen_comment(path, 'fx-only'):
        tap.skip('%s: paths' % name, '# qgen: fx-only')
        return None
    out, r = tg.generate(name, path)
    if r.returncode != 0:
        tap.skip('%s: paths' % name, 'qgen refuses it: ' + (r.stderr.splitlines() or [''])[0])
        return None
    shape = tg.input_shape(path)
    orig, cls = tg.classes(out, path, name)
    common.setup_torch(seed=3)
    float_model = orig()
    model = cls()
    model.load_state_dict(float_model.state_dict())
    model.eval()
    model.quantize()
    big = sum(p.numel() for p in float_model.parameters()) > 1000000
    batch, n_c = (4, 20) if big else (16, 200)
    with torch.no_grad():
        for _ in range(4):
            model.quantize_forward(torch.randn(batch, *shape[1:]))
        model.freeze()
        x = torch.rand(n_c, *shape[1:]) * 4 - 2
        want = model.quantize_inference(x).numpy().astype(np.float32).reshape(-1)
    weights = os.path.join(out, 'net.qgw')
    model.export(weights)
    xin = os.path.join(out, 'in.f32')
    x.numpy().astype('<f4').tofile(xin)
    return out, weights, xin, want


def check_paths(name, prepared, plist):
    out, weights, xin, want = prepared
    for pname, cc, flags, runner, why in plist:
        if why:
            continue
        exe = os.path.join(out, 'net_q_' + pname)
        r = subprocess.run([cc] + WARN + flags + ['-DQGEN_MAIN', '-o', exe, os.path.join(out, 'net_q.c'), '-lm'],
                           capture_output=True, text=True)
        if not tap.check(r.returncode == 0, '%s: %s build (%s) is warning-free' % (name, pname, ' '.join(flags)),
                         r.stderr):
            continue
        yout = os.path.join(out, 'out_%s.f32' % pname)
        r = subprocess.run(runner + [exe, weights, xin, yout], capture_output=True, text=True)
        got = np.fromfile(yout, dtype='<f4') if r.returncode == 0 and os.path.exists(yout) else None
        same = got is not None and got.size == want.size and np.array_equal(got.view(np.uint32), want.view(np.uint32))
        tap.check(same, '%s: %s equals quantize_inference bit for bit (%d values)' % (name, pname, want.size),
                  r.stderr if got is None else 'differing values: %d of %d' % (int((got != want).sum()), want.size))


BATCH_HARNESS = r'''#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net_q.c"
/* argv: weights in.f32: net_run_batch over all images equals net_run on each */
int main(int argc, char **argv)
{
    FILE *f;
    unsigned char *w;
    float *in, *a, *b;
    long nw, nb;
    size_t n, i;
    if (argc != 3 || !(f = fopen(argv[1], "rb")))
        return 2;
    fseek(f, 0, SEEK_END);
    nw = ftell(f);
    rewind(f);
    w = (unsigned char *)malloc((size_t)nw);
    if (fread(w, 1, (size_t)nw, f) != (size_t)nw)
        return 2;
    fclose(f);
    if (!(f = fopen(argv[2], "rb")))
        return 2;
    fseek(f, 0, SEEK_END);
    nb = ftell(f);
    rewind(f);
    n = (size_t)nb / (sizeof(float) * NET_IN_SIZE);
    in = (float *)malloc((size_t)nb);
    a = (float *)calloc(n * NET_OUT_SIZE, sizeof(float));
    b = (float *)calloc(n * NET_OUT_SIZE, sizeof(float));
    if (fread(in, 1, (size_t)nb, f) != (size_t)nb)
        return 2;
    fclose(f);
    if (net_init(w, (size_t)nw) || net_run_batch(n, in, a))
        return 3;
    for (i = 0; i < n; i++)
        if (net_run(in + i * NET_IN_SIZE, b + i * NET_OUT_SIZE))
            return 3;
    printf("%lu images\n", (unsigned long)n);
    return memcmp(a, b, n * NET_OUT_SIZE * sizeof(float)) != 0;
}
'''


def check_batch(name, prepared, plist):
    """net_run_batch(n, ...) equals n calls of net_run, on every path."""
    out, weights, xin, want = prepared
    src = os.path.join(out, 'batch.c')
    with open(src, 'w') as f:
        f.write(BATCH_HARNESS)
    for pname, cc, flags, runner, why in plist:
        if why:
            continue
        exe = os.path.join(out, 'batch_' + pname)
        r = subprocess.run([cc] + flags + ['-I', out, '-o', exe, src, '-lm'], capture_output=True, text=True)
        if r.returncode == 0:
            r = subprocess.run(runner + [exe, weights, xin], capture_output=True, text=True)
        tap.check(r.returncode == 0, '%s: %s net_run_batch equals net_run on each image' % (name, pname),
                  r.stderr + r.stdout)


def check_m4(name, out):
    if not shutil.which('arm-none-eabi-gcc'):
        return
    obj = os.path.join(out, 'net_q_m4.o')
    r = subprocess.run(['arm-none-eabi-gcc'] + WARN + ['-mcpu=cortex-m4', '-mthumb', '-Os', '-c', '-o', obj,
                       os.path.join(out, 'net_q.c')], capture_output=True, text=True)
    if tap.check(r.returncode == 0, '%s: arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os is warning-free' % name,
                 r.stderr) and shutil.which('arm-none-eabi-size'):
        s = subprocess.run(['arm-none-eabi-size', '-A', obj], capture_output=True, text=True).stdout
        sizes = {}
        for line in s.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].startswith(('.text', '.rodata')) and parts[1].isdigit():
                key = '.text' if parts[0].startswith('.text') else '.rodata'
                sizes[key] = sizes.get(key, 0) + int(parts[1])
        tap.diag('%s on Cortex-M4: .text %d bytes, .rodata %d bytes' % (name, sizes.get('.text', 0),
                                                                       sizes.get('.rodata', 0)))


def main():
    if not os.access(tg.QGEN, os.X_OK):
        print('Bail out! no qgen binary at %s (set QGEN)' % tg.QGEN)
        return 1
    plist = paths()
    for pname, cc, flags, runner, why in plist:
        if why:
            tap.skip('%s path' % pname, why)
        else:
            tap.diag('%s: %s %s -> kernel path %s' % (pname, cc, ' '.join(flags), kernel_path(cc, flags)))
    only = sys.argv[1:]
    for d in sorted(os.listdir(os.path.join(common.REPO, 'examples'))):
        path = os.path.join(common.REPO, 'examples', d, 'net.py')
        if not os.path.exists(path) or (only and d not in only):
            continue

        def one(d=d, path=path):
            p = prepare(d, path)
            if p:
                check_paths(d, p, plist)
                if d in ('seed', 'resnet'):
                    check_batch(d, p, plist)
                if d == 'seed':
                    check_m4(d, p[0])
        tap.run('%s: every path ran' % d, one)
    if not only or 'odd' in only:
        for name, src in odd_models():
            # each model is a net.py in its own directory, as the examples
            # are: qgen names its outputs after the input file (net_q.c)
            src_dir = os.path.join(tg.tmp, 'odd-src', name)
            os.makedirs(src_dir, exist_ok=True)
            path = os.path.join(src_dir, 'net.py')
            with open(path, 'w') as f:
                f.write(src)

            def one(name=name, path=path):
                p = prepare(name, path)
                if p:
                    check_paths(name, p, plist)
                    if name.startswith('oddpool'):
                        check_m4(name, p[0])
            tap.run('%s: every path ran' % name, one)
    status = tap.done()
    shutil.rmtree(tg.tmp, ignore_errors=True)
    return status


if __name__ == '__main__':
    sys.exit(main())
