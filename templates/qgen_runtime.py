"""qgen runtime: fake quantization, integer-only inference and the .qgw writer.

The code that qgen generates into a model class (``quantize()``,
``quantize_forward()``, ``freeze()``, ``quantize_inference()`` and
``export()``) imports this module as ``qgen_rt``.  Every quantized node of the
model's graph becomes one module from here.  The arithmetic is specified in
docs/quantization.md; section numbers below refer to that page.  The integer
path (``infer``) must agree bit for bit with the C kernels
(templates/kernels/), so it is written as plain int64 tensor arithmetic,
one step of the specification at a time.

Life cycle of a quantized model::

    model.quantize(num_bits=8, per_channel=True)   # wrap the float modules
    model.eval()
    with torch.no_grad():                          # calibration (min/max)
        for x in calibration_batches:
            model.quantize_forward(x)
    # optionally: model.train() and quantization-aware training with
    # model.quantize_forward(x) (moving-average observers, BN folding with
    # batch statistics, straight-through estimator), then model.eval()
    model.freeze()                                 # ranges -> integer parameters
    y = model.quantize_inference(x)                # integer-only, like the C code
    model.export('net.qgw')                        # weights file for the C code

Observers (``QParam``) follow one rule: in training mode they always update
(moving average of the batch min/max); in eval mode they update (running
min/max) only while they are neither frozen nor trained.  So evaluating
``quantize_forward`` after QAT or after ``freeze()`` does not move the ranges,
and after ``freeze()`` it uses exactly the parameters of the integer path.
A training step after ``freeze()`` unfreezes the observers it touches: call
``freeze()`` again before ``quantize_inference``/``export`` (they refuse
otherwise).

The wrapped float modules (``nn.Conv2d``, ``nn.BatchNorm2d``, ``nn.Linear``)
are referenced, not copied nor registered as submodules: the model's
``state_dict()`` is unchanged by ``quantize()``, ``load_state_dict`` keeps
working, and QAT trains the original parameters.  Observer state and frozen
integer parameters are plain attributes, not buffers.  The integer path runs
on the CPU.
"""

import math
import struct
import sys
import warnings
import zlib
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = [
    'INT32_MIN', 'INT32_MAX', 'ADD_LEFT_SHIFT',
    'quantize_multiplier', 'multiply_by_quantized_multiplier', 'fake_quantize',
    'QParam', 'QInput', 'QConv2d', 'QLinear', 'QReLU', 'QMaxPool2d',
    'QAvgPool2d', 'QAdaptiveAvgPool2d', 'QConv1d', 'QBatchNorm1d', 'QMaxPool1d', 'QAvgPool1d',
    'QAdaptiveAvgPool1d', 'QConvTranspose2d', 'QAdaptiveMaxPool2d', 'QPad', 'QPReLU', 'QAdd', 'QCat', 'QSigmoid', 'QLut', 'QMul',
    'QSoftmax', 'QUpsample', 'QMean', 'QPermute',
    'export', 'load_qgw',
]

class _SecondRegistration(dict):
    """torchvision's builder registry (torchvision.models._api.BUILTIN_MODELS)
    as a rewritten copy of a torchvision file needs it: the copy's
    @register_model runs a second time for each of its builders, which
    torchvision refuses ("An entry is already registered").  Only
    register_model asks `key in` the registry; here the answer is no, and the
    first registration, torchvision's own, stays what get_model() returns."""

    def __contains__(self, key):
        return False

    def __setitem__(self, key, fn):
        self.setdefault(key, fn)


def _let_torchvision_register_twice():
    # qgen's import line comes after the file's own imports: if the file is
    # a copy of a torchvision model file, torchvision.models._api is loaded
    api = sys.modules.get('torchvision.models._api')
    reg = getattr(api, 'BUILTIN_MODELS', None)
    if type(reg) is dict:
        api.BUILTIN_MODELS = _SecondRegistration(reg)


_let_torchvision_register_twice()

INT32_MIN = -2 ** 31
INT32_MAX = 2 ** 31 - 1
ADD_LEFT_SHIFT = 20          # section 3, add


def _f32(x):
    """Round a Python float (double) to the nearest float32, as a Python float."""
    return float(np.float32(x))


def _check_bits(num_bits):
    if not isinstance(num_bits, int) or not 2 <= num_bits <= 8:
        raise ValueError('num_bits must be an int in 2..8, got %r' % (num_bits,))
    return num_bits


def _i64(v):
    return torch.as_tensor(v, dtype=torch.int64)


# ---------------------------------------------------------------------------
# Section 2: fixed-point multipliers (TFLite's QuantizeMultiplier and friends)
# ---------------------------------------------------------------------------

def quantize_multiplier(M):
    """Real multiplier M >= 0 (double) -> (m, shift), int32 m, shift > 0 = left.

    m is 0 or in [2^30, 2^31).  frac * 2^31 is exact in double, so the
    rounding (half away from zero, C's llround) is done exactly on it.
    """
    M = float(M)
    if not M >= 0.0 or math.isinf(M):
        raise ValueError('multiplier must be finite and >= 0, got %r' % (M,))
    if M == 0.0:
        return 0, 0
    frac, e = math.frexp(M)                 # M = frac * 2^e, frac in [0.5, 1)
    x = frac * 2.0 ** 31                    # exact
    q = int(math.floor(x))
    if x - q >= 0.5:                        # half away from zero (x > 0)
        q += 1
    if q == 2 ** 31:
        q //= 2
        e += 1
    if e < -31:                             # |x * M| < 1/2 for every int32 x
        return 0, 0
    if e > 31:                              # saturates as the exact M would
        return 2 ** 31 - 1, 31
    return q, e


def _quantize_multipliers(Ms):
    """A sequence of real multipliers -> (m, shift) as int64 tensors."""
    pairs = [quantize_multiplier(M) for M in Ms]
    return (_i64([p[0] for p in pairs]), _i64([p[1] for p in pairs]))


def multiply_by_quantized_multiplier(x, m, shift):
    """MultiplyByQuantizedMultiplier (MBQM, section 2) of int32 values held in int64.

    clamp(round_half_away_from_zero(x * m / 2^(31 - shift)), INT32_MIN, INT32_MAX):
    one exact 64-bit product (|x * m| <= 2^62) and one rounding shift, for a
    multiplier of any size (shift in -31..31); it saturates, never wraps nor
    raises.  m and shift broadcast against x (per-channel multipliers).
    """
    x, m, shift = _i64(x), _i64(m), _i64(shift)
    return _map_chunks(_mbqm_core, x, m, shift)


def _mbqm_core(x, m, shift):
    t = 31 - shift
    if t.numel() == 1:                       # one multiplier: Python ints
        t = int(t)
        p = x * int(m)
        if t:
            p = p + ((1 << (t - 1)) - (p < 0).to(torch.int64))
        return (p >> t).clamp(INT32_MIN, INT32_MAX)
    p = x * m
    pos = (t > 0).to(torch.int64)
    half = (torch.ones_like(t) << (t - 1).clamp(min=0)) * pos
    p = p + (half - (p < 0).to(torch.int64) * pos)
    return (p >> t).clamp(INT32_MIN, INT32_MAX)


_CHUNK = 1 << 18


