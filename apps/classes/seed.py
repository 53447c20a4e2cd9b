"""红岭课堂 from `classes.yaml` in the seeds folder (see seeds/README.md): sites, routes, courses, sessions and the
demo members who sign up. Every entry is checked before anything is written; members go through the membership
rules and sign-ups and check-ins through the booking engine, as on the site. Idempotent."""

from datetime import timedelta

from django.contrib.auth import get_user_model

from apps.accounts.seed import demo_phone, demo_user
from apps.core.demo_images import demo_banner
from apps.core.seeding import (
    Entry,
    entry_choice,
    entry_count,
    entry_fields,
    entry_list,
    entry_moment,
    entry_ref,
    entry_rules,
    entry_save,
    entry_signups,
    seed_file,
)
from apps.hubs.models import Hub
from apps.hubs.seed_content import HUB

from .models import Course, MemberProfile, RedSite, Route, RouteStop, Session
from .seed_volume import volume_sessions_seed, volume_signups_seed
from .services.members import member_apply, member_verify

READS_SEEDS_FOLDER = True  # classes.yaml; `seed --from DIR` runs it (see apps/core/management/commands/seed.py)
SEED_AFTER = ("accounts", "hubs")  # sign-ups and members are demo accounts; sessions meet at hubs
PARTS = ("sites", "routes", "courses", "sessions", "members")
SESSION_FIELDS = ("minutes", "hub", "site", "place", "route", "members_only", "replay_url")
SESSION_FIELDS += ("checkin_code", "signups")
SITE = {"what": "阵地", "where": "classes.yaml 的 sites"}
ROUTE = {"what": "线路", "where": "classes.yaml 的 routes"}
COURSE = {"what": "课程 key", "where": "classes.yaml 的 courses"}


def classes_content(hubs: dict[str, Hub]) -> dict[str, list[Entry]]:
    """`classes.yaml` checked entry by entry: fields, choices, dates, and every hub, site, route and course named."""
    data = seed_file("classes.yaml")
    if data is None:
        return {part: [] for part in PARTS}
    entry_fields(data, required=(), optional=PARTS)
    content = {part: entry_list(data, part) for part in PARTS}
    sites = {}
    for site in content["sites"]:
        entry_fields(site, required=("name", "address", "summary"), optional=("opening_hours",))
        sites[site["name"]] = site
    routes = {}
    for route in content["routes"]:
        entry_fields(route, required=("title", "summary", "stops"), optional=("minutes",))
        if not isinstance(route["stops"], list):
            raise route.error("“stops”应当是阵地名称的列表，例如 [红船初心馆, 连心广场]。")
        for stop in route["stops"]:
            entry_ref(route.item(stop=stop), "stop", sites, **SITE)
        entry_count(route, "minutes")
        routes[route["title"]] = route
    courses = {}
    for course in content["courses"]:
        entry_fields(
            course,
            required=("key", "title", "format", "summary"),
            optional=("mode", "audiences", "teacher", "hub", "body"),
        )
        entry_choice(course, "format", Course.Format.values)
        entry_choice(course.item(mode=course.get("mode", Course.Mode.OFFLINE)), "mode", Course.Mode.values)
        for audience in course.get("audiences") or []:
            entry_choice(course.item(audiences=audience), "audiences", MemberProfile.Category.values)
        if course.get("hub"):
            entry_ref(course, "hub", hubs, **HUB)
        courses[course["key"]] = course
    for session in content["sessions"]:
        entry_fields(session, required=("course", "starts", "capacity"), optional=SESSION_FIELDS)
        entry_ref(session, "course", courses, **COURSE)
        session["starts"] = entry_moment(session, "starts")
        entry_count(session, "minutes")
        entry_count(session, "capacity")
        if not isinstance(session.get("members_only", True), bool):
            raise session.error("“members_only”应当写 true 或 false。")
        for name, known, labels in (("hub", hubs, HUB), ("site", sites, SITE), ("route", routes, ROUTE)):
            if session.get(name):
                entry_ref(session, name, known, **labels)
        session["signups"] = [demo_phone(session.item(phone=phone)) for phone in session.get("signups") or []]
    for member in content["members"]:
        entry_fields(member, required=("phone", "branch", "category", "year_joined"))
        member["phone"] = demo_phone(member)
        entry_ref(member, "branch", hubs, **HUB)
        entry_count(member, "year_joined")
        entry_choice(member, "category", MemberProfile.Category.values)
    return content


