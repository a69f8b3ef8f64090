#!/usr/bin/env python3
"""Accuracy of qgen's int8 path on Fashion-MNIST with the seed model.

Trains examples/seed/net.py's Net for one epoch (float), then through
tests/py/seed_q.py (the seed with qgen's generated methods):
  - PTQ: calibration on 1,000 training images, freeze, integer-only
    quantize_inference on the 10,000 test images: within 0.5 points of float;
  - QAT: a short quantization-aware fine-tuning (quantize_forward in training
    mode), freeze, integer-only inference: not more than 0.3 points below float.
Prints TAP; exits non-zero on failure.  Deterministic (seeded, 2 threads).
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import torch  # noqa: E402

PTQ_TOLERANCE = 0.5      # points, either direction
QAT_TOLERANCE = 0.3      # points below float
QAT_BATCHES = 300
EVAL_BATCH = 100         # tensors under 32 MB: larger ones are mmap-allocated and page-fault (slow)


def main():
    tap = common.TAP()
    common.setup_torch(0, threads=2)
    t0 = time.time()
    x_train, y_train = common.load_fashion_mnist('train')
    x_test, y_test = common.load_fashion_mnist('t10k')
    tap.check(len(x_train) == 60000 and len(x_test) == 10000,
              'Fashion-MNIST loaded (%d train, %d test images)' % (len(x_train), len(x_test)))

    Float, Quant = common.seed_float_class(), common.seed_quant_class()
    torch.manual_seed(0)
    net = Float()
    common.train(net, x_train, y_train, epochs=1, batch_size=64, lr=1e-3, seed=0, log=tap.diag)
    acc_float = common.accuracy(net, x_test, y_test)
    tap.diag('float training: %.1f s' % (time.time() - t0))
    tap.check(acc_float > 0.80, 'float accuracy after 1 epoch: %.4f' % acc_float)
    state = net.state_dict()
    calib = common.calibration_subset(x_train, 1000)

    # --- PTQ ---------------------------------------------------------------
    t1 = time.time()
    ptq = Quant()
    ptq.load_state_dict(state)
    ptq.quantize(8, True)
    common.calibrate(ptq, calib)
    ptq.freeze()
    acc_fake = common.accuracy(ptq.quantize_forward, x_test, y_test)
    acc_ptq = common.accuracy(ptq.quantize_inference, x_test, y_test, batch_size=EVAL_BATCH)
    tap.diag('PTQ: %.1f s; fake-quant accuracy %.4f' % (time.time() - t1, acc_fake))
    tap.check(abs(acc_ptq - acc_float) * 100 <= PTQ_TOLERANCE,
              'int8 PTQ accuracy %.4f within %.1f points of float %.4f (%+.2f)'
              % (acc_ptq, PTQ_TOLERANCE, acc_float, 100 * (acc_ptq - acc_float)))

    # --- QAT ---------------------------------------------------------------
    t2 = time.time()
    qat = Quant()
    qat.load_state_dict(state)
    qat.quantize(8, True)
    common.calibrate(qat, calib)                 # initial ranges for the moving averages
    torch.manual_seed(1)
    common.train(qat, x_train, y_train, epochs=1, batch_size=64, lr=1e-4, seed=1,
                 forward=qat.quantize_forward, max_batches=QAT_BATCHES, log=tap.diag)
    qat.freeze()
    acc_qat = common.accuracy(qat.quantize_inference, x_test, y_test, batch_size=EVAL_BATCH)
    tap.diag('QAT (%d batches): %.1f s' % (QAT_BATCHES, time.time() - t2))
    tap.check(acc_qat * 100 >= acc_float * 100 - QAT_TOLERANCE,
              'int8 QAT accuracy %.4f not more than %.1f points below float %.4f (%+.2f)'
              % (acc_qat, QAT_TOLERANCE, acc_float, 100 * (acc_qat - acc_float)))
    tap.diag('total %.1f s' % (time.time() - t0))
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