def _map_chunks(fn, x, *params):
    """fn(x, *params) computed on slices of x along dim 0 and concatenated.

    Purely a speed-up: the elementwise int64 steps run much faster on
    cache-sized pieces than on one large tensor (fresh large allocations
    page-fault).  Only used when every param broadcasts along dim 0.
    """
    if x.dim() < 2 or x.numel() <= _CHUNK or x.shape[0] < 2 or any(
            p.dim() >= x.dim() and p.shape[p.dim() - x.dim()] != 1 for p in params):
        return fn(x, *params)
    rows = max(1, _CHUNK // (x.numel() // x.shape[0]))
    return torch.cat([fn(c, *params) for c in x.split(rows)])


_mbqm = multiply_by_quantized_multiplier


def _channel_view(t, ndim, dim=1):
    """Shape a per-channel [C] tensor to broadcast along `dim` of an ndim tensor."""
    shape = [1] * ndim
    shape[dim] = -1
    return t.reshape(shape)


# ---------------------------------------------------------------------------
# Section 1: parameters, observers and fake quantization
# ---------------------------------------------------------------------------

class _FakeQuantSTE(torch.autograd.Function):
    """q = clamp(round_half_even(x / s) + zp, qmin, qmax); y = (q - zp) * s.

    The division and the product are float32, so y equals dequantize(quantize(x))
    bit for bit.  Backward: straight-through estimator, gradient 0 where the
    unclamped code is outside [qmin, qmax] (as PyTorch's FakeQuantize).
    """

    @staticmethod
    def forward(ctx, x, scale, zero_point, qmin, qmax):
        q = torch.round(x / scale) + zero_point
        inside = (q >= qmin) & (q <= qmax)
        ctx.save_for_backward(inside)
        return (q.clamp(qmin, qmax) - zero_point) * scale

    @staticmethod
    def backward(ctx, grad):
        inside, = ctx.saved_tensors
        return grad * inside.to(grad.dtype), None, None, None, None


def fake_quantize(x, scale, zero_point, qmin, qmax):
    """Quantize-dequantize x (float32) with a float32 scale tensor (broadcastable)."""
    if x.dtype != torch.float32:
        x = x.float()
    scale = torch.as_tensor(scale, dtype=torch.float32)
    return _FakeQuantSTE.apply(x, scale, float(zero_point), float(qmin), float(qmax))


class QParam:
    """Activation quantization parameters (unsigned, asymmetric) and their observer.

    ``update(t, ema=False)`` records t's range: running min/max (calibration)
    or, with ``ema=True``, a moving average of the batch min/max (momentum 0.1
    of the new batch; the first batch initializes it).  ``scale`` and
    ``zero_point`` follow section 1; once ``freeze()`` is called they are fixed
    until the next moving-average update.  ``fixed=(scale, zp)`` makes a
    parameter set that never observes (sigmoid's output).
    """

    momentum = 0.1

    def __init__(self, num_bits=8, fixed=None):
        self.num_bits = _check_bits(num_bits)
        self.qmin = 0
        self.qmax = 2 ** num_bits - 1
        self.lo = None                   # observed range, Python floats
        self.hi = None
        self.trained = False             # has seen a moving-average update
        self.frozen = fixed is not None
        self._params = None if fixed is None else (_f32(fixed[0]), int(fixed[1]))
        self.fixed = fixed is not None

    # -- observation ---------------------------------------------------------
    def update(self, t, ema=False):
        """Observe tensor t (min/max, or moving average if ema)."""
        if self.fixed:
            return
        t = t.detach()
        if t.numel() == 0:
            return
        lo, hi = float(t.min()), float(t.max())
        if ema:
            if self.lo is None:
                self.lo, self.hi = lo, hi
            else:
                self.lo += self.momentum * (lo - self.lo)
                self.hi += self.momentum * (hi - self.hi)
            self.trained = True
            self.frozen = False
            self._params = None
        else:
            if self.frozen:
                raise RuntimeError('qgen: QParam is frozen')
            self.lo = lo if self.lo is None else min(self.lo, lo)
            self.hi = hi if self.hi is None else max(self.hi, hi)

    def observe(self, t, training):
        """The observer rule of the module docstring (used by the modules)."""
        if training:
            self.update(t, ema=True)
        elif not self.frozen and not self.trained:
            self.update(t)

    def freeze(self):
        """Fix (scale, zero_point) to the current observed range."""
        if self.fixed:
            return
        self._params = self._compute()
        self.frozen = True

    # -- parameters (section 1) ----------------------------------------------
    def _compute(self):
        if self.lo is None:
            raise RuntimeError('qgen: no data observed; run quantize_forward '
                               '(calibration) before freeze/quantize')
        lo, hi = min(self.lo, 0.0), max(self.hi, 0.0)
        scale = _f32((hi - lo) / (self.qmax - self.qmin))
        if scale == 0.0 or not math.isfinite(scale):
            scale = 1.0
        zp = round(self.qmin - lo / scale)          # half to even, double
        return scale, min(max(zp, self.qmin), self.qmax)

    @property
    def scale(self):
        """float32-representable scale (a Python float)."""
        return (self._params or self._compute())[0]

    @property
    def zero_point(self):
        return (self._params or self._compute())[1]

    def _scale_t(self):
        return torch.tensor(self.scale, dtype=torch.float32)

    # -- conversions -----------------------------------------------------------
    def quantize(self, t):
        """float -> int64 codes: clamp(round_half_even(t / scale) + zp, qmin, qmax),
        the division in float32 (section 3, quantize)."""
        with torch.no_grad():
            q = torch.round(t.detach().float() / self._scale_t()) + self.zero_point
            return q.clamp(self.qmin, self.qmax).to(torch.int64)

    def dequantize(self, q):
        """int codes -> float32: (float)scale * (float)(q - zp)."""
        with torch.no_grad():
            return self._scale_t() * (_i64(q) - self.zero_point).to(torch.float32)

    def fake(self, t):
        """Quantize-dequantize with the straight-through estimator."""
        return fake_quantize(t, self._scale_t(), self.zero_point, self.qmin, self.qmax)

    def range_codes(self, act):
        """(act_min, act_max): the output clamp narrowed by a fused activation."""
        act_min, act_max = self.qmin, self.qmax
        if act is None:
            return act_min, act_max
        kind = act[0]
        s, zp = self.scale, self.zero_point
        if kind == 'relu':
            lo, hi = 0.0, None
        elif kind == 'relu6':
            lo, hi = 0.0, 6.0
        elif kind == 'hardtanh':
            lo, hi = act[1], act[2]
        else:
            raise ValueError('unknown activation %r' % (act,))
        if lo is not None:
            act_min = max(self.qmin, zp + round(lo / s))
        if hi is not None:
            act_max = min(self.qmax, zp + round(hi / s))
        return act_min, act_max

    def __repr__(self):
        if self.lo is None and not self.fixed:
            return 'QParam(num_bits=%d, unobserved)' % self.num_bits
        return 'QParam(num_bits=%d, scale=%.9g, zero_point=%d%s)' % (
            self.num_bits, self.scale, self.zero_point, ', frozen' if self.frozen else '')


def _check_act(act):
    if act is None:
        return None
    act = tuple(act)
    if act == ('relu',) or act == ('relu6',):
        return act
    if len(act) == 3 and act[0] == 'hardtanh' and (act[1] is not None or act[2] is not None):
        # clamp(x, min, max): either bound may be None (open)
        lo = float(act[1]) if act[1] is not None else None
        hi = float(act[2]) if act[2] is not None else None
        if lo is None or hi is None or lo <= hi:
            return ('hardtanh', lo, hi)
    raise ValueError("act must be None, ('relu',), ('relu6',) or ('hardtanh', lo, hi); "
                     'got %r' % (act,))


def _apply_act(y, act):
    """The fused activation in float (applied before the output observer)."""
    if act is None:
        return y
    if act[0] == 'relu':
        return F.relu(y)
    if act[0] == 'relu6':
        return F.relu6(y)
    if act[1] is None or act[2] is None:
        return torch.clamp(y, act[1], act[2])
    return F.hardtanh(y, act[1], act[2])


def _weight_scales(w, num_bits, per_channel):
    """s_w[c] = max|w[c]| / (2^(b-1) - 1), rounded to float32; 1.0 where 0."""
    qw = 2 ** (num_bits - 1) - 1
    with torch.no_grad():
        a = w.detach().abs().reshape(w.shape[0], -1).amax(dim=1)
        if not per_channel:
            a = a.max().expand(w.shape[0])
        s = (a.double() / qw).float()
        return torch.where(s == 0, torch.ones_like(s), s)


def _as_int32_array(values):
    return np.asarray([int(v) for v in values], dtype=np.int32)


# ---------------------------------------------------------------------------
# Modules (sections 3 and 4)
# ---------------------------------------------------------------------------

class _QModule(nn.Module):
    """Common parts: the observer rule, frozen checks, an empty tensors()."""

    def __init__(self):
        super().__init__()
        self.qi = None
        self.qo = None

    def _observe(self, y):
        self.qo.observe(y, self.training)

    def _require_frozen(self, *qparams):
        for qp in qparams:
            if qp is None or not qp.frozen:
                raise RuntimeError('qgen: %s is not frozen (call freeze() after '
                                   'calibration or training)' % type(self).__name__)

    def tensors(self):
        return []


class QInput(_QModule):
    """Graph input: observes and fake-quantizes; quantize() makes the codes."""

    def __init__(self, num_bits=8):
        super().__init__()
        self.num_bits = _check_bits(num_bits)
        self.qo = QParam(num_bits)

    def forward(self, x):
        self._observe(x)
        return self.qo.fake(x)

    def freeze(self):
        self.qo.freeze()

    def quantize(self, x):
        self._require_frozen(self.qo)
        return self.qo.quantize(x)

    infer = quantize

    def tensors(self):
        qo = self.qo
        return [('i', _as_int32_array([qo.zero_point, qo.qmin, qo.qmax])),
                ('f', np.asarray([qo.scale], dtype=np.float32))]


class _QWeighted(_QModule):
    """Shared code of QConv2d and QLinear: weights, bias, multipliers, clamp."""

    def __init__(self, num_bits, per_channel, act):
        super().__init__()
        self.num_bits = _check_bits(num_bits)
        self.per_channel = bool(per_channel)
        self.act = _check_act(act)
        self.qw = 2 ** (num_bits - 1) - 1
        self.qo = QParam(num_bits)

    def _fake_weight(self, w):
        s = _weight_scales(w, self.num_bits, self.per_channel)
        return fake_quantize(w, _channel_view(s, w.dim(), 0), 0, -self.qw, self.qw)

    def _freeze_weights(self, qi, w, b):
        """Section 1 and 3: int8 weights, int32 bias, per-channel (m, shift)."""
        self.qi = qi
        self.qo.freeze()
        self._require_frozen(qi)
        w, b = w.detach().float(), b.detach().float()
        s_w = _weight_scales(w, self.num_bits, self.per_channel)
        q_w = torch.round(w / _channel_view(s_w, w.dim(), 0)).clamp(-self.qw, self.qw)
        s_in, s_out = qi.scale, self.qo.scale
        s_w64 = s_w.double().numpy()
        prod = s_in * s_w64                                     # double
        bmax = INT32_MAX - w[0].numel() * 255 * 128            # section 1: acc fits int32
        q_b = np.rint(b.double().numpy() / prod)
        clipped = int(np.count_nonzero(np.abs(q_b) > bmax))
        if clipped:
            # section 1: the bias saturates rather than wraps, but the result
            # is then not what quantize_forward computed: say so
            warnings.warn('%s: %d of %d bias values exceed the int32 accumulator at input scale %.3g '
                          'and are clamped (activations this small usually mean a layer whose '
                          'calibration saw almost no signal)' % (type(self).__name__, clipped, q_b.size, s_in),
                          RuntimeWarning, stacklevel=3)
        q_b = np.clip(q_b, -bmax, bmax)
        self.q_w = q_w.to(torch.int64)
        self.q_b = torch.from_numpy(q_b.astype(np.int64))
        self.m, self.shift = _quantize_multipliers(prod / s_out)
        self.act_min, self.act_max = self.qo.range_codes(self.act)
        self._w64 = self.q_w.to(torch.float64)

    def _requantize(self, acc, channel_dim):
        """sum (int64) -> clamp(MBQM(sum + q_b[c], m[c], shift[c]) + zp_out,
        act_min, act_max), per channel along channel_dim."""
        view = [_channel_view(t, acc.dim(), channel_dim) for t in (self.q_b, self.m, self.shift)]
        zp_out, lo, hi = self.qo.zero_point, self.act_min, self.act_max

        def step(a, q_b, m, sh):
            return (_mbqm_core(a + q_b, m, sh) + zp_out).clamp(lo, hi)
        return _map_chunks(step, acc, *view)

    def tensors(self):
        return [('i', _as_int32_array([self.qi.zero_point, self.qo.zero_point,
                                       self.act_min, self.act_max])),
                ('w', self.q_w.numpy().astype(np.int8)),
                ('b', self.q_b.numpy().astype(np.int32)),
                ('m', self.m.numpy().astype(np.int32)),
                ('s', self.shift.numpy().astype(np.int32))]


class QConv2d(_QWeighted):
    """nn.Conv2d, optionally followed by a BatchNorm2d folded into it, and an
    optional fused activation.  (QConv1d: the same for nn.Conv1d and
    BatchNorm1d, on [N, C, L].)"""

    _CONV, _BN, _F = nn.Conv2d, nn.BatchNorm2d, staticmethod(F.conv2d)

    def __init__(self, conv, bn=None, num_bits=8, per_channel=True, act=None):
        super().__init__(num_bits, per_channel, act)
        name = type(self).__name__
        if not isinstance(conv, self._CONV):
            raise TypeError('%s wraps an nn.%s, got %s' % (name, self._CONV.__name__, type(conv).__name__))
        if conv.padding_mode != 'zeros':
            raise NotImplementedError('qgen: padding_mode %r' % conv.padding_mode)
        if bn is not None and not isinstance(bn, self._BN):
            raise TypeError('%s folds an nn.%s, got %s' % (name, self._BN.__name__, type(bn).__name__))
        # A tuple is not registered by nn.Module: the float modules stay the
        # model's own (state_dict unchanged, no duplicate parameters).
        self._float = (conv, bn)

    @property
    def conv(self):
        return self._float[0]

    @property
    def bn(self):
        return self._float[1]

    def _conv(self, x, w, b):
        c = self.conv
        return self._F(x, w, b, c.stride, c.padding, c.dilation, c.groups)

    def _weight(self):
        """The conv's weight, [O, I/groups, *kernel]."""
        return self.conv.weight

    def _folded(self, x=None, batch_stats=False):
        """(w', b') with the BN folded in: running statistics, or (QAT, training
        mode) the statistics of this batch, which also updates the running ones."""
        conv, bn = self._float
        w = self._weight()
        b = conv.bias if conv.bias is not None else w.new_zeros(w.shape[0])
        if bn is None:
            return w, b
        if batch_stats:
            y = self._conv(x, w, b)
            dims = (0,) + tuple(range(2, y.dim()))
            mean = y.mean(dim=dims)
            var = y.var(dim=dims, unbiased=False)
            self._update_bn_stats(mean, var, y.numel() // y.shape[1])
        else:
            if bn.running_mean is None:
                raise NotImplementedError('qgen: BatchNorm2d without running '
                                          'statistics cannot be folded')
            mean, var = bn.running_mean, bn.running_var
        gamma = bn.weight if bn.affine else torch.ones_like(mean)
        beta = bn.bias if bn.affine else torch.zeros_like(mean)
        k = gamma / torch.sqrt(var + bn.eps)
        return w * _channel_view(k, w.dim(), 0), (b - mean) * k + beta

    def _update_bn_stats(self, mean, var, n):
        bn = self.bn
        if bn.running_mean is None:
            return
        with torch.no_grad():
            if bn.num_batches_tracked is not None:
                bn.num_batches_tracked += 1
            momentum = bn.momentum
            if momentum is None:          # cumulative moving average
                momentum = 1.0 / float(bn.num_batches_tracked)
            unbiased = var * (n / max(n - 1, 1))
            bn.running_mean.mul_(1 - momentum).add_(mean.detach(), alpha=momentum)
            bn.running_var.mul_(1 - momentum).add_(unbiased.detach(), alpha=momentum)

    def forward(self, x):
        use_batch = self.training and self.bn is not None
        w, b = self._folded(x, batch_stats=use_batch)
        y = _apply_act(self._conv(x, self._fake_weight(w), b), self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, qi):
        with torch.no_grad():
            w, b = self._folded(batch_stats=False)
            self._freeze_weights(qi, w, b)

    @torch.no_grad()
    def infer(self, q):
        """acc = q_b + sum((q - zp_in) * q_w): a float64 convolution of the
        integer values is exact (|partial sums| < 2^53), zero padding of
        (q - zp_in) is padding the codes with zp_in."""
        self._require_frozen(self.qi, self.qo)
        x = (_i64(q) - self.qi.zero_point).to(torch.float64)
        acc = self._conv(x, self._w64, None).to(torch.int64)
        return self._requantize(acc, 1)


class QConv1d(QConv2d):
    """nn.Conv1d on [N, C, L], optionally with a BatchNorm1d folded into it:
    QConv2d's arithmetic (the C computes it as a conv of height 1)."""

    _CONV, _BN, _F = nn.Conv1d, nn.BatchNorm1d, staticmethod(F.conv1d)


class QConvTranspose2d(QConv2d):
    """nn.ConvTranspose2d (groups=1), optionally with a BatchNorm2d folded into
    it: QConv2d's arithmetic on the equivalent conv's weight, the kernel
    flipped and its in and out channels swapped ([O, I, KH, KW], per output
    channel scales), which is what export() writes and the C convolves its
    spread-out input with (docs/quantization.md)."""

    _CONV, _BN = nn.ConvTranspose2d, nn.BatchNorm2d

    def __init__(self, conv, bn=None, num_bits=8, per_channel=True, act=None):
        super().__init__(conv, bn, num_bits, per_channel, act)
        if conv.groups != 1:
            raise NotImplementedError('qgen: ConvTranspose2d with groups=%d' % conv.groups)

    def _weight(self):
        return self.conv.weight.transpose(0, 1).flip(2, 3)

    def _conv(self, x, w, b):
        c = self.conv
        return F.conv_transpose2d(x, w.flip(2, 3).transpose(0, 1), b, c.stride, c.padding, c.output_padding,
                                  c.groups, c.dilation)


class QBatchNorm2d(_QWeighted):
    """A BatchNorm2d that no conv precedes (pre-activation blocks): in eval a
    per-channel affine map y = k*x + (beta - mean*k), k = gamma/sqrt(var+eps),
    quantized as a depthwise 1x1 convolution with weights k and bias
    beta - mean*k; an optional fused activation.  In training mode it is the
    float BatchNorm (batch statistics, running statistics updated)."""

    _BN = nn.BatchNorm2d

    def __init__(self, bn, num_bits=8, per_channel=True, act=None):
        super().__init__(num_bits, per_channel, act)
        if not isinstance(bn, self._BN):
            raise TypeError('%s wraps an nn.%s, got %s' % (type(self).__name__, self._BN.__name__, type(bn).__name__))
        self._float = (bn,)      # not registered: the model's own module

    @property
    def bn(self):
        return self._float[0]

    def _affine(self):
        bn = self.bn
        if bn.running_mean is None:
            raise NotImplementedError('qgen: BatchNorm2d without running statistics')
        mean, var = bn.running_mean, bn.running_var
        gamma = bn.weight if bn.affine else torch.ones_like(mean)
        beta = bn.bias if bn.affine else torch.zeros_like(mean)
        k = gamma / torch.sqrt(var + bn.eps)
        return k.reshape(-1, 1, 1, 1), beta - mean * k

    def forward(self, x):
        if self.training:
            y = self.bn(x)
        else:
            w, b = self._affine()
            w = self._fake_weight(w)
            # the depthwise 1x1 conv, as a per-channel affine map on any rank
            y = x * _channel_view(w.reshape(-1), x.dim()) + _channel_view(b, x.dim())
        y = _apply_act(y, self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, qi):
        with torch.no_grad():
            w, b = self._affine()
            self._freeze_weights(qi, w, b)

    @torch.no_grad()
    def infer(self, q):
        """acc[c] = (q - zp_in) * q_w[c], the depthwise 1x1 convolution of
        QConv2d.infer, exact in int64."""
        self._require_frozen(self.qi, self.qo)
        x = _i64(q) - self.qi.zero_point
        acc = x * _channel_view(self.q_w.reshape(-1), x.dim())
        return self._requantize(acc, 1)


class QBatchNorm1d(QBatchNorm2d):
    """A BatchNorm1d that no conv precedes, on [N, C] or [N, C, L]:
    QBatchNorm2d's per-channel affine map."""

    _BN = nn.BatchNorm1d


class QLinear(_QWeighted):
    """nn.Linear with an optional fused activation."""

    def __init__(self, linear, num_bits=8, per_channel=True, act=None):
        super().__init__(num_bits, per_channel, act)
        if not isinstance(linear, nn.Linear):
            raise TypeError('QLinear wraps an nn.Linear, got %s' % type(linear).__name__)
        self._float = (linear,)

    @property
    def linear(self):
        return self._float[0]

    def _bias(self):
        lin = self.linear
        return lin.bias if lin.bias is not None else torch.zeros_like(lin.weight[:, 0])

    def forward(self, x):
        y = F.linear(x, self._fake_weight(self.linear.weight), self._bias())
        y = _apply_act(y, self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, qi):
        with torch.no_grad():
            self._freeze_weights(qi, self.linear.weight, self._bias())

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi, self.qo)
        x = (_i64(q) - self.qi.zero_point).to(torch.float64)
        acc = F.linear(x, self._w64).to(torch.int64)
        return self._requantize(acc, acc.dim() - 1)


class QReLU(_QModule):
    """A relu / relu6 / hardtanh that could not be fused: keeps (scale, zp)."""

    def __init__(self, act=('relu',)):
        super().__init__()
        self.act = _check_act(act)

    def forward(self, x):
        return _apply_act(x, self.act)

    def freeze(self, qi):
        self.qi = self.qo = qi
        self.act_min, self.act_max = qi.range_codes(self.act)

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        return _i64(q).clamp(self.act_min, self.act_max)

    def tensors(self):
        return [('i', _as_int32_array([self.act_min, self.act_max]))]


class QPermute(_QModule):
    """transpose / permute: the codes in a new dim order (dims: the whole
    permutation, the batch first); keeps (scale, zp)."""

    def __init__(self, dims):
        super().__init__()
        self.dims = tuple(dims)

    def forward(self, x):
        return x.permute(self.dims)

    def freeze(self, qi):
        self.qi = self.qo = qi

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        return _i64(q).permute(self.dims).contiguous()


class QMean(_QModule):
    """x.mean(dim, keepdim) within an image: exact sums of codes, one
    division rounding half up (section 3); keeps (scale, zp)."""

    def __init__(self, dim, keepdim=False):
        super().__init__()
        self.dim = tuple(dim) if isinstance(dim, (list, tuple)) else (dim,)
        self.keepdim = bool(keepdim)

    def forward(self, x):
        return x.mean(self.dim, self.keepdim)

    def freeze(self, qi):
        self.qi = self.qo = qi

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        q = _i64(q)
        count = 1
        for d in self.dim:
            count *= q.shape[d]
        return _round_div(q.sum(self.dim, self.keepdim), count)


def _bilinear_sources(n_in, n_out, align_corners):
    """One axis of bilinear interpolation (section 3): for each output o, the
    sources i0, i1 and the weight of i1 in 1/1024, from the exact source
    coordinate num / den (scale in / out, or (in - 1) / (out - 1) with
    align_corners; a negative source clamped to 0 as PyTorch does)."""
    i0, i1, lam = [], [], []
    for o in range(n_out):
        if align_corners:
            num, den = o * (n_in - 1), (n_out - 1 if n_out > 1 else 1)
        else:
            num, den = (2 * o + 1) * n_in - n_out, 2 * n_out
        num = max(num, 0)
        a, rem = divmod(num, den)
        i0.append(a)
        i1.append(a + 1 if a < n_in - 1 else a)
        lam.append((rem * 2048 + den) // (2 * den))
    return (torch.tensor(i0, dtype=torch.int64), torch.tensor(i1, dtype=torch.int64),
            torch.tensor(lam, dtype=torch.int64))


class QUpsample(_QModule):
    """Upsample / interpolate on N x C x H x W, keeping (scale, zp).
    nearest: copies codes (PyTorch's own index choice, on float32 codes as on
    floats).  bilinear: interpolates codes with weights in 1/1024, rounded
    half up (section 3)."""

    def __init__(self, size=None, scale_factor=None, mode='nearest', align_corners=None,
                 recompute_scale_factor=None):
        super().__init__()
        if mode not in ('nearest', 'bilinear'):
            raise ValueError("qgen: QUpsample is mode 'nearest' or 'bilinear', not %r" % (mode,))
        self.kw = dict(size=size, scale_factor=scale_factor, mode=mode, align_corners=align_corners,
                       recompute_scale_factor=recompute_scale_factor)

    def forward(self, x):
        return F.interpolate(x, **self.kw)

    def freeze(self, qi):
        self.qi = self.qo = qi

    def _out_size(self, q):
        size, sf = self.kw['size'], self.kw['scale_factor']
        if size is not None:
            return tuple(size) if isinstance(size, (list, tuple)) else (size, size)
        sf = tuple(sf) if isinstance(sf, (list, tuple)) else (sf, sf)
        return tuple(int(math.floor(q.shape[2 + i] * float(sf[i]))) for i in range(2))

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        if self.kw['mode'] == 'nearest':
            return F.interpolate(_i64(q).to(torch.float32), **self.kw).to(torch.int64)
        q = _i64(q)
        oh, ow = self._out_size(q)
        ac = bool(self.kw['align_corners'])
        y0, y1, ly = _bilinear_sources(q.shape[2], oh, ac)
        x0, x1, lx = _bilinear_sources(q.shape[3], ow, ac)
        r0, r1 = q.index_select(2, y0), q.index_select(2, y1)
        top = (1024 - lx) * r0.index_select(3, x0) + lx * r0.index_select(3, x1)
        bot = (1024 - lx) * r1.index_select(3, x0) + lx * r1.index_select(3, x1)
        ly = ly.view(-1, 1)
        return ((1024 - ly) * top + ly * bot + (1 << 19)) >> 20


class QMaxPool2d(_QModule):
    """max_pool2d on the codes (monotonic, so exact); keeps (scale, zp)."""

    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
        super().__init__()
        self.args = (kernel_size, stride if stride is not None else kernel_size,
                     padding, dilation, bool(ceil_mode))

    def forward(self, x):
        return F.max_pool2d(x, *self.args)

    def freeze(self, qi):
        self.qi = self.qo = qi

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        return F.max_pool2d(_i64(q).to(torch.float64), *self.args).to(torch.int64)


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def _round_div(acc, divisor):
    """floor((acc + floor(divisor / 2)) / divisor): nearest, ties up (int64)."""
    return torch.div(acc + divisor // 2, divisor, rounding_mode='floor')


class QAvgPool2d(_QModule):
    """avg_pool2d: exact integer window sums, one rounded division; keeps (scale, zp)."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False,
                 count_include_pad=True, divisor_override=None):
        super().__init__()
        self.kernel_size = _pair(kernel_size)
        self.stride = _pair(stride) if stride is not None else self.kernel_size
        self.padding = _pair(padding)
        self.ceil_mode = bool(ceil_mode)
        self.count_include_pad = bool(count_include_pad)
        self.divisor_override = divisor_override

    def _args(self):
        return (self.kernel_size, self.stride, self.padding, self.ceil_mode,
                self.count_include_pad, self.divisor_override)

    def forward(self, x):
        return F.avg_pool2d(x, *self._args())

    def freeze(self, qi):
        self.qi = self.qo = qi

    @staticmethod
    def _extents(size, out, k, s, p):
        """Per output index: (window size clipped to [-p, size + p), in-bounds count),
        PyTorch's avg_pool2d definition."""
        pool, inb = [], []
        for o in range(out):
            start = o * s - p
            end = min(start + k, size + p)
            pool.append(end - start)
            inb.append(min(end, size) - max(start, 0))
        return _i64(pool), _i64(inb)

    def divisors(self, H, W, OH, OW):
        """The [OH, OW] int64 divisors of section 3."""
        if self.divisor_override:
            return torch.full((OH, OW), int(self.divisor_override), dtype=torch.int64)
        ph, ih = self._extents(H, OH, self.kernel_size[0], self.stride[0], self.padding[0])
        pw, iw = self._extents(W, OW, self.kernel_size[1], self.stride[1], self.padding[1])
        if self.count_include_pad:
            return ph[:, None] * pw[None, :]
        return ih[:, None] * iw[None, :]

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        zp = self.qi.zero_point
        x = (_i64(q) - zp).to(torch.float64)
        k, s, p = self.kernel_size, self.stride, self.padding
        # divisor_override=1: the plain (exact) sum of the in-bounds values
        acc = F.avg_pool2d(x, k, s, p, self.ceil_mode, True, 1).to(torch.int64)
        d = self.divisors(x.shape[-2], x.shape[-1], acc.shape[-2], acc.shape[-1])
        out = zp + _round_div(acc, d)
        return out.clamp(self.qi.qmin, self.qi.qmax)

    def tensors(self):
        return [('i', _as_int32_array([self.qi.zero_point]))]


class QAdaptiveAvgPool2d(_QModule):
    """adaptive_avg_pool2d: windows [floor(i*H/OH), ceil((i+1)*H/OH)); keeps (scale, zp)."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def forward(self, x):
        return F.adaptive_avg_pool2d(x, self.output_size)

    def freeze(self, qi):
        self.qi = self.qo = qi

    def _out_hw(self, H, W):
        o = self.output_size
        oh, ow = (o, o) if isinstance(o, int) else tuple(o)
        return (H if oh is None else oh), (W if ow is None else ow)

    @staticmethod
    def windows(size, out):
        """[out, size] 0/1 float64 matrix of the windows, and their sizes."""
        mat = torch.zeros(out, size, dtype=torch.float64)
        for i in range(out):
            mat[i, (i * size) // out: -((-(i + 1) * size) // out)] = 1.0
        return mat, mat.sum(1).to(torch.int64)

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        q = _i64(q)
        H, W = q.shape[-2:]
        OH, OW = self._out_hw(H, W)
        ph, ch = self.windows(H, OH)
        pw, cw = self.windows(W, OW)
        sums = torch.matmul(torch.matmul(ph, q.to(torch.float64)), pw.t())   # exact
        d = ch[:, None] * cw[None, :]
        return _round_div(sums.to(torch.int64), d)

    def tensors(self):
        return [('i', _as_int32_array([self.qi.zero_point]))]


class QAdaptiveMaxPool2d(_QModule):
    """adaptive_max_pool2d on the codes (monotonic, so exact); keeps (scale, zp)."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def forward(self, x):
        return F.adaptive_max_pool2d(x, self.output_size)

    def freeze(self, qi):
        self.qi = self.qo = qi

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        return F.adaptive_max_pool2d(_i64(q).to(torch.float64), self.output_size).to(torch.int64)


class QPad(_QModule):
    """F.pad with zeros (ZeroPad2d): in codes the zero point; keeps (scale, zp)."""

    def __init__(self, pad):
        super().__init__()
        self.pad = tuple(pad) if not isinstance(pad, int) else (pad,) * 4

    def forward(self, x):
        return F.pad(x, self.pad)

    def freeze(self, qi):
        self.qi = self.qo = qi

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        return F.pad(_i64(q), self.pad, value=self.qi.zero_point)

    def tensors(self):
        return [('i', _as_int32_array([self.qi.zero_point]))]


def _single(v):
    return int(v) if isinstance(v, int) else int(tuple(v)[0])


class QMaxPool1d(QMaxPool2d):
    """max_pool1d on the codes of [N, C, L]; keeps (scale, zp)."""

    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
        k = _single(kernel_size)
        super().__init__(k, _single(stride) if stride is not None else k, _single(padding),
                         _single(dilation), ceil_mode)

    def forward(self, x):
        return F.max_pool1d(x, *self.args)

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi)
        return F.max_pool1d(_i64(q).to(torch.float64), *self.args).to(torch.int64)


class QAvgPool1d(QAvgPool2d):
    """avg_pool1d on [N, C, L]: QAvgPool2d's arithmetic over windows of
    height 1 (the C's), on the input seen as [N, C, 1, L]."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
        k = _single(kernel_size)
        super().__init__((1, k), (1, _single(stride) if stride is not None else k), (0, _single(padding)),
                         ceil_mode, count_include_pad)

    def forward(self, x):
        return F.avg_pool1d(x, self.kernel_size[1], self.stride[1], self.padding[1], self.ceil_mode,
                            self.count_include_pad)

    @torch.no_grad()
    def infer(self, q):
        return super().infer(_i64(q).unsqueeze(-2)).squeeze(-2)


class QAdaptiveAvgPool1d(QAdaptiveAvgPool2d):
    """adaptive_avg_pool1d on [N, C, L]: QAdaptiveAvgPool2d's windows over
    [N, C, 1, L]."""

    def __init__(self, output_size):
        super().__init__((1, _single(output_size)))
        self.output_size_1d = _single(output_size)

    def forward(self, x):
        return F.adaptive_avg_pool1d(x, self.output_size_1d)

    @torch.no_grad()
    def infer(self, q):
        return super().infer(_i64(q).unsqueeze(-2)).squeeze(-2)


class QAdd(_QModule):
    """Elementwise add of two quantized tensors (TFLite's quantized add), or
    with sub=True their difference a - b (TFLite's sub: the same rescaling,
    the second operand negated)."""

    def __init__(self, num_bits=8, act=None, sub=False):
        super().__init__()
        self.num_bits = _check_bits(num_bits)
        self.act = _check_act(act)
        self.sub = bool(sub)
        self.qo = QParam(num_bits)

    def forward(self, a, b):
        y = _apply_act(a - b if self.sub else a + b, self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, q1, q2):
        self.qi = q1
        self.qi2 = q2
        self.qo.freeze()
        self._require_frozen(q1, q2)
        s1, s2, so = q1.scale, q2.scale, self.qo.scale
        twice_max = 2.0 * max(s1, s2)
        self.m1, self.sh1 = quantize_multiplier(s1 / twice_max)
        self.m2, self.sh2 = quantize_multiplier(s2 / twice_max)
        self.mo, self.sho = quantize_multiplier(twice_max / ((1 << ADD_LEFT_SHIFT) * so))
        self.act_min, self.act_max = self.qo.range_codes(self.act)

    @torch.no_grad()
    def infer(self, a, b):
        self._require_frozen(self.qi, self.qi2, self.qo)
        x1 = (_i64(a) - self.qi.zero_point) << ADD_LEFT_SHIFT
        x2 = (_i64(b) - self.qi2.zero_point) << ADD_LEFT_SHIFT
        y1, y2 = _mbqm(x1, self.m1, self.sh1), _mbqm(x2, self.m2, self.sh2)
        s = (y1 - y2 if self.sub else y1 + y2).clamp(INT32_MIN, INT32_MAX)
        out = _mbqm(s, self.mo, self.sho) + self.qo.zero_point
        return out.clamp(self.act_min, self.act_max)

    def tensors(self):
        return [('i', _as_int32_array([
            self.qi.zero_point, self.qi2.zero_point, self.qo.zero_point, ADD_LEFT_SHIFT,
            self.m1, self.sh1, self.m2, self.sh2, self.mo, self.sho,
            self.act_min, self.act_max]))]


def _unpack(args):
    """QCat accepts cat(a, b, ...) and cat([a, b, ...])."""
    if len(args) == 1 and isinstance(args[0], (list, tuple)):
        return tuple(args[0])
    return tuple(args)


class QCat(_QModule):
    """torch.cat: every input is requantized to the output's (scale, zp)."""

    def __init__(self, dim=0, num_bits=8):
        super().__init__()
        self.dim = dim
        self.num_bits = _check_bits(num_bits)
        self.qo = QParam(num_bits)

    def forward(self, *xs):
        y = torch.cat(_unpack(xs), self.dim)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, *qis):
        qis = _unpack(qis)
        self.qis = list(qis)
        self.qi = qis[0]
        self.qo.freeze()
        self._require_frozen(*qis)
        so = self.qo.scale
        self.mults = [quantize_multiplier(qi.scale / so) for qi in qis]

    @torch.no_grad()
    def infer(self, *qs):
        qs = _unpack(qs)
        self._require_frozen(self.qo, *self.qis)
        if len(qs) != len(self.qis):
            raise ValueError('QCat: frozen for %d inputs, got %d' % (len(self.qis), len(qs)))
        zo, lo, hi = self.qo.zero_point, self.qo.qmin, self.qo.qmax
        parts = []
        for q, qi, (m, sh) in zip(qs, self.qis, self.mults):
            # M == 1 gives (2^30, 1), for which MBQM is the identity: the
            # "copy" shortcut of the doc is bit-identical to this.
            parts.append((_mbqm(_i64(q) - qi.zero_point, m, sh) + zo).clamp(lo, hi))
        return torch.cat(parts, self.dim)

    def tensors(self):
        vals = [self.qo.zero_point, self.qo.qmin, self.qo.qmax, len(self.qis)]
        for qi, (m, sh) in zip(self.qis, self.mults):
            vals += [qi.zero_point, m, sh]
        return [('i', _as_int32_array(vals))]


def _sigmoid(v):
    """Double-precision logistic function without overflow."""
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def _softplus(v):
    return max(v, 0.0) + math.log1p(math.exp(-abs(v)))


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _gelu(v, approximate='none'):
    if approximate == 'tanh':
        return 0.5 * v * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (v + 0.044715 * v ** 3)))
    return 0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0)))


