"""Requantization that never overflows (docs/quantization.md, section 2).

1. quantize_multiplier on extreme multipliers (tiny, just below and above 1,
   powers of two, up to 2^20 and beyond 2^31, which is capped).
2. multiply_by_quantized_multiplier (Python) against the definition computed
   with exact rationals: x * m / 2^(31 - shift) to the nearest integer, ties
   away from zero, saturated to int32, on INT32_MIN/INT32_MAX accumulators,
   every rounding boundary (ties and their neighbours, both signs) and
   random values, for every shift -31..31.
3. The C kernels (qg_mbqm, qg_requant, qg_requant_i32 of
   templates/kernels/base.c, compiled with -std=c99 -Wall -Wextra -pedantic
   -Werror) against the Python on the same cases, bit for bit.
4. End to end: a depthwise conv + BatchNorm with a tiny running_var (a
   multiplier far above 1, where TFLite's x * 2^left would overflow int32):
   qgen's rewritten Python calibrates, freezes (no OverflowError), exports,
   and the generated C equals quantize_inference bit for bit.
Environment: QGEN (the qgen binary), CC (default cc).
"""

import math
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

QGEN = os.environ.get('QGEN', os.path.join(common.REPO, 'qgen'))
CC = os.environ.get('CC', 'cc') or 'cc'
CFLAGS = ['-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror', '-O2']
INT32_MIN, INT32_MAX = -2 ** 31, 2 ** 31 - 1
tap = common.TAP()
tmp = tempfile.mkdtemp(prefix='qgen-requant-')
sys.path.insert(0, os.path.join(common.REPO, 'templates'))
import qgen_runtime as rt  # noqa: E402


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def exact_mbqm(x, m, shift):
    """The definition, with rationals."""
    r = Fraction(x * m, 2 ** (31 - shift))
    v = math.floor(abs(r) + Fraction(1, 2)) * (1 if r >= 0 else -1)
    return clamp(v, INT32_MIN, INT32_MAX)


EDGE_X = [0, 1, -1, 2, -2, 3, -3, 127, -128, 255, -255, 2 ** 15, -2 ** 15, 2 ** 24 - 1, -2 ** 24,
          2 ** 30 - 1, 2 ** 30, -2 ** 30, 2 ** 30 + 1, INT32_MAX, INT32_MAX - 1, INT32_MIN, INT32_MIN + 1]
EDGE_M = [0, 1, 2 ** 30, 2 ** 30 + 1, 3 * 2 ** 29, 1518500250, 2 ** 31 - 2, 2 ** 31 - 1]


def cases():
    """(x, m, shift) triples: edges x edges x every shift, the ties of
    every shift (x * m = (2k + 1) * 2^(t-1)) with their neighbours, random."""
    rng = random.Random(8)
    out = []
    for sh in range(-31, 32):
        t = 31 - sh
        out += [(x, m, sh) for x in EDGE_X for m in EDGE_M]
        if t >= 1:
            # m = 2^30: x * m = (2k+1) 2^(t-1) for x = (2k+1) 2^(t-31)
            if t >= 31:
                for k in range(-6, 6):
                    x = (2 * k + 1) * 2 ** (t - 31)
                    for d in (-1, 0, 1):
                        for sign in (1, -1):
                            v = sign * x + d
                            if INT32_MIN <= v <= INT32_MAX:
                                out.append((v, 2 ** 30, sh))
            # small x and the m that makes x * m a tie, and its neighbours
            for x in (1, -1, 3, -3, 5, -5):
                for k in range(1, 4):
                    tie = (2 * k + 1) << (t - 1)
                    if tie % abs(x) == 0 and tie // abs(x) <= INT32_MAX:
                        m = tie // abs(x)
                        for d in (-1, 0, 1):
                            if 0 <= m + d <= INT32_MAX:
                                out.append((x, m + d, sh))
        for _ in range(300):
            out.append((rng.randint(INT32_MIN, INT32_MAX) >> rng.randint(0, 31),
                        rng.choice([rng.randint(2 ** 30, INT32_MAX), rng.randint(0, INT32_MAX)]), sh))
    return out


