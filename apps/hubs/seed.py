"""Demo content for 红岭之家 from `hubs.yaml` and `reports.yaml` in the seeds folder (see seeds/README.md): hubs,
services, the reports and consultations (the pocket-park case from report to finished project), the projects.

Both files are checked before anything is written (seed_content.py); everything goes through the hubs services
or the models' rules. Idempotent: every object is looked up by a natural key first. Reports are filed and handled
by demo accounts (users.yaml), so they exist only with demo users, as do the hubs' demo staff (`staff` in
hubs.yaml). Pictures are drawn by `core.demo_images` (no downloads).
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.accounts.seed import demo_user
from apps.core.demo_images import demo_picture
from apps.core.seeding import entry_rules, entry_save, markdown_html

from . import services
from .lifecycle import Status
from .models import (
    Category,
    Consultation,
    Hub,
    HubPhoto,
    Milestone,
    Participant,
    Project,
    ProjectPhoto,
    Report,
    Service,
)
from .seed_content import HubsContent, hubs_content, milestone_done
from .seed_volume import volume_seed

READS_SEEDS_FOLDER = True  # hubs.yaml, reports.yaml; `seed --from DIR` runs it (apps/core/management/commands/seed.py)
SEED_AFTER = ("accounts",)  # the demo case is filed and handled by demo accounts


def hubs_seed(content: HubsContent, *, demo_users: bool) -> dict[str, Hub]:
    """The hubs and their services; with demo users, each hub's demo staff (`staff`: accounts of users.yaml)."""
    hubs = {}
    for order, entry in enumerate(content.hubs):
        hub = Hub.objects.filter(slug=entry["slug"]).first()
        if hub is None:
            hub = Hub(
                slug=entry["slug"],
                name=entry["name"],
                kind=entry["kind"],
                summary=entry["summary"],
                parent=hubs.get(entry.get("parent")) or Hub.objects.filter(slug=entry.get("parent") or "").first(),
                address=entry["address"],
                phone=str(entry.get("phone") or ""),
                opening_hours=str(entry.get("opening_hours") or ""),
                order=order,
                areas="\n".join(entry.get("areas") or []),
            )
            entry_save(entry, hub)
        hubs[hub.slug] = hub
        if demo_users and entry["staff"]:
            hub.staff.add(*(demo_user(entry, phone) for phone in entry["staff"]))
        if not hub.photos.exists() and hub.kind != "branch":
            HubPhoto.objects.create(hub=hub, image=demo_picture("hub", caption=f"{hub.name}红岭之家外景（示意图）"))
    hubs.update({hub.slug: hub for hub in Hub.objects.exclude(slug__in=hubs)})
    for order, entry in enumerate(content.services):
        if Service.objects.filter(hub=hubs[entry["hub"]], name=entry["name"]).exists():
            continue
        service = Service(
            hub=hubs[entry["hub"]],
            name=entry["name"],
            summary=entry["summary"],
            order=order,
            audience=entry.get("audience", ""),
            how_to_ask=entry.get("how_to_ask", ""),
            schedule=entry.get("schedule", ""),
        )
        entry_save(entry, service)
    for order, name in enumerate(content.categories):
        Category.objects.get_or_create(name=name, defaults={"order": order})
    return hubs


def reports_seed(content: HubsContent, hubs: dict[str, Hub]) -> dict[str, Report]:
    """The reports of reports.yaml with their history, filed and handled by demo accounts through the services
    (with their past dates). A report already there (same title at the same hub) is left as it is."""
    reports = {}
    for entry in content.reports:
        report = Report.objects.filter(title=entry["title"], hub=hubs[entry["hub"]]).first()
        if report is None:
            reporter, handler = (demo_user(entry, entry[name]) for name in ("reporter", "handler"))
            with entry_rules(entry):
                report = _report_file(entry, hubs=hubs, reporter=reporter, handler=handler, reports=reports)
        reports[entry["key"]] = report
    return reports