# Section 3, tables: fn -> (f in double for the table, the float op for
# quantize_forward, the number of extra arguments).
_LUT_FNS = {
    'sigmoid': (_sigmoid, lambda x: torch.sigmoid(x), 0),
    'hardswish': (lambda v: v * min(max(v + 3.0, 0.0), 6.0) / 6.0, F.hardswish, 0),
    'hardsigmoid': (lambda v: min(max(v + 3.0, 0.0), 6.0) / 6.0, F.hardsigmoid, 0),
    'silu': (lambda v: v * _sigmoid(v), F.silu, 0),
    'tanh': (math.tanh, torch.tanh, 0),
    'gelu': (_gelu, lambda x, a='none': F.gelu(x, approximate=a), 1),
    'leaky_relu': (lambda v, a: v if v >= 0 else a * v, F.leaky_relu, 1),
    'elu': (lambda v, a: v if v > 0 else a * math.expm1(v), lambda x, a: F.elu(x, a), 1),
    'mish': (lambda v: v * math.tanh(_softplus(v)), F.mish, 0),
    # the other elementwise ops, by the op's lowercase name; their arguments
    # in the order of PyTorch's signature (without inplace)
    'softplus': (lambda v, beta, th: v if v * beta > th else _softplus(v * beta) / beta,
                 lambda x, beta, th: F.softplus(x, beta, th), 2),
    'selu': (lambda v: _SELU_SCALE * (v if v > 0 else _SELU_ALPHA * math.expm1(v)), F.selu, 0),
    'celu': (lambda v, a: v if v > 0 else a * math.expm1(v / a), lambda x, a: F.celu(x, a), 1),
    'softsign': (lambda v: v / (1.0 + abs(v)), F.softsign, 0),
    'tanhshrink': (lambda v: v - math.tanh(v), F.tanhshrink, 0),
    'logsigmoid': (lambda v: -_softplus(-v), F.logsigmoid, 0),
    'hardshrink': (lambda v, l: v if v > l or v < -l else 0.0, lambda x, l: F.hardshrink(x, l), 1),
    'softshrink': (lambda v, l: v - l if v > l else v + l if v < -l else 0.0, lambda x, l: F.softshrink(x, l), 1),
    'threshold': (lambda v, th, val: v if v > th else val, lambda x, th, val: F.threshold(x, th, val), 2),
    'exp': (lambda v: math.exp(v) if v < 709.0 else math.inf, torch.exp, 0),
    'abs': (abs, torch.abs, 0),
    'neg': (lambda v: -v, torch.neg, 0),
    'square': (lambda v: v * v, torch.square, 0),
    'mul': (lambda v, c: v * c, lambda x, c: x * c, 1),
    'add': (lambda v, c: v + c, lambda x, c: x + c, 1),
    'sub': (lambda v, c: v - c, lambda x, c: x - c, 1),
    'rsub': (lambda v, c: c - v, lambda x, c: c - x, 1),
    'div': (lambda v, c: v / c, lambda x, c: x / c, 1),
}