def sites_seed(content) -> dict[str, RedSite]:
    sites = {}
    for order, entry in enumerate(content["sites"]):
        site = RedSite.objects.filter(name=entry["name"]).first()
        if site is None:
            site = RedSite(
                name=entry["name"],
                address=entry["address"],
                summary=entry["summary"],
                order=order,
                opening_hours=entry.get("opening_hours") or "",
            )
            entry_save(entry, site)
            site.photos.create(image=demo_banner(site.name, alt=f"{site.name}外景（示意图）"))
        sites[site.name] = site
    for entry in content["routes"]:
        route = Route.objects.filter(title=entry["title"]).first()
        if route is None:
            route = Route(title=entry["title"], summary=entry["summary"], duration_minutes=entry.get("minutes", 120))
            entry_save(entry, route)
        for order, name in enumerate(entry["stops"]):
            RouteStop.objects.get_or_create(route=route, site=sites[name], defaults={"order": order})
    return sites


def courses_seed(content, hubs) -> dict[str, Course]:
    courses = {}
    for entry in content["courses"]:
        course = Course.objects.filter(title=entry["title"]).first()
        if course is None:
            course = Course(
                title=entry["title"],
                format=entry["format"],
                mode=entry.get("mode", Course.Mode.OFFLINE),
                audiences=entry.get("audiences") or [],
                teacher=entry.get("teacher") or "",
                summary=entry["summary"],
                body=(entry.get("body") or "").strip(),
                hub=hubs.get(entry.get("hub")),
            )
            entry_save(entry, course)
            course.cover = demo_banner(course.title, alt=f"{course.title}（示意图）")
            course.save(update_fields=["cover"])
        courses[entry["key"]] = course
    return courses


def sessions_seed(content, courses, sites, hubs) -> list[tuple[Entry, Session]]:
    sessions = []
    for entry in content["sessions"]:
        course, starts = courses[entry["course"]], entry["starts"]
        session = Session.objects.filter(course=course, starts_at=starts).first()
        if session is None:
            session = Session(
                course=course,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=entry.get("minutes", 90)),
                capacity=entry["capacity"],
                members_only=entry.get("members_only", True),
                venue_hub=hubs.get(entry.get("hub")),
                venue_site=sites.get(entry.get("site")),
                route=Route.objects.filter(title=entry.get("route")).first() if entry.get("route") else None,
                place=entry.get("place") or "",
                replay_url=entry.get("replay_url") or "",
                checkin_code=str(entry.get("checkin_code") or ""),
            )
            session.derived_fields_set()
            entry_save(entry, session)
        sessions.append((entry, session))
    return sessions


def members_seed(content, hubs) -> list:
    """The demo members: each applies and is verified by the demo superuser, as staff do in the admin."""
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    members = []
    for entry in content["members"]:
        user = demo_user(entry, entry["phone"])
        profile = MemberProfile.objects.filter(user=user).first()
        if profile is None or not profile.is_verified:
            with entry_rules(entry):
                profile = member_apply(
                    user=user,
                    branch=hubs[entry["branch"]],
                    category=entry["category"],
                    year_joined=entry["year_joined"],
                )
            member_verify(profile=profile, by=admin, approve=True)
        members.append(user)
    return members


def signups_seed(sessions) -> int:
    """Each session's demo sign-ups through the booking engine; at a session already over, checked in by the
    venue's QR code."""
    return sum(
        entry_signups(entry, session, [demo_user(entry, phone) for phone in entry["signups"]], checkin="qr")
        for entry, session in sessions
    )


def run(*, demo_users: bool, volume: int) -> str:
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    content = classes_content(hubs)
    sites = sites_seed(content)
    courses = courses_seed(content, hubs)
    sessions = sessions_seed(content, courses, sites, hubs)
    members = []
    if demo_users:
        members = members_seed(content, hubs)
        signups_seed(sessions)
    if volume and Course.objects.exists():
        bulk = volume_sessions_seed(hubs, volume)
        if members:  # the first demo member of classes.yaml signs up for some of them
            volume_signups_seed(bulk, members[0], volume)
    counts = f"{Course.objects.count()} 门课程，{Session.objects.count()} 个场次"
    return f"{RedSite.objects.count()} 处阵地，{counts}，{len(members)} 位演示党员"
