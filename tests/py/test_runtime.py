#!/usr/bin/env python3
"""Tests of templates/qgen_runtime.py against docs/quantization.md.

Prints TAP and exits non-zero on any failure.  Three layers:

1. the integer helpers (SRDHM, RoundingDivideByPOT, QuantizeMultiplier,
   MBQM) against plain-Python scalar transcriptions of section 2, which are
   themselves checked against exact rational arithmetic;
2. every module's integer path (infer) against a scalar reference kernel that
   only sees the fields the module exports to the .qgw file, i.e. what the C
   kernels see;
3. the seed model (tests/py/seed_q.py) and a residual/cat/BN/pool/sigmoid
   toy model written here in the style qgen generates: float state_dict,
   calibration, fake vs float, integer vs fake, a whole-graph reference run
   from the exported file (bit for bit), QAT gradients, .qgw round trip and
   CRC, 2/4/6/8 bits and per-tensor weights.
"""

import math
import os
import random
import shutil
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (sets sys.path for qgen_runtime and seed_q)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import qgen_runtime as qgen_rt  # noqa: E402

INT32_MIN, INT32_MAX = -2 ** 31, 2 ** 31 - 1

TAP = common.TAP()
TMP = tempfile.mkdtemp(prefix='qgen-test-runtime-')


# ===========================================================================
# Scalar reference: section 2, transcribed with Python ints emulating C
# ===========================================================================


def as_int32(v):
    assert INT32_MIN <= v <= INT32_MAX, 'int32 overflow: %d' % v
    return v


def ref_quantize_multiplier(M):
    if M == 0:
        return 0, 0
    frac, e = math.frexp(M)
    q = math.floor(Fraction(frac) * 2 ** 31 + Fraction(1, 2))    # llround, frac > 0
    if q == 2 ** 31:
        q //= 2
        e += 1
    if e < -31:
        return 0, 0
    if e > 31:
        return 2 ** 31 - 1, 31
    return q, e


def ref_mbqm(x, m, shift):
    """Section 2 from its meaning: x * m / 2^(31 - shift) to the nearest
    integer, ties away from zero (exact rationals), saturated to int32."""
    r = Fraction(x * m, 2 ** (31 - shift))
    v = math.floor(abs(r) + Fraction(1, 2)) * (1 if r >= 0 else -1)
    return clamp(v, INT32_MIN, INT32_MAX)


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


# ===========================================================================
# Scalar reference kernels (section 3), fed only with exported fields
# ===========================================================================

def ref_quantize(x, f, i):
    """x float32 array; f = {scale}; i = {zp, qmin, qmax}."""
    r = np.rint(x.astype(np.float32) / np.float32(f[0]))    # float32 division, half even
    return np.clip(r + int(i[0]), int(i[1]), int(i[2])).astype(np.int64)


def ref_dequantize(q, scale, zp):
    return np.float32(scale) * (q - int(zp)).astype(np.float32)


def ref_requant(acc, m, s, zp_out, lo, hi):
    """acc int64 array [..] with per-channel m, s along axis 1."""
    out = np.empty_like(acc)
    for idx in np.ndindex(*acc.shape):
        c = idx[1]
        out[idx] = clamp(ref_mbqm(int(acc[idx]), int(m[c]), int(s[c])) + zp_out, lo, hi)
    return out


def ref_conv(q, T, stride, padding, dilation, groups):
    """T: dict with i, w, b, m, s of one conv node."""
    zp_in, zp_out, lo, hi = (int(v) for v in T['i'])
    w = T['w'].astype(np.int64)
    N, C, H, W = q.shape
    O, Cg, KH, KW = w.shape
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    OH = (H + 2 * ph - dh * (KH - 1) - 1) // sh + 1
    OW = (W + 2 * pw - dw * (KW - 1) - 1) // sw + 1
    xp = np.full((N, C, H + 2 * ph, W + 2 * pw), zp_in, dtype=np.int64)   # pad with zp_in
    xp[:, :, ph:ph + H, pw:pw + W] = q
    acc = np.zeros((N, O, OH, OW), dtype=np.int64)
    og = O // groups
    for o in range(O):
        g = o // og
        acc[:, o] += int(T['b'][o])
        for c in range(Cg):
            for kh in range(KH):
                for kw in range(KW):
                    win = xp[:, g * Cg + c, kh * dh: kh * dh + sh * (OH - 1) + 1: sh,
                             kw * dw: kw * dw + sw * (OW - 1) + 1: sw]
                    acc[:, o] += (win - zp_in) * w[o, c, kh, kw]
    assert np.abs(acc).max() <= INT32_MAX
    return ref_requant(acc, T['m'], T['s'], zp_out, lo, hi)


def ref_linear(q, T):
    zp_in, zp_out, lo, hi = (int(v) for v in T['i'])
    w = T['w'].astype(np.int64)
    acc = np.zeros((q.shape[0], w.shape[0]), dtype=np.int64)
    for o in range(w.shape[0]):
        acc[:, o] = int(T['b'][o]) + ((q - zp_in) * w[o]).sum(axis=1)
    return ref_requant(acc, T['m'], T['s'], zp_out, lo, hi)


def pool_out_size(size, k, s, p, d, ceil_mode):
    """PyTorch's pooling output size."""
    num = size + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)
    out = num // s + 1
    if ceil_mode and (out - 1) * s >= size + p:
        out -= 1
    return out


def ref_maxpool(q, k, s, p, d, ceil_mode):
    N, C, H, W = q.shape
    OH, OW = pool_out_size(H, k, s, p, d, ceil_mode), pool_out_size(W, k, s, p, d, ceil_mode)
    out = np.zeros((N, C, OH, OW), dtype=np.int64)
    for oh in range(OH):
        for ow in range(OW):
            best = None
            for kh in range(k):
                for kw in range(k):
                    y, x = oh * s - p + kh * d, ow * s - p + kw * d
                    if 0 <= y < H and 0 <= x < W:         # out of bounds: ignored
                        v = q[:, :, y, x]
                        best = v if best is None else np.maximum(best, v)
            out[:, :, oh, ow] = best
    return out


