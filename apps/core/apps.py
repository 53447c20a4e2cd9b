from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "站点与公共组件"

    def ready(self):
        from django.utils import timezone

        from .agenda import week_ahead
        from .home import home_section_register

        home_section_register(
            order=20,
            template="core/includes/week_ahead.html",
            data=lambda request: list(week_ahead(timezone.localdate())[:8]),
        )
