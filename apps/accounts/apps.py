from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "用户与账号"

    def ready(self):
        from allauth.mfa.models import Authenticator

        from apps.core.booking.kinds import registration_rule_register

        from . import checks  # noqa: F401 - registers the deploy check on staff two-factor authentication
        from .dashboard import export_register, me_section_register
        from .sections import (
            my_notices,
            my_registrations,
            my_wechat,
            notices_export,
            profile_export,
            registrations_export,
        )
        from .wechat import phone_verified_rule

        me_section_register(order=10, template="accounts/includes/my_registrations.html", data=my_registrations)
        me_section_register(order=90, template="accounts/includes/my_notices.html", data=my_notices)
        me_section_register(order=95, template="accounts/includes/my_wechat.html", data=my_wechat)
        registration_rule_register(phone_verified_rule)
        export_register(key="profile", data=profile_export)
        export_register(key="registrations", data=registrations_export)
        # allauth names its model only in English; delete pages list a user's authenticators by this name.
        # (Set on _meta, not in Meta: migrations do not see it.)
        Authenticator._meta.verbose_name = Authenticator._meta.verbose_name_plural = "两步验证设备"
        export_register(key="notices", data=notices_export)
