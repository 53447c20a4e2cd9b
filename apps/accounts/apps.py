from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "用户与账号"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy check on staff two-factor authentication
        from .dashboard import export_register, me_section_register
        from .sections import my_notices, my_registrations, notices_export, profile_export, registrations_export

        me_section_register(order=10, template="accounts/includes/my_registrations.html", data=my_registrations)
        me_section_register(order=90, template="accounts/includes/my_notices.html", data=my_notices)
        export_register(key="profile", data=profile_export)
        export_register(key="registrations", data=registrations_export)
        export_register(key="notices", data=notices_export)