def _report_file(entry, *, hubs, reporter, handler, reports) -> Report:
    report = services.report_submit(
        reporter=reporter,
        title=entry["title"],
        description=entry["description"],
        place=entry["place"],
        category=Category.objects.get(name=entry["category"]),
        hub=hubs[entry["hub"]],
        photos=[],
        show_name=entry.get("show_name", False),
        at=entry["submitted"],
    )
    for step in entry.get("steps") or []:
        message = step.get("message") or ""
        if step["status"] == Status.CONFIRMED:
            services.report_confirm(report=report, user=reporter, message=message, at=step["at"])
            continue
        services.report_transition(
            report=report,
            to_status=step["status"],
            actor=handler,
            public_message=message,
            at=step["at"],
            duplicate_of=reports.get(step.get("duplicate_of")),
            referred_to=step.get("referred_to") or "",
        )
    return report


def consultations_seed(content: HubsContent, hubs: dict[str, Hub], reports: dict[str, Report]):
    """The consultations of reports.yaml with their participants; one open to residents goes on the calendar."""
    consultations = {}
    for entry in content.consultations:
        consultation = Consultation.objects.filter(hub=hubs[entry["hub"]], topic=entry["topic"]).first()
        if consultation is None:
            consultation = Consultation(
                hub=hubs[entry["hub"]],
                topic=entry["topic"],
                held_at=entry["held"],
                venue=entry.get("venue") or "",
                is_published=entry["published"] is not None,
                published_at=entry["published"],
                decision=entry.get("decision") or "",
                minutes=markdown_html(entry.get("minutes") or ""),
                open_to_residents=entry.get("open_to_residents", False),
                seats=entry.get("seats"),
            )
            entry_save(entry, consultation)
            consultation.reports.add(*(reports[key] for key in entry.get("reports") or [] if key in reports))
            for participant in entry.get("participants") or []:
                Participant.objects.create(
                    consultation=consultation, role=participant["role"], organisation=participant["organisation"]
                )
            services.consultation_meeting_sync(consultation=consultation)
        consultations[entry["key"]] = consultation
    return consultations


def projects_seed(*, content: HubsContent, hubs, reports, consultations) -> int:
    created = 0
    today = timezone.localdate()
    for entry in content.projects:
        if Project.objects.filter(hub=hubs[entry["hub"]], title=entry["title"]).exists():
            continue
        project = Project(
            hub=hubs[entry["hub"]],
            title=entry["title"],
            kind=entry["kind"],
            status=entry["status"],
            progress=entry.get("progress", 0),
            summary=entry["summary"],
            budget=entry.get("budget"),
            consultation=consultations.get(entry.get("consultation")),
        )
        entry_save(entry, project)
        for milestone in entry.get("milestones") or []:
            planned = milestone["planned_on"]
            Milestone.objects.create(
                project=project,
                title=milestone["title"],
                planned_on=planned,
                done_on=milestone_done(entry, planned, today),
            )
        for order, picture in enumerate(entry.get("pictures") or []):
            image = demo_picture(picture["scene"], caption=picture["caption"])
            ProjectPhoto.objects.create(project=project, stage=picture["stage"], image=image, order=order)
        project.reports.add(*(reports[key] for key in entry.get("reports") or [] if key in reports))
        created += 1
    return created


def run(*, demo_users: bool, volume: int) -> str:
    content = hubs_content()
    hubs = hubs_seed(content, demo_users=demo_users)
    reports = {}
    if demo_users:
        reports = reports_seed(content, hubs)  # filed and handled by demo accounts: none without them
        if volume:
            _volume(content, volume)
    consultations = consultations_seed(content, hubs, reports)
    projects_seed(content=content, hubs=hubs, reports=reports, consultations=consultations)
    return (
        f"{Hub.objects.count()} 个红岭之家，{Service.objects.count()} 项服务，{Report.objects.count()} 条反映，"
        f"{Project.objects.count()} 项民生工程"
    )


def _volume(content: HubsContent, volume: int) -> None:
    """The bulk reports, filed by the demo residents who file reports.yaml's and accepted by the demo superuser."""
    User = get_user_model()
    phones = list(dict.fromkeys(entry["reporter"] for entry in content.reports))
    residents = sorted(User.objects.filter(phone__in=phones), key=lambda user: phones.index(user.phone))
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin and residents:
        volume_seed(reporters=residents, staff=admin, volume=volume)
