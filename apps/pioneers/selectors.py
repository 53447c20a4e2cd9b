"""Reads of 红岭先锋: the gallery, a team's activities, volunteer hours (one person's, or for export).

No ranking anywhere: hours are listed per person and activity in date order, never sorted by amount,
and a person only ever sees their own total.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from apps.core.models import Registration

from .models import Pioneer, Team, VolunteerActivity

HOURS_HEADERS = ["志愿者姓名", "手机号（脱敏）", "活动名称", "服务日期", "服务时长（小时）"]


@dataclass
class ThemeGroup:
    value: str
    label: str
    pioneers: list = field(default_factory=list)


def gallery(hub_slug: str = "") -> list[ThemeGroup]:
    """Published profiles grouped by theme (使命 / 信念 / 担当), one query whatever their number."""
    pioneers = Pioneer.objects.published().for_cards()
    if hub_slug:
        pioneers = pioneers.filter(hub__slug=hub_slug)
    groups = {value: ThemeGroup(value, label) for value, label in Pioneer.Theme.choices}
    for pioneer in pioneers:
        groups[pioneer.theme].pioneers.append(pioneer)
    return list(groups.values())


def gallery_hubs() -> list:
    """The communities that have a published pioneer, for the gallery's filter (one query)."""
    from apps.hubs.models import Hub

    return list(Hub.objects.filter(pioneers__in=Pioneer.objects.published()).distinct().order_by("order", "name"))


def teams_for_cards():
    return (
        Team.objects.published()
        .select_related("hub", "leader", "photo")
        .annotate(upcoming_total=Count("activities", filter=Q(activities__ends_at__gte=timezone.now())))
    )


def upcoming_activities(team: Team | None = None, now=None):
    activities = (
        VolunteerActivity.objects.public()
        .upcoming(now)
        .filter(is_cancelled=False)
        .with_counts()
        .select_related("team", "hub")
        .order_by("starts_at", "id")
    )
    return activities.filter(team=team) if team else activities


def activities_done(team: Team) -> int:
    """How many activities the team has held (a count, never who or how much each person did)."""
    return team.activities.filter(ends_at__lt=timezone.now(), is_cancelled=False).count()


def _attended(activity_ids=None, user=None):
    registrations = Registration.objects.live().filter(
        occurrence__kind="pioneers.activity", checked_in_at__isnull=False
    )
    if activity_ids is not None:
        registrations = registrations.filter(occurrence_id__in=activity_ids)
    if user is not None:
        registrations = registrations.filter(user=user)
    return registrations.select_related("user", "occurrence__volunteeractivity").order_by(
        "occurrence__starts_at", "occurrence_id", "id"
    )


def volunteer_hours_rows(activity_ids) -> list[list]:
    """Rows for the national volunteer system upload: one per person and activity attended."""
    rows = []
    for registration in _attended(activity_ids):
        activity = registration.occurrence.volunteeractivity
        person = registration.user
        rows.append([
            person.real_name or person.display_name or str(person),
            person.masked_phone,
            activity.title,
            f"{timezone.localtime(activity.starts_at):%Y-%m-%d}",
            f"{activity.hours:.1f}",
        ])  # fmt: skip
    return rows


def my_volunteer_record(user) -> dict:
    attended = list(_attended(user=user))
    this_year = timezone.localdate().year
    upcoming = (
        Registration.objects.live()
        .filter(user=user, occurrence__kind="pioneers.activity", occurrence__ends_at__gte=timezone.now())
        .select_related("occurrence")
        .order_by("occurrence__starts_at")
    )
    return {
        "attended": attended,
        "upcoming": list(upcoming),
        "total": round(sum(r.occurrence.volunteeractivity.hours for r in attended), 1),
        "this_year": round(
            sum(
                r.occurrence.volunteeractivity.hours
                for r in attended
                if timezone.localtime(r.occurrence.starts_at).year == this_year
            ),
            1,
        ),
    }


def my_volunteer_section(request) -> dict | None:
    return my_volunteer_record(request.user) if request.user.is_authenticated else None


def my_volunteer_export(user) -> list[dict]:
    return [
        {
            "activity": r.occurrence.title,
            "date": f"{timezone.localtime(r.occurrence.starts_at):%Y-%m-%d}",
            "hours": r.occurrence.volunteeractivity.hours,
        }
        for r in _attended(user=user)
    ]


def home_pioneers(request) -> list[Pioneer]:
    """Featured on the home page: the first few published profiles (one query)."""
    return list(Pioneer.objects.published().for_cards()[:4])
