#!/usr/bin/env python3
"""Print what torch.fx prints for a model file: the reference for `qgen --emit fx`.

usage: fx_reference.py FILE [--class NAME | --model EXPR]

Imports FILE as a module the way Python would if you ran your code next to it
(see load()), builds the model, puts it in eval mode, runs
torch.fx.symbolic_trace on it and prints `print(gm)`'s text without the
closing hint line that PyTorch 1.13 appends ("# To see more debug info,
please use `graph_module.print_readable()`").

The model, first match wins:
  --model EXPR        EXPR evaluated in FILE's module namespace
                      (`--model "ResNet(BasicBlock, [2, 2, 2, 2])"`);
  --class NAME        NAME() -- the class called with no arguments;
  a comment line      `# qgen: model=EXPR` in FILE, as --model EXPR;
  otherwise           the class chosen by pick_class(), called with no
                      arguments.
qgen takes the same --model option and the same comment, and traces the
model in eval mode too: what is compared is symbolic_trace(model.eval()).
(An example that reads self.training, as F.dropout(training=self.training)
does, records `training = False`.)

Class choice without --class: among the nn.Module subclasses defined in FILE,
those that no other class of FILE refers to by name (in its body: a call,
`block = Cls`, a default argument, a base class) are candidates; the one
defined last wins.

Tuple unpacking of a Proxy (`b, c, h, w = x.size()`) is traced the way
torch.fx 1.13 traces it on the Pythons it was released for (up to 3.10): as
one getitem node per target.  On Python 3.11 its instruction lookup misses
(see allow_proxy_unpacking()), so this script mends that lookup first.

Exit status: 0 traced and printed; 1 the file could not be imported or the
model not found or built; 2 usage; 3 torch.fx could not trace the model
(the exception's first line goes to stderr).

Run it with the interpreter that tests/torch-python prints.
"""

import argparse
import ast
import importlib
import importlib.util
import os
import re
import sys

HINT_PREFIX = "# To see more debug info"
MODEL_RE = re.compile(r"^#[ \t]*qgen:[ \t]*model=(.*\S)[ \t]*$", re.M)


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


def model_comment(path):
    """EXPR of the first `# qgen: model=EXPR` line of the file, or None."""
    with open(path, encoding="utf-8") as f:
        m = MODEL_RE.search(f.read())
    return m.group(1) if m else None


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


def build_model(path, module, cls_name=None, expr=None):
    """(model, description): the model the options and the file ask for (not
    yet in eval mode).  Exits 1 if it cannot be built."""
    import torch.nn as nn

    if expr is None and cls_name is None:
        expr = model_comment(path)
    if expr is not None:
        try:
            model = eval(compile(expr, "--model", "eval"), vars(module))  # noqa: S307 - our own test inputs
        except Exception as exc:  # noqa: BLE001
            die(1, "%s: model expression %r failed: %s" % (path, expr, one_line(exc)))
        if not isinstance(model, nn.Module):
            die(1, "%s: model expression %r gives a value of type %s, not an nn.Module"
                % (path, expr, type(model).__name__))
        return model, expr
    cls = pick_class(path, module, cls_name)
    try:
        return cls(), cls.__name__ + "()"
    except Exception as exc:  # noqa: BLE001
        die(1, "%s: %s() failed: %s" % (path, cls.__name__, one_line(exc)))


# What the previous load() added, so that the next one starts clean (the
# examples are all called net.py, and check_examples.py loads them all in one
# process).
_loaded = {"path": None, "modules": ()}


def _forget_previous():
    if _loaded["path"] is not None and _loaded["path"] in sys.path:
        sys.path.remove(_loaded["path"])
    for name in _loaded["modules"]:
        sys.modules.pop(name, None)
    _loaded["path"], _loaded["modules"] = None, ()


def module_name_of(path):
    """(directory for sys.path, dotted module name) for a file: its own
    directory and its stem, or -- when its directory holds an __init__.py --
    the directory above its outermost package and the dotted name within it
    (torchvision/models/resnet.py -> torchvision.models.resnet), so that its
    relative imports resolve as they do for its users."""
    directory, base = os.path.split(path)
    parts = [os.path.splitext(base)[0]]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, pkg = os.path.split(directory)
        parts.insert(0, pkg)
    return directory, ".".join(parts)


