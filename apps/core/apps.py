from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "站点与公共组件"

    def ready(self):
        from django.core import checks
        from django.utils import timezone

        from .agenda import week_ahead
        from .audit.checks import audit_retention_check
        from .audit.receivers import receivers_connect
        from .home import home_section_register

        home_section_register(
            order=20,
            template="core/includes/week_ahead.html",
            data=lambda request: list(week_ahead(timezone.localdate())[:8]),
        )
        receivers_connect()
        checks.register(audit_retention_check)
