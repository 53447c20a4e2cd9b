from django.apps import AppConfig


class PioneersConfig(AppConfig):
    name = "apps.pioneers"
    label = "pioneers"
    verbose_name = "红岭先锋"

    def ready(self):
        from apps.core.pillars import pillar_register

        pillar_register(
            self,
            order=30,
            nav_label="先锋",
            motto="身边的榜样",
            summary="有一种使命、有一种信念、有一种担当：党员先锋的故事与志愿服务。",
            url_name="pioneers:gallery",
        )
        from apps.core.workbench import workbench_section_register

        from .workbench import volunteer_hours

        workbench_section_register(order=40, template="admin/workbench/volunteers.html", data=volunteer_hours)
        from apps.accounts.dashboard import export_register, me_section_register
        from apps.core.booking.kinds import occurrence_kind_register
        from apps.core.home import home_section_register
        from apps.core.sitemaps import sitemap_register

        from . import search
        from .selectors import home_pioneers, my_volunteer_export, my_volunteer_section
        from .sitemaps import PioneersSitemap

        # Volunteering is open to every logged-in resident: no eligibility rule beyond the engine's.
        occurrence_kind_register(
            key="pioneers.activity",
            label="志愿服务",
            url_name="pioneers:activity",
            hub_lookup="volunteeractivity__hub__slug",
        )
        home_section_register(order=25, template="pioneers/includes/home_pioneers.html", data=home_pioneers)
        me_section_register(order=12, template="pioneers/includes/me_volunteer.html", data=my_volunteer_section)
        export_register(key="volunteer_hours", data=my_volunteer_export)
        sitemap_register("pioneers", PioneersSitemap)
        search.register()
