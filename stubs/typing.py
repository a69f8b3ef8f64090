# typing: annotations are not evaluated by qgen; what code evaluates is here.


class _SpecialForm:
    def __init__(self, name):
        self._name = name

    def __getitem__(self, params):
        return self

    def __call__(self, *args, **kwargs):
        return self


Any = _SpecialForm("Any")
Optional = _SpecialForm("Optional")
Union = _SpecialForm("Union")
Callable = _SpecialForm("Callable")
Type = _SpecialForm("Type")
ClassVar = _SpecialForm("ClassVar")
Final = _SpecialForm("Final")
Literal = _SpecialForm("Literal")
Generic = _SpecialForm("Generic")
Protocol = _SpecialForm("Protocol")
NoReturn = _SpecialForm("NoReturn")
List = list
Tuple = tuple
Dict = dict
Set = set
FrozenSet = set
DefaultDict = dict
OrderedDict = dict
Sequence = (list, tuple)
MutableSequence = list
Mapping = dict
MutableMapping = dict
Iterable = (list, tuple, dict, str, set)
Iterator = (list, tuple)
Collection = (list, tuple, dict, str, set)
TYPE_CHECKING = False


def TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False):
    return _SpecialForm(name)


def NewType(name, tp):
    return tp


def cast(typ, val):
    return val


def overload(func):
    return func


def no_type_check(func):
    return func