def _table(f, qi, qo, act, what):
    """The 2^b-entry table of section 3: out[q] = clamp(round(f(s_in * (q - zp_in)) / s_out) + zp_out),
    round half to even in double, a result beyond every code (inf included) clamped."""
    s_in, zp_in = qi.scale, qi.zero_point
    s_out, zp_out = qo.scale, qo.zero_point
    lo, hi = qo.range_codes(act)
    lut = []
    for q in range(qi.qmax + 1):
        t = f(s_in * (q - zp_in)) / s_out
        if math.isnan(t):
            raise ValueError('qgen: %s is not a number at code %d' % (what, q))
        if abs(t) > 2.0 ** 40:                 # beyond every code, inf included
            v = hi if t > 0 else lo
        else:
            v = round(t) + zp_out
        lut.append(min(max(v, lo), hi))
    return lut


class QLut(_QModule):
    """An elementwise unary op as a 2^b-entry table (section 3): fn is one of
    _LUT_FNS, args its extra arguments (gelu's approximate, leaky_relu's
    negative_slope, elu's alpha, the number of mul/add/sub/rsub/div), act an
    optional fused activation.  The output has its own observer."""

    def __init__(self, fn, num_bits=8, *args, act=None, fixed=None):
        super().__init__()
        if fn not in _LUT_FNS:
            raise ValueError('qgen: no table for %r' % (fn,))
        nargs = _LUT_FNS[fn][2]
        if len(args) > nargs or (fn != 'gelu' and len(args) != nargs):
            raise ValueError('qgen: %s takes %d argument(s), got %r' % (fn, nargs, args))
        if fn != 'gelu':
            args = tuple(float(a) for a in args)
        if fn == 'div' and args[0] == 0.0:
            raise ValueError('qgen: division by zero')
        self.fn = fn
        self.args = tuple(args)
        self.num_bits = _check_bits(num_bits)
        self.act = _check_act(act)
        self.qo = QParam(num_bits, fixed=fixed)

    def forward(self, x):
        y = _apply_act(_LUT_FNS[self.fn][1](x, *self.args), self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, qi):
        self.qi = qi
        self.qo.freeze()
        self._require_frozen(qi)
        f = _LUT_FNS[self.fn][0]
        self.lut = _i64(_table(lambda v: f(v, *self.args), qi, self.qo, self.act, self.fn))

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi, self.qo)
        return self.lut[_i64(q)]

    def tensors(self):
        return [('lut', self.lut.numpy().astype(np.uint8))]