def test_quantize_multiplier():
    Ms = [1e-300, 1e-12, 2.0 ** -32, 2.0 ** -31, 2.0 ** -31 * 1.5, 1e-9, 0.5, 1 - 2 ** -40, 1 - 2 ** -31,
          1.0, 1 + 2 ** -30, 1 + 2 ** -20, 1.5, 2.0, 3.0, 1000.0, 2.0 ** 20, 2.0 ** 20 + 1, 2.0 ** 30,
          2.0 ** 31 * (1 - 2 ** -33), 2.0 ** 31 * (1 - 2 ** -30), 2.0 ** 31, 1e12, 1e300]
    for M in Ms:
        m, sh = rt.quantize_multiplier(M)
        assert -31 <= sh <= 31 and (m == 0 or 2 ** 30 <= m < 2 ** 31), (M, m, sh)
        if m == 0:
            assert M < 2 ** -32, M
        elif (m, sh) == (2 ** 31 - 1, 31):
            assert M >= 2 ** 31 * (1 - 2 ** -32), M
        else:
            assert abs(Fraction(m) * Fraction(2) ** (sh - 31) - Fraction(M)) <= Fraction(M) / 2 ** 31, M
    assert rt.quantize_multiplier(1.0) == (2 ** 30, 1)
    assert rt.quantize_multiplier(2.0 ** 20) == (2 ** 30, 21)
    assert rt.quantize_multiplier(1e12) == (2 ** 31 - 1, 31)
    # the caps are exact after saturation: tiny M gives 0, huge M saturates
    for x in EDGE_X:
        assert int(rt.multiply_by_quantized_multiplier(x, *rt.quantize_multiplier(2.0 ** -33))) == 0
        got = int(rt.multiply_by_quantized_multiplier(x, *rt.quantize_multiplier(1e12)))
        assert got == (0 if x == 0 else INT32_MAX if x > 0 else got) and (x >= 0 or got <= -(2 ** 31 - 1)), (x, got)


def test_python_exact(cs):
    x = torch.tensor([c[0] for c in cs], dtype=torch.int64)
    m = torch.tensor([c[1] for c in cs], dtype=torch.int64)
    s = torch.tensor([c[2] for c in cs], dtype=torch.int64)
    got = rt.multiply_by_quantized_multiplier(x, m, s).tolist()       # per-element multipliers
    bad = [(c, g, exact_mbqm(*c)) for c, g in zip(cs, got) if g != exact_mbqm(*c)]
    assert not bad, '%d mismatches, e.g. (x, m, shift), got, want: %r' % (len(bad), bad[:5])
    # one multiplier for a whole tensor (the scalar fast path)
    by = {}
    for c in cs:
        by.setdefault((c[1], c[2]), []).append(c[0])
    for (mm, sh), xs in list(by.items())[::7]:
        got = rt.multiply_by_quantized_multiplier(torch.tensor(xs), mm, sh).tolist()
        assert got == [exact_mbqm(v, mm, sh) for v in xs], (mm, sh)
    # symmetric: MBQM(-x) == -MBQM(x) (ties away from zero), where -x is int32
    sym = [c for c in cs if c[0] != INT32_MIN and abs(exact_mbqm(*c)) < INT32_MAX]
    xs = torch.tensor([c[0] for c in sym])
    ms = torch.tensor([c[1] for c in sym])
    ss = torch.tensor([c[2] for c in sym])
    assert torch.equal(rt.multiply_by_quantized_multiplier(-xs, ms, ss), -rt.multiply_by_quantized_multiplier(xs, ms, ss))


