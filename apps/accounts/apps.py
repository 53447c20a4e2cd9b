from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "用户与账号"

    def ready(self):
        from allauth.mfa.models import Authenticator

        from . import checks  # noqa: F401 - registers the deploy check on staff two-factor authentication
        from .dashboard import export_register, me_section_register
        from .sections import my_registrations, profile_export, registrations_export

        me_section_register(order=10, template="accounts/includes/my_registrations.html", data=my_registrations)
        export_register(key="profile", data=profile_export)
        export_register(key="registrations", data=registrations_export)
        # allauth names its model only in English; delete pages list a user's authenticators by this name.
        # (Set on _meta, not in Meta: migrations do not see it.)
        Authenticator._meta.verbose_name = Authenticator._meta.verbose_name_plural = "两步验证设备"