class QPReLU(_QModule):
    """nn.PReLU, max(0, x) + a * min(0, x) with a slope a per channel (dim 1)
    or one for all: a 2^b-entry table per slope (section 3), an optional fused
    activation.  The output has its own observer."""

    def __init__(self, prelu, num_bits=8, act=None):
        super().__init__()
        if not isinstance(prelu, nn.PReLU):
            raise TypeError('QPReLU wraps an nn.PReLU, got %s' % type(prelu).__name__)
        self._float = (prelu,)        # not registered: the model's own module
        self.num_bits = _check_bits(num_bits)
        self.act = _check_act(act)
        self.qo = QParam(num_bits)

    def forward(self, x):
        y = _apply_act(F.prelu(x, self._float[0].weight), self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, qi):
        self.qi = qi
        self.qo.freeze()
        self._require_frozen(qi)
        slopes = self._float[0].weight.detach().double().tolist()
        self.lut = _i64([_table(lambda v, a=a: v if v >= 0 else a * v, qi, self.qo, self.act, 'prelu')
                         for a in slopes])

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi, self.qo)
        q = _i64(q)
        if self.lut.shape[0] == 1:
            return self.lut[0][q]
        channel = torch.arange(self.lut.shape[0]).reshape([1, -1] + [1] * (q.dim() - 2))
        return self.lut[channel, q]

    def tensors(self):
        return [('lut', self.lut.numpy().astype(np.uint8))]


