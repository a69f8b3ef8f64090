"""The generated code, end to end, in real PyTorch (issues 3 and 4).

For every example model (but those marked `# qgen: fx-only`, whose ops have
no quantized form yet: qgen must refuse them with a located error, and they
are skipped): qgen writes net_q.py, qgen_runtime.py, net_q.c and net_q.h; then
  - the rewritten class loads the original class's state_dict;
  - after calibration on random data, quantize_forward is close to forward,
    and quantize_inference close to quantize_forward;
  - QAT: a backward pass through quantize_forward reaches the float weights;
  - export() then load_qgw() round-trips every tensor;
  - the C compiles warning-free (-std=c99 -Wall -Wextra -pedantic -Werror)
    and, on 1,000 random inputs, gives bit for bit quantize_inference's output.
Models over a million parameters (cifar_resnet, cifar_vgg) are checked on
smaller batches and 50 inputs, to keep the suite's time reasonable.  An
example marked `# qgen: fx-only` (ops qgen cannot quantize yet) is skipped,
with the reason; one with `# qgen: model=EXPR` is built by evaluating EXPR in
the original and in the rewritten module.
For the seed (trained briefly on Fashion-MNIST): all 10,000 test images give
identical outputs in C and Python, so the same accuracy; a sanitizer build
(ASan + UBSan) of the C runs clean; corrupted or foreign weights files are
refused by init. Environment: QGEN (the qgen binary), CC (default cc).
usage: test_generated.py [EXAMPLE...]   (default: every example)
"""

import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

QGEN = os.environ.get('QGEN', os.path.join(common.REPO, 'qgen'))
CC = os.environ.get('CC', 'cc') or 'cc'
CFLAGS = ['-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror', '-O2']
tap = common.TAP()
tmp = tempfile.mkdtemp(prefix='qgen-generated-')


def input_shape(path):
    for line in open(path):
        if 'qgen: input-shape=' in line:
            return [int(v) for v in line.split('input-shape=')[1].split()[0].split(',')]
    return [1, 1, 28, 28]


def generate(name, path, extra=()):
    out = os.path.join(tmp, name)
    os.makedirs(out, exist_ok=True)
    r = subprocess.run([QGEN, path, '-o', out] + list(extra), capture_output=True, text=True)
    return out, r


def compile_c(out, extra=(), exe='net_q'):
    r = subprocess.run([CC] + CFLAGS + list(extra) + ['-DQGEN_MAIN', '-o', os.path.join(out, exe),
                        os.path.join(out, 'net_q.c'), '-lm'], capture_output=True, text=True)
    return r


def run_c(out, weights, x, exe='net_q'):
    xin, yout = os.path.join(out, 'in.f32'), os.path.join(out, 'out.f32')
    x.numpy().astype('<f4').tofile(xin)
    r = subprocess.run([os.path.join(out, exe), weights, xin, yout], capture_output=True, text=True)
    y = np.fromfile(yout, dtype='<f4') if r.returncode == 0 else None
    return r, y


def _forget_modules_under(directory, keep):
    """Drop cached imports of files under directory (an example's own package;
    but not the module named keep), so that the rewritten module imports them
    afresh, from qgen's output directory first."""
    directory = os.path.abspath(directory) + os.sep
    for mod_name, mod in list(sys.modules.items()):
        f = getattr(mod, '__file__', None) or ''
        if mod_name != keep and f and os.path.abspath(f).startswith(directory):
            del sys.modules[mod_name]


def classes(out, path, name):
    """(make_float, make_quant): build the original model and the rewritten one,
    from the example's `# qgen: model=EXPR` (evaluated in each module) or its
    model class called with no arguments.  The example's directory is on
    sys.path, for its sibling files and packages; qgen's output before it."""
    here = os.path.dirname(os.path.abspath(path))
    expr = common.qgen_comment(path, 'model')
    sys.path.insert(0, here)
    try:
        orig_mod = common.load_python_file(path, 'orig_' + name)
        _forget_modules_under(here, 'orig_' + name)
        sys.path.insert(0, out)
        try:
            gen = common.load_python_file(os.path.join(out, 'net_q.py'), 'gen_' + name)
        finally:
            sys.path.remove(out)
    finally:
        sys.path.remove(here)
    if expr:
        return (lambda: eval(expr, vars(orig_mod)),  # noqa: S307 - the example's own comment
                lambda: eval(expr, vars(gen)))
    orig = common.find_model_class(orig_mod)
    cls = getattr(gen, orig.__name__)
    return orig, cls


def fx_only(path):
    """`# qgen: fx-only`: the model uses ops without a quantized form yet."""
    with open(path) as f:
        return any(line.replace(' ', '').startswith('#qgen:fx-only') for line in f)


