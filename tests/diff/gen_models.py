"""gen_models.py: random, valid PyTorch model files (in the spirit of Csmith).

gen(seed) -> the text of a model file: a random sequence of stages, each a
Conv2d (random kernel, stride, padding, groups that divide), BatchNorm2d,
an activation (module or functional), a pool, a residual add or a cat of
two branches, an nn.Sequential or nn.ModuleList built in a loop, a helper
function, a reused module; then flatten and Linear layers.  Shapes are
tracked so that every program is valid for its `# qgen: input-shape=`.
"""
import random

ACTS = ['nn.ReLU()', 'nn.ReLU6()', 'nn.Hardswish()', 'nn.Sigmoid()', 'nn.Tanh()', 'nn.SiLU()',
        'nn.LeakyReLU(0.1)']
FACTS = ['F.relu', 'torch.relu', 'torch.sigmoid', 'torch.tanh', 'F.hardswish', 'F.silu']


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.init = []
        self.fwd = []
        self.helpers = []
        self.n = 0

    def name(self, base):
        self.n += 1
        return '%s%d' % (base, self.n)

    def conv(self, c, h, w, x):
        r = self.r
        k = r.choice([1, 3] if min(h, w) >= 3 else [1])
        s = r.choice([1, 1, 2]) if min(h, w) >= 4 else 1
        p = k // 2 if r.random() < 0.7 else 0
        co = r.choice([4, 8, 8, 16])
        g = r.choice([g for g in (1, 2, 4) if c % g == 0 and co % g == 0])
        m = self.name('conv')
        self.init.append('self.%s = nn.Conv2d(%d, %d, %d, stride=%d, padding=%d%s)'
                         % (m, c, co, k, s, p, ', groups=%d' % g if g > 1 else ''))
        self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        return co, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1

    def stage(self, c, h, w, x, depth=0):
        r = self.r
        kind = r.choice(['conv', 'conv', 'bn', 'act', 'fact', 'pool', 'res', 'cat', 'seq', 'list', 'helper'])
        if kind == 'conv' or (kind == 'bn' and False):
            return self.conv(c, h, w, x)
        if kind == 'bn':
            m = self.name('bn')
            self.init.append('self.%s = nn.BatchNorm2d(%d)' % (m, c))
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        elif kind == 'act':
            m = self.name('act')
            self.init.append('self.%s = %s' % (m, r.choice(ACTS)))
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        elif kind == 'fact':
            self.fwd.append('%s = %s(%s)' % (x, r.choice(FACTS), x))
        elif kind == 'pool' and min(h, w) >= 2:
            if r.random() < 0.5:
                m = self.name('pool')
                self.init.append('self.%s = nn.%s(2)' % (m, r.choice(['MaxPool2d', 'AvgPool2d'])))
                self.fwd.append('%s = self.%s(%s)' % (x, m, x))
            else:
                self.fwd.append('%s = %s(%s, 2)' % (x, r.choice(['F.max_pool2d', 'F.avg_pool2d']), x))
            return c, h // 2, w // 2
        elif kind == 'res' and depth < 2:
            m = self.name('res')
            self.init.append('self.%s = nn.Conv2d(%d, %d, 3, padding=1)' % (m, c, c))
            y = self.name('y')
            self.fwd.append('%s = self.%s(%s)' % (y, m, x))
            self.fwd.append('%s = %s + %s' % (x, x, y))
        elif kind == 'cat' and depth < 2:
            a, b = self.name('a'), self.name('b')
            ca, cb = r.choice([2, 4]), r.choice([2, 4])
            self.init.append('self.%s = nn.Conv2d(%d, %d, 1)' % (a, c, ca))
            self.init.append('self.%s = nn.Conv2d(%d, %d, 1)' % (b, c, cb))
            self.fwd.append('%s = torch.cat([self.%s(%s), self.%s(%s)], dim=1)' % (x, a, x, b, x))
            return ca + cb, h, w
        elif kind == 'seq':
            m, n = self.name('seq'), r.randint(1, 3)
            self.init.append('self.%s = nn.Sequential(*[nn.Sequential(nn.Conv2d(%d, %d, 3, padding=1), %s) '
                             'for _ in range(%d)])' % (m, c, c, r.choice(ACTS), n))
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        elif kind == 'list':
            m, n = self.name('blocks'), r.randint(1, 3)
            self.init.append('self.%s = nn.ModuleList()' % m)
            self.init.append('for i in range(%d):' % n)
            self.init.append('    self.%s.append(nn.Conv2d(%d, %d, 1))' % (m, c, c))
            self.fwd.append('for layer in self.%s:' % m)
            self.fwd.append('    %s = F.relu(layer(%s))' % (x, x))
        elif kind == 'helper':
            f = self.name('helper')
            self.helpers.append('def %s(t, k=2):\n    return %s(t) * k\n' % (f, r.choice(FACTS)))
            self.fwd.append('%s = %s(%s)' % (x, f, x))
        return c, h, w

    def program(self):
        r = self.r
        c, h, w = r.choice([1, 3]), r.choice([8, 12, 16]), r.choice([8, 12, 16])
        shape = (1, c, h, w)
        c, h, w = self.conv(c, h, w, 'x')
        for _ in range(r.randint(1, 8)):
            c, h, w = self.stage(c, h, w, 'x')
        self.fwd.append('x = torch.flatten(x, 1)')
        feat = c * h * w
        for k in range(r.randint(1, 2)):
            m, out = self.name('fc'), r.choice([10, 16, 32])
            self.init.append('self.%s = nn.Linear(%d, %d)' % (m, feat, out))
            self.fwd.append('x = self.%s(x)' % m)
            feat = out
        lines = ['# generated by tests/diff/gen_models.py', '# qgen: input-shape=%d,%d,%d,%d' % shape,
                 'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '', '']
        for hlp in self.helpers:
            lines += [hlp, '']
        lines += ['class Net(nn.Module):', '    def __init__(self):', '        super().__init__()']
        lines += ['        ' + s for s in self.init]
        lines += ['', '    def forward(self, x):']
        lines += ['        ' + s for s in self.fwd]
        lines += ['        return x', '']
        return '\n'.join(lines)


def gen(seed):
    return Gen(seed).program()


if __name__ == '__main__':
    import sys
    print(gen(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