class QSigmoid(QLut):
    """sigmoid through a 2^b-entry table, with PyTorch's fixed output
    parameters: scale 1/2^b, zero point 0."""

    def __init__(self, num_bits=8):
        super().__init__('sigmoid', num_bits, fixed=(1.0 / 2 ** _check_bits(num_bits), 0))


SOFTMAX_EXP_BITS = 23     # section 3: E[d] = round(exp(-s_in * d) * 2^23)


def _bit_length(s):
    """Exact bit length of each element of a positive int64 tensor."""
    pow2 = _i64([1 << k for k in range(63)])
    return (s.unsqueeze(-1) >= pow2).sum(-1)


class QSoftmax(_QModule):
    """softmax (log=False) or log_softmax (log=True) along dim, in integers
    (section 3): a table of exp(-s_in * d) in Q23 for d = max - q, its
    sum in int64, then an exact integer division (softmax, with PyTorch's
    fixed output parameters 1/2^b, 0) or a fixed-point log of the sum
    (log_softmax, with its own observer)."""

    def __init__(self, dim, num_bits=8, log=False):
        super().__init__()
        self.dim = int(dim)
        self.log = bool(log)
        self.num_bits = _check_bits(num_bits)
        self.qo = QParam(num_bits, fixed=None if log else (1.0 / 2 ** self.num_bits, 0))

    def forward(self, x):
        y = (F.log_softmax if self.log else F.softmax)(x, self.dim)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, qi):
        self.qi = qi
        self.qo.freeze()
        self._require_frozen(qi)
        one = 1 << SOFTMAX_EXP_BITS
        self.e = _i64([round(math.exp(-qi.scale * d) * one) for d in range(qi.qmax + 1)])
        if self.log:
            q16 = 1 << 16
            s_out = self.qo.scale
            self.a = [round(qi.scale * d / s_out * q16) for d in range(qi.qmax + 1)]
            self.t = [round(math.log1p((t + 0.5) / 256) / s_out * q16) for t in range(256)]
            self.ln2 = round(math.log(2.0) / s_out * q16)
            if max(self.a + self.t + [self.ln2]) > INT32_MAX:
                raise ValueError('qgen: log_softmax output scale %g too small for its input scale %g'
                                 % (s_out, qi.scale))
            self.a, self.t = _i64(self.a), _i64(self.t)

    @torch.no_grad()
    def infer(self, q):
        self._require_frozen(self.qi, self.qo)
        q = _i64(q).movedim(self.dim, -1)
        d = q.max(-1, keepdim=True).values - q
        e = self.e[d]
        s = e.sum(-1, keepdim=True)
        if not self.log:
            out = torch.div(e * (1 << (self.num_bits + 1)) + s, 2 * s, rounding_mode='floor')
            out = out.clamp(max=self.qo.qmax)
        else:
            b = _bit_length(s)
            t = torch.bitwise_right_shift(s, b - 9) & 255
            lq = (b - 1 - SOFTMAX_EXP_BITS) * self.ln2 + self.t[t]
            out = self.qo.zero_point - torch.bitwise_right_shift(self.a[d] + lq + (1 << 15), 16)
            out = out.clamp(self.qo.qmin, self.qo.qmax)
        return out.movedim(-1, self.dim)

    def tensors(self):
        out = [('e', self.e.numpy().astype(np.int32))]
        if self.log:
            out += [('a', self.a.numpy().astype(np.int32)), ('t', self.t.numpy().astype(np.int32)),
                    ('i', _as_int32_array([self.qo.zero_point, self.qo.qmin, self.qo.qmax, self.ln2]))]
        return out


