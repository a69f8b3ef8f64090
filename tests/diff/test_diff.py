"""test_diff.py: TAP, the differential test of qgen on random models
(gen_models.py), seeds 0..QGEN_DIFF_N-1 (default 120):
  - `qgen --emit fx` equals torch.fx.symbolic_trace's print, byte for byte
    (fx_reference.py's text: PyTorch's closing hint line dropped);
  - on every 4th seed, the rewritten class's quantize_forward is within 25%
    of the output range of forward (as test_generated.py checks examples);
  - on every 8th, the C (compiled with $CC, in turn at -O2, the portable
    build, and at -O3 -march=native, this machine's SIMD kernels;
    QGEN_DIFF_CFLAGS sets the flags for all) equals quantize_inference bit
    for bit on 64 random inputs;
  - a program qgen refuses is refused with a located FILE:LINE:COL: error:
    (and is reported as a failure: every generated program is valid).
"""
import importlib.util
import inspect
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.fx

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'py'))
sys.path.insert(0, here)
import common  # noqa: E402
import gen_models  # noqa: E402

QGEN = os.environ.get('QGEN', './qgen')
tap = common.TAP()


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec)
    sys.modules[name] = m
    spec.loader.exec_module(m)
    return m


def fx_text(model):
    text = str(torch.fx.symbolic_trace(model.eval()))
    lines = text.split('\n')
    while lines and (lines[-1] == '' or lines[-1].startswith('# To see more debug info')):
        lines.pop()
    return '\n'.join(lines) + '\n'


def check(seed, tmp, quant):
    path = os.path.join(tmp, 'gen%d.py' % seed)
    with open(path, 'w') as f:
        f.write(gen_models.gen(seed))
    r = subprocess.run([QGEN, '--emit', 'fx', path], capture_output=True, text=True)
    if r.returncode != 0:
        located = r.stderr.startswith(path + ':') and ': error: ' in r.stderr.split('\n')[0]
        tap.check(False, 'seed %d: qgen refuses a valid program%s' % (seed, '' if located else ' WITHOUT a location'),
                  r.stderr)
        return False
    torch.manual_seed(seed)
    mod = load(path, 'gen%d' % seed)
    try:
        want = fx_text(mod.Net())
    except Exception as e:  # FX cannot trace it: qgen must match nothing
        tap.skip('seed %d: fx parity' % seed, 'torch.fx cannot trace it: %s' % e)
        return True
    ok = tap.check(r.stdout == want, 'seed %d: qgen --emit fx == torch.fx' % seed,
                   None if r.stdout == want else 'qgen:\n%s\nfx:\n%s' % (r.stdout, want))
    if not quant:
        return ok
    out = os.path.join(tmp, 'q%d' % seed)
    r = subprocess.run([QGEN, '-o', out, path], capture_output=True, text=True)
    if not tap.check(r.returncode == 0, 'seed %d: code generated' % seed, r.stderr):
        return False
    q = load(os.path.join(out, 'gen%d_q.py' % seed), 'gen%d_q' % seed)
    cls = [c for _, c in vars(q).items() if inspect.isclass(c) and issubclass(c, torch.nn.Module)
           and c.__module__ == q.__name__ and hasattr(c, 'quantize')][0]
    fm, m = mod.Net(), cls()
    m.load_state_dict(fm.state_dict())
    fm.eval()
    m.eval()
    m.quantize()
    shape = [int(v) for v in open(path).read().split('input-shape=')[1].split('\n')[0].split(',')]
    with torch.no_grad():
        for _ in range(4):
            m.quantize_forward(torch.randn(16, *shape[1:]))
        x = torch.randn(16, *shape[1:])
        f, qf = fm(x), m.quantize_forward(x)
    rng = float(f.max() - f.min()) or 1.0
    e = float((f - qf).abs().max()) / rng
    ok = tap.check(e < 0.25, 'seed %d: quantize_forward within 25%% of forward (%.4f)' % (seed, e))
    if seed % 8 != 0:
        return ok
    # the C against quantize_inference, bit for bit (as test_generated.py)
    with torch.no_grad():
        m.freeze()
        x = torch.rand(64, *shape[1:]) * 4 - 2
        want = m.quantize_inference(x).numpy().astype(np.float32).reshape(-1)
    weights = os.path.join(out, 'w.qgw')
    m.export(weights)
    stem = 'gen%d_q' % seed
    # the portable build and the native one (the machine's SIMD kernels) in turn
    cflags = os.environ.get('QGEN_DIFF_CFLAGS', '-O2' if seed % 16 == 0 else '-O3 -march=native').split()
    r = subprocess.run([os.environ.get('CC', 'cc'), '-std=c99', *cflags, '-DQGEN_MAIN', '-o', os.path.join(out, stem),
                        os.path.join(out, stem + '.c'), '-lm'], capture_output=True, text=True)
    if not tap.check(r.returncode == 0, 'seed %d: the C compiles (%s)' % (seed, ' '.join(cflags)), r.stderr):
        return False
    xin, yout = os.path.join(out, 'in.f32'), os.path.join(out, 'out.f32')
    x.numpy().astype('<f4').tofile(xin)
    r = subprocess.run([os.path.join(out, stem), weights, xin, yout], capture_output=True, text=True)
    got = np.fromfile(yout, dtype='<f4') if r.returncode == 0 else None
    same = got is not None and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    return tap.check(same, 'seed %d: C == quantize_inference bit for bit (64 inputs)' % seed,
                     r.stderr if got is None else 'differing values: %d of %d' % (int((got != want).sum()), want.size))


def main():
    common.setup_torch(seed=0)
    n = int(os.environ.get('QGEN_DIFF_N', '120'))
    first = int(os.environ.get('QGEN_DIFF_FIRST', '0'))
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(first, first + n):
            try:
                check(seed, tmp, seed % 4 == 0)
            except Exception as e:
                tap.check(False, 'seed %d: %s' % (seed, e))
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
