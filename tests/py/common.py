"""Shared helpers of qgen's Python tests and benchmarks.

Importing this module puts templates/ (qgen_runtime) and tests/py/ (seed_q)
on sys.path.  Everything here is deterministic for a given seed.
"""

import gzip
import importlib.util
import inspect
import os
import struct
import sys
import time
import traceback


def _run_under_torch_python():
    """A script run by a python3 that cannot import torch (the first on PATH
    may be another interpreter) runs itself again under the one that can,
    as tests/torch-python finds it."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get('QGEN_REEXECED'):
        sys.exit('%s: this Python cannot import torch, nor could the one tests/torch-python found' % sys.argv[0])
    import subprocess
    finder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'torch-python')
    r = subprocess.run([finder], capture_output=True, text=True)
    if r.returncode:
        sys.exit(r.stderr.strip())
    os.environ['QGEN_REEXECED'] = '1'
    py = r.stdout.strip()
    os.execv(py, [py] + sys.argv)


_run_under_torch_python()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for _p in (os.path.join(REPO, 'templates'), os.path.join(REPO, 'tests', 'py')):
    if _p not in sys.path:
        sys.path.insert(0, _p)

FASHION_DIR = os.environ.get('QGEN_FASHION_MNIST', '/usr/share/datasets/fashion-mnist')


def setup_torch(seed=0, threads=2):
    """Seed everything and fix the thread count (QGEN_TORCH_THREADS overrides it:
    on a machine whose cores are shared, one thread can be much faster)."""
    torch.set_num_threads(int(os.environ.get('QGEN_TORCH_THREADS', threads)))
    torch.manual_seed(seed)
    np.random.seed(seed)


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

def _read_idx(path):
    """An IDX file (gzip or plain) -> numpy array."""
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    zero, dtype_code, ndim = struct.unpack_from('>HBB', data, 0)
    if zero != 0 or dtype_code != 0x08:
        raise ValueError('%s: not an unsigned-byte IDX file' % path)
    dims = struct.unpack_from('>%dI' % ndim, data, 4)
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if arr.size != int(np.prod(dims)):
        raise ValueError('%s: truncated' % path)
    return arr.reshape(dims)


def _find(directory, stem):
    for name in (stem + '.gz', stem):
        p = os.path.join(directory, name)
        if os.path.exists(p):
            return p
    raise FileNotFoundError('Fashion-MNIST file %s not found in %s' % (stem, directory))


def load_fashion_mnist(split, directory=FASHION_DIR):
    """split 'train' or 't10k' -> (images float32 [N, 1, 28, 28] in [0, 1], labels int64 [N])."""
    images = _read_idx(_find(directory, '%s-images-idx3-ubyte' % split))
    labels = _read_idx(_find(directory, '%s-labels-idx1-ubyte' % split))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------

def load_python_file(path, module_name):
    """Import a Python file as a module under the given name."""
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def qgen_comment(path, key):
    """The value of the first `# qgen: KEY=VALUE` line of a model file (None if
    there is none); for a bare `# qgen: KEY` line, True."""
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line.startswith('#'):
                continue
            body = line[1:].strip()
            if not body.startswith('qgen:'):
                continue
            body = body[len('qgen:'):].strip()
            if body == key:
                return True
            if body.startswith(key + '='):
                return body[len(key) + 1:].strip()
    return None


def find_model_class(module, name=None):
    """The nn.Module subclass defined in `module` (by name, or the only/last one)."""
    if name is not None:
        return getattr(module, name)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass)
               if issubclass(c, nn.Module) and c.__module__ == module.__name__]
    if not classes:
        raise LookupError('no nn.Module subclass in %s' % module.__name__)
    classes.sort(key=lambda c: inspect.getsourcelines(c)[1])
    return classes[-1]


def seed_float_class():
    """examples/seed/net.py's model class (the unmodified float model)."""
    mod = load_python_file(os.path.join(REPO, 'examples', 'seed', 'net.py'), 'seed_net')
    return find_model_class(mod)


def seed_quant_class():
    """tests/py/seed_q.py's model class (the seed with qgen's generated methods)."""
    import seed_q
    return find_model_class(seed_q)


# ---------------------------------------------------------------------------
# Training and evaluation
# ---------------------------------------------------------------------------

