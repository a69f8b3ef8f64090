"""torchvision's own builders through qgen, end to end (issue 8's proof).

For each of the 13 builders tests/torchvision-fx.sh traces, from
torchvision's installed file, unmodified, at input 1x3xSxS (S = 64, or
$QGEN_TV_SIZE):
  - `qgen --model 'EXPR' --input-shape 1,3,S,S FILE -o DIR`;
  - DIR/NAME_q.py imports beside torchvision (its @register_model runs a
    second time), and the rewritten builder's model loads the original
    builder's state_dict (random init, torch.manual_seed);
  - calibration of quantize_forward on random inputs; quantize_forward close
    to forward, quantize_inference close to quantize_forward (relative to
    the output's range);
  - the C compiles with -std=c99 -Wall -Wextra -pedantic -Werror and equals
    quantize_inference bit for bit on $QGEN_TV_INPUTS inputs (64); the C's
    optimization flags are $QGEN_TV_CFLAGS (-O1; `-O3 -march=native` takes
    this machine's SIMD kernels).
The time of each builder is printed as a diagnostic.  A builder that does
not come through fails with the step and the reason.
usage: test_torchvision.py [NAME...]   (default: all 13)
"""

import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

QGEN = os.environ.get('QGEN', os.path.join(common.REPO, 'qgen'))
CC = os.environ.get('CC', 'cc') or 'cc'
CFLAGS = ['-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror'] + os.environ.get('QGEN_TV_CFLAGS', '-O1').split()
SIZE = int(os.environ.get('QGEN_TV_SIZE', '64'))
INPUTS = int(os.environ.get('QGEN_TV_INPUTS', '64'))

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

tap = common.TAP()
tmp = tempfile.mkdtemp(prefix='qgen-torchvision-')



def infer_chunks(model, x, n=8):
    return torch.cat([model.quantize_inference(x[i:i + n]) for i in range(0, len(x), n)])


def check_builder(tv_dir, name, expr, fname):
    import torchvision
    src = os.path.join(tv_dir, 'models', fname)
    out = os.path.join(tmp, name)
    os.makedirs(out, exist_ok=True)
    shape = (1, 3, SIZE, SIZE)
    t0 = time.time()
    r = subprocess.run([QGEN, '--model', expr, '--input-shape', ','.join(map(str, shape)), src, '-o', out],
                       capture_output=True, text=True)
    if not tap.check(r.returncode == 0, '%s: qgen --model %r writes the Python and the C' % (name, expr), r.stderr):
        return
    stem = os.path.splitext(fname)[0]
    sys.path.insert(0, out)
    try:
        mod = common.load_python_file(os.path.join(out, stem + '_q.py'), 'tv_%s_q' % name)
    except Exception as e:
        tap.check(False, '%s: %s_q.py imports beside torchvision' % (name, stem), '%s: %s' % (type(e).__name__, e))
        return
    finally:
        sys.path.remove(out)
    torch.manual_seed(0)
    orig = eval('torchvision.models.' + expr).eval()
    model = eval(expr, vars(mod))
    tap.run('%s: the rewritten builder loads torchvision\'s state_dict' % name,
            lambda: model.load_state_dict(orig.state_dict()))
    model.eval()
    model.quantize()
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for _ in range(2):
            model.quantize_forward(torch.randn(4, *shape[1:], generator=g))
        model.freeze()
        x = torch.randn(8, *shape[1:], generator=g)
        f, q, qi = orig(x), model.quantize_forward(x), infer_chunks(model, x)
    rng = float(f.max() - f.min()) or 1.0
    e1, e2 = float((f - q).abs().max()) / rng, float((q - qi).abs().max()) / rng
    tap.check(e1 < 0.3, '%s: quantize_forward within 30%% of the output range of forward (%.4f)' % (name, e1))
    tap.check(e2 < 0.15, '%s: quantize_inference within 15%% of quantize_forward (%.4f)' % (name, e2))
    weights = os.path.join(out, 'net.qgw')
    model.export(weights)
    exe = os.path.join(out, 'net_q')
    r = subprocess.run([CC] + CFLAGS + ['-DQGEN_MAIN', '-o', exe, os.path.join(out, stem + '_q.c'), '-lm'],
                       capture_output=True, text=True)
    if not tap.check(r.returncode == 0, '%s: the C compiles with %s' % (name, ' '.join(CFLAGS)), r.stderr):
        return
    xs = torch.rand(INPUTS, *shape[1:], generator=g) * 4 - 2
    with torch.no_grad():
        want = infer_chunks(model, xs).numpy().astype(np.float32).reshape(-1)
    xin, yout = os.path.join(out, 'in.f32'), os.path.join(out, 'out.f32')
    xs.numpy().astype('<f4').tofile(xin)
    r = subprocess.run([exe, weights, xin, yout], capture_output=True, text=True)
    got = np.fromfile(yout, dtype='<f4') if r.returncode == 0 and os.path.exists(yout) else None
    same = got is not None and got.size == want.size and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    tap.check(same, '%s: C equals quantize_inference bit for bit on %d inputs' % (name, INPUTS),
              r.stderr if got is None else 'differing values: %d of %d' % (int((got != want).sum()), want.size))
    tap.diag('%s: %.1f s' % (name, time.time() - t0))


def main():
    try:
        import torchvision
    except ImportError as e:
        tap.skip('torchvision builders', 'torchvision cannot be imported: %s' % e)
        return tap.done()
    tv_dir = os.path.dirname(torchvision.__file__)
    common.setup_torch(seed=0)
    only = sys.argv[1:]
    for name, expr, fname in BUILDERS:
        if only and name not in only:
            continue
        tap.run('%s: every check ran' % name, lambda: check_builder(tv_dir, name, expr, fname))
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
