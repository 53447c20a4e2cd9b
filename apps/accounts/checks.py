from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def staff_mfa_check(app_configs, **kwargs):
    """`make check-deploy` fails if a production configuration lets staff into the admin on a password."""
    if settings.STAFF_MFA_REQUIRED:
        return []
    return [
        Warning(
            "STAFF_MFA_REQUIRED is off: staff reach the admin with a password only.",
            hint="Keep STAFF_MFA_REQUIRED = True (two-factor authentication before any admin page, SPEC §4).",
            id="accounts.W001",
        )
    ]
