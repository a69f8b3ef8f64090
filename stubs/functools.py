# functools, as far as model code uses it.


class partial:
    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        return self.func(*self.args, *args, **{**self.keywords, **keywords})


def wraps(wrapped, assigned=None, updated=None):
    def decorator(wrapper):
        return wrapper
    return decorator


def reduce(function, iterable, *initial):
    items = list(iterable)
    if initial:
        acc = initial[0]
    else:
        acc = items[0]
        items = items[1:]
    for x in items:
        acc = function(acc, x)
    return acc


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize):
        return maxsize

    def decorator(f):
        return f
    return decorator


def cache(f):
    return f
