#!/usr/bin/env python3
"""Benchmark (not a test): torchvision's mobilenet_v3_small on Fashion-MNIST.

The model is torchvision's own file, unmodified, through qgen:
    qgen --model 'mobilenet_v3_small(num_classes=10)' .../torchvision/models/mobilenetv3.py \
         -o DIR --input-shape 1,3,32,32
Images are resized to 32x32 (bilinear), the grey channel repeated 3 times
and normalized.  One run prints
  - float accuracy (the rewritten class, trained in float for --epochs on CPU);
  - qgen PTQ at 8 bits (1,000 calibration images, integer-only
    quantize_inference) and qgen QAT at 8 bits (--qat-batches of
    quantization-aware fine-tuning from the float weights);
  - PyTorch FX PTQ (prepare_fx / convert_fx, the qnnpack and onednn default
    qconfig mappings) of torchvision's own class, loaded with the same
    weights, calibrated on the same images;
  - C == Python: the generated C on all 10,000 test images against
    quantize_inference, bit for bit (and its accuracy).

Usage: bench-accuracy-mobilenetv3.py [--epochs N] [--max-batches N] [--qat-batches N] [--out DIR]
Environment: QGEN (the qgen binary), CC, QGEN_TORCH_THREADS (default 2),
QGEN_FASHION_MNIST (data directory).
"""

import argparse
import contextlib
import copy
import io
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'py'))
import common  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import torchvision  # noqa: E402

QGEN = os.environ.get('QGEN', os.path.join(common.REPO, 'qgen'))
CC = os.environ.get('CC', 'cc') or 'cc'
MODEL_FILE = os.path.join(os.path.dirname(torchvision.__file__), 'models', 'mobilenetv3.py')
MEAN, STD = 0.2860, 0.3530          # Fashion-MNIST's pixel mean and deviation


def prepare(x):
    """[N, 1, 28, 28] in [0, 1] -> [N, 3, 32, 32], normalized."""
    out = []
    for i in range(0, len(x), 2000):
        y = F.interpolate(x[i:i + 2000], size=(32, 32), mode='bilinear', align_corners=False)
        out.append(((y - MEAN) / STD).repeat(1, 3, 1, 1))
    return torch.cat(out).contiguous()


def fx_quantize(model, engine, calib):
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.backends.quantized.engine = engine
    model = copy.deepcopy(model).eval()
    with contextlib.redirect_stderr(io.StringIO()):
        prepared = prepare_fx(model, get_default_qconfig_mapping(engine), example_inputs=(calib[:1],))
    with torch.no_grad():
        for i in range(0, len(calib), 100):
            prepared(calib[i:i + 100])
    return convert_fx(prepared)


