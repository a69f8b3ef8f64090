# warnings: qgen prints no warnings on the model's behalf.


def warn(*args, **kwargs):
    pass


def filterwarnings(*args, **kwargs):
    pass


def simplefilter(*args, **kwargs):
    pass