def load(path):
    """Import FILE as a module from its own directory (sibling files and
    packages importable, relative imports resolved from its package) and
    return the module."""
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        die(1, "%s: no such file" % path)
    _forget_previous()
    root, name = module_name_of(path)
    top = name.split(".")[0]
    cached = sys.modules.get(top)
    if cached is not None and not (getattr(cached, "__file__", None) or "").startswith(root + os.sep):
        # a module of that name is already imported from elsewhere (a stem
        # like `typing`): load the file under a private name instead, with
        # its directory on sys.path for its sibling imports.
        root, name = os.path.dirname(path), "_qgen_fx_reference_model"
    before = set(sys.modules)
    sys.path.insert(0, root)
    try:
        if name == "_qgen_fx_reference_model":
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(name)
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - report any import failure
        die(1, "%s: import failed: %s" % (path, one_line(exc)))
    finally:
        _loaded["path"] = root
        _loaded["modules"] = tuple(set(sys.modules) - before)
    if os.path.abspath(getattr(module, "__file__", "") or "") != path:
        die(1, "%s: importing %s found %s instead" % (path, name, getattr(module, "__file__", None)))
    return module


def allow_proxy_unpacking():
    """Let `a, b = proxy` trace as FX 1.13 does on Python <= 3.10.

    Proxy.__iter__ looks at the caller's current instruction and, if it is
    UNPACK_SEQUENCE n, returns (self[0], ..., self[n-1]) -- n getitem nodes.
    1.13 finds that instruction as `get_instructions(code)[f_lasti // 2]`,
    which assumes one 2-byte instruction per slot; Python 3.11 interleaves
    inline CACHE entries, so the index lands on another instruction and every
    unpacking raises "Proxy object cannot be iterated".  This looks the
    instruction up by its offset instead; nothing else changes.  A no-op
    before 3.11 or where the lookup already works."""
    import dis
    import inspect
    import torch.fx.proxy as fx_proxy

    if sys.version_info < (3, 11) or getattr(fx_proxy.Proxy, "_qgen_unpacking", False):
        return
    try:  # already mended (a later torch)?
        src = inspect.getsource(fx_proxy.Proxy.__iter__)
    except (OSError, TypeError):
        src = ""
    if "f_lasti // 2" not in src:
        return

    def __iter__(self):
        caller = inspect.currentframe().f_back
        for inst in dis.get_instructions(caller.f_code):
            if inst.offset == caller.f_lasti:
                if inst.opname == "UNPACK_SEQUENCE":
                    return (self[i] for i in range(inst.argval))
                break
        return self.tracer.iter(self)

    fx_proxy.Proxy.__iter__ = __iter__
    fx_proxy.Proxy._qgen_unpacking = True


def strip_hint(text):
    lines = text.split("\n")
    while lines and lines[-1].startswith(HINT_PREFIX):
        lines.pop()
    return "\n".join(lines)


def fx_text(model):
    """print(torch.fx.symbolic_trace(model.eval()))'s text minus the hint
    line, as qgen --emit fx prints it.  Raises what symbolic_trace raises."""
    import torch.fx

    gm = torch.fx.symbolic_trace(model.eval())
    # print(gm) writes str(gm) + "\n"; str(gm) is module repr, "\n", code,
    # "\n", hint.  Drop the hint line only.
    return strip_hint(str(gm)) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(prog="fx_reference.py",
                                 description="print torch.fx.symbolic_trace(model.eval()) like qgen --emit fx")
    ap.add_argument("file")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--class", dest="cls", default=None, metavar="NAME")
    which.add_argument("--model", dest="model", default=None, metavar="EXPR")
    args = ap.parse_args(argv)

    try:
        import torch  # noqa: F401
        import torch.fx  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        die(1, "cannot import torch with %s: %s" % (sys.executable, one_line(exc)))

    allow_proxy_unpacking()
    module = load(args.file)
    model, what = build_model(args.file, module, args.cls, args.model)
    try:
        out = fx_text(model)
    except Exception as exc:  # noqa: BLE001 - any tracing failure is "FX cannot trace"
        die(3, "%s: torch.fx cannot trace %s: %s" % (args.file, what, one_line(exc)))
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
