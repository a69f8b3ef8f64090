# torchvision.utils: API-usage logging has no effect on the model.


def _log_api_usage_once(obj):
    pass