@torch.no_grad()
def integer_outputs(model, x, batch=200):
    return torch.cat([model.quantize_inference(x[i:i + batch]) for i in range(0, len(x), batch)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=1)
    ap.add_argument('--max-batches', type=int, default=None, help='stop float training early')
    ap.add_argument('--qat-batches', type=int, default=150)
    ap.add_argument('--out', default=None, help="qgen's output directory (default: a temporary one)")
    ap.add_argument('--float-weights', default=None,
                    help='the trained float state_dict: loaded when the file exists, else trained and saved there')
    args = ap.parse_args()
    t0 = time.time()
    common.setup_torch(0, threads=int(os.environ.get('QGEN_TORCH_THREADS', '2')))
    out = args.out or tempfile.mkdtemp(prefix='qgen-mnv3-')
    os.makedirs(out, exist_ok=True)

    r = subprocess.run([QGEN, '--model', 'mobilenet_v3_small(num_classes=10)', MODEL_FILE, '-o', out,
                        '--input-shape', '1,3,32,32'], capture_output=True, text=True)
    if r.returncode:
        sys.exit('qgen failed:\n' + r.stderr)
    sys.path.insert(0, out)
    # the rewritten file registers its builders again: let it, in a fresh registry
    from torchvision.models import _api
    saved = dict(_api.BUILTIN_MODELS)
    _api.BUILTIN_MODELS.clear()
    try:
        gen = common.load_python_file(os.path.join(out, 'mobilenetv3_q.py'), 'mobilenetv3_q')
    finally:
        _api.BUILTIN_MODELS.clear()
        _api.BUILTIN_MODELS.update(saved)

    xtr, ytr = common.load_fashion_mnist('train')
    xte, yte = common.load_fashion_mnist('t10k')
    xtr, xte = prepare(xtr), prepare(xte)
    calib = common.calibration_subset(xtr)
    print('# data: %d train, %d test images at 3x32x32 (%.0f s)' % (len(xtr), len(xte), time.time() - t0))

    model = gen.mobilenet_v3_small(num_classes=10)
    t = time.time()
    if args.float_weights and os.path.exists(args.float_weights):
        model.load_state_dict(torch.load(args.float_weights))
        model.eval()
        print('# float weights from %s' % args.float_weights)
    else:
        common.train(model, xtr, ytr, epochs=args.epochs, batch_size=128, lr=2e-3, max_batches=args.max_batches,
                     log=lambda s: print('# float ' + s, flush=True))
        # torchvision's MobileNetV3 BatchNorm has momentum 0.01: after one epoch
        # its running statistics still average the early weights' activations,
        # and eval mode is far below the training loss.  Estimate them again
        # on the trained weights (cumulative average over training batches).
        common.recalibrate_batchnorm(model, xtr)
        print('# float training: %.0f s' % (time.time() - t))
        if args.float_weights:
            torch.save(model.state_dict(), args.float_weights)
    rows = [('float32 (PyTorch)', common.accuracy(model, xte, yte))]

    ptq = copy.deepcopy(model)
    ptq.quantize(num_bits=8)
    common.calibrate(ptq, calib)
    ptq.freeze()
    rows.append(('qgen PTQ 8 bits (quantize_inference)', common.accuracy(ptq.quantize_inference, xte, yte)))

    qat = copy.deepcopy(model)
    qat.quantize(num_bits=8)
    common.calibrate(qat, calib)
    t = time.time()
    common.train(qat, xtr, ytr, epochs=1, batch_size=128, lr=2e-4, seed=7, forward=qat.quantize_forward,
                 max_batches=args.qat_batches)
    qat.freeze()
    rows.append(('qgen QAT 8 bits, %d batches (quantize_inference)' % args.qat_batches,
                 common.accuracy(qat.quantize_inference, xte, yte)))
    print('# QAT: %.0f s' % (time.time() - t))

    ref = torchvision.models.mobilenet_v3_small(num_classes=10)
    ref.load_state_dict(model.state_dict())
    ref.eval()
    for engine in ('qnnpack', 'onednn'):
        try:
            fxq = fx_quantize(ref, engine, calib)
            rows.append(('PyTorch FX PTQ 8 bits (%s)' % engine, common.accuracy(fxq, xte, yte)))
        except Exception as e:       # noqa: BLE001 - a benchmark reports, it does not stop
            rows.append(('PyTorch FX PTQ 8 bits (%s): %s' % (engine, type(e).__name__), float('nan')))

    # C == Python on every test image
    weights = os.path.join(out, 'mobilenetv3.qgw')
    ptq.export(weights)
    exe = os.path.join(out, 'mobilenetv3_q')
    r = subprocess.run([CC, '-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror', '-O2', '-DQGEN_MAIN', '-o', exe,
                        os.path.join(out, 'mobilenetv3_q.c'), '-lm'], capture_output=True, text=True)
    if r.returncode:
        sys.exit('the C does not compile:\n' + r.stderr)
    xin, yout = os.path.join(out, 'test.f32'), os.path.join(out, 'test_out.f32')
    xte.numpy().astype('<f4').tofile(xin)
    t = time.time()
    r = subprocess.run([exe, weights, xin, yout], capture_output=True, text=True)
    c_time = time.time() - t
    if r.returncode:
        sys.exit('the C failed:\n' + r.stderr + r.stdout)
    got = np.fromfile(yout, dtype='<f4').reshape(len(xte), 10)
    want = integer_outputs(ptq, xte).numpy().astype(np.float32)
    same = np.array_equal(got.view(np.uint32), want.view(np.uint32))
    c_acc = float((torch.from_numpy(got).argmax(1) == yte).float().mean())
    rows.append(('qgen PTQ 8 bits, generated C (-O2)', c_acc))

    print()
    print('%-52s %s' % ('mobilenet_v3_small, Fashion-MNIST 32x32', 'test accuracy'))
    for name, acc in rows:
        print('%-52s %6.2f%%' % (name, 100 * acc))
    print()
    print('C == quantize_inference bit for bit on all %d test images: %s (%d differing values); C %.1f s, %.2f ms/image'
          % (len(xte), 'yes' if same else 'NO', int((got != want).sum()), c_time, 1000 * c_time / len(xte)))
    print('# total %.0f s; qgen output in %s' % (time.time() - t0, out))
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())
