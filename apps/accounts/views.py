import json
from functools import wraps

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.audit.models import AuditEvent
from apps.core.audit.services import audit_record
from apps.core.notices import preferences, preferences_save, reachable
from apps.core.pagination import page_get

from .dashboard import me_sections, personal_data
from .forms import AccountDeleteForm
from .sections import HISTORY_PAGE_SIZE, registrations_of
from .services import calendar_token_renew, user_delete

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


@login_required
@require_safe
def me(request):
    # The sections are a fragment cached for this person (until any write): read only when it is not cached.
    return render(request, "accounts/me.html", {"sections": SimpleLazyObject(lambda: me_sections(request))})


@login_required
@require_safe
def me_registrations(request):
    """Every registration of the signed-in person (not cancelled), newest first, a page at a time."""
    registrations = registrations_of(request.user).order_by("-occurrence__starts_at", "-pk")
    page = page_get(request, registrations, HISTORY_PAGE_SIZE)
    return render(request, "accounts/me_registrations.html", {"page": page, "now": timezone.now()})


@login_required
@require_safe
def me_export(request):
    """Everything the portal holds about the signed-in person, as a JSON download."""
    body = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
    audit_record(action=AuditEvent.Action.DATA_EXPORTED, request=request, obj=request.user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-hongling-data.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def me_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_delete(user=request.user, request=request)
        messages.success(request, "您的账号和个人信息已删除。感谢您使用本平台。")
        return redirect("core:home")
    return render(request, "accounts/me_delete.html", {"form": form})


@login_required
@require_POST
def me_calendar_renew(request):
    calendar_token_renew(user=request.user)
    messages.success(request, "已生成新的日历订阅链接，旧链接已失效。")
    return redirect("accounts:me")


@login_required
@require_POST
def me_notices(request):
    """Save which notices the signed-in person gets by SMS and by mail: always their own, whatever is posted."""
    user = request.user
    has_phone, has_email = reachable(user)
    # A channel the person does not have yet is not on the form: keep its choice for when they add it.
    chosen = {
        item["topic"]: (
            f"{item['topic']}-sms" in request.POST if has_phone else item["by_sms"],
            f"{item['topic']}-mail" in request.POST if has_email else item["by_mail"],
        )
        for item in preferences(user)
    }
    preferences_save(user=user, chosen=chosen)
    messages.success(request, "通知设置已保存。")
    return redirect("accounts:me")