HARNESS = r'''
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include "kernels/base.c"

/* stdin: n, then n x (x, m, shift) int32; stdout: n int32 MBQM results,
 * then, per case, qg_requant's and qg_requant_i32's codes for a run of 37
 * accumulators around x (zp = 128, clamp [3, 250]). */
int main(void)
{
    int32_t n, i, j, c[3];
    if (fread(&n, 4, 1, stdin) != 1)
        return 1;
    for (i = 0; i < n; i++) {
        int32_t acc[37], o32[37], r;
        uint8_t o8[37];
        if (fread(c, 4, 3, stdin) != 3)
            return 1;
        r = qg_mbqm(c[0], c[1], c[2]);
        fwrite(&r, 4, 1, stdout);
        for (j = 0; j < 37; j++) {
            const int64_t v = (int64_t)c[0] + (j - 18) * 977;
            acc[j] = v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : (int32_t)v;
        }
        qg_requant(acc, o8, 37, c[1], c[2], 128, 3, 250);
        qg_requant_i32(acc, o32, 37, c[1], c[2], 128, 3, 250);
        fwrite(o8, 1, 37, stdout);
        fwrite(o32, 4, 37, stdout);
    }
    return 0;
}
'''


def test_c_equals_python(cs):
    src = os.path.join(tmp, 'harness.c')
    exe = os.path.join(tmp, 'harness')
    with open(src, 'w') as f:
        f.write(HARNESS)
    r = subprocess.run([CC] + CFLAGS + ['-I', os.path.join(common.REPO, 'templates'), '-o', exe, src, '-lm'],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = np.asarray([len(cs)] + [v for c in cs for v in c], dtype='<i4').tobytes()
    r = subprocess.run([exe], input=data, capture_output=True)
    assert r.returncode == 0, r.stderr
    rec = 4 + 37 + 37 * 4
    assert len(r.stdout) == rec * len(cs), len(r.stdout)
    buf = np.frombuffer(r.stdout, dtype=np.uint8).reshape(len(cs), rec)
    c_mbqm = buf[:, :4].copy().view('<i4').reshape(-1)
    c_o8 = buf[:, 4:41].astype(np.int64)
    c_o32 = buf[:, 41:].copy().view('<i4').astype(np.int64)
    x = torch.tensor([c[0] for c in cs], dtype=torch.int64)
    m = torch.tensor([c[1] for c in cs], dtype=torch.int64)
    s = torch.tensor([c[2] for c in cs], dtype=torch.int64)
    py = rt.multiply_by_quantized_multiplier(x, m, s).numpy()
    bad = np.nonzero(py != c_mbqm)[0]
    assert not len(bad), '%d mismatches, e.g. %r: C %d, Python %d' % (len(bad), cs[bad[0]], c_mbqm[bad[0]], py[bad[0]])
    acc = (x[:, None] + (torch.arange(37) - 18) * 977).clamp(INT32_MIN, INT32_MAX)
    want = (rt.multiply_by_quantized_multiplier(acc, m[:, None], s[:, None]) + 128).clamp(3, 250).numpy()
    assert np.array_equal(c_o8, want), 'qg_requant differs in %d codes' % int((c_o8 != want).sum())
    assert np.array_equal(c_o32, want), 'qg_requant_i32 differs in %d codes' % int((c_o32 != want).sum())
    tap.diag('%d cases, %d requantized codes each way' % (len(cs), want.size))


MODEL = '''# A depthwise conv whose BatchNorm has a tiny running_var, then ReLU6: the
# folded multipliers are far above 1 (a left shift), as in MobileNets.
# qgen: input-shape=1,4,12,12
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 3, padding=1)
        self.dw = nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False)
        self.bn = nn.BatchNorm2d(8, eps=1e-14)
        self.relu = nn.ReLU6()
        self.pw = nn.Conv2d(8, 3, 1)

    def forward(self, x):
        x = self.conv(x)
        x = self.relu(self.bn(self.dw(x)))
        return self.pw(x)
'''


def test_end_to_end():
    src = os.path.join(tmp, 'net.py')
    out = os.path.join(tmp, 'out')
    os.makedirs(out, exist_ok=True)
    with open(src, 'w') as f:
        f.write(MODEL)
    r = subprocess.run([QGEN, src, '-o', out], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    sys.path.insert(0, out)
    try:
        gen = common.load_python_file(os.path.join(out, 'net_q.py'), 'requant_net_q')
    finally:
        sys.path.remove(out)
    common.setup_torch(seed=3)
    model = gen.Net()
    with torch.no_grad():
        model.dw.weight.uniform_(-1, 1)
        model.bn.running_var.fill_(1e-3)              # tiny variances: large folded weights,
        model.bn.running_var[:3] = torch.tensor([1e-14, 1e-12, 1e-9])   # clamped by ReLU6
        model.bn.weight.uniform_(1.0, 2.0)
        model.bn.running_mean.uniform_(-0.01, 0.01)
    model.eval()
    model.quantize()
    with torch.no_grad():
        for _ in range(4):
            model.quantize_forward(torch.randn(16, 4, 12, 12))
        model.freeze()
    q = model.q_dw
    shifts = q.shift.tolist()
    Ms = [m / 2 ** 31 * 2.0 ** s for m, s in zip(q.m.tolist(), shifts)]
    tap.diag('depthwise multipliers: %s' % ', '.join('%.3g' % v for v in Ms))
    assert max(Ms) > 2 ** 10 and max(shifts) > 10, 'the test model needs multipliers far above 1: %r' % Ms
    x = torch.rand(300, 4, 12, 12) * 6 - 3
    with torch.no_grad():
        acc = torch.nn.functional.conv2d((model.q_conv.infer(model.q_x.quantize(x)) - q.qi.zero_point).double(),
                                         q._w64, None, 1, 1, 1, 8).to(torch.int64) + q.q_b.view(1, -1, 1, 1)
        left = torch.tensor(shifts).clamp(min=0).view(1, -1, 1, 1)
        tflite_overflows = int(((acc << left).abs() > INT32_MAX).sum())
        want = model.quantize_inference(x).numpy().astype(np.float32).reshape(-1)
    tap.diag('accumulators where TFLite\'s x * 2^left would overflow int32: %d of %d' % (tflite_overflows, acc.numel()))
    assert tflite_overflows > 0, 'the inputs do not reach the overflowing range'
    weights = os.path.join(out, 'net.qgw')
    model.export(weights)
    r = subprocess.run([CC] + CFLAGS + ['-DQGEN_MAIN', '-o', os.path.join(out, 'net_q'), os.path.join(out, 'net_q.c'),
                        '-lm'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    xin, yout = os.path.join(out, 'in.f32'), os.path.join(out, 'out.f32')
    x.numpy().astype('<f4').tofile(xin)
    r = subprocess.run([os.path.join(out, 'net_q'), weights, xin, yout], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr + r.stdout
    got = np.fromfile(yout, dtype='<f4')
    assert np.array_equal(got.view(np.uint32), want.view(np.uint32)), \
        'C differs from quantize_inference in %d of %d values' % (int((got != want).sum()), want.size)


def main():
    common.setup_torch(0)
    cs = cases()
    tap.run('quantize_multiplier: tiny, near 1, 2^20, 2^31 and beyond (capped, exact after saturation)',
            test_quantize_multiplier)
    tap.run('Python MBQM == exact rational definition on %d edge, tie and random cases, shifts -31..31' % len(cs),
            lambda: test_python_exact(cs))
    tap.run('C qg_mbqm, qg_requant, qg_requant_i32 == Python, bit for bit', lambda: test_c_equals_python(cs))
    tap.run('depthwise conv + BN with tiny running_var (multipliers >> 1): freeze, export, C == quantize_inference',
            test_end_to_end)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
