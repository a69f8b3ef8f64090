# collections.abc: for isinstance checks.
Sequence = (list, tuple)
MutableSequence = list
Mapping = dict
MutableMapping = dict
Iterable = (list, tuple, dict, str, set)
Iterator = (list, tuple)
Callable = object