class QMul(_QModule):
    """Elementwise product of two quantized tensors that broadcast (TFLite's
    quantized mul): out = clamp(MBQM((q1 - zp1) * (q2 - zp2), M) + zp_out)."""

    def __init__(self, num_bits=8, act=None):
        super().__init__()
        self.num_bits = _check_bits(num_bits)
        self.act = _check_act(act)
        self.qo = QParam(num_bits)

    def forward(self, a, b):
        y = _apply_act(a * b, self.act)
        self._observe(y)
        return self.qo.fake(y)

    def freeze(self, q1, q2):
        self.qi = q1
        self.qi2 = q2
        self.qo.freeze()
        self._require_frozen(q1, q2)
        self.m, self.sh = quantize_multiplier(q1.scale * q2.scale / self.qo.scale)
        self.act_min, self.act_max = self.qo.range_codes(self.act)

    @torch.no_grad()
    def infer(self, a, b):
        self._require_frozen(self.qi, self.qi2, self.qo)
        acc = (_i64(a) - self.qi.zero_point) * (_i64(b) - self.qi2.zero_point)
        return (_mbqm(acc, self.m, self.sh) + self.qo.zero_point).clamp(self.act_min, self.act_max)

    def tensors(self):
        return [('i', _as_int32_array([
            self.qi.zero_point, self.qi2.zero_point, self.qo.zero_point, self.m, self.sh,
            self.act_min, self.act_max]))]