def ref_avgpool(q, i, k, s, p, ceil_mode, count_include_pad, divisor_override, qmax):
    zp = int(i[0])
    N, C, H, W = q.shape
    OH, OW = pool_out_size(H, k, s, p, 1, ceil_mode), pool_out_size(W, k, s, p, 1, ceil_mode)
    out = np.zeros((N, C, OH, OW), dtype=np.int64)
    for n in range(N):
        for c in range(C):
            for oh in range(OH):
                for ow in range(OW):
                    h0, w0 = oh * s - p, ow * s - p
                    h1, w1 = min(h0 + k, H + p), min(w0 + k, W + p)
                    pool = (h1 - h0) * (w1 - w0)
                    total, inb = 0, 0
                    for y in range(h0, h1):
                        for x in range(w0, w1):
                            if 0 <= y < H and 0 <= x < W:
                                total += int(q[n, c, y, x])
                                inb += 1
                    if divisor_override:
                        d = divisor_override
                        acc = total - zp * inb
                        v = clamp(zp + (acc + d // 2) // d, 0, qmax)     # floor division
                    else:
                        if count_include_pad:
                            total += zp * (pool - inb)
                            d = pool
                        else:
                            d = inb
                        v = (total + d // 2) // d
                    out[n, c, oh, ow] = v
    return out


def ref_adaptive(q, OH, OW):
    N, C, H, W = q.shape
    out = np.zeros((N, C, OH, OW), dtype=np.int64)
    for oh in range(OH):
        h0, h1 = (oh * H) // OH, -((-(oh + 1) * H) // OH)
        for ow in range(OW):
            w0, w1 = (ow * W) // OW, -((-(ow + 1) * W) // OW)
            d = (h1 - h0) * (w1 - w0)
            total = q[:, :, h0:h1, w0:w1].sum(axis=(2, 3))
            out[:, :, oh, ow] = (total + d // 2) // d
    return out


def ref_add(q1, q2, i):
    zp1, zp2, zpo, ls, m1, sh1, m2, sh2, mo, sho, lo, hi = (int(v) for v in i)
    out = np.empty_like(q1)
    for idx in np.ndindex(*q1.shape):
        a = ref_mbqm((int(q1[idx]) - zp1) << ls, m1, sh1)
        b = ref_mbqm((int(q2[idx]) - zp2) << ls, m2, sh2)
        out[idx] = clamp(ref_mbqm(as_int32(a + b), mo, sho) + zpo, lo, hi)
    return out


def ref_cat(qs, i, dim):
    zpo, qmin, qmax, n = (int(v) for v in i[:4])
    assert n == len(qs)
    parts = []
    for k, q in enumerate(qs):
        zp, m, sh = (int(v) for v in i[4 + 3 * k: 7 + 3 * k])
        parts.append(np.vectorize(lambda v: clamp(ref_mbqm(int(v) - zp, m, sh) + zpo, qmin, qmax),
                                  otypes=[np.int64])(q))
    return np.concatenate(parts, axis=dim)


def ref_relu(q, i):
    return np.clip(q, int(i[0]), int(i[1]))


def ref_sigmoid_lut(s_in, zp_in, num_bits):
    s_out, qmax = 1.0 / 2 ** num_bits, 2 ** num_bits - 1
    return np.array([clamp(round((1.0 / (1.0 + math.exp(-s_in * (q - zp_in)))) / s_out), 0, qmax)
                     for q in range(qmax + 1)], dtype=np.int64)


# ===========================================================================
# 1. Integer helpers
# ===========================================================================

def edge_ints():
    v = [0, 1, -1, 2, -2, 3, -3, INT32_MIN, INT32_MIN + 1, INT32_MAX, INT32_MAX - 1,
         2 ** 30, -2 ** 30, 2 ** 30 + 1, -2 ** 30 - 1, 2 ** 30 - 1, 1 - 2 ** 30,
         2 ** 15, -2 ** 15, 255, -255, 255 << 20, -255 << 20]
    return v


def test_quantize_multiplier():
    rng = random.Random(3)
    Ms = [0.0, 1.0, 0.5, 0.25, 2.0, 1e-3, 0.999999, 1 - 2 ** -33, 1 - 2 ** -32, 1 - 2 ** -31,
          0.5 + 2 ** -33, 2 ** -31, 2 ** -32, 2 ** -33, 2 ** -32 * (1 - 2 ** -34), 3e-10, 1e-10,
          1.5, 3.0, 1000.0, 2.0 ** 31 - 1, 2.0 ** 31, 1e12, float(np.float32(0.1)) / float(np.float32(0.3))]
    Ms += [10 ** rng.uniform(-11, 3) for _ in range(20000)]
    Ms += [rng.uniform(0.25, 1.0) for _ in range(5000)]
    for M in Ms:
        got = qgen_rt.quantize_multiplier(M)
        want = ref_quantize_multiplier(M)
        assert got == want, (M, got, want)
        m, sh = got
        if M >= 2 ** 31:
            assert got == (2 ** 31 - 1, 31), M
        elif m:
            assert 2 ** 30 <= m < 2 ** 31
            approx = Fraction(m, 2 ** 31) * Fraction(2) ** sh
            assert abs(approx - Fraction(M)) <= Fraction(M) * Fraction(1, 2 ** 30), M
        else:
            assert M < 2 ** -31, M
    assert qgen_rt.quantize_multiplier(1.0) == (2 ** 30, 1)
    assert qgen_rt.quantize_multiplier(1 - 2 ** -33) == (2 ** 30, 1)       # q == 2^31 case


def test_mbqm():
    rng = random.Random(4)
    xs, ms, ss = [], [], []
    for _ in range(30000):
        m, sh = qgen_rt.quantize_multiplier(10 ** rng.uniform(-9, 7))
        x = rng.choice([rng.randint(INT32_MIN, INT32_MAX), rng.randint(-300, 300)])
        xs.append(x), ms.append(m), ss.append(sh)
    for x in edge_ints():
        for m, sh in [(2 ** 30, 1), (2 ** 30, 0), (INT32_MAX, -31), (2 ** 30, -31), (1518500250, -5),
                      (2 ** 30, 21), (INT32_MAX, 31)]:
            xs.append(x), ms.append(m), ss.append(sh)
    got = qgen_rt.multiply_by_quantized_multiplier(
        torch.tensor(xs), torch.tensor(ms), torch.tensor(ss)).tolist()
    bad = [(x, m, s, g) for x, m, s, g in zip(xs, ms, ss, got) if g != ref_mbqm(x, m, s)]
    assert not bad, 'mismatches (x, m, shift, got): %r' % bad[:5]
    # M == 1 is the identity (QCat's copy shortcut is bit-identical)
    ident = torch.tensor([x for x in edge_ints() if abs(x) < 2 ** 30], dtype=torch.int64)
    assert torch.equal(qgen_rt.multiply_by_quantized_multiplier(ident, 2 ** 30, 1), ident)
    # per-channel broadcast on a large (chunked) tensor equals elementwise reference
    g = torch.Generator().manual_seed(5)
    acc = torch.randint(-2 ** 22, 2 ** 22, (7, 6, 123, 50), generator=g)
    m = torch.tensor([qgen_rt.quantize_multiplier(v)[0] for v in (1e-4, 3e-3, 0.7, 1.9e-6, 0.03, 2e-2)])
    sh = torch.tensor([qgen_rt.quantize_multiplier(v)[1] for v in (1e-4, 3e-3, 0.7, 1.9e-6, 0.03, 2e-2)])
    out = qgen_rt.multiply_by_quantized_multiplier(acc, m.view(1, -1, 1, 1), sh.view(1, -1, 1, 1))
    for _ in range(3000):
        idx = tuple(int(torch.randint(0, n, (1,), generator=g)) for n in acc.shape)
        assert int(out[idx]) == ref_mbqm(int(acc[idx]), int(m[idx[1]]), int(sh[idx[1]])), idx


# ===========================================================================
# 2. Module-level integer paths against the reference kernels
# ===========================================================================

def fields(module):
    return {k: v for k, v in module.tensors()}


def freeze_input(x, num_bits=8):
    qin = qgen_rt.QInput(num_bits).eval()
    with torch.no_grad():
        qin(x)
    qin.freeze()
    return qin


def test_qparam_and_input():
    g = torch.Generator().manual_seed(10)
    x = torch.randn(4, 3, 9, 9, generator=g) * 2 + 0.7
    for bits in (2, 4, 8):
        qin = freeze_input(x, bits)
        lo, hi = min(float(x.min()), 0.0), max(float(x.max()), 0.0)
        qmax = 2 ** bits - 1
        s = float(np.float32((hi - lo) / qmax))
        zp = clamp(round(0 - lo / s), 0, qmax)
        assert (qin.qo.scale, qin.qo.zero_point) == (s, zp), (qin.qo, s, zp)
        T = fields(qin)
        assert list(T['i']) == [zp, 0, qmax] and T['f'].tolist() == [np.float32(s)]
        q = qin.quantize(x)
        assert q.dtype == torch.int64
        assert np.array_equal(q.numpy(), ref_quantize(x.numpy(), T['f'], T['i']))
        deq = qin.qo.dequantize(q)
        assert np.array_equal(deq.numpy(), ref_dequantize(q.numpy(), T['f'][0], zp))
        # fake == dequantize(quantize) bit for bit; STE gradient zero outside the range
        xr = (x * 1.5).requires_grad_()
        y = qin.qo.fake(xr)
        assert torch.equal(y.detach(), qin.qo.dequantize(qin.qo.quantize(xr)))
        y.sum().backward()
        codes = torch.round(xr.detach() / torch.tensor(s, dtype=torch.float32)) + zp
        inside = (codes >= 0) & (codes <= qmax)
        assert torch.equal(xr.grad, inside.float()) and 0 < int(inside.sum()) < x.numel()
    # exact ties round half to even (scale a power of two)
    qp = qgen_rt.QParam(8)
    qp.update(torch.tensor([-16.0, 15.875])), qp.freeze()
    assert qp.scale == 0.125 and qp.zero_point == 128
    t = torch.tensor([0.0625, 0.1875, -0.0625, -0.1875, 100.0, -100.0])
    assert qp.quantize(t).tolist() == [128, 130, 128, 126, 255, 0]
    # observer rules: moving average in training, min/max in eval until frozen/trained
    qp = qgen_rt.QParam(8)
    qp.observe(torch.tensor([-1.0, 1.0]), training=False)
    qp.observe(torch.tensor([-2.0, 0.5]), training=False)
    assert (qp.lo, qp.hi) == (-2.0, 1.0)
    qp.observe(torch.tensor([0.0, 3.0]), training=True)
    assert abs(qp.lo - (-1.8)) < 1e-12 and abs(qp.hi - 1.2) < 1e-12
    qp.observe(torch.tensor([-50.0, 50.0]), training=False)      # trained: eval does not move it
    assert abs(qp.hi - 1.2) < 1e-12
    qp.freeze()
    assert qp.frozen


def make_conv_case(bits, per_channel, with_bn, groups, stride, padding, dilation, bias, act):
    torch.manual_seed(100 + bits + 3 * groups)
    conv = nn.Conv2d(6, 12, 3, stride, padding, dilation, groups, bias=bias)
    bn = None
    if with_bn:
        bn = nn.BatchNorm2d(12)
        with torch.no_grad():
            bn.running_mean.uniform_(-0.3, 0.3), bn.running_var.uniform_(0.5, 2.0)
            bn.weight.uniform_(0.5, 1.5), bn.bias.uniform_(-0.2, 0.2)
        bn.eval()
    x = torch.randn(3, 6, 9, 8) * 1.3
    qin = freeze_input(x, bits)
    m = qgen_rt.QConv2d(conv, bn, bits, per_channel, act=act).eval()
    with torch.no_grad():
        m(qin(x))
    m.freeze(qin.qo)
    return x, qin, conv, bn, m


def test_conv():
    cases = [(8, True, False, 1, (1, 1), (1, 1), (1, 1), True, ('relu',)),
             (8, False, True, 2, (2, 1), (0, 2), (1, 1), False, None),
             (4, True, True, 3, (1, 2), (2, 1), (2, 1), True, ('relu6',)),
             (2, True, False, 6, (1, 1), (1, 1), (1, 2), True, ('hardtanh', -0.4, 0.3)),
             (6, False, False, 1, (2, 2), (1, 1), (1, 1), True, None)]
    for bits, pc, with_bn, groups, stride, padding, dilation, bias, act in cases:
        x, qin, conv, bn, m = make_conv_case(bits, pc, with_bn, groups, stride, padding,
                                             dilation, bias, act)
        q = qin.quantize(x)
        got = m.infer(q).numpy()
        T = fields(m)
        want = ref_conv(q.numpy(), T, stride, padding, dilation, groups)
        assert np.array_equal(got, want), ('conv mismatch', bits, pc, groups)
        # frozen parameters follow section 1 (recomputed here in numpy)
        w = conv.weight.detach().double()
        bn = None if bn is None else bn.requires_grad_(False)
        b = conv.bias.detach().double() if bias else torch.zeros(12, dtype=torch.float64)
        if bn is not None:
            k = bn.weight.double() / torch.sqrt(bn.running_var.double() + bn.eps)
            w = w * k.view(-1, 1, 1, 1)
            b = (b - bn.running_mean.double()) * k + bn.bias.double()
        w32, b32 = (t.detach().numpy() for t in m._folded())     # float32, folded
        assert np.allclose(w32, w.numpy(), rtol=1e-5, atol=1e-7)
        assert np.allclose(b32, b.numpy(), rtol=1e-5, atol=1e-6)
        qw = 2 ** (bits - 1) - 1
        amax = np.abs(w32).reshape(12, -1).max(1)
        if not pc:
            amax[:] = amax.max()
        s_w = (amax.astype(np.float64) / qw).astype(np.float32)
        assert np.array_equal(T['w'], np.clip(np.rint(w32 / s_w.reshape(-1, 1, 1, 1)), -qw, qw))
        assert T['w'].dtype == np.int8 and np.abs(T['w']).max() <= qw
        s_in, s_out = qin.qo.scale, m.qo.scale
        prod = s_in * s_w.astype(np.float64)
        assert np.array_equal(T['b'], np.rint(b32.astype(np.float64) / prod))
        mult = [ref_quantize_multiplier(v) for v in prod / s_out]
        assert T['m'].tolist() == [p[0] for p in mult] and T['s'].tolist() == [p[1] for p in mult]
        if not pc:
            assert len(set(T['m'].tolist())) == 1 and len(set(T['s'].tolist())) == 1
        zp = m.qo.zero_point
        lo, hi = 0, 2 ** bits - 1
        if act == ('relu',):
            lo = max(0, zp)
        elif act is not None:
            a, bnd = (0.0, 6.0) if act[0] == 'relu6' else act[1:]
            lo, hi = max(0, zp + round(a / s_out)), min(hi, zp + round(bnd / s_out))
        assert T['i'].tolist() == [qin.qo.zero_point, zp, lo, hi], (T['i'], lo, hi)


def test_linear():
    for bits, pc, act in [(8, True, None), (5, False, ('relu',)), (3, True, ('hardtanh', -1, 1))]:
        torch.manual_seed(bits)
        lin = nn.Linear(37, 11)
        x = torch.randn(5, 37)
        qin = freeze_input(x, bits)
        m = qgen_rt.QLinear(lin, bits, pc, act=act).eval()
        with torch.no_grad():
            m(qin(x))
        m.freeze(qin.qo)
        q = qin.quantize(x)
        assert np.array_equal(m.infer(q).numpy(), ref_linear(q.numpy(), fields(m))), bits


def test_maxpool():
    g = torch.Generator().manual_seed(11)
    q = torch.randint(0, 256, (2, 3, 11, 10), generator=g)
    qp = freeze_input(torch.tensor([0.0, 1.0])).qo
    for k, s, p, d, ceil in [(2, 2, 0, 1, False), (3, 2, 1, 1, False), (3, 2, 1, 1, True),
                             (2, 3, 1, 2, True), (3, 1, 1, 1, False)]:
        m = qgen_rt.QMaxPool2d(k, s, p, d, ceil)
        m.freeze(qp)
        assert m.qo is qp and m.tensors() == []
        assert np.array_equal(m.infer(q).numpy(), ref_maxpool(q.numpy(), k, s, p, d, ceil)), (k, s, p, d)


def test_avgpool():
    g = torch.Generator().manual_seed(12)
    q = torch.randint(0, 256, (2, 3, 11, 10), generator=g)
    qp = qgen_rt.QParam(8)
    qp.update(torch.tensor([-1.0, 2.0])), qp.freeze()
    assert qp.zero_point == 85
    cases = [(2, 2, 0, False, True, None), (3, 1, 1, False, True, None),
             (3, 2, 1, True, True, None), (3, 2, 1, True, False, None),
             (4, 3, 2, True, True, None), (3, 2, 1, False, True, 4), (3, 2, 1, True, False, 20),
             (2, 2, 1, False, False, 1)]
    for k, s, p, ceil, cip, div in cases:
        m = qgen_rt.QAvgPool2d(k, s, p, ceil, cip, div)
        m.freeze(qp)
        got = m.infer(q).numpy()
        want = ref_avgpool(q.numpy(), fields(m)['i'], k, s, p, ceil, cip, div, 255)
        assert np.array_equal(got, want), (k, s, p, ceil, cip, div)
        # and close to PyTorch's float avg_pool2d of the dequantized input
        f = F.avg_pool2d(qp.dequantize(q), k, s, p, ceil, cip, div)
        assert f.shape == got.shape
        err = (qp.dequantize(torch.from_numpy(got)) - f).abs().max()
        if not div:
            assert err <= qp.scale * 0.5 + 1e-6, err


def test_adaptive_avgpool():
    g = torch.Generator().manual_seed(13)
    qp = freeze_input(torch.tensor([0.0, 1.0])).qo
    for H, W, out in [(7, 10, 3), (5, 5, (2, 4)), (4, 9, (None, 4)), (6, 6, 1), (3, 4, (5, 7))]:
        q = torch.randint(0, 256, (2, 3, H, W), generator=g)
        m = qgen_rt.QAdaptiveAvgPool2d(out)
        m.freeze(qp)
        got = m.infer(q).numpy()
        OH, OW = (out, out) if isinstance(out, int) else out
        OH, OW = OH or H, OW or W
        assert np.array_equal(got, ref_adaptive(q.numpy(), OH, OW)), (H, W, out)
        f = F.adaptive_avg_pool2d(q.double(), out)
        assert (torch.from_numpy(got).double() - f).abs().max() <= 0.5


def calibrated_pair(bits, shift_b=0.0):
    g = torch.Generator().manual_seed(14 + bits)
    a = torch.randn(2, 4, 5, 6, generator=g)
    b = torch.randn(2, 4, 5, 6, generator=g) * 3 + shift_b
    return a, b, freeze_input(a, bits), freeze_input(b, bits)


def test_add():
    for bits, act in [(8, None), (8, ('relu',)), (4, ('relu6',)), (2, None), (6, ('hardtanh', -2, 1))]:
        a, b, qa, qb = calibrated_pair(bits, 1.0)
        m = qgen_rt.QAdd(bits, act).eval()
        with torch.no_grad():
            m(qa(a), qb(b))
        m.freeze(qa.qo, qb.qo)
        q1, q2 = qa.quantize(a), qb.quantize(b)
        T = fields(m)
        assert T['i'][3] == 20
        assert np.array_equal(m.infer(q1, q2).numpy(), ref_add(q1.numpy(), q2.numpy(), T['i'])), bits


def test_cat():
    for bits, dim in [(8, 1), (4, 3), (2, 0)]:
        a, b, qa, qb = calibrated_pair(bits, -2.0)
        m = qgen_rt.QCat(dim, bits).eval()
        with torch.no_grad():
            m([qa(a), qb(b), qa(a)])
        m.freeze(qa.qo, qb.qo, qa.qo)
        q1, q2 = qa.quantize(a), qb.quantize(b)
        T = fields(m)
        got = m.infer(q1, q2, q1).numpy()
        assert np.array_equal(got, ref_cat([q1.numpy(), q2.numpy(), q1.numpy()], T['i'], dim)), bits
        assert np.array_equal(m.infer([q1, q2, q1]).numpy(), got)
    # an input whose (scale, zp) equals the output's is copied
    a, b, qa, qb = calibrated_pair(8)
    m = qgen_rt.QCat(1, 8).eval()
    m.qo = qa.qo                              # same parameters as the first input
    m.freeze(qa.qo, qb.qo)
    q1 = qa.quantize(a)
    assert torch.equal(m.infer(q1, qb.quantize(b))[:, :4], q1)


def test_relu():
    qp = qgen_rt.QParam(8)
    qp.update(torch.tensor([-3.0, 9.0])), qp.freeze()
    q = torch.arange(256)
    for act, lo, hi in [(('relu',), 64, 255), (('relu6',), 64, 64 + round(6 / qp.scale)),
                        (('hardtanh', -0.5, 0.75), 64 + round(-0.5 / qp.scale), 64 + round(0.75 / qp.scale))]:
        m = qgen_rt.QReLU(act)
        m.freeze(qp)
        assert m.qo is qp and fields(m)['i'].tolist() == [lo, hi], (act, fields(m)['i'])
        assert np.array_equal(m.infer(q).numpy(), ref_relu(q.numpy(), fields(m)['i']))


def test_sigmoid():
    for bits in (8, 4, 2):
        x = torch.linspace(-9, 7, 300)
        qin = freeze_input(x, bits)
        m = qgen_rt.QSigmoid(bits).eval()
        y = m(qin(x))
        m.freeze(qin.qo)
        assert (m.qo.scale, m.qo.zero_point) == (1.0 / 2 ** bits, 0)
        lut = fields(m)['lut']
        assert lut.dtype == np.uint8 and lut.shape == (2 ** bits,)
        assert np.array_equal(lut, ref_sigmoid_lut(qin.qo.scale, qin.qo.zero_point, bits))
        q = qin.quantize(x)
        got = m.infer(q)
        assert np.array_equal(got.numpy(), lut[q.numpy()])
        assert torch.equal(m.qo.dequantize(got), y.detach())     # fake quant == integer path


def ref_table_fn(fn, args):
    """Section 3's f, transcribed from the doc (double, Python's math)."""
    def sig(v):
        return 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
    c = float(args[0]) if args and fn != 'gelu' else None
    return {
        'sigmoid': sig,
        'hardswish': lambda v: v * min(max(v + 3, 0.0), 6.0) / 6,
        'hardsigmoid': lambda v: min(max(v + 3, 0.0), 6.0) / 6,
        'silu': lambda v: v * sig(v),
        'tanh': math.tanh,
        'gelu': (lambda v: v / 2 * (1 + math.tanh(math.sqrt(2 / math.pi) * (v + 0.044715 * v ** 3))))
        if args == ('tanh',) else (lambda v: v / 2 * (1 + math.erf(v / math.sqrt(2)))),
        'leaky_relu': lambda v: v if v >= 0 else c * v,
        'elu': lambda v: v if v > 0 else c * math.expm1(v),
        'mish': lambda v: v * math.tanh(max(v, 0.0) + math.log1p(math.exp(-abs(v)))),
        'mul': lambda v: v * c, 'add': lambda v: v + c, 'sub': lambda v: v - c,
        'rsub': lambda v: c - v, 'div': lambda v: v / c,
    }[fn]


LUT_CASES = [('sigmoid', ()), ('hardswish', ()), ('hardsigmoid', ()), ('silu', ()), ('tanh', ()),
             ('gelu', ()), ('gelu', ('tanh',)), ('leaky_relu', (0.1,)), ('elu', (0.5,)), ('mish', ()),
             ('mul', (-2.5,)), ('mul', (3,)), ('add', (3,)), ('sub', (1.5,)), ('rsub', (1.0,)), ('div', (6,))]


def test_lut():
    x = torch.linspace(-7, 5, 400)
    for bits, act in [(8, None), (4, None), (8, ('relu6',)), (6, ('hardtanh', -0.5, 0.5)), (2, ('relu',))]:
        qin = freeze_input(x, bits)
        for fn, args in LUT_CASES:
            m = qgen_rt.QLut(fn, bits, *args, act=act).eval()
            with torch.no_grad():
                m(qin(x))
            m.freeze(qin.qo)
            f = ref_table_fn(fn, args)
            s_in, zp_in = qin.qo.scale, qin.qo.zero_point
            s_out, zp_out = m.qo.scale, m.qo.zero_point
            lo, hi = m.qo.range_codes(act)
            want = [clamp(round(f(s_in * (q - zp_in)) / s_out) + zp_out, lo, hi) for q in range(2 ** bits)]
            lut = fields(m)['lut']
            assert lut.dtype == np.uint8 and lut.shape == (2 ** bits,), fn
            assert lut.tolist() == want, (fn, args, bits, act)
            q = qin.quantize(x)
            assert np.array_equal(m.infer(q).numpy(), lut[q.numpy()])
            # fake quantization is within a code of the table (float32 op vs double table)
            with torch.no_grad():
                d = (m(qin(x)) - m.qo.dequantize(m.infer(q))).abs().max()
            assert float(d) <= s_out * 1.0001, (fn, args, float(d) / s_out)
    for bad in [('nope', ()), ('mul', ()), ('tanh', (1,)), ('div', (0,))]:
        try:
            qgen_rt.QLut(bad[0], 8, *bad[1])
        except ValueError:
            continue
        raise AssertionError('QLut%r accepted' % (bad,))


def ref_mul(q1, q2, i):
    """q1, q2 int64 arrays broadcast by numpy, i = NAME.i of QMul."""
    zp1, zp2, zpo, mm, sh, lo, hi = (int(v) for v in i)
    a, b = np.broadcast_arrays(q1, q2)
    out = np.empty(a.shape, dtype=np.int64)
    for idx in np.ndindex(*a.shape):
        out[idx] = clamp(ref_mbqm((int(a[idx]) - zp1) * (int(b[idx]) - zp2), mm, sh) + zpo, lo, hi)
    return out


def test_mul_and_broadcast():
    g = torch.Generator().manual_seed(21)
    for bits, act, sa, sb in [(8, None, (2, 4, 1, 1), (2, 4, 5, 6)), (8, ('relu',), (2, 4, 5, 6), (2, 4, 1, 1)),
                              (4, ('relu6',), (2, 4, 5, 6), (2, 4, 5, 6)), (6, None, (2, 1, 5, 1), (2, 4, 1, 6)),
                              (2, None, (3, 7), (3, 1))]:
        a = torch.randn(*sa, generator=g) * 2
        b = torch.rand(*sb, generator=g) + 0.2
        qa, qb = freeze_input(a, bits), freeze_input(b, bits)
        for cls in (qgen_rt.QMul, qgen_rt.QAdd):
            m = cls(bits, act).eval()
            with torch.no_grad():
                y = m(qa(a), qb(b))
            m.freeze(qa.qo, qb.qo)
            q1, q2 = qa.quantize(a), qb.quantize(b)
            T = fields(m)
            ref = ref_mul if cls is qgen_rt.QMul else \
                (lambda x1, x2, i: ref_add(*np.broadcast_arrays(x1, x2), i))
            got = m.infer(q1, q2)
            assert got.shape == y.shape
            assert np.array_equal(got.numpy(), ref(q1.numpy(), q2.numpy(), T['i'])), (cls, bits, act, sa, sb)
    # a multiplier above 1 (tiny output range): exact, no overflow
    a, b = torch.randn(2, 3, 4, 4, generator=g) * 50, torch.randn(2, 3, 1, 1, generator=g) * 50
    qa, qb = freeze_input(a), freeze_input(b)
    m = qgen_rt.QMul(8).eval()
    with torch.no_grad():
        m(qa(a) * 1e-4, qb(b))
    m.freeze(qa.qo, qb.qo)
    assert m.sh > 0, (m.m, m.sh)
    q1, q2 = qa.quantize(a), qb.quantize(b)
    assert np.array_equal(m.infer(q1, q2).numpy(), ref_mul(q1.numpy(), q2.numpy(), fields(m)['i']))


def ref_bilinear(q, oh, ow, align_corners):
    """Section 3's bilinear upsampling, scalar, from the formulas."""
    def axis(n_in, n_out):
        out = []
        for o in range(n_out):
            if align_corners:
                num, den = o * (n_in - 1), max(n_out - 1, 1)
            else:
                num, den = max((2 * o + 1) * n_in - n_out, 0), 2 * n_out
            i0 = num // den
            out.append((i0, min(i0 + 1, n_in - 1), (2048 * (num % den) + den) // (2 * den)))
        return out
    n, c, h, w = q.shape
    out = np.zeros((n, c, oh, ow), dtype=np.int64)
    for y, (y0, y1, ly) in enumerate(axis(h, oh)):
        for x, (x0, x1, lx) in enumerate(axis(w, ow)):
            top = (1024 - lx) * q[:, :, y0, x0] + lx * q[:, :, y0, x1]
            bot = (1024 - lx) * q[:, :, y1, x0] + lx * q[:, :, y1, x1]
            out[:, :, y, x] = ((1024 - ly) * top + ly * bot + (1 << 19)) >> 20
    return out


def test_bilinear():
    g = torch.Generator().manual_seed(31)
    for shape, kw in [((2, 3, 4, 5), dict(scale_factor=2, align_corners=True)),
                      ((2, 3, 4, 5), dict(scale_factor=2, align_corners=False)),
                      ((1, 2, 5, 7), dict(size=(9, 16), align_corners=False)),
                      ((1, 2, 5, 7), dict(size=(9, 16), align_corners=True)),
                      ((1, 2, 9, 8), dict(size=(4, 3), align_corners=False)),     # downsampling
                      ((1, 1, 1, 6), dict(size=(3, 1), align_corners=True)),      # one row in, one column out
                      ((1, 2, 6, 6), dict(scale_factor=0.5, align_corners=False)),
                      ((1, 2, 3, 3), dict(size=7, align_corners=None))]:
        m = qgen_rt.QUpsample(mode='bilinear', **kw).eval()
        x = torch.randn(*shape, generator=g)
        qa = freeze_input(x)
        m.freeze(qa.qo)
        q = qa.quantize(x)
        got = m.infer(q)
        oh, ow = got.shape[2:]
        assert tuple(got.shape) == tuple(m(x).shape), (shape, kw)
        assert np.array_equal(got.numpy(), ref_bilinear(q.numpy(), oh, ow, bool(kw['align_corners']))), (shape, kw)
        # against PyTorch's float bilinear on the codes: within one code
        f = F.interpolate(q.to(torch.float64), mode='bilinear', **kw)
        assert float((got - f).abs().max()) <= 1.0, (shape, kw, float((got - f).abs().max()))


def test_prelu():
    g = torch.Generator().manual_seed(7)
    for shape, n in [((3, 5, 4, 6), 5), ((3, 5, 4, 6), 1), ((4, 9), 9), ((2, 3, 11), 3)]:
        x = torch.randn(*shape, generator=g) * 3
        prelu = nn.PReLU(n)
        with torch.no_grad():
            prelu.weight.copy_(torch.rand(n, generator=g) * 1.6 - 0.4)   # slopes in [-0.4, 1.2)
        qin = freeze_input(x)
        m = qgen_rt.QPReLU(prelu, 8).eval()
        with torch.no_grad():
            m(qin(x))
        m.freeze(qin.qo)
        lut = fields(m)['lut']
        assert lut.dtype == np.uint8 and lut.shape == (n, 256), lut.shape
        s_in, zp_in = qin.qo.scale, qin.qo.zero_point
        s_out, zp_out = m.qo.scale, m.qo.zero_point
        for c, a in enumerate(prelu.weight.detach().double().tolist()):
            want = [clamp(round((v if v >= 0 else a * v) / s_out) + zp_out, 0, 255)
                    for v in (s_in * (q - zp_in) for q in range(256))]
            assert lut[c].tolist() == want, (shape, c)
        q = qin.quantize(x)
        got = m.infer(q).numpy()
        qn = q.numpy()
        for idx in np.ndindex(*qn.shape):
            assert got[idx] == lut[idx[1] if n > 1 else 0][qn[idx]], (shape, idx)
        # within a code of PyTorch's float PReLU
        with torch.no_grad():
            d = (prelu(qin(x)) - m.qo.dequantize(m.infer(q))).abs().max()
        assert float(d) <= s_out * 1.0001, (shape, float(d) / s_out)


# ===========================================================================
# 3. Models
# ===========================================================================

class Toy(nn.Module):
    """Residual + BN + cat + pools + relu6/hardtanh + sigmoid, input [N, 3, 14, 14]."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, 1, 1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(8)
        self.conv3 = nn.Conv2d(8, 8, 3, 1, 1)
        self.conv4 = nn.Conv2d(8, 8, 3, 2, 1, groups=4)
        self.conv5 = nn.Conv2d(8, 4, 1)
        self.fc = nn.Linear(28 * 3 * 3, 6)

    def forward(self, x):
        a = F.relu(self.bn1(self.conv1(x)))            # [N, 8, 14, 14]
        b = self.bn2(self.conv2(a))
        r = F.relu(a + b)                              # residual add, relu fused
        p = F.max_pool2d(r, 2, 2)                      # [N, 8, 7, 7]
        c = F.max_pool2d(self.conv3(p), 3, 2, 1)       # [N, 8, 4, 4]
        c = F.relu(c)                                  # standalone relu after a maxpool
        d = F.relu6(self.conv4(p))                     # [N, 8, 4, 4]
        e = F.hardtanh(self.conv5(c), -0.5, 0.5)       # [N, 4, 4, 4]
        f = F.avg_pool2d(p, 3, 2, 1, ceil_mode=True, count_include_pad=False)   # [N, 8, 4, 4]
        u = torch.cat([c, d, e, f], 1)                 # [N, 28, 4, 4]
        v = F.avg_pool2d(u, 3, 1, 1)                   # padding, count_include_pad
        w = F.adaptive_avg_pool2d(v, 3)                # 4 -> 3: overlapping windows
        y = self.fc(w.flatten(1))
        return torch.sigmoid(y)

    # ---- what qgen generates for it ----
    QGEN_FINGERPRINT = 0x70e0000000c0ffee

    def quantize(self, num_bits=8, per_channel=True):
        self.q_x = qgen_rt.QInput(num_bits)
        self.q_conv1 = qgen_rt.QConv2d(self.get_submodule('conv1'), self.get_submodule('bn1'), num_bits, per_channel, act=('relu',))
        self.q_conv2 = qgen_rt.QConv2d(self.get_submodule('conv2'), self.get_submodule('bn2'), num_bits, per_channel, act=None)
        self.q_add = qgen_rt.QAdd(num_bits, act=('relu',))
        self.q_max_pool2d = qgen_rt.QMaxPool2d(2, 2, 0, 1, False)
        self.q_conv3 = qgen_rt.QConv2d(self.get_submodule('conv3'), None, num_bits, per_channel, act=None)
        self.q_max_pool2d_1 = qgen_rt.QMaxPool2d(3, 2, 1, 1, False)
        self.q_relu_2 = qgen_rt.QReLU(('relu',))
        self.q_conv4 = qgen_rt.QConv2d(self.get_submodule('conv4'), None, num_bits, per_channel, act=('relu6',))
        self.q_conv5 = qgen_rt.QConv2d(self.get_submodule('conv5'), None, num_bits, per_channel, act=('hardtanh', -0.5, 0.5))
        self.q_avg_pool2d = qgen_rt.QAvgPool2d(3, 2, 1, True, False, None)
        self.q_cat = qgen_rt.QCat(1, num_bits)
        self.q_avg_pool2d_1 = qgen_rt.QAvgPool2d(3, 1, 1, False, True, None)
        self.q_adaptive_avg_pool2d = qgen_rt.QAdaptiveAvgPool2d(3)
        self.q_fc = qgen_rt.QLinear(self.get_submodule('fc'), num_bits, per_channel, act=None)
        self.q_sigmoid = qgen_rt.QSigmoid(num_bits)
        self.train(self.training)

    def quantize_forward(self, x):
        x = self.q_x(x)
        relu = self.q_conv1(x)
        bn2 = self.q_conv2(relu)
        relu_1 = self.q_add(relu, bn2)
        max_pool2d = self.q_max_pool2d(relu_1)
        conv3 = self.q_conv3(max_pool2d)
        max_pool2d_1 = self.q_max_pool2d_1(conv3)
        relu_2 = self.q_relu_2(max_pool2d_1)
        relu6 = self.q_conv4(max_pool2d)
        hardtanh = self.q_conv5(relu_2)
        avg_pool2d = self.q_avg_pool2d(max_pool2d)
        cat = self.q_cat(relu_2, relu6, hardtanh, avg_pool2d)
        avg_pool2d_1 = self.q_avg_pool2d_1(cat)
        adaptive_avg_pool2d = self.q_adaptive_avg_pool2d(avg_pool2d_1)
        flatten = adaptive_avg_pool2d.flatten(1)
        fc = self.q_fc(flatten)
        sigmoid = self.q_sigmoid(fc)
        return sigmoid

    def freeze(self):
        self.q_x.freeze()
        self.q_conv1.freeze(self.q_x.qo)
        self.q_conv2.freeze(self.q_conv1.qo)
        self.q_add.freeze(self.q_conv1.qo, self.q_conv2.qo)
        self.q_max_pool2d.freeze(self.q_add.qo)
        self.q_conv3.freeze(self.q_max_pool2d.qo)
        self.q_max_pool2d_1.freeze(self.q_conv3.qo)
        self.q_relu_2.freeze(self.q_max_pool2d_1.qo)
        self.q_conv4.freeze(self.q_max_pool2d.qo)
        self.q_conv5.freeze(self.q_relu_2.qo)
        self.q_avg_pool2d.freeze(self.q_max_pool2d.qo)
        self.q_cat.freeze(self.q_relu_2.qo, self.q_conv4.qo, self.q_conv5.qo, self.q_avg_pool2d.qo)
        self.q_avg_pool2d_1.freeze(self.q_cat.qo)
        self.q_adaptive_avg_pool2d.freeze(self.q_avg_pool2d_1.qo)
        self.q_fc.freeze(self.q_adaptive_avg_pool2d.qo)
        self.q_sigmoid.freeze(self.q_fc.qo)

    def quantize_inference(self, x):
        x = self.q_x.quantize(x)
        relu = self.q_conv1.infer(x)
        bn2 = self.q_conv2.infer(relu)
        relu_1 = self.q_add.infer(relu, bn2)
        max_pool2d = self.q_max_pool2d.infer(relu_1)
        conv3 = self.q_conv3.infer(max_pool2d)
        max_pool2d_1 = self.q_max_pool2d_1.infer(conv3)
        relu_2 = self.q_relu_2.infer(max_pool2d_1)
        relu6 = self.q_conv4.infer(max_pool2d)
        hardtanh = self.q_conv5.infer(relu_2)
        avg_pool2d = self.q_avg_pool2d.infer(max_pool2d)
        cat = self.q_cat.infer(relu_2, relu6, hardtanh, avg_pool2d)
        avg_pool2d_1 = self.q_avg_pool2d_1.infer(cat)
        adaptive_avg_pool2d = self.q_adaptive_avg_pool2d.infer(avg_pool2d_1)
        flatten = adaptive_avg_pool2d.flatten(1)
        fc = self.q_fc.infer(flatten)
        sigmoid = self.q_sigmoid.infer(fc)
        return self.q_sigmoid.qo.dequantize(sigmoid)

    def export(self, path):
        qgen_rt.export(path, self.QGEN_FINGERPRINT, [
            ('x', self.q_x),
            ('conv1', self.q_conv1),
            ('conv2', self.q_conv2),
            ('add', self.q_add),
            ('max_pool2d', self.q_max_pool2d),
            ('conv3', self.q_conv3),
            ('max_pool2d_1', self.q_max_pool2d_1),
            ('relu_2', self.q_relu_2),
            ('conv4', self.q_conv4),
            ('conv5', self.q_conv5),
            ('avg_pool2d', self.q_avg_pool2d),
            ('cat', self.q_cat),
            ('avg_pool2d_1', self.q_avg_pool2d_1),
            ('adaptive_avg_pool2d', self.q_adaptive_avg_pool2d),
            ('fc', self.q_fc),
            ('sigmoid', self.q_sigmoid),
        ])


def ref_run_seed(T, x):
    """The seed graph run by the reference kernels from the .qgw tensors alone."""
    q = ref_quantize(x.numpy(), T['x.f'], T['x.i'])
    q = ref_conv(q, {k: T['conv1.' + k] for k in 'iwbms'}, (1, 1), (0, 0), (1, 1), 1)
    q = ref_maxpool(q, 2, 2, 0, 1, False)
    q = ref_conv(q, {k: T['conv2.' + k] for k in 'iwbms'}, (1, 1), (0, 0), (1, 1), 20)
    q = ref_maxpool(q, 2, 2, 0, 1, False)
    q = q.reshape(-1, 1000)
    q = ref_linear(q, {k: T['fc.' + k] for k in 'iwbms'})
    return ref_dequantize(q, T['output.f'][0], int(T['output.f'][1]))


def ref_run_toy(T, x):
    def node(name):
        return {k.split('.', 1)[1]: v for k, v in T.items() if k.split('.', 1)[0] == name}
    q = ref_quantize(x.numpy(), T['x.f'], T['x.i'])
    relu = ref_conv(q, node('conv1'), (1, 1), (1, 1), (1, 1), 1)
    bn2 = ref_conv(relu, node('conv2'), (1, 1), (1, 1), (1, 1), 1)
    relu_1 = ref_add(relu, bn2, T['add.i'])
    max_pool2d = ref_maxpool(relu_1, 2, 2, 0, 1, False)
    conv3 = ref_conv(max_pool2d, node('conv3'), (1, 1), (1, 1), (1, 1), 1)
    max_pool2d_1 = ref_maxpool(conv3, 3, 2, 1, 1, False)
    relu_2 = ref_relu(max_pool2d_1, T['relu_2.i'])
    relu6 = ref_conv(max_pool2d, node('conv4'), (2, 2), (1, 1), (1, 1), 4)
    hardtanh = ref_conv(relu_2, node('conv5'), (1, 1), (0, 0), (1, 1), 1)
    qmax = int(T['x.i'][2])
    avg_pool2d = ref_avgpool(max_pool2d, T['avg_pool2d.i'], 3, 2, 1, True, False, None, qmax)
    cat = ref_cat([relu_2, relu6, hardtanh, avg_pool2d], T['cat.i'], 1)
    avg_pool2d_1 = ref_avgpool(cat, T['avg_pool2d_1.i'], 3, 1, 1, False, True, None, qmax)
    ada = ref_adaptive(avg_pool2d_1, 3, 3)
    fc = ref_linear(ada.reshape(ada.shape[0], -1), node('fc'))
    sig = T['sigmoid.lut'].astype(np.int64)[fc]
    return ref_dequantize(sig, T['output.f'][0], int(T['output.f'][1]))


def randomize_bn(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for mod in model.modules():
            if isinstance(mod, nn.BatchNorm2d):
                n = mod.num_features
                mod.running_mean.copy_(torch.rand(n, generator=g) * 0.6 - 0.3)
                mod.running_var.copy_(torch.rand(n, generator=g) * 1.5 + 0.5)
                mod.weight.copy_(torch.rand(n, generator=g) + 0.5)
                mod.bias.copy_(torch.rand(n, generator=g) * 0.4 - 0.2)


class ModelCase:
    """One model under test: how to build it, its float twin, its data."""

    def __init__(self, name, build, float_build, input_shape, fingerprint, ref_run, n_ref):
        self.name, self.build, self.float_build = name, build, float_build
        self.input_shape, self.fingerprint, self.ref_run, self.n_ref = (
            input_shape, fingerprint, ref_run, n_ref)

    def data(self, n, seed):
        g = torch.Generator().manual_seed(seed)
        return torch.rand((n,) + self.input_shape, generator=g) * 1.2 - 0.1

    def quantized(self, num_bits=8, per_channel=True, calib=None):
        torch.manual_seed(7)
        ref = self.float_build()
        model = self.build()
        model.load_state_dict(ref.state_dict())
        model.eval()
        model.quantize(num_bits, per_channel)
        common.calibrate(model, self.data(256, 1) if calib is None else calib)
        model.freeze()
        return model


def rel_err(a, b, rng_):
    return float((a - b).abs().max()) / rng_


def model_tests(case):
    name = case.name
    Float, Q = case.float_build, case.build
    x = case.data(200, 2)

    def state_dict_loads():
        torch.manual_seed(7)
        ref = Float()
        sd = ref.state_dict()
        model = Q()
        model.load_state_dict(sd)                 # strict
        model.eval(), ref.eval()
        with torch.no_grad():
            assert torch.equal(model(x), ref(x)), 'float forward differs from the original'
        keys = list(model.state_dict().keys())
        model.quantize()
        assert list(model.state_dict().keys()) == keys, 'quantize() changed the state_dict'
        assert not any(m.training for m in model.modules()), 'quantize() left modules in training mode'
        torch.manual_seed(8)
        other = Float().state_dict()
        model.load_state_dict(other)              # still strict after quantize()
        for mod in model.modules():
            if isinstance(mod, (qgen_rt.QConv2d, qgen_rt.QLinear)):
                wrapped = mod._float[0]
                assert any(wrapped is m for m in model.modules()), 'float module copied'
        assert torch.equal(model.get_submodule('fc').weight, other['fc.weight'])
    TAP.run('%s: original float state_dict loads (before and after quantize)' % name,
            state_dict_loads)

    model = case.quantized()
    torch.manual_seed(7)
    ref = Float()
    ref.load_state_dict(model.state_dict())
    ref.eval()
    with torch.no_grad():
        yf = ref(x)
        yq = model.quantize_forward(x)
    yi = model.quantize_inference(x)
    out_range = float(yf.max() - yf.min())
    qo = model.named_export()[-1][1].qo
    q_range = qo.scale * (qo.qmax - qo.qmin)

    e1 = rel_err(yq, yf, out_range)
    TAP.check(e1 < 0.05, '%s: 8-bit quantize_forward close to float forward (max err %.4f of output range)'
              % (name, e1))
    e2 = rel_err(yi, yq, q_range)
    lsb = float((yi - yq).abs().max()) / qo.scale
    exact = float((yi == yq).float().mean())
    TAP.check(e2 < 0.02 and exact > 0.5,
              '%s: quantize_inference matches quantize_forward (max err %.4f of output range = %.1f LSB, '
              '%.1f%% identical)' % (name, e2, lsb, 100 * exact))
    e3 = rel_err(yi, yf, out_range)
    TAP.check(e3 < 0.05, '%s: quantize_inference close to float (max err %.4f of output range)' % (name, e3))

    path = os.path.join(TMP, name + '.qgw')

    def roundtrip():
        model.export(path)
        fp, T = qgen_rt.load_qgw(path)
        assert fp == case.fingerprint, hex(fp)
        want = []
        for node, mod in model.named_export():
            want += [('%s.%s' % (node, k), v) for k, v in mod.tensors()]
        want.append(('output.f', np.array([qo.scale, qo.zero_point], dtype=np.float32)))
        assert list(T.keys()) == [k for k, _ in want], list(T.keys())
        for k, v in want:
            assert T[k].dtype == v.dtype and T[k].shape == v.shape and T[k].tobytes() == v.tobytes(), k
        # the header and table as section 5 says
        raw = open(path, 'rb').read()
        n = len(T)
        assert raw[:4] == b'QGW1' and int.from_bytes(raw[4:8], 'little') == 1
        assert int.from_bytes(raw[16:20], 'little') == n
        assert int.from_bytes(raw[20:24], 'little') == 24 + 80 * n
        for i in range(n):
            off = int.from_bytes(raw[24 + 80 * i + 64: 24 + 80 * i + 72], 'little')
            assert off % 16 == 0
    TAP.run('%s: export + load_qgw round-trip every tensor bit for bit' % name, roundtrip)

    def crc():
        raw = bytearray(open(path, 'rb').read())
        rng = random.Random(9)
        spots = [0, 5, 9, 17, 21, 24, 60, 100, len(raw) // 2, len(raw) - 5, len(raw) - 1]
        spots += [rng.randrange(len(raw)) for _ in range(20)]
        bad = os.path.join(TMP, name + '-bad.qgw')
        for pos in spots:
            for bit in (0x01, 0x80):
                raw2 = bytearray(raw)
                raw2[pos] ^= bit
                open(bad, 'wb').write(raw2)
                try:
                    qgen_rt.load_qgw(bad)
                except ValueError:
                    continue
                raise AssertionError('flipped byte %d not rejected' % pos)
        open(bad, 'wb').write(raw[:-20])
        try:
            qgen_rt.load_qgw(bad)
        except ValueError:
            return
        raise AssertionError('truncated file not rejected')
    TAP.run('%s: load_qgw rejects a flipped byte (CRC) and a truncated file' % name, crc)

    def reference_run():
        _, T = qgen_rt.load_qgw(path)
        xs = x[:case.n_ref]
        want = case.ref_run(T, xs)
        got = model.quantize_inference(xs).numpy()
        assert got.dtype == want.dtype == np.float32
        assert got.tobytes() == want.tobytes(), np.abs(got - want).max()
    TAP.run('%s: reference kernels on the .qgw tensors == quantize_inference, bit for bit' % name,
            reference_run)

    def qat():
        torch.manual_seed(7)
        m = Q()
        m.load_state_dict(Float().state_dict())
        m.quantize()
        common.calibrate(m, case.data(64, 3))
        bns = [mod for mod in m.modules() if isinstance(mod, nn.BatchNorm2d)]
        before = [mod.running_mean.clone() for mod in bns]
        observed = m.q_x.qo.lo
        m.train()
        y = m.quantize_forward(case.data(32, 4))
        loss = (y - 0.3).square().mean()
        loss.backward()
        params = [(n, p) for n, p in m.named_parameters()]
        assert params and all(p.grad is not None for _, p in params), \
            [n for n, p in params if p.grad is None]
        zero = [n for n, p in params if not bool((p.grad != 0).any())]
        assert not zero, 'zero gradients: %r' % zero
        for mod, old in zip(bns, before):
            assert not torch.equal(mod.running_mean, old), 'BN running stats not updated'
        assert m.q_x.qo.trained and m.q_x.qo.lo != observed
        # an optimizer step changes the original parameters; freeze again works
        opt = torch.optim.SGD(m.parameters(), lr=0.1)
        w0 = m.get_submodule('fc').weight.clone()
        opt.step()
        assert not torch.equal(m.get_submodule('fc').weight, w0)
        try:
            m.eval()
            m.quantize_inference(x[:2])
        except RuntimeError:
            pass
        else:
            raise AssertionError('stale (unfrozen) model ran quantize_inference')
        m.freeze()
        y = m.quantize_inference(x[:4])
        assert torch.isfinite(y).all()
    TAP.run('%s: QAT backward gives non-zero gradients on the float weights' % name, qat)

    def sweep():
        lines = []
        xs, calib = x[:64], case.data(128, 1)
        with torch.no_grad():
            yfs = ref(xs)
        for bits in (2, 4, 6, 8):
            for pc in (True, False):
                m = case.quantized(bits, pc, calib)
                with torch.no_grad():
                    yq = m.quantize_forward(xs)
                yi = m.quantize_inference(xs)
                qo = m.named_export()[-1][1].qo
                assert torch.isfinite(yi).all()
                codes = torch.round(yi / qo.scale) + qo.zero_point
                assert codes.min() >= 0 and codes.max() <= 2 ** bits - 1
                for node, mod in m.named_export():
                    for k, v in mod.tensors():
                        if k == 'w':
                            assert np.abs(v).max() <= 2 ** (bits - 1) - 1
                        if k == 'm' and not pc:
                            assert len(set(v.tolist())) == 1
                p = os.path.join(TMP, '%s-%d.qgw' % (name, bits))
                m.export(p)
                qgen_rt.load_qgw(p)
                lsb = float((yi - yq).abs().max()) / qo.scale
                same = float(((yi - yq).abs() <= qo.scale * 1.01).float().mean())
                lines.append('%d bits %s: infer vs fake max %.1f LSB, %.1f%% within 1 LSB, '
                              'vs float max err %.3f' % (bits, 'per-channel' if pc else 'per-tensor',
                                                         lsb, 100 * same,
                                                         rel_err(yi, yfs, out_range)))
                assert same > 0.9, lines[-1]
        TAP.diag('\n'.join(lines))
    TAP.run('%s: 2, 4, 6, 8 bits, per-channel and per-tensor run, export and agree' % name, sweep)


def seed_float():
    return common.seed_float_class()()


def seed_quant():
    return common.seed_quant_class()()


def _seed_named_export(self):
    return [('x', self.q_x), ('conv1', self.q_conv1), ('max_pool2d', self.q_max_pool2d),
            ('conv2', self.q_conv2), ('max_pool2d_1', self.q_max_pool2d_1), ('fc', self.q_fc)]


def _toy_named_export(self):
    return [('x', self.q_x), ('conv1', self.q_conv1), ('conv2', self.q_conv2), ('add', self.q_add),
            ('max_pool2d', self.q_max_pool2d), ('conv3', self.q_conv3),
            ('max_pool2d_1', self.q_max_pool2d_1), ('relu_2', self.q_relu_2),
            ('conv4', self.q_conv4), ('conv5', self.q_conv5), ('avg_pool2d', self.q_avg_pool2d),
            ('cat', self.q_cat), ('avg_pool2d_1', self.q_avg_pool2d_1),
            ('adaptive_avg_pool2d', self.q_adaptive_avg_pool2d), ('fc', self.q_fc),
            ('sigmoid', self.q_sigmoid)]


def toy_build():
    m = Toy()
    randomize_bn(m, 5)
    return m


def main():
    common.setup_torch(0)
    for desc, fn in [
            ('QuantizeMultiplier matches the scalar reference (q == 2^31, tiny, large)', test_quantize_multiplier),
            ('MBQM matches the scalar reference (per-channel broadcast, chunked)', test_mbqm),
            ('QParam/QInput: section 1 parameters, quantize, dequantize, fake quant + STE', test_qparam_and_input),
            ('QConv2d infer == reference kernel; frozen parameters follow section 1', test_conv),
            ('QLinear infer == reference kernel', test_linear),
            ('QMaxPool2d infer == reference kernel (padding, dilation, ceil_mode)', test_maxpool),
            ('QAvgPool2d infer == reference kernel (padding, ceil_mode, count_include_pad, divisor_override)', test_avgpool),
            ('QAdaptiveAvgPool2d infer == reference kernel (non-dividing sizes)', test_adaptive_avgpool),
            ('QAdd infer == reference kernel', test_add),
            ('QCat infer == reference kernel (and copies equal-parameter inputs)', test_cat),
            ('QReLU infer == reference kernel (relu, relu6, hardtanh)', test_relu),
            ('QSigmoid table == reference, infer == fake quant', test_sigmoid),
            ('QLut tables == section 3 for every function, with fused activations, 2..8 bits', test_lut),
            ('QMul and QAdd with broadcasting == reference kernels (both orders, fused act, M > 1)',
             test_mul_and_broadcast),
            ('QUpsample bilinear == section 3, within one code of F.interpolate (align_corners, sizes, down)',
             test_bilinear),
            ('QPReLU: a table per slope (section 3), channel by channel, within a code of nn.PReLU', test_prelu)]:
        TAP.run(desc, fn)

    seed_cls = common.seed_quant_class()
    seed_cls.named_export = _seed_named_export
    Toy.named_export = _toy_named_export
    model_tests(ModelCase('seed', seed_quant, seed_float, (1, 28, 28), 0x5eed0123456789ab,
                          ref_run_seed, 2))
    model_tests(ModelCase('toy', toy_build, toy_build, (3, 14, 14), 0x70e0000000c0ffee,
                          ref_run_toy, 3))
    shutil.rmtree(TMP, ignore_errors=True)
    return TAP.done()


if __name__ == '__main__':
    sys.exit(main())
