from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "站点与公共组件"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django.utils import timezone

        from .pagecache import model_changed

        # Any write to a model of the project's apps makes every cached page stale (apps.core.pagecache).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(model_changed, dispatch_uid="pagecache")

        from .agenda import WEEK_AHEAD_ON_HOME, week_ahead
        from .audit.checks import audit_retention_check
        from .audit.receivers import receivers_connect
        from .home import home_section_register
        from .pillars import header_link_register

        home_section_register(
            order=5,  # first on the home page: what is on in the next seven days
            template="core/includes/week_ahead.html",
            data=lambda request: list(week_ahead(timezone.localdate())[:WEEK_AHEAD_ON_HOME]),
        )
        header_link_register(label="日历", url_name="core:calendar", order=60)  # after the pillars and 资讯
        from .booking.models import Registration
        from .monitoring.metrics import metric_recent_register
        from .sms import checks as sms_checks  # noqa: F401 - registers the SMS provider's start-up check

        metric_recent_register(
            "registrations",
            help_text="Registrations (报名) made in the last hour",
            count_since=lambda since: Registration.objects.filter(created_at__gte=since).count(),
        )
        receivers_connect()
        checks.register(audit_retention_check)

        from .admin_chinese import admin_chinese_install

        admin_chinese_install()
