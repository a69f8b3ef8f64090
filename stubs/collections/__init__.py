# collections: dicts keep insertion order, so OrderedDict is dict.
OrderedDict = dict
defaultdict = dict


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    return __qgen_namedtuple__(typename, tuple(field_names), defaults)
