"""Demo content for 红岭之家 from `hubs.yaml` and `reports.yaml` in the seeds folder (see seeds/README.md): hubs,
services, the reports and consultations (the pocket-park case from report to finished project), the projects.

Both files are checked before anything is written (seed_content.py); everything goes through the hubs services
or the models' rules. Idempotent: every object is looked up by a natural key first. Reports are filed and handled
by demo accounts, so they exist only with demo users, as does the hub staff account. Pictures are drawn by
`core.demo_images` (no downloads).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

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
STAFF_GROUP = "社区工作人员"
STAFF_EMAIL = "jinlin-staff@example.com"
STREET_GROUP = "街道管理员"
STREET_EMAIL = "street@example.com"  # a demo account (apps/accounts/seed.py)
STAFF_PHONE = "+8613600000001"
RESIDENT_PHONES = ("+8613900000001", "+8613900000002", "+8613900000003")


def hubs_seed(content: HubsContent) -> dict[str, Hub]:
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


def staff_seed(hub: Hub):
    """(Demo only) a staff account for 锦林社区, and the demo street account, put into the roles their
    migration made (hubs/0007_staff_roles) by name: the seed grants no permission."""
    group = Group.objects.get(name=STAFF_GROUP)
    from apps.accounts.seed import DEMO_PASSWORD

    User = get_user_model()
    user = User.objects.filter(phone=STAFF_PHONE).first()
    if user is None:
        user = User.objects.create_user(
            email=STAFF_EMAIL,
            password=DEMO_PASSWORD,
            phone=STAFF_PHONE,
            display_name="锦林社区工作人员",
            real_name="演示社工",
            is_staff=True,
            phone_verified=True,
        )
    user.groups.add(group)
    hub.staff.add(user)
    if street := User.objects.filter(email=STREET_EMAIL).first():
        street.groups.add(Group.objects.get(name=STREET_GROUP))
    return user


def reports_seed(content: HubsContent, hubs: dict[str, Hub]) -> dict[str, Report]:
    """The reports of reports.yaml with their history, filed and handled by demo accounts through the services
    (with their past dates). A report already there (same title at the same hub) is left as it is."""
    users = {user.phone: user for user in get_user_model().objects.filter(phone__startswith="+")}
    reports = {}
    for entry in content.reports:
        report = Report.objects.filter(title=entry["title"], hub=hubs[entry["hub"]]).first()
        if report is None:
            reporter, handler = (_demo_user(entry, name, users) for name in ("reporter", "handler"))
            with entry_rules(entry):
                report = _report_file(entry, hubs=hubs, reporter=reporter, handler=handler, reports=reports)
        reports[entry["key"]] = report
    return reports


def _demo_user(entry, name: str, users: dict):
    if (user := users.get(str(entry[name]))) is None:
        raise entry.error(f"找不到手机号为 {entry[name]} 的演示账号（“{name}”）。")
    return user


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
    hubs = hubs_seed(content)
    reports = {}
    if demo_users:
        if "jinlin" in hubs:
            staff_seed(hubs["jinlin"])
        reports = reports_seed(content, hubs)  # filed and handled by demo accounts: none without them
        if volume:
            _volume(volume)
    consultations = consultations_seed(content, hubs, reports)
    projects_seed(content=content, hubs=hubs, reports=reports, consultations=consultations)
    return (
        f"{Hub.objects.count()} 个红岭之家，{Service.objects.count()} 项服务，{Report.objects.count()} 条反映，"
        f"{Project.objects.count()} 项民生工程"
    )


def _volume(volume: int) -> None:
    User = get_user_model()
    residents = [User.objects.filter(phone=phone).first() for phone in RESIDENT_PHONES]
    admin = User.objects.filter(is_superuser=True, phone="+8613800000000").first()
    if admin and all(residents):
        volume_seed(reporters=residents, staff=admin, volume=volume)
