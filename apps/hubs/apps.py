from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "apps.hubs"
    label = "hubs"
    verbose_name = "红岭之家"

    def ready(self):
        from apps.core.pillars import pillar_register

        pillar_register(
            self,
            order=20,
            nav_label="之家",
            motto="有事好商量",
            summary="社区与小区党支部的服务，我要反映、三方共商和民生工程的进展。",
            url_name="hubs:directory",
        )
        from apps.core.workbench import workbench_section_register

        from .workbench import reports_waiting, week_occurrences

        workbench_section_register(order=10, template="admin/workbench/reports.html", data=reports_waiting)
        workbench_section_register(order=20, template="admin/workbench/week.html", data=week_occurrences)
        from apps.core.sitemaps import sitemap_pages_register

        sitemap_pages_register(
            "hubs",
            url_names=["hubs:directory", "hubs:report_list", "hubs:project_list"],
            objects=sitemap_objects,
        )
        from apps.accounts.dashboard import export_register, me_section_register
        from apps.core.booking.kinds import calendar_hubs_register, occurrence_kind_register
        from apps.core.home import home_section_register
        from apps.core.monitoring.metrics import metric_recent_register
        from apps.core.scope import staff_hubs_register
        from apps.core.shortlinks import shortlink_register

        from . import search
        from .models import Report
        from .selectors import home_projects, hub_choices, my_reports_export, my_reports_section
        from .services import notifications  # noqa: F401 - registers its SMS templates

        home_section_register(order=20, template="hubs/includes/home_section.html", data=home_projects)
        me_section_register(order=20, template="hubs/includes/me_reports.html", data=my_reports_section)
        export_register(key="reports", data=my_reports_export)
        search.register()
        metric_recent_register(
            "reports",
            help_text="Residents' reports (居民反映) submitted in the last hour",
            count_since=lambda since: Report.objects.filter(submitted_at__gte=since).count(),
        )
        shortlink_register(prefix="HL-", resolve=report_path)
        calendar_hubs_register(hub_choices)
        staff_hubs_register(hubs_of)
        occurrence_kind_register(
            key="hubs.consultation",
            label="三方共商旁听",
            url_name="hubs:consultation_meeting",
            hub_lookup="consultationmeeting__consultation__hub__slug",
        )


def report_path(code: str) -> str | None:
    """/r/HL-2026-000011 → the report's page, which decides who may see it (no query here)."""
    import re

    from django.urls import reverse

    return reverse("hubs:report_detail", args=[code]) if re.fullmatch(r"HL-\d{4}-\d{6,}", code) else None


def hubs_of(user):
    """For the admin's hub scope: None when `user` works on every hub, else their hubs."""
    from .models.hubs import Hub, works_on_all_hubs

    return None if works_on_all_hubs(user) else Hub.objects.staffed_by(user)


def sitemap_objects() -> list:
    from .models import Consultation, Hub, Project, Report

    return [
        *Hub.objects.public().only("slug"),
        *Report.objects.public().only("reference"),
        *Project.objects.public().only("pk"),
        *Consultation.objects.public().filter(published_at__isnull=False).only("pk"),
    ]
