from .wechat import in_wechat, wechat_available


def wechat(request) -> dict:
    """Whether this browser can log in with WeChat (the button shows only then): no query."""
    return {"wechat_login": wechat_available(request), "wechat_in_app": in_wechat(request)}
