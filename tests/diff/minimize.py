"""minimize.py FILE: FILE's lines, minimized (delta debugging, one line at a
time, until no line can go) while the program still fails as it did:
qgen's --emit fx differs from torch.fx's, or qgen refuses it with the same
first line of error.  Prints the smallest program found."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_diff  # noqa: E402

QGEN = os.environ.get('QGEN', './qgen')


def outcome(text, tmp, k=[0]):
    k[0] += 1
    path = os.path.join(tmp, 'm%d.py' % k[0])
    open(path, 'w').write(text)
    r = subprocess.run([QGEN, '--emit', 'fx', path], capture_output=True, text=True)
    if r.returncode != 0:
        return ('refused', r.stderr.split('\n')[0].split(': error: ')[-1])
    try:
        want = test_diff.fx_text(test_diff.load(path, 'm%d' % k[0]).Net())
    except Exception:
        return None
    return ('differs',) if want != r.stdout else None


def main():
    lines = open(sys.argv[1]).read().split('\n')
    with tempfile.TemporaryDirectory() as tmp:
        bad = outcome('\n'.join(lines), tmp)
        if bad is None:
            print('\n'.join(lines))
            return 1
        changed = True
        while changed:
            changed = False
            for i in range(len(lines) - 1, -1, -1):
                trial = lines[:i] + lines[i + 1:]
                if outcome('\n'.join(trial), tmp) == bad:
                    lines, changed = trial, True
    print('\n'.join(lines))
    return 0


if __name__ == '__main__':
    sys.exit(main())
