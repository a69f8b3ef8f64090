# torchvision.models._utils: its decorators inspect signatures to map the
# legacy `pretrained=` argument onto `weights=`. qgen builds models without
# pretrained weights, so they pass the builder through. Every other name
# comes from the real file.


def handle_legacy_interface(**weights):
    def outer_wrapper(builder):
        return builder
    return outer_wrapper


def kwonly_to_pos_or_kw(fn):
    return fn
