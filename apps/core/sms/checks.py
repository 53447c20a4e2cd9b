"""Start-up check: a real provider named by SMS_SENDER has its credentials, signature and template IDs.

Runs with every `manage.py` command that checks (migrate, db_worker, check) and when the web process starts
(hongling/wsgi.py), so a missing secret stops the deployment with a clear message instead of failing the
first resident's verification code.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .providers import ProviderSmsSender


@checks.register("sms")
def sms_sender_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        sender_class = import_string(settings.SMS_SENDER)
    except ImportError:
        return [
            checks.Error(
                f"SMS_SENDER “{settings.SMS_SENDER}” is neither log, aliyun, tencent nor an importable class.",
                hint="Set SMS_SENDER=aliyun or SMS_SENDER=tencent (README, “SMS providers”).",
                id="core.E021",
            )
        ]
    if not (isinstance(sender_class, type) and issubclass(sender_class, ProviderSmsSender)):
        return []
    try:
        sender_class()
    except ImproperlyConfigured as problem:
        return [checks.Error(str(problem), hint="README, “SMS providers”.", id="core.E022")]
    return []


def sms_sender_check_or_raise() -> None:
    """For the web process: refuse to start with a provider that cannot send."""
    errors = sms_sender_check()
    if errors:
        raise ImproperlyConfigured(" ".join(error.msg for error in errors))
