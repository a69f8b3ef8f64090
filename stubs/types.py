# types: only for isinstance checks, which objects qgen makes never pass.


class FunctionType:
    pass


class MethodType:
    pass


class ModuleType:
    pass
