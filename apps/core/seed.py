"""Site settings from `site.yaml` in the seeds folder (see seeds/README.md)."""

from .models import SiteSettings
from .seeding import entry_fields, entry_save, seed_file

READS_SEEDS_FOLDER = True  # `seed --from DIR` runs it (see apps/core/management/commands/seed.py)
SITE_FIELDS = ("brand_name", "tagline", "subdistrict", "district")
SITE_OPTIONAL = ("address", "phone", "email", "office_hours", "icp_number", "primary_colour", "accent_colour")


def run(*, demo_users: bool, volume: int) -> str:
    data = seed_file("site.yaml")
    if data is None:
        return "没有 site.yaml，站点设置未改动"
    entry_fields(data, required=SITE_FIELDS, optional=SITE_OPTIONAL)
    site = SiteSettings.load()
    for field, value in data.items():
        setattr(site, field, str(value))
    entry_save(data, site)
    return "站点设置已更新"
