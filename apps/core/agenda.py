"""Selectors for the calendar of everything (课堂, 文化, 先锋 activities…): months, weeks and filters."""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from .booking.kinds import KINDS, kinds_at_hubs
from .models import Occurrence

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY_LIMIT = 4  # occurrences shown in one day of the month grid; "还有 N 项" links to that day's list
LIST_PAGE_SIZE = 30


class MonthError(ValueError):
    pass


def month_parse(value: str | None, today: date) -> date:
    """'2026-12' → date(2026, 12, 1). Empty means this month; anything else raises MonthError."""
    if not value:
        return today.replace(day=1)
    match = MONTH.match(value)
    if not match:
        raise MonthError("月份格式不正确，请使用“年-月”，例如 2026-12。")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise MonthError("月份应在 1 到 12 之间。")
    if not today.year - 5 <= year <= today.year + 5:
        raise MonthError(f"只能查看 {today.year - 5} 年到 {today.year + 5} 年之间的活动。")
    return date(year, month, 1)


def _aware(day: date):
    return timezone.make_aware(datetime.combine(day, time.min))


def hub_filter(hub: str) -> Q:
    """Occurrences held in the hub with slug `hub`, whichever pillar they belong to (an OR of the
    lookups the kinds registered; kinds without a hub never match)."""
    return kinds_at_hubs(hub, lookup="")


def occurrences_between(start: date, end: date, *, kind: str = "", audience: str = "", hub: str = ""):
    """Public occurrences overlapping [start, end) with their seat counts, in one query."""
    qs = Occurrence.objects.public().between(_aware(start), _aware(end)).with_counts()
    if kind in KINDS:
        qs = qs.filter(kind=kind)
    if hub:
        qs = qs.filter(hub_filter(hub))
    if audience in Occurrence.Audience.values:
        qs = qs.filter(audience=audience)
    return qs.order_by("starts_at", "id")


def first_of_each_day(occurrences, *, limit: int = DAY_LIMIT) -> list[Occurrence]:
    """The first `limit` occurrences starting on each local day, each with `day_total` (one query): a
    month grid stays the same size however busy the month is."""
    ranked = occurrences.annotate(
        day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()),
        day_position=Window(RowNumber(), partition_by=[F("day")], order_by=[F("starts_at"), F("id")]),
        day_total=Window(Count("id"), partition_by=[F("day")]),
    )
    return list(ranked.filter(day_position__lte=limit).order_by("starts_at", "id"))


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)
    more: int = 0  # how many more start that day than are shown


def month_grid(first: date, occurrences, today: date) -> list[list[Day]]:
    """Weeks (Monday first) of the month containing `first`, each day with what starts on it (the first
    few, with `more` counting the rest, when the occurrences come from first_of_each_day)."""
    by_day: dict[date, list] = {}
    for occurrence in occurrences:
        by_day.setdefault(timezone.localtime(occurrence.starts_at).date(), []).append(occurrence)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        days = []
        for d in week:
            shown = by_day.get(d, [])
            total = getattr(shown[0], "day_total", len(shown)) if shown else 0
            days.append(Day(d, d.month == first.month, d == today, shown, total - len(shown)))
        weeks.append(days)
    return weeks


def day_parse(value: str | None, first: date) -> date | None:
    """'2026-12-05' → that day if it lies in the month starting `first`; anything else → None (whole month)."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if (day.year, day.month) == (first.year, first.month) else None


def month_bounds(first: date) -> tuple[date, date]:
    last_day = calendar.monthrange(first.year, first.month)[1]
    return first, first + timedelta(days=last_day)


WEEK_AHEAD_ON_HOME = 5  # the home page lists this many; the calendar has the rest


def week_ahead(today: date, days: int = 7):
    return occurrences_between(today, today + timedelta(days=days))
