#!/usr/bin/env python3
"""Run every example model in PyTorch on a random input of its declared shape.

usage: check_examples.py [FILE...]   (default: examples/*/net.py)

For each file: reads `# qgen: input-shape=N,C,H,W`, builds the model the way
fx_reference.py does (its `# qgen: model=EXPR` comment, else the class it
picks), runs it in eval mode and prints the parameter count and the output
shape.  Exit 1 if any model fails to run.
Run it with the interpreter that tests/torch-python prints.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fx_reference  # noqa: E402

SHAPE_RE = re.compile(r"^#\s*qgen:\s*input-shape=([0-9,\s]+)$", re.M)


def input_shape(path):
    with open(path, encoding="utf-8") as f:
        m = SHAPE_RE.search(f.read())
    if not m:
        return None
    return tuple(int(v) for v in m.group(1).replace(" ", "").split(","))


def main(argv):
    import torch
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = argv or sorted(glob.glob(os.path.join(top, "examples", "*", "net.py")))
    failed = 0
    for path in files:
        rel = os.path.relpath(path, top)
        shape = input_shape(path) or (1, 1, 28, 28)
        try:
            module = fx_reference.load(path)
            model, what = fx_reference.build_model(path, module)
            model.eval()
            torch.manual_seed(0)
            with torch.no_grad():
                y = model(torch.randn(*shape))
            params = sum(p.numel() for p in model.parameters())
            print("%-36s %-18s model=%-20s params=%-8d out=%s"
                  % (rel, "x".join(map(str, shape)), what, params, tuple(y.shape)))
        except SystemExit:
            failed += 1
        except Exception as exc:  # noqa: BLE001
            failed += 1
            print("%-36s FAILED: %s" % (rel, fx_reference.one_line(exc)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
