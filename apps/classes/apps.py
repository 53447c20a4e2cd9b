from django.apps import AppConfig


class ClassesConfig(AppConfig):
    name = "apps.classes"
    label = "classes"
    verbose_name = "红岭课堂"

    def ready(self):
        from apps.core.pillars import pillar_register

        pillar_register(
            self,
            order=10,
            nav_label="课堂",
            motto="学思践悟",
            summary="讲习夜校、主题党日+、流动党校与网络党校，按需选课、报名、签到。",
            url_name="classes:menu",
        )
        from apps.core.workbench import workbench_section_register

        from .workbench import members_and_hours

        workbench_section_register(order=30, template="admin/workbench/members.html", data=members_and_hours)
        from apps.core.sitemaps import sitemap_pages_register

        sitemap_pages_register(
            "classes", url_names=["classes:menu", "classes:sites", "classes:routes"], objects=sitemap_objects
        )
        from apps.accounts.dashboard import export_register, me_section_register
        from apps.core.booking.kinds import audience_rule_register, occurrence_kind_register
        from apps.core.models import Occurrence

        from . import search
        from .eligibility import member_eligibility
        from .selectors import study_record_export, study_record_for_request
        from .services import members  # noqa: F401 - registers its SMS template

        occurrence_kind_register(
            key="classes.session",
            label="红岭课堂",
            url_name="classes:session",
            hub_lookup="session__venue_hub__slug",
        )
        # 仅限党员 is the audience MEMBERS (a session's members_only sets it), for sessions and culture events alike.
        audience_rule_register(audience=Occurrence.Audience.MEMBERS, check=member_eligibility)
        me_section_register(order=5, template="classes/includes/me_study.html", data=study_record_for_request)
        export_register(key="study_record", data=study_record_export)
        search.register()


def sitemap_objects() -> list:
    from .models import Course

    return list(Course.objects.published().only("pk"))
