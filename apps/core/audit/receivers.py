"""Logins, failed logins, logouts, password and MFA changes, and account deletions reach the audit trail
through Django's and allauth's signals, whichever view (allauth, the admin, a test client) caused them.
Connected in CoreConfig.ready()."""

from allauth.account import signals as account_signals
from allauth.core import context
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_delete

from apps.core.phones import phone_normalize

from .models import AuditEvent
from .services import audit_record, login_identifier_label, user_label

Action = AuditEvent.Action
IDENTIFIER_KEYS = ("phone", "email", "login", "username")


def _typed_account(credentials: dict) -> str:
    return next((str(credentials[k]) for k in IDENTIFIER_KEYS if credentials.get(k)), "")


def _account_for(typed: str):
    """The existing account someone tried to log in to, so an auditor finds the attempts under that person."""
    User = get_user_model()
    if "@" in typed:
        return User.objects.filter(email__iexact=typed.strip()).first()
    try:
        return User.objects.filter(phone=phone_normalize(typed)).first()
    except ValidationError:
        return None


def on_logged_in(sender, request, user, **kwargs):
    audit_record(action=Action.LOGIN, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    typed = _typed_account(credentials)
    account = _account_for(typed) if typed else None
    audit_record(
        action=Action.LOGIN_FAILED,
        request=request,
        user=account,
        label=login_identifier_label(typed),
        detail="密码错误" if account else "账号不存在或密码错误",
    )


def on_login_code_rejected(sender, request, user, last_attempt=False, **kwargs):
    detail = "登录验证码错误" + ("，已达尝试次数上限" if last_attempt else "")
    audit_record(action=Action.LOGIN_FAILED, request=request, user=user, detail=detail)


def on_mfa_failed(sender, request, user, authenticator, reauthentication=False, **kwargs):
    detail = f"两步验证码错误（{authenticator.get_type_display()}）" + ("，重新验证身份时" if reauthentication else "")
    audit_record(action=Action.LOGIN_FAILED, request=request, user=user, detail=detail)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=Action.LOGOUT, request=request, user=user)


def on_password_changed(sender, request, user, **kwargs):
    audit_record(action=Action.PASSWORD_CHANGED, request=request, user=user)


def on_password_set(sender, request, user, **kwargs):
    audit_record(action=Action.PASSWORD_CHANGED, request=request, user=user, detail="首次设置密码")


def on_password_reset(sender, request, user, **kwargs):
    audit_record(action=Action.PASSWORD_RESET, request=request, user=user)


def _mfa_recorder(action):
    # Recovery codes come and go with the authenticator they back up: one event per activation or removal.
    def receiver(sender, request, user, authenticator, **kwargs):
        if action != Action.MFA_RESET and authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return
        audit_record(action=action, request=request, user=user, detail=authenticator.get_type_display())

    return receiver


on_mfa_added = _mfa_recorder(Action.MFA_ADDED)
on_mfa_removed = _mfa_recorder(Action.MFA_REMOVED)
on_mfa_reset = _mfa_recorder(Action.MFA_RESET)


def on_user_deleted(sender, instance, **kwargs):
    """Whoever deletes an account (its owner on /me/, staff in the admin), one event. The deleted account
    is named by its label only: a foreign key to the row being deleted would not survive the delete."""
    request = context.request
    actor = getattr(request, "user", None)
    label = user_label(instance)
    if actor is not None and actor.is_authenticated and actor.pk != instance.pk:
        detail = f"工作人员删除账号 {label}"
        audit_record(action=Action.ACCOUNT_DELETED, request=request, user=actor, obj=instance, detail=detail)
    else:
        audit_record(action=Action.ACCOUNT_DELETED, request=request, label=label, obj=instance, detail="本人注销")


def receivers_connect() -> None:
    auth_signals.user_logged_in.connect(on_logged_in, dispatch_uid="audit_login")
    auth_signals.user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    auth_signals.user_logged_out.connect(on_logged_out, dispatch_uid="audit_logout")
    account_signals.login_code_rejected.connect(on_login_code_rejected, dispatch_uid="audit_login_code")
    account_signals.password_changed.connect(on_password_changed, dispatch_uid="audit_password_changed")
    account_signals.password_set.connect(on_password_set, dispatch_uid="audit_password_set")
    account_signals.password_reset.connect(on_password_reset, dispatch_uid="audit_password_reset")
    mfa_signals.authenticator_added.connect(on_mfa_added, dispatch_uid="audit_mfa_added")
    mfa_signals.authenticator_removed.connect(on_mfa_removed, dispatch_uid="audit_mfa_removed")
    mfa_signals.authenticator_reset.connect(on_mfa_reset, dispatch_uid="audit_mfa_reset")
    mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid="audit_mfa_failed")
    pre_delete.connect(on_user_deleted, sender=get_user_model(), dispatch_uid="audit_user_deleted")
