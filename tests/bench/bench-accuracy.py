#!/usr/bin/env python3
"""Benchmark (not a test): Fashion-MNIST accuracy of the seed model.

One run prints a table of
  - float accuracy (examples/seed/net.py's Net trained FLOAT_EPOCHS epochs);
  - qgen PTQ (1,000 calibration images, integer-only quantize_inference) and
    qgen QAT (QAT_BATCHES batches of quantization-aware fine-tuning from the
    float weights, then integer-only inference) at 8, 6 and 4 bits,
    per-channel weights, plus 8-bit PTQ with per-tensor weights;
  - PyTorch's FX post-training quantization (prepare_fx / convert_fx with
    get_default_qconfig_mapping('qnnpack') and ('onednn')) on the same trained
    weights and calibration images.  FX cannot run the unmodified seed Net
    (x.view(-1, 1000) on its quantized channels-last output raises), so it
    runs on a copy whose forward uses reshape; the failure is reported.

Usage: bench-accuracy.py [--float-epochs N] [--qat-batches N]
Environment: QGEN_TORCH_THREADS (default 2), QGEN_FASHION_MNIST (data directory).
"""

import argparse
import contextlib
import copy
import io
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'py'))
import common  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def fx_quantize(model, engine, calib):
    """PyTorch FX PTQ with the engine's default qconfig mapping; returns the converted model."""
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.backends.quantized.engine = engine
    model = copy.deepcopy(model).eval()
    prepared = prepare_fx(model, get_default_qconfig_mapping(engine), example_inputs=(calib[:1],))
    with torch.no_grad():
        for i in range(0, len(calib), 100):
            prepared(calib[i:i + 100])
    return convert_fx(prepared)


def reshape_variant(Float):
    """The seed Net with x.view(...) replaced by x.reshape(...) (what FX needs)."""
    class NetReshape(Float):
        def forward(self, x):
            x = F.relu(self.conv1(x))
            x = F.max_pool2d(x, 2, 2)
            x = F.relu(self.conv2(x))
            x = F.max_pool2d(x, 2, 2)
            x = x.reshape(-1, 5 * 5 * 40)
            x = self.fc(x)
            return x
    return NetReshape


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--float-epochs', type=int, default=2)
    ap.add_argument('--qat-batches', type=int, default=500)
    ap.add_argument('--calib', type=int, default=1000)
    args = ap.parse_args()

    common.setup_torch(0, threads=2)
    print('# torch %s, %d threads, engines %s' % (torch.__version__, torch.get_num_threads(),
                                                 torch.backends.quantized.supported_engines))
    x_train, y_train = common.load_fashion_mnist('train')
    x_test, y_test = common.load_fashion_mnist('t10k')
    Float, Quant = common.seed_float_class(), common.seed_quant_class()
    rows = []

    def row(method, acc, seconds, note=''):
        rows.append((method, acc, seconds, note))
        acc_s = '%.4f' % acc if isinstance(acc, float) else acc
        print('# %-34s %-8s %6.1f s %s' % (method, acc_s, seconds, note), flush=True)

    t = time.time()
    torch.manual_seed(0)
    net = Float()
    common.train(net, x_train, y_train, epochs=args.float_epochs, batch_size=64, lr=1e-3, seed=0,
                 log=lambda s: print('# ' + s, flush=True))
    acc_float = common.accuracy(net, x_test, y_test)
    row('float (%d epochs, Adam 1e-3)' % args.float_epochs, acc_float, time.time() - t)
    state = net.state_dict()
    calib = common.calibration_subset(x_train, args.calib)

    def qgen_ptq(bits, per_channel):
        t = time.time()
        m = Quant()
        m.load_state_dict(state)
        m.quantize(bits, per_channel)
        common.calibrate(m, calib)
        m.freeze()
        acc = common.accuracy(m.quantize_inference, x_test, y_test)
        row('qgen PTQ %d-bit %s' % (bits, 'per-channel' if per_channel else 'per-tensor'),
            acc, time.time() - t)

    def qgen_qat(bits):
        t = time.time()
        m = Quant()
        m.load_state_dict(state)
        m.quantize(bits, True)
        common.calibrate(m, calib)
        torch.manual_seed(1)
        common.train(m, x_train, y_train, epochs=1, batch_size=64, lr=1e-4, seed=1,
                     forward=m.quantize_forward, max_batches=args.qat_batches)
        m.freeze()
        acc = common.accuracy(m.quantize_inference, x_test, y_test)
        row('qgen QAT %d-bit per-channel' % bits, acc, time.time() - t,
            '(+%d batches, Adam 1e-4)' % args.qat_batches)

    # QAT trains further than float did: the same fine-tuning in float, for reference
    t = time.time()
    tuned = Float()
    tuned.load_state_dict(state)
    torch.manual_seed(1)
    common.train(tuned, x_train, y_train, epochs=1, batch_size=64, lr=1e-4, seed=1,
                 max_batches=args.qat_batches)
    row('float fine-tuned like QAT', common.accuracy(tuned, x_test, y_test), time.time() - t,
        '(+%d batches, Adam 1e-4)' % args.qat_batches)

    for bits in (8, 6, 4):
        qgen_ptq(bits, True)
        qgen_qat(bits)
    qgen_ptq(8, False)

    NetReshape = reshape_variant(Float)
    for engine in ('qnnpack', 'onednn'):
        if engine not in torch.backends.quantized.supported_engines:
            row('PyTorch FX PTQ %s' % engine, 'n/a', 0.0, '(engine not built in)')
            continue
        t = time.time()
        try:
            plain = Float()
            plain.load_state_dict(state)
            with contextlib.redirect_stderr(io.StringIO()):    # FX prints its own traceback
                common.accuracy(fx_quantize(plain, engine, calib), x_test[:100], y_test[:100])
            row('PyTorch FX PTQ %s, unmodified Net' % engine, 'ran', time.time() - t)
        except Exception as e:     # expected: view() on the channels-last quantized tensor
            msg = str(e).strip().splitlines()[0].split(' (')[0][:80]
            row('PyTorch FX PTQ %s, unmodified Net' % engine, 'FAILS', time.time() - t,
                '(%s: %s)' % (type(e).__name__, msg))
        t = time.time()
        m = NetReshape()
        m.load_state_dict(state)
        q = fx_quantize(m, engine, calib)
        acc = common.accuracy(q, x_test, y_test)
        row('PyTorch FX PTQ %s (reshape copy)' % engine, acc, time.time() - t)

    print()
    print('| method | test accuracy | vs float (points) | time (s) |')
    print('| --- | --- | --- | --- |')
    for method, acc, seconds, note in rows:
        if isinstance(acc, float):
            delta = '%+.2f' % (100 * (acc - acc_float))
            acc_s = '%.4f' % acc
        else:
            delta, acc_s = '', acc
        print('| %s %s | %s | %s | %.1f |' % (method, note, acc_s, delta, seconds))
    return 0


if __name__ == '__main__':
    sys.exit(main())
