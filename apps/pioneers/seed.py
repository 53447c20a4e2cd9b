"""Demo content for 红岭先锋 from `pioneers.yaml` in the seeds folder (see seeds/README.md). Idempotent.

The pioneers are published with the consent the file records (in a real deployment staff record it after the
person signs the consent form); the teams run past and coming activities, with attendance by the demo members.
The whole file is checked before anything is written: hub slugs from hubs.yaml and article titles from
news.yaml must exist, so the seed command runs this after those two (`SEED_AFTER`).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model

from apps.accounts.seed import demo_phone, demo_user
from apps.core.demo_images import demo_picture
from apps.core.seeding import (
    Entry,
    entry_choice,
    entry_count,
    entry_fields,
    entry_list,
    entry_markdown,
    entry_moment,
    entry_picture,
    entry_ref,
    entry_rules,
    entry_save,
    entry_signups,
    markdown_html,
    seed_file,
)
from apps.hubs.models import Hub
from apps.hubs.seed_content import HUB
from apps.news.models import Article

from .models import Pioneer, Team, VolunteerActivity
from .services import pioneer_consent_record, pioneer_publish

READS_SEEDS_FOLDER = True  # pioneers.yaml; `seed --from DIR` runs it (see apps/core/management/commands/seed.py)
SEED_AFTER = ("accounts", "hubs", "news")  # its entries name demo accounts, hubs and articles


@dataclass
class PioneersContent:
    pioneers: list[Entry] = field(default_factory=list)
    teams: list[Entry] = field(default_factory=list)
    activities: list[Entry] = field(default_factory=list)


def pioneers_content() -> PioneersContent:
    """`pioneers.yaml` checked entry by entry (required fields, known hubs, articles, pioneers and teams, themes,
    times, picture scenes). Nothing is written."""
    data = seed_file("pioneers.yaml")
    if data is None:
        return PioneersContent()
    entry_fields(data, required=(), optional=("pioneers", "teams", "activities"))
    content = PioneersContent(*(entry_list(data, key) for key in ("pioneers", "teams", "activities")))
    hubs = set(Hub.objects.values_list("slug", flat=True))
    names = set()
    for pioneer in content.pioneers:
        entry_fields(
            pioneer,
            required=("name", "theme", "tagline", "story", "consent"),
            optional=("hub", "party_years", "article", "photo"),
        )
        entry_choice(pioneer, "theme", Pioneer.Theme.values)
        if pioneer.get("hub"):
            entry_ref(pioneer, "hub", hubs, **HUB)
        if pioneer.get("article") and not Article.objects.filter(title=pioneer["article"]).exists():
            raise pioneer.error(f"找不到标题为“{pioneer['article']}”的资讯：请写 news.yaml 里某篇资讯的完整标题。")
        entry_count(pioneer, "party_years")
        entry_markdown(pioneer, "story")
        entry_picture(pioneer, "photo")
        names.add(pioneer["name"])
    teams = set()
    for team in content.teams:
        entry_fields(
            team,
            required=("name", "hub", "summary"),
            optional=("leader", "leader_name", "members", "body", "photo"),
        )
        entry_ref(team, "hub", hubs, **HUB)
        if team.get("leader"):
            known = names | set(Pioneer.objects.values_list("name", flat=True))
            entry_ref(team, "leader", known, what="先锋人物", where="pioneers.yaml 的 pioneers")
        entry_count(team, "members")
        entry_markdown(team, "body")
        entry_picture(team, "photo")
        teams.add(team["name"])
    for activity in content.activities:
        entry_fields(
            activity, required=("team", "title", "starts", "minutes", "capacity"), optional=("description", "signups")
        )
        entry_ref(activity, "team", teams, what="服务队", where="pioneers.yaml 的 teams")
        activity["starts"] = entry_moment(activity, "starts")
        entry_count(activity, "minutes")
        entry_count(activity, "capacity")
        if not isinstance(activity.get("signups") or [], list):
            raise activity.error("“signups”应当是演示账号手机号的列表，例如 [13700000001]。")
        activity["signups"] = [demo_phone(activity.item(phone=phone)) for phone in activity.get("signups") or []]
    return content


def pioneers_seed(content: PioneersContent, hubs: dict[str, Hub]) -> dict[str, Pioneer]:
    recorder = get_user_model().objects.filter(is_superuser=True).first()
    pioneers = {}
    for order, entry in enumerate(content.pioneers):
        pioneer = Pioneer.objects.filter(name=entry["name"]).first()
        if pioneer is None:
            pioneer = Pioneer(
                name=entry["name"],
                hub=hubs.get(entry.get("hub")),
                party_years=entry.get("party_years"),
                theme=entry["theme"],
                tagline=entry["tagline"],
                order=order,
                story=markdown_html(entry["story"], key=f"pioneer-{entry['name']}"),
            )
            if photo := entry.get("photo"):
                pioneer.photo = demo_picture(**photo, key=f"pioneer-{pioneer.name}")
            entry_save(entry, pioneer)
            pioneer.articles.set(Article.objects.filter(title=entry.get("article") or ""))
            with entry_rules(entry):  # the consent rule (no publishing without it) lives in the services
                pioneer_consent_record(pioneer=pioneer, by=recorder, note=entry["consent"])
                pioneer_publish(pioneer=pioneer)
        pioneers[pioneer.name] = pioneer
    return pioneers


def teams_seed(content: PioneersContent, hubs: dict[str, Hub]) -> dict[str, Team]:
    teams = {}
    for order, entry in enumerate(content.teams):
        team = Team.objects.filter(name=entry["name"]).first()
        if team is None:
            team = Team(
                name=entry["name"],
                hub=hubs[entry["hub"]],
                leader_name=entry.get("leader_name") or "",
                leader=Pioneer.objects.filter(name=entry.get("leader") or "").first(),
                summary=entry["summary"],
                members_count=entry.get("members") or 0,
                order=order,
                body=markdown_html(entry.get("body") or "", key=f"team-{entry['name']}"),
            )
            if photo := entry.get("photo"):
                team.photo = demo_picture(**photo, key=f"team-{team.name}")
            entry_save(entry, team)
        teams[team.name] = team
    return teams


def activities_seed(content: PioneersContent, teams: dict[str, Team]) -> list[tuple[Entry, VolunteerActivity]]:
    activities = []
    for entry in content.activities:
        team, starts = teams[entry["team"]], entry["starts"]
        activity = VolunteerActivity.objects.filter(team=team, starts_at=starts).first()
        if activity is None:
            activity = VolunteerActivity(
                team=team,
                title=entry["title"],
                starts_at=starts,
                ends_at=starts + timedelta(minutes=entry["minutes"]),
                capacity=entry["capacity"],
                description=entry.get("description") or "",
            )
            entry_save(entry, activity)
        activities.append((entry, activity))
    return activities


def attendance_seed(activities: list[tuple[Entry, VolunteerActivity]]) -> int:
    """Each activity's demo volunteers, signed up through the booking engine; at one already over, checked in by the
    team (their volunteer hours)."""
    return sum(
        entry_signups(entry, activity, [demo_user(entry, phone) for phone in entry["signups"]], checkin="staff")
        for entry, activity in activities
    )


def run(*, demo_users: bool, volume: int) -> str:
    content = pioneers_content()
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    pioneers = pioneers_seed(content, hubs)
    teams = teams_seed(content, hubs)
    activities = activities_seed(content, teams)
    signups = attendance_seed(activities) if demo_users else 0
    return f"{len(pioneers)} 位先锋，{len(teams)} 支服务队，{len(activities)} 场志愿服务，新增 {signups} 人次志愿报名"