# ---------------------------------------------------------------------------
# Section 5: the weights file
# ---------------------------------------------------------------------------

QGW_MAGIC = b'QGW1'
QGW_VERSION = 1
_DTYPES = [np.dtype('<f4'), np.dtype('<i4'), np.dtype('i1'), np.dtype('u1')]
_ENTRY = struct.Struct('<40sII4IQQ')          # 80 bytes
_HEAD = struct.Struct('<4sIQII')              # 24 bytes
assert _ENTRY.size == 80 and _HEAD.size == 24


def _align16(n):
    return (n + 15) & ~15


def _dtype_code(arr):
    for code, dt in enumerate(_DTYPES):
        if arr.dtype.kind == dt.kind and arr.dtype.itemsize == dt.itemsize:
            return code
    raise TypeError('qgen: no .qgw dtype for %s' % arr.dtype)


def export(path, fingerprint, named_modules):
    """Write the .qgw file: every node's tensors() in graph order, then
    output.f = {scale, zp} of the last node's qo (float32)."""
    named_modules = list(named_modules)
    if not named_modules:
        raise ValueError('qgen: nothing to export')
    entries = []
    for name, module in named_modules:
        if module.qo is None or not module.qo.frozen:
            raise RuntimeError('qgen: export needs a frozen model (call freeze()); '
                               '%r is not frozen' % name)
        for field, arr in module.tensors():
            entries.append(('%s.%s' % (name, field), arr))
    qo = named_modules[-1][1].qo
    entries.append(('output.f', np.asarray([qo.scale, qo.zero_point], dtype=np.float32)))
    if not 0 <= int(fingerprint) < 2 ** 64:
        raise ValueError('fingerprint must be a u64')

    names = set()
    n = len(entries)
    table, blobs = [], []
    pos = 24 + 80 * n
    for name, arr in entries:
        raw = name.encode('ascii')
        if len(raw) > 39 or b'\0' in raw or name in names:
            raise ValueError('qgen: bad or duplicate tensor name %r' % name)
        names.add(name)
        code = _dtype_code(np.asarray(arr))
        arr = np.ascontiguousarray(arr, dtype=_DTYPES[code])
        if arr.ndim > 4:
            raise ValueError('qgen: %r has %d dims (at most 4)' % (name, arr.ndim))
        dims = list(arr.shape) + [0] * (4 - arr.ndim)
        pos = _align16(pos)
        data = arr.tobytes()
        table.append(_ENTRY.pack(raw, code, arr.ndim, *dims, pos, len(data)))
        blobs.append((pos, data))
        pos += len(data)

    out = bytearray(pos)
    out[0:24] = _HEAD.pack(QGW_MAGIC, QGW_VERSION, int(fingerprint), n, 24 + 80 * n)
    for i, entry in enumerate(table):
        out[24 + 80 * i: 104 + 80 * i] = entry
    for off, data in blobs:
        out[off: off + len(data)] = data
    out += struct.pack('<I', zlib.crc32(bytes(out)) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(bytes(out))


def load_qgw(path):
    """Read and verify a .qgw file; returns (fingerprint, OrderedDict name -> array).

    Raises ValueError on any inconsistency (magic, version, sizes, names,
    dtypes, dims, alignment, overlap, padding, CRC)."""
    with open(path, 'rb') as f:
        buf = f.read()

    def fail(msg):
        raise ValueError('qgen: %s: %s' % (path, msg))

    if len(buf) < 28:
        fail('file too short')
    (crc,) = struct.unpack_from('<I', buf, len(buf) - 4)
    if zlib.crc32(buf[:-4]) & 0xffffffff != crc:
        fail('CRC mismatch')
    magic, version, fingerprint, n, header = _HEAD.unpack_from(buf, 0)
    if magic != QGW_MAGIC:
        fail('bad magic')
    if version != QGW_VERSION:
        fail('unsupported version %d' % version)
    if header != 24 + 80 * n or header + 4 > len(buf):
        fail('bad header size')
    end = len(buf) - 4
    tensors = OrderedDict()
    pos = header
    for i in range(n):
        raw, code, ndim, d0, d1, d2, d3, off, nbytes = _ENTRY.unpack_from(buf, 24 + 80 * i)
        name_b, _, pad = raw.partition(b'\0')
        if not name_b or pad.strip(b'\0') or len(name_b) > 39:
            fail('entry %d: bad name' % i)
        name = name_b.decode('ascii')
        if name in tensors:
            fail('duplicate tensor %r' % name)
        if code >= len(_DTYPES):
            fail('%s: bad dtype %d' % (name, code))
        dims = (d0, d1, d2, d3)
        if ndim > 4 or any(dims[ndim:]):
            fail('%s: bad dims' % name)
        shape = dims[:ndim]
        if nbytes != int(np.prod(shape, dtype=np.int64)) * _DTYPES[code].itemsize:
            fail('%s: nbytes does not match dims' % name)
        if off % 16 or off < pos or off + nbytes > end:
            fail('%s: bad offset' % name)
        if buf[pos:off].strip(b'\0'):
            fail('%s: non-zero padding' % name)
        arr = np.frombuffer(buf, dtype=_DTYPES[code], count=nbytes // _DTYPES[code].itemsize,
                            offset=off).reshape(shape).copy()
        tensors[name] = arr
        pos = off + nbytes
    if pos != end:
        fail('trailing bytes before the CRC')
    return fingerprint, tensors
