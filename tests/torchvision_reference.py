#!/usr/bin/env python3
"""torch.fx references for torchvision's own model builders, in one process.

usage: torchvision_reference.py OUTDIR NAME=EXPR...

Prints torchvision's package directory on stdout, then for each NAME=EXPR
evaluates EXPR in torchvision.models' namespace (`resnet18()`,
`googlenet(aux_logits=False, init_weights=False)`) and writes
OUTDIR/NAME.fx: print(torch.fx.symbolic_trace(model.eval())) without the
hint line, exactly as tests/fx_reference.py prints it; or OUTDIR/NAME.err
with the reason it failed.

ShuffleNetV2 cannot be traced by torch.fx 1.13 on Python 3.11 as written:
InvertedResidual.forward has `x1, x2 = x.chunk(2, dim=1)` and
channel_shuffle `batchsize, num_channels, height, width = x.size()`, and FX's
Proxy unpacking misses on 3.11 (see fx_reference.allow_proxy_unpacking).
For shufflenet_v2_* the reference is traced with both functions patched in
this process (no file is touched) to index the results explicitly
(`c = x.chunk(2, dim=1); x1 = c[0]; x2 = c[1]`), which records the
chunk/getitem nodes FX's own unpacking records.  As a check of that patch,
the unpatched model is then traced again with FX's unpacking mended; the
result goes to OUTDIR/NAME.crosscheck: "same", or how it differs.

Exit status: 0 (per-model failures are in the .err files); 4 torchvision
cannot be imported; 2 usage.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fx_reference  # noqa: E402


def patched_shufflenet(shufflenetv2):
    """(install, restore): swap InvertedResidual.forward for one that indexes
    x.chunk(...) and x.size() explicitly; everything else as written."""
    import torch

    def channel_shuffle(x, groups):
        size = x.size()
        batchsize = size[0]
        num_channels = size[1]
        height = size[2]
        width = size[3]
        channels_per_group = num_channels // groups
        x = x.view(batchsize, groups, channels_per_group, height, width)
        x = torch.transpose(x, 1, 2).contiguous()
        x = x.view(batchsize, -1, height, width)
        return x

    def forward(self, x):
        if self.stride == 1:
            c = x.chunk(2, dim=1)
            x1 = c[0]
            x2 = c[1]
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        out = channel_shuffle(out, 2)
        return out

    cls = shufflenetv2.InvertedResidual
    original = cls.forward

    def install():
        cls.forward = forward

    def restore():
        cls.forward = original
    return install, restore


def main(argv):
    if len(argv) < 1:
        sys.stderr.write("usage: torchvision_reference.py OUTDIR NAME=EXPR...\n")
        return 2
    outdir, specs = argv[0], argv[1:]
    try:
        import torch
        import torchvision
        import torchvision.models as models
        from torchvision.models import shufflenetv2
    except Exception as exc:  # noqa: BLE001
        sys.stderr.write("torchvision_reference.py: cannot import torchvision: %s\n"
                         % fx_reference.one_line(exc))
        return 4
    print(os.path.dirname(os.path.abspath(torchvision.__file__)))
    sys.stdout.flush()
    torch.manual_seed(0)
    os.makedirs(outdir, exist_ok=True)

    def write(name, ext, text):
        with open(os.path.join(outdir, name + ext), "w", encoding="utf-8") as f:
            f.write(text)

    def build(expr):
        model = eval(expr, vars(models))  # noqa: S307 - our own list
        if not isinstance(model, torch.nn.Module):
            raise TypeError("%s is not an nn.Module" % expr)
        return model

    deferred = []
    for spec in specs:
        name, _, expr = spec.partition("=")
        shuffle = name.startswith("shufflenet_v2")
        if shuffle:
            install, restore = patched_shufflenet(shufflenetv2)
            install()
        try:
            write(name, ".fx", fx_reference.fx_text(build(expr)))
        except Exception as exc:  # noqa: BLE001
            write(name, ".err", "%s: %s\n" % (expr, fx_reference.one_line(exc)))
        finally:
            if shuffle:
                restore()
        if shuffle:
            deferred.append((name, expr))

    # after every other model: the patch against FX's own unpacking, mended
    fx_reference.allow_proxy_unpacking()
    for name, expr in deferred:
        try:
            want = open(os.path.join(outdir, name + ".fx"), encoding="utf-8").read()
            got = fx_reference.fx_text(build(expr))
            if got == want:
                write(name, ".crosscheck", "same\n")
            else:
                import difflib
                write(name, ".crosscheck", "".join(difflib.unified_diff(
                    want.splitlines(True), got.splitlines(True),
                    "patched forward", "FX unpacking")))
        except Exception as exc:  # noqa: BLE001
            write(name, ".crosscheck", "failed: %s\n" % fx_reference.one_line(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