def train(model, x, y, epochs=1, batch_size=64, lr=1e-3, seed=0, forward=None,
          max_batches=None, optimizer='adam', log=None):
    """Mini-batch training with a seeded shuffle; `forward` defaults to model.__call__
    (pass model.quantize_forward for QAT).  Returns the mean loss of the last epoch."""
    forward = forward or model
    opt = (torch.optim.Adam(model.parameters(), lr=lr) if optimizer == 'adam'
           else torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9))
    gen = torch.Generator().manual_seed(seed)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    steps = 0
    mean = float('nan')
    for epoch in range(epochs):
        perm = torch.randperm(len(x), generator=gen)
        total, count = 0.0, 0
        for i in range(0, len(x), batch_size):
            idx = perm[i:i + batch_size]
            opt.zero_grad()
            loss = loss_fn(forward(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
            count += len(idx)
            steps += 1
            if max_batches is not None and steps >= max_batches:
                break
        mean = total / max(count, 1)
        if log:
            log('epoch %d: loss %.4f (%d batches)' % (epoch + 1, mean, steps))
        if max_batches is not None and steps >= max_batches:
            break
    model.eval()
    return mean


@torch.no_grad()
def recalibrate_batchnorm(model, x, batches=50, batch_size=128):
    """Re-estimate every BatchNorm's running mean and variance on the model's
    current weights: reset them and average over `batches` training batches
    (momentum None: a cumulative average), then return to eval mode."""
    bns = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    saved = [m.momentum for m in bns]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    model.train()
    for i in range(0, min(len(x), batches * batch_size), batch_size):
        model(x[i:i + batch_size])
    for m, mom in zip(bns, saved):
        m.momentum = mom
    model.eval()


@torch.no_grad()
def accuracy(fn, x, y, batch_size=100):
    """Fraction of correct argmax predictions of fn over (x, y), in batches."""
    correct = 0
    for i in range(0, len(x), batch_size):
        correct += int((fn(x[i:i + batch_size]).argmax(1) == y[i:i + batch_size]).sum())
    return correct / len(x)


@torch.no_grad()
def calibrate(model, x, batch_size=100):
    """PTQ calibration: eval mode, no grad, quantize_forward over x."""
    model.eval()
    for i in range(0, len(x), batch_size):
        model.quantize_forward(x[i:i + batch_size])


def calibration_subset(x, n=1000, seed=1234):
    """n training images chosen with a fixed seed."""
    idx = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))[:n]
    return x[idx]


# ---------------------------------------------------------------------------
# TAP output
# ---------------------------------------------------------------------------

class TAP:
    """Minimal TAP producer: check()/run() print `ok N - ...`; done() prints the
    plan and returns the exit status (1 if anything failed)."""

    def __init__(self):
        self.n = 0
        self.failed = 0
        self.t0 = time.time()

    def diag(self, msg):
        for line in str(msg).splitlines():
            print('# ' + line, flush=True)

    todo = None   # a reason: a failing check is then a known one (TAP TODO, Automake's XFAIL)

    def check(self, cond, desc, detail=None):
        self.n += 1
        ok = bool(cond)
        if not ok and not self.todo:
            self.failed += 1
        print('%s %d - %s%s' % ('ok' if ok else 'not ok', self.n, desc,
                                ' # TODO ' + self.todo if self.todo and not ok else ''), flush=True)
        if detail is not None and (not ok or os.environ.get('TAP_VERBOSE')):
            self.diag(detail)
        return ok

    def skip(self, desc, reason):
        """One test that is not run: `ok N - desc # SKIP reason`."""
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, desc, reason), flush=True)

    def run(self, desc, fn):
        """Run fn() as one test: it passes if it returns without raising
        (an AssertionError's message is printed as a diagnostic)."""
        t0 = time.time()
        try:
            fn()
        except Exception:
            self.check(False, desc, traceback.format_exc())
            return False
        ok = self.check(True, desc)
        if os.environ.get('TAP_VERBOSE'):
            self.diag('%.1f s' % (time.time() - t0))
        return ok

    def done(self):
        print('1..%d' % self.n)
        self.diag('%d failed, %.1f s' % (self.failed, time.time() - self.t0))
        return 1 if self.failed or self.n == 0 else 0
