from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "apps.culture"
    label = "culture"
    verbose_name = "红岭文化"

    def ready(self):
        from apps.core.pillars import pillar_register

        pillar_register(
            self,
            order=40,
            nav_label="文化",
            motto="书香邻里",
            summary="读书分享、图书漂流、故事会、广场文艺和社区图书馆。",
            url_name="culture:index",
        )
        from apps.core.sitemaps import sitemap_pages_register

        sitemap_pages_register("culture", url_names=["culture:index", "culture:library"])
        from apps.accounts.dashboard import export_register, me_section_register
        from apps.core.booking.kinds import occurrence_kind_register

        from . import search
        from .selectors import my_culture_export, my_culture_section

        # Any logged-in resident may register (not only members). A families event asks for the
        # child's name and age on its own form, so the one-click 报名 defers to it.
        occurrence_kind_register(
            key="culture.event",
            label="红岭文化",
            url_name="culture:event",
            hub_lookup="cultureevent__venue_hub__slug",
            register_url=families_register_url,
            on_cancel=child_details_forget,
        )
        me_section_register(order=14, template="culture/includes/me_culture.html", data=my_culture_section)
        export_register(key="culture", data=my_culture_export)
        search.register()


def families_register_url(occurrence) -> str | None:
    from django.urls import reverse

    if occurrence.audience == "families":
        return reverse("culture:event_register", args=[occurrence.pk])
    return None


def child_details_forget(registration) -> None:
    """A cancelled families registration keeps no child's name or age."""
    from .models import ChildAttendee

    ChildAttendee.objects.filter(registration=registration).delete()
