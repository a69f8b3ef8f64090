# torchvision.models._api: the model registry is not needed to build a model.
# Every other name (Weights, WeightsEnum) comes from the real file.


def register_model(name=None):
    def wrapper(fn):
        return fn
    return wrapper
