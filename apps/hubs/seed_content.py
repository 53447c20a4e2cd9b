"""The 红岭之家 content of the seeds folder (`hubs.yaml`, `reports.yaml`), read and checked before anything is
written."""

from dataclasses import dataclass, field
from datetime import date

from apps.accounts.seed import demo_phone
from apps.core.demo_images import PICTURE_SCENES
from apps.core.seeding import (
    Entry,
    entry_choice,
    entry_count,
    entry_date,
    entry_fields,
    entry_flag,
    entry_list,
    entry_markdown,
    entry_moment,
    entry_ref,
    seed_file,
)

from .lifecycle import Status
from .models import Category, Hub, Participant, Project, ProjectPhoto

HUB = {"what": "红岭之家", "where": "hubs.yaml 的 hubs"}  # entry_ref's words for a hub's slug, in every loader


@dataclass
class HubsContent:
    hubs: list[Entry] = field(default_factory=list)
    services: list[Entry] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    projects: list[Entry] = field(default_factory=list)
    reports: list[Entry] = field(default_factory=list)
    consultations: list[Entry] = field(default_factory=list)


def hubs_content() -> HubsContent:
    """`hubs.yaml` and `reports.yaml` checked entry by entry (required fields, known hub slugs, kinds, categories,
    statuses, report and consultation keys, dates, picture scenes)."""
    content = HubsContent()
    data = seed_file("hubs.yaml")
    if data is not None:
        _hubs_read(data, content)
    cases = seed_file("reports.yaml")
    slugs = {entry["slug"] for entry in content.hubs} | set(Hub.objects.values_list("slug", flat=True))
    if cases is not None:
        entry_fields(cases, required=(), optional=("reports", "consultations"))
        content.reports = entry_list(cases, "reports")
        content.consultations = entry_list(cases, "consultations")
        categories = set(content.categories) | set(Category.objects.values_list("name", flat=True))
        _reports_read(content.reports, slugs, categories)
        _consultations_read(content.consultations, slugs, _keys(content.reports))
    reports, consultations = _keys(content.reports), _keys(content.consultations)
    for project in content.projects:
        for key in _key_list(project, "reports"):
            if key not in reports:
                raise project.error(f"反映“{key}”不存在：请写 reports.yaml 里某条反映的 key。")
        if project.get("consultation") and project["consultation"] not in consultations:
            raise project.error(f"三方共商“{project['consultation']}”不存在：请写 reports.yaml 里某次共商的 key。")
    return content


def _hubs_read(data: Entry, content: HubsContent) -> None:
    entry_fields(data, required=(), optional=("hubs", "services", "categories", "projects"))
    content.hubs = entry_list(data, "hubs")
    content.services = entry_list(data, "services")
    content.projects = entry_list(data, "projects")
    slugs = set(Hub.objects.values_list("slug", flat=True))
    for hub in content.hubs:
        entry_fields(
            hub,
            required=("slug", "name", "kind", "summary", "address"),
            optional=("parent", "phone", "opening_hours", "areas", "staff"),
        )
        entry_choice(hub, "kind", Hub.Kind.values)
        if not isinstance(hub.get("staff") or [], list):
            raise hub.error("“staff”应当是演示账号手机号的列表，例如 [13600000001]。")
        hub["staff"] = [demo_phone(hub.item(staff=phone), "staff") for phone in hub.get("staff") or []]
        if hub.get("parent") and hub["parent"] not in slugs:
            raise hub.error(f"上级“{hub['parent']}”不是前面列出的红岭之家（slug）。")
        slugs.add(hub["slug"])
    for service in content.services:
        entry_fields(service, required=("hub", "name", "summary", "audience", "how_to_ask"), optional=("schedule",))
        entry_ref(service, "hub", slugs, **HUB)
    categories = data.get("categories") or []
    if not isinstance(categories, list) or not all(isinstance(c, str) and c for c in categories):
        raise data.error("“categories”应当是分类名称的列表，例如 [环境卫生, 照明]。")
    content.categories = categories
    for project in content.projects:
        entry_fields(
            project,
            required=("key", "hub", "title", "kind", "status", "summary"),
            optional=("progress", "budget", "milestones", "pictures", "reports", "consultation"),
        )
        entry_ref(project, "hub", slugs, **HUB)
        entry_choice(project, "kind", Project.Kind.values)
        entry_choice(project, "status", Project.Status.values)
        for milestone in entry_list(project, "milestones"):
            entry_fields(milestone, required=("title", "planned_on"))
            milestone["planned_on"] = entry_date(milestone, "planned_on")
        for picture in entry_list(project, "pictures"):
            entry_fields(picture, required=("stage", "scene", "caption"))
            entry_choice(picture, "stage", ProjectPhoto.Stage.values)
            entry_choice(picture, "scene", PICTURE_SCENES)


