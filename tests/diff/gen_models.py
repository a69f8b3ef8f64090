"""gen_models.py: random, valid PyTorch model files (in the spirit of Csmith).

gen(seed) -> the text of a model file: a random sequence of stages, each a
Conv2d (random kernel, stride, padding, groups that divide), BatchNorm2d,
an activation (module or functional), a pool, a residual add or difference
(`+`, `-`, `torch.sub`, `.sub`) or a cat of two branches, a squeeze-and-
excitation gate (average or max pooled) or a mean subtracted with
broadcasting, nearest or bilinear upsampling, a transposed conv, a channel
slice (`x[:, :c]`), zero padding (F.pad, nn.ZeroPad2d), an nn.Sequential or nn.ModuleList built in a loop, a helper
function, a reused module; then either flatten and Linear layers or tokens
(`flatten(2).transpose(1, 2)`) through a Linear on their last dim and a mean.
One program in four is 1-D instead ([N, C, L]: Conv1d, BatchNorm1d, the 1-D
pools, functional and module forms).  Shapes are tracked so that every
program is valid for its `# qgen: input-shape=`.
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
        if self.d1:
            return self.conv1d(c, w, x)
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

    def conv1d(self, c, w, x):
        r = self.r
        k = r.choice([1, 3, 5] if w >= 5 else [1])
        s = r.choice([1, 1, 2]) if w >= 4 else 1
        d = r.choice([1, 1, 2]) if w >= 2 * k and s == 1 else 1
        p = d * (k // 2) if r.random() < 0.7 else 0
        co = r.choice([4, 8, 8, 16])
        g = r.choice([g for g in (1, 2, 4) if c % g == 0 and co % g == 0])
        m = self.name('conv')
        extra = (', dilation=%d' % d if d > 1 else '') + (', groups=%d' % g if g > 1 else '')
        self.init.append('self.%s = nn.Conv1d(%d, %d, %d, stride=%d, padding=%d%s)' % (m, c, co, k, s, p, extra))
        self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        return co, 1, (w + 2 * p - d * (k - 1) - 1) // s + 1

    def pointwise(self, kind, c, x, bn):
        """The stages that keep the shape in 2-D and 1-D alike: a BatchNorm,
        an activation module, a functional activation."""
        if kind == 'bn':
            m = self.name('bn')
            self.init.append('self.%s = %s(%d)' % (m, bn, c))
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        elif kind == 'act':
            m = self.name('act')
            self.init.append('self.%s = %s' % (m, self.r.choice(ACTS)))
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
        else:
            self.fwd.append('%s = %s(%s)' % (x, self.r.choice(FACTS), x))

    def stage(self, c, h, w, x, depth=0):
        r = self.r
        if self.d1:
            return self.stage1d(c, w, x)
        if r.random() < 0.2:
            return self.stage_more(c, h, w, x)
        kind = r.choice(['conv', 'conv', 'bn', 'act', 'fact', 'pool', 'res', 'cat', 'seq', 'list', 'helper'])
        if kind == 'conv':
            return self.conv(c, h, w, x)
        if kind in ('bn', 'act', 'fact'):
            self.pointwise(kind, c, x, 'nn.BatchNorm2d')
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

    def stage_more(self, c, h, w, x):
        """The newer forms: differences, gates, upsampling."""
        r = self.r
        kind = r.choice(['sub', 'sub', 'se', 'center', 'up', 'convt', 'slice', 'pad', 'maxgate'])
        if kind == 'sub':
            m, y = self.name('res'), self.name('y')
            self.init.append('self.%s = nn.Conv2d(%d, %d, 3, padding=1)' % (m, c, c))
            self.fwd.append('%s = self.%s(%s)' % (y, m, x))
            self.fwd.append('%s = %s' % (x, r.choice(['%s - %s', 'torch.sub(%s, %s)', '%s.sub(%s)']) % (
                (x, y) if r.random() < 0.5 else (y, x))))
        elif kind == 'se':
            m = self.name('gate')
            self.init.append('self.%s = nn.Conv2d(%d, %d, 1)' % (m, c, c))
            self.fwd.append('%s = %s * torch.sigmoid(self.%s(%s.mean((2, 3), keepdim=True)))' % (x, x, m, x))
        elif kind == 'center':
            self.fwd.append('%s = %s - %s.mean(1, keepdim=True)' % (x, x, x))
        elif kind == 'convt' and max(h, w) <= 8:
            m, k = self.name('upconv'), r.choice([2, 3, 4])
            p = {2: 0, 3: 1, 4: 1}[k]
            op = 1 if k == 3 else 0
            self.init.append('self.%s = nn.ConvTranspose2d(%d, %d, %d, stride=2, padding=%d%s)'
                             % (m, c, c, k, p, ', output_padding=1' if op else ''))
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
            return c, (h - 1) * 2 - 2 * p + k + op, (w - 1) * 2 - 2 * p + k + op
        elif kind == 'slice' and c >= 2:
            form = r.choice(['%s[:, :%d]', '%s[:, %d:]'])
            half = c // 2
            self.fwd.append('%s = %s' % (x, form % (x, half)))
            return (half if form.endswith(':%d]') else c - half), h, w
        elif kind == 'pad':
            if r.random() < 0.5:
                self.fwd.append('%s = F.pad(%s, [1, 1, 0, 1])' % (x, x))
                return c, h + 1, w + 2
            m = self.name('pad')
            self.init.append('self.%s = nn.ZeroPad2d(1)' % m)
            self.fwd.append('%s = self.%s(%s)' % (x, m, x))
            return c, h + 2, w + 2
        elif kind == 'maxgate':
            self.fwd.append('%s = %s * torch.sigmoid(F.adaptive_max_pool2d(%s, 1))' % (x, x, x))
        elif kind == 'up' and max(h, w) <= 8:
            mode = r.choice(["'nearest'", "'bilinear'", "'bilinear', align_corners=True"])
            self.fwd.append('%s = F.interpolate(%s, scale_factor=2, mode=%s)' % (x, x, mode))
            return c, 2 * h, 2 * w
        return c, h, w

    def stage1d(self, c, w, x):
        r = self.r
        kind = r.choice(['conv', 'conv', 'bn', 'act', 'fact', 'pool', 'res', 'cat', 'gap'])
        if kind == 'conv':
            return self.conv1d(c, w, x)
        if kind in ('bn', 'act', 'fact'):
            self.pointwise(kind, c, x, 'nn.BatchNorm1d')
        elif kind == 'pool' and w >= 4:
            k = r.choice([2, 3])
            st = r.choice([1, 2]) if k == 3 else 2
            pad = 1 if k == 3 and r.random() < 0.5 else 0
            form = r.choice(['MaxPool1d', 'AvgPool1d', 'F.max_pool1d', 'F.avg_pool1d'])
            if form.startswith('F.'):
                self.fwd.append('%s = %s(%s, %d, stride=%d, padding=%d)' % (x, form, x, k, st, pad))
            else:
                m = self.name('pool')
                self.init.append('self.%s = nn.%s(%d, stride=%d, padding=%d)' % (m, form, k, st, pad))
                self.fwd.append('%s = self.%s(%s)' % (x, m, x))
            return c, 1, (w + 2 * pad - k) // st + 1
        elif kind == 'res':
            m, y = self.name('res'), self.name('y')
            self.init.append('self.%s = nn.Sequential(nn.Conv1d(%d, %d, 3, padding=1, bias=False), nn.BatchNorm1d(%d))'
                             % (m, c, c, c))
            self.fwd.append('%s = self.%s(%s)' % (y, m, x))
            self.fwd.append('%s = %s' % (x, r.choice(['F.relu(%s + %s)', '%s - %s', 'torch.add(%s, %s)']) % (x, y)))
        elif kind == 'cat':
            a, b = self.name('a'), self.name('b')
            ca, cb = r.choice([2, 4]), r.choice([2, 4])
            self.init.append('self.%s = nn.Conv1d(%d, %d, 1)' % (a, c, ca))
            self.init.append('self.%s = nn.Conv1d(%d, %d, 3, padding=1)' % (b, c, cb))
            self.fwd.append('%s = torch.cat([self.%s(%s), self.%s(%s)], dim=1)' % (x, a, x, b, x))
            return ca + cb, 1, w
        elif kind == 'gap' and w >= 2:
            o = r.choice([1, 2])
            if r.random() < 0.5:
                m = self.name('gap')
                self.init.append('self.%s = nn.AdaptiveAvgPool1d(%d)' % (m, o))
                self.fwd.append('%s = self.%s(%s)' % (x, m, x))
            else:
                self.fwd.append('%s = F.adaptive_avg_pool1d(%s, %d)' % (x, x, o))
            return c, 1, o
        return c, 1, w

    def program(self):
        r = self.r
        self.d1 = r.random() < 0.25
        c, h, w = r.choice([1, 3]), r.choice([8, 12, 16]), r.choice([8, 12, 16])
        if self.d1:
            h, w = 1, r.choice([16, 32, 50])
        shape = (1, c, w) if self.d1 else (1, c, h, w)
        c, h, w = self.conv(c, h, w, 'x')
        for _ in range(r.randint(1, 8)):
            c, h, w = self.stage(c, h, w, 'x')
        if not self.d1 and r.random() < 0.2:
            # tokens [N, H*W, C] through a Linear on their last dim, then their mean
            m, out = self.name('tok'), r.choice([8, 16])
            self.init.append('self.%s = nn.Linear(%d, %d)' % (m, c, out))
            self.fwd.append('x = self.%s(x.flatten(2).transpose(1, 2))' % m)
            self.fwd.append('x = x.mean(dim=1)')
            c, h, w = out, 1, 1
        else:
            self.fwd.append('x = torch.flatten(x, 1)')
        feat = c * h * w
        for k in range(r.randint(1, 2)):
            m, out = self.name('fc'), r.choice([10, 16, 32])
            self.init.append('self.%s = nn.Linear(%d, %d)' % (m, feat, out))
            self.fwd.append('x = self.%s(x)' % m)
            feat = out
        lines = ['# generated by tests/diff/gen_models.py', '# qgen: input-shape=' + ','.join(map(str, shape)),
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