def check_model(name, path):
    if common.qgen_comment(path, 'fx-only'):
        tap.skip('%s: code generation' % name, '# qgen: fx-only (its ops cannot be quantized yet)')
        return
    out, r = generate(name, path)
    if r.returncode != 0:
        # a model qgen cannot quantize must say why, at a source line
        first = r.stderr.splitlines()[0] if r.stderr else ''
        located = r.stderr.startswith(path + ':') and ': error: ' in first
        if located and fx_only(path):
            tap.skip('%s: code generation' % name, 'fx-only example: ' + first[len(path) + 1:])
        elif located:
            tap.check(False, "%s: code generation refused (mark the example '# qgen: fx-only' if that is expected)"
                      % name, r.stderr)
        else:
            tap.check(False, '%s: refused with a located error' % name, r.stderr)
        return
    if fx_only(path):
        tap.check(False, "%s: marked '# qgen: fx-only', but qgen generates its code: drop the marker" % name)
        return
    shape = input_shape(path)
    orig, cls = classes(out, path, name)
    common.setup_torch(seed=1)
    float_model = orig()
    model = cls()
    big = sum(p.numel() for p in float_model.parameters()) > 1000000
    batch, n_c = (8, 50) if big else (32, 1000)
    tap.run('%s: the rewritten class loads the original state_dict' % name,
            lambda: model.load_state_dict(float_model.state_dict()))
    model.eval()
    model.quantize()
    with torch.no_grad():
        for _ in range(8):
            model.quantize_forward(torch.randn(batch, *shape[1:]))
        model.freeze()
        x = torch.randn(2 * batch, *shape[1:])
        f, q, qi = model(x), model.quantize_forward(x), model.quantize_inference(x)
    rng = float(f.max() - f.min()) or 1.0
    e1, e2 = float((f - q).abs().max()) / rng, float((q - qi).abs().max()) / rng
    tap.check(e1 < 0.25, '%s: quantize_forward within 25%% of the output range of forward (%.4f)' % (name, e1))
    tap.check(e2 < 0.1, '%s: quantize_inference within 10%% of quantize_forward (%.4f)' % (name, e2))

    def qat():
        m = cls()
        m.quantize()
        m.train()
        m.quantize_forward(torch.randn(8, *shape[1:])).sum().backward()
        grads = [p.grad for p in m.parameters() if p.requires_grad]
        assert grads and all(g is not None for g in grads), 'a float parameter got no gradient'
        assert any(float(g.abs().sum()) > 0 for g in grads), 'all gradients are zero'
    tap.run('%s: QAT gradients reach the float weights' % name, qat)

    weights = os.path.join(out, 'net.qgw')
    model.export(weights)
    import qgen_runtime
    fp, tensors = qgen_runtime.load_qgw(weights)
    tap.check(fp == model.QGEN_FINGERPRINT and len(tensors) > 0,
              '%s: export() round-trips through load_qgw (%d tensors)' % (name, len(tensors)))

    r = compile_c(out)
    if not tap.check(r.returncode == 0, '%s: the C compiles with %s' % (name, ' '.join(CFLAGS)), r.stderr):
        return
    x = torch.rand(n_c, *shape[1:]) * 4 - 2
    with torch.no_grad():
        want = model.quantize_inference(x).numpy().astype(np.float32).reshape(-1)
    r, got = run_c(out, weights, x)
    same = got is not None and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    tap.check(same, '%s: C equals quantize_inference bit for bit on %s random inputs' % (name, format(n_c, ',')),
              r.stderr if got is None else 'differing values: %d of %d' % (int((got != want).sum()), want.size))
    check_valgrind(name, out, weights, x[:2], want[:2 * (want.size // n_c)])
    return out, model, weights


def check_valgrind(name, out, weights, x, want):
    """The C program once under valgrind (memcheck): no invalid access, no
    uninitialised value used, no leak; and the same output."""
    vg = shutil.which('valgrind')
    if not vg:
        tap.skip('%s: the C under valgrind' % name, 'valgrind is not installed (Debian: apt-get install valgrind)')
        return
    r = compile_c(out, extra=['-g', '-O1'], exe='net_q_vg')
    if not tap.check(r.returncode == 0, '%s: the C compiles for valgrind' % name, r.stderr):
        return
    xin, yout = os.path.join(out, 'in_vg.f32'), os.path.join(out, 'out_vg.f32')
    x.numpy().astype('<f4').tofile(xin)
    r = subprocess.run([vg, '-q', '--error-exitcode=99', '--leak-check=full', '--errors-for-leak-kinds=definite,indirect',
                        os.path.join(out, 'net_q_vg'), weights, xin, yout], capture_output=True, text=True)
    got = np.fromfile(yout, dtype='<f4') if r.returncode == 0 else None
    same = got is not None and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    tap.check(r.returncode == 0 and not r.stderr.strip() and same,
              '%s: the C runs clean under valgrind, and gives the same output' % name,
              r.stderr or 'exit status %d' % r.returncode)


def check_seed():
    path = os.path.join(common.REPO, 'examples', 'seed', 'net.py')
    out, r = generate('seed_fmnist', path)
    orig, cls = classes(out, path, 'seed_fmnist')
    common.setup_torch(seed=0)
    xtr, ytr = common.load_fashion_mnist('train')
    xte, yte = common.load_fashion_mnist('t10k')
    model = cls()
    common.train(model, xtr, ytr, max_batches=300)
    model.quantize()
    common.calibrate(model, common.calibration_subset(xtr))
    model.freeze()
    weights = os.path.join(out, 'net.qgw')
    model.export(weights)
    compile_c(out)
    with torch.no_grad():
        want = model.quantize_inference(xte).numpy().astype(np.float32)
    r, got = run_c(out, weights, xte)
    got = got.reshape(want.shape) if got is not None else None
    same = got is not None and np.array_equal(got.view(np.uint32), want.view(np.uint32))
    tap.check(same, 'seed: C equals quantize_inference on all 10,000 Fashion-MNIST test images', r.stderr)
    if got is not None:
        acc_c = float((got.argmax(1) == yte.numpy()).mean())
        acc_py = float((want.argmax(1) == yte.numpy()).mean())
        tap.check(acc_c == acc_py, 'seed: same accuracy in C and Python (%.4f, %.4f)' % (acc_c, acc_py))

    # clang too, when it is there: the C must be warning-free on both
    if shutil.which('clang'):
        r = subprocess.run(['clang'] + CFLAGS + ['-DQGEN_MAIN', '-o', os.path.join(out, 'net_q_clang'),
                            os.path.join(out, 'net_q.c'), '-lm'], capture_output=True, text=True)
        tap.check(r.returncode == 0, 'seed: the C compiles with clang %s' % ' '.join(CFLAGS), r.stderr)

    # the sanitizer build, on the same data
    r = compile_c(out, ['-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'], exe='net_q_asan')
    if tap.check(r.returncode == 0, 'seed: the C builds with ASan and UBSan', r.stderr):
        r, got2 = run_c(out, weights, xte[:2000], exe='net_q_asan')
        tap.check(r.returncode == 0 and got2 is not None and
                  np.array_equal(got2.view(np.uint32), want[:2000].reshape(-1).view(np.uint32)),
                  'seed: the sanitizer build runs clean and gives the same outputs', r.stderr)

    # corrupted and foreign weights are refused by init, with an error code
    blob = open(weights, 'rb').read()
    bad = {}
    for n in (0, 3, 24, len(blob) // 2, len(blob) - 1):
        bad['truncated to %d bytes' % n] = blob[:n]
    rng = np.random.default_rng(7)
    for pos in sorted(set(int(p) for p in rng.integers(0, len(blob), 40))):
        b = bytearray(blob)
        b[pos] ^= 1 << int(rng.integers(0, 8))
        bad['bit flip at byte %d' % pos] = bytes(b)
    b = bytearray(blob)
    b[0:4] = b'QGW2'
    bad['wrong magic'] = bytes(b)
    lenet = os.path.join(tmp, 'lenet', 'net.qgw')
    if os.path.exists(lenet):
        bad["another model's weights"] = open(lenet, 'rb').read()
    refused = []
    for what, data in bad.items():
        p = os.path.join(out, 'bad.qgw')
        open(p, 'wb').write(data)
        r, _ = run_c(out, p, xte[:1], exe='net_q_asan' if os.path.exists(os.path.join(out, 'net_q_asan')) else 'net_q')
        if r.returncode == 1 and 'error -' in r.stderr:
            refused.append(what)
        else:
            tap.diag('accepted or crashed on %s: status %d %s' % (what, r.returncode, r.stderr.strip()))
    tap.check(len(refused) == len(bad), 'seed: init refuses %d corrupted or foreign weights files' % len(bad))

    # the weights embedded in the C: no file needed
    out2, r = generate('seed_embedded', path, ['--weights', weights])
    r1 = compile_c(out2)
    if tap.check(r.returncode == 0 and r1.returncode == 0, 'seed: --weights embeds the weights in the C', r.stderr + r1.stderr):
        xin, yout = os.path.join(out2, 'in.f32'), os.path.join(out2, 'out.f32')
        xte[:100].numpy().astype('<f4').tofile(xin)
        r = subprocess.run([os.path.join(out2, 'net_q'), xin, yout], capture_output=True, text=True)
        got3 = np.fromfile(yout, dtype='<f4') if r.returncode == 0 else None
        tap.check(got3 is not None and np.array_equal(got3.view(np.uint32), want[:100].reshape(-1).view(np.uint32)),
                  'seed: the embedded-weights program runs without a weights file, same outputs', r.stderr)


def main():
    if not os.access(QGEN, os.X_OK):
        print('Bail out! no qgen binary at %s (set QGEN)' % QGEN)
        return 1
    only = sys.argv[1:]    # example names: run those only (the Fashion-MNIST part with 'seed')
    for d in sorted(os.listdir(os.path.join(common.REPO, 'examples'))):
        path = os.path.join(common.REPO, 'examples', d, 'net.py')
        if os.path.exists(path) and (not only or d in only):
            tap.run('%s: every check ran' % d, lambda: check_model(d, path))
    if not only or 'seed' in only:
        tap.run('seed: Fashion-MNIST, sanitizers, corrupted weights', check_seed)
    status = tap.done()
    shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == '__main__':
    sys.exit(main())
