"""onnx_export.py -- the ONNX models of tests/bench/bench-generated.sh's
ONNX Runtime columns (not a test).

fp32(model, x, path): torch.onnx.export of the float model as it is.
qdq(model, x, calib, path): int8 as QDQ from PyTorch's FX fake quantization:
  BatchNorm folded into the convs first (torch.fx's optimization.fuse),
  prepare_qat_fx with per-tensor FakeQuantize (activations u8 affine, weights s8 symmetric;
  plain FakeQuantize modules, which export as QuantizeLinear /
  DequantizeLinear, not the fused observer op), calibrated on `calib`,
  observers frozen, exported at opset 13; then every QuantizeLinear of a
  weight initializer is evaluated here, so that the weights are int8
  initializers that feed their DequantizeLinear directly.  The scales and
  zero points are scalars (per-tensor).
"""

import copy

import numpy as np
import torch


def fp32(model, x, path):
    torch.onnx.export(model, x, path, opset_version=13, do_constant_folding=True)


def _qconfig_mapping():
    from torch.ao.quantization import FakeQuantize, MovingAverageMinMaxObserver, QConfig, QConfigMapping
    act = FakeQuantize.with_args(observer=MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
                                 dtype=torch.quint8, qscheme=torch.per_tensor_affine, reduce_range=False)
    wt = FakeQuantize.with_args(observer=MovingAverageMinMaxObserver, quant_min=-128, quant_max=127,
                                dtype=torch.qint8, qscheme=torch.per_tensor_symmetric, reduce_range=False)
    return QConfigMapping().set_global(QConfig(activation=act, weight=wt))


def _fold_weight_quantize(path):
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    consts = {}
    for n in g.node:   # scalars exported as Constant nodes
        if n.op_type == 'Constant' and n.attribute:
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)

    def value(name):
        if name in inits:
            return numpy_helper.to_array(inits[name])
        return consts.get(name)
    drop = []
    for n in g.node:   # an Identity of an initializer: the initializer under its name
        if n.op_type == 'Identity' and n.input[0] in inits:
            t = numpy_helper.to_array(inits[n.input[0]])
            g.initializer.append(numpy_helper.from_array(t, n.output[0]))
            inits[n.output[0]] = g.initializer[-1]
            drop.append(n)
    for n in drop:
        g.node.remove(n)
    drop = []
    for n in g.node:   # per-tensor scales and zero points as scalars
        if n.op_type in ('QuantizeLinear', 'DequantizeLinear'):
            for name in n.input[1:]:
                if name in inits and len(inits[name].dims) == 1 and inits[name].dims[0] == 1:
                    del inits[name].dims[:]
                if name in consts and consts[name].shape == (1,):
                    for c in g.node:
                        if c.op_type == 'Constant' and c.output[0] == name:
                            del c.attribute[0].t.dims[:]
                    consts[name] = consts[name].reshape(())
    for n in g.node:
        if n.op_type != 'QuantizeLinear' or n.input[0] not in inits:
            continue
        w, s, z = value(n.input[0]), value(n.input[1]), value(n.input[2])
        if w is None or s is None or z is None:
            continue
        q = np.clip(np.rint(w / s) + z.astype(np.int32), np.iinfo(z.dtype).min, np.iinfo(z.dtype).max)
        g.initializer.append(numpy_helper.from_array(q.astype(z.dtype), n.output[0]))
        drop.append(n)
    for n in drop:
        g.node.remove(n)
    used = {i for n in g.node for i in n.input}
    for i in list(g.initializer):
        if i.name not in used:
            g.initializer.remove(i)
    onnx.save(m, path)
    return len(drop)


def qdq(model, x, calib, path):
    from torch.ao.quantization import disable_observer
    from torch.ao.quantization.quantize_fx import prepare_qat_fx
    from torch.fx.experimental.optimization import fuse
    f = fuse(copy.deepcopy(model).eval())   # each BatchNorm folded into its conv
    f.train()
    p = prepare_qat_fx(f, _qconfig_mapping(), (x,))
    p.eval()
    with torch.no_grad():
        for xb in calib:
            p(xb)
    p.apply(disable_observer)
    torch.onnx.export(p, x, path, opset_version=13, do_constant_folding=True)
    return _fold_weight_quantize(path)
