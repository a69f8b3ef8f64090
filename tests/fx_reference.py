#!/usr/bin/env python3
"""Print what torch.fx prints for a model file: the reference for `qgen --emit fx`.

usage: fx_reference.py FILE [--class NAME]

Imports FILE (by path, with its directory on sys.path), picks the model class,
instantiates it with no arguments, runs torch.fx.symbolic_trace on it and
prints `print(gm)`'s text without the closing hint line that PyTorch 1.13
appends ("# To see more debug info, please use `graph_module.print_readable()`").

Class choice without --class: among the nn.Module subclasses defined in FILE,
those that no other class of FILE refers to by name (in its body: a call,
`block = Cls`, a default argument, a base class) are candidates; the one
defined last wins.

Exit status: 0 traced and printed; 1 the file could not be imported or the
class not found or instantiated; 2 usage; 3 torch.fx could not trace the
model (the exception's first line goes to stderr).

Run it with the interpreter that tests/torch-python prints.
"""

import argparse
import ast
import importlib.util
import os
import sys

HINT_PREFIX = "# To see more debug info"


def die(status, msg):
    sys.stderr.write("fx_reference.py: %s\n" % msg)
    sys.exit(status)


def one_line(exc):
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return "%s: %s" % (type(exc).__name__, first) if first else type(exc).__name__


def class_defs(tree):
    """Top-level class definitions in source order."""
    return [n for n in tree.body if isinstance(n, ast.ClassDef)]


def names_used_in(node):
    used = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            used.add(sub.id)
    return used


def pick_class(path, module, wanted):
    import torch.nn as nn

    if wanted is not None:
        cls = getattr(module, wanted, None)
        if not (isinstance(cls, type) and issubclass(cls, nn.Module)):
            die(1, "%s: no nn.Module subclass named %r" % (path, wanted))
        return cls

    with open(path, "rb") as f:
        tree = ast.parse(f.read(), filename=path)
    defs = class_defs(tree)
    modules = []
    for cd in defs:
        obj = getattr(module, cd.name, None)
        if isinstance(obj, type) and issubclass(obj, nn.Module) \
                and obj.__module__ == module.__name__:
            modules.append(cd)
    if not modules:
        die(1, "%s: no nn.Module subclass defined in this file" % path)
    candidates = []
    for cd in modules:
        referenced = any(cd.name in names_used_in(other)
                         for other in defs if other is not cd)
        if not referenced:
            candidates.append(cd)
    chosen = (candidates or modules)[-1]
    return getattr(module, chosen.name)


def load(path):
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        die(1, "%s: no such file" % path)
    sys.path.insert(0, os.path.dirname(path))
    name = "_qgen_fx_reference_model"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        die(1, "%s: cannot import" % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001 - report any import failure
        die(1, "%s: import failed: %s" % (path, one_line(exc)))
    return module


def strip_hint(text):
    lines = text.split("\n")
    while lines and lines[-1].startswith(HINT_PREFIX):
        lines.pop()
    return "\n".join(lines)


def main(argv):
    ap = argparse.ArgumentParser(prog="fx_reference.py",
                                 description="print torch.fx.symbolic_trace(Model()) like qgen --emit fx")
    ap.add_argument("file")
    ap.add_argument("--class", dest="cls", default=None, metavar="NAME")
    args = ap.parse_args(argv)

    try:
        import torch
        import torch.fx
    except Exception as exc:  # noqa: BLE001
        die(1, "cannot import torch with %s: %s" % (sys.executable, one_line(exc)))

    module = load(args.file)
    cls = pick_class(args.file, module, args.cls)
    try:
        model = cls()
    except Exception as exc:  # noqa: BLE001
        die(1, "%s: %s() failed: %s" % (args.file, cls.__name__, one_line(exc)))
    try:
        gm = torch.fx.symbolic_trace(model)
    except Exception as exc:  # noqa: BLE001 - any tracing failure is "FX cannot trace"
        die(3, "%s: torch.fx cannot trace %s: %s" % (args.file, cls.__name__, one_line(exc)))

    # print(gm) writes str(gm) + "\n"; str(gm) is module repr, "\n", code,
    # "\n", hint.  Drop the hint line only.
    out = strip_hint(str(gm)) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
