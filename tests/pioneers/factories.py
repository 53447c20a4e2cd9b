import itertools
from datetime import timedelta

from django.utils import timezone

from apps.pioneers.models import Pioneer, Team, VolunteerActivity
from apps.pioneers.services import pioneer_consent_record, pioneer_publish
from tests.hubs.factories import hub_create

_n = itertools.count(1)


def pioneer_create(*, published: bool = True, hub=None, **extra) -> Pioneer:
    n = next(_n)
    fields = {"name": f"先锋{n}", "theme": "mission", "tagline": "一句话。", "story": "<p>故事。</p>"} | extra
    pioneer = Pioneer.objects.create(hub=hub if hub is not None else hub_create(), **fields)
    if published:
        pioneer_consent_record(pioneer=pioneer, by=None, note="本人签字同意书")
        pioneer_publish(pioneer=pioneer)
        pioneer.refresh_from_db()
    return pioneer


def team_create(**extra) -> Team:
    fields = {"name": f"志愿服务队{next(_n)}", "summary": "做什么。", "members_count": 10} | extra
    if "hub" not in fields:
        fields["hub"] = hub_create()
    return Team.objects.create(**fields)


def activity_create(*, team=None, starts_in_hours: float = 48, hours: float = 2, **extra) -> VolunteerActivity:
    starts = timezone.now() + timedelta(hours=starts_in_hours)
    activity = VolunteerActivity(
        team=team or team_create(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        **({"capacity": 10} | extra),
    )
    activity.save()
    return activity
