from functools import wraps

from allauth.account import views as allauth_views
from django.contrib import messages
from django.urls import reverse

RESTART_MESSAGE = "验证码已过期或输错次数过多，本次验证已失效，请重新获取验证码。"


def explain_restart(view):
    """allauth silently sends the user back to the start when a code expires; tell them why."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        starts = {reverse("account_login"), reverse("account_request_login_code"), reverse("account_signup")}
        if response.status_code == 302 and response["Location"].split("?")[0] in starts:
            messages.error(request, RESTART_MESSAGE)
        return response

    return wrapped


verify_phone = explain_restart(allauth_views.verify_phone)
confirm_login_code = explain_restart(allauth_views.confirm_login_code)