REPORT_FIELDS = ("key", "hub", "category", "reporter", "handler", "title", "description", "place", "submitted")
STEP_STATUSES = [status for status in Status.values if status not in {Status.SUBMITTED, Status.REOPENED}]


def _reports_read(reports: list[Entry], slugs: set[str], categories: set[str]) -> None:
    keys = set()
    for report in reports:
        entry_fields(report, required=REPORT_FIELDS, optional=("show_name", "steps"))
        _key_new(report, keys)
        entry_ref(report, "hub", slugs, **HUB)
        entry_choice(report, "category", sorted(categories))
        for name in ("reporter", "handler"):
            report[name] = demo_phone(report, name)
        entry_flag(report, "show_name")
        report["submitted"] = entry_moment(report, "submitted")
        for step in entry_list(report, "steps"):
            entry_fields(step, required=("status", "at"), optional=("message", "duplicate_of", "referred_to"))
            entry_choice(step, "status", STEP_STATUSES)
            step["at"] = entry_moment(step, "at")
            if step.get("duplicate_of") and step["duplicate_of"] not in keys - {report["key"]}:
                raise step.error(f"“duplicate_of”的反映“{step['duplicate_of']}”不存在：请写前面某条反映的 key。")


def _consultations_read(consultations: list[Entry], slugs: set[str], reports: set[str]) -> None:
    keys = set()
    for consultation in consultations:
        entry_fields(
            consultation,
            required=("key", "hub", "topic", "held"),
            optional=(
                "venue",
                "published",
                "decision",
                "minutes",
                "reports",
                "open_to_residents",
                "seats",
                "participants",
            ),
        )
        _key_new(consultation, keys)
        entry_ref(consultation, "hub", slugs, **HUB)
        consultation["held"] = entry_moment(consultation, "held")
        consultation["published"] = entry_moment(consultation, "published")
        entry_markdown(consultation, "minutes")
        entry_flag(consultation, "open_to_residents")
        entry_count(consultation, "seats")
        for key in _key_list(consultation, "reports"):
            if key not in reports:
                raise consultation.error(f"反映“{key}”不存在：请写上面 reports 里某条反映的 key。")
        for participant in entry_list(consultation, "participants"):
            entry_fields(participant, required=("role", "organisation"))
            entry_choice(participant, "role", Participant.Role.values)


def _keys(entries: list[Entry]) -> set[str]:
    return {entry["key"] for entry in entries}


def _key_new(entry: Entry, keys: set[str]) -> None:
    if entry["key"] in keys:
        raise entry.error(f"key“{entry['key']}”在前面已经用过，每一项的 key 不能重复。")
    keys.add(entry["key"])


def _key_list(entry: Entry, name: str) -> list[str]:
    keys = entry.get(name) or []
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise entry.error(f"“{name}”应当是 key 的列表，例如 [park]。")
    return keys


def milestone_done(project: Entry, planned_on: date, today: date) -> date | None:
    """A milestone counts as done on its planned day once that day is past, or when the project is done."""
    return planned_on if project["status"] == Project.Status.DONE or planned_on < today else None
