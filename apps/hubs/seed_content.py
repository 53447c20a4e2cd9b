"""The 红岭之家 content of the seeds folder (`hubs.yaml`), read and checked before anything is written."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from apps.core.demo_images import PICTURE_SCENES
from apps.core.seeding import Entry, entry_choice, entry_date, entry_fields, entry_list, seed_file

from .models import Hub, Project, ProjectPhoto

TZ = ZoneInfo("Asia/Shanghai")


def at(month: int, day: int, hour: int = 10, *, year: int = 2026) -> datetime:
    """A moment (Changsha time) in a demo report's history; the article's own cases keep their year, 2020."""
    return datetime(year, month, day, hour, tzinfo=TZ)


def in_2020(month: int, day: int, hour: int = 10) -> datetime:
    """A moment of 2020, the year of the source article (the pocket park, the street lights of 远大路)."""
    return at(month, day, hour, year=2020)


@dataclass
class HubsContent:
    hubs: list[Entry] = field(default_factory=list)
    services: list[Entry] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    projects: list[Entry] = field(default_factory=list)


def hubs_content() -> HubsContent:
    """`hubs.yaml` checked entry by entry (required fields, known hub slugs and kinds, dates, picture scenes)."""
    data = seed_file("hubs.yaml")
    if data is None:
        return HubsContent()
    entry_fields(data, required=(), optional=("hubs", "services", "categories", "projects"))
    content = HubsContent(
        hubs=entry_list(data, "hubs"),
        services=entry_list(data, "services"),
        projects=entry_list(data, "projects"),
    )
    slugs = set(Hub.objects.values_list("slug", flat=True))
    for hub in content.hubs:
        entry_fields(
            hub,
            required=("slug", "name", "kind", "summary", "address"),
            optional=("parent", "phone", "opening_hours", "areas"),
        )
        entry_choice(hub, "kind", Hub.Kind.values)
        if hub.get("parent") and hub["parent"] not in slugs:
            raise hub.error(f"上级“{hub['parent']}”不是前面列出的红岭之家（slug）。")
        slugs.add(hub["slug"])
    for service in content.services:
        entry_fields(service, required=("hub", "name", "summary", "audience", "how_to_ask"), optional=("schedule",))
        _hub_known(service, slugs)
    categories = data.get("categories") or []
    if not isinstance(categories, list) or not all(isinstance(c, str) and c for c in categories):
        raise data.error("“categories”应当是分类名称的列表，例如 [环境卫生, 照明]。")
    content.categories = categories
    for project in content.projects:
        entry_fields(
            project,
            required=("key", "hub", "title", "kind", "status", "summary"),
            optional=("progress", "budget", "milestones", "pictures"),
        )
        _hub_known(project, slugs)
        entry_choice(project, "kind", Project.Kind.values)
        entry_choice(project, "status", Project.Status.values)
        for milestone in entry_list(project, "milestones"):
            entry_fields(milestone, required=("title", "planned_on"))
            milestone["planned_on"] = entry_date(milestone, "planned_on")
        for picture in entry_list(project, "pictures"):
            entry_fields(picture, required=("stage", "scene", "caption"))
            entry_choice(picture, "stage", ProjectPhoto.Stage.values)
            entry_choice(picture, "scene", PICTURE_SCENES)
    return content


def _hub_known(entry: Entry, slugs: set[str]) -> None:
    if entry["hub"] not in slugs:
        raise entry.error(f"红岭之家“{entry['hub']}”不存在：请先在 hubs 里列出它（slug）。")


def milestone_done(project: Entry, planned_on: date, today: date) -> date | None:
    """A milestone counts as done on its planned day once that day is past, or when the project is done."""
    return planned_on if project["status"] == Project.Status.DONE or planned_on < today else None
