"""Series (批量排课): a repeating pattern, previewed as dates, then turned into one editable Session per date.

Patterns come from dateutil's rrule (RFC 5545): weekly, the N-th weekday of each month, or a day of the
month. A month without that day (the 31st in a 30-day month, the 29th–31st in February) gets the session
on its last day instead, so a monthly 三会一课 never misses a month. Holidays are skipped by date.
"""

import re
from datetime import date, datetime, time, timedelta
from itertools import islice

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Series, Session

MAX_SESSIONS = 100  # one series, at most this many dates: about two years of weekly classes
Frequency = Series.Frequency


def skip_dates_parse(text: str) -> set[date]:
    """'2027-01-01', one a line (commas and spaces work too); anything else is named in the error."""
    dates, bad = set(), []
    for word in re.split(r"[\s,，、;；]+", (text or "").strip()):
        if not word:
            continue
        try:
            dates.add(date.fromisoformat(word.replace("/", "-").replace(".", "-")))
        except ValueError:
            bad.append(word)
    if bad:
        message = f"看不懂这些日期：{'、'.join(bad[:5])}。请按 2027-01-01 的格式，每行一个。"
        raise ValidationError({"skip_dates": ValidationError(message, code="bad_date")})
    return dates


def _pattern_check(series: Series) -> None:
    errors = {}
    if series.frequency in {Frequency.WEEKLY, Frequency.MONTHLY_WEEKDAY} and series.weekday is None:
        errors["weekday"] = ValidationError("请选择星期几。", code="required")
    if series.frequency == Frequency.MONTHLY_WEEKDAY and series.week_of_month is None:
        errors["week_of_month"] = ValidationError("请选择每月第几个星期几。", code="required")
    if series.frequency == Frequency.MONTHLY_DAY and not 1 <= (series.day_of_month or 0) <= 31:
        errors["day_of_month"] = ValidationError("请填写每月几日（1–31）。", code="required")
    if series.until_date is None and not series.count:
        errors["until_date"] = ValidationError("请填写“到哪天止”或“共几场”中的一项。", code="no_end")
    elif series.until_date is not None and series.count:
        errors["count"] = ValidationError("“到哪天止”和“共几场”只填一项。", code="two_ends")
    elif series.until_date is not None and series.until_date < series.first_date:
        errors["until_date"] = ValidationError("结束日期不能早于开始日期。", code="end_before_start")
    elif series.count and series.count > MAX_SESSIONS:
        errors["count"] = ValidationError(
            f"一个系列最多排 {MAX_SESSIONS} 场（现在填了 {series.count} 场），请分成几个系列。", code="too_many"
        )
    if errors:
        raise ValidationError(errors)


def _rule(series: Series) -> rrule.rrule:
    """The pattern as an rrule without its end (the end and the skipped dates are applied by the caller)."""
    start = datetime.combine(series.first_date, time())
    until = datetime.combine(series.until_date, time()) if series.until_date else None
    if series.frequency == Frequency.MONTHLY_WEEKDAY:
        nth = rrule.weekday(series.weekday)(series.week_of_month)
        return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, byweekday=nth)
    if series.frequency == Frequency.MONTHLY_DAY:
        day = series.day_of_month
        if day <= 28:
            return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, bymonthday=day)
        # "The 31st, or the month's last day when it is shorter": the last of 28..day that the month has.
        return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, bymonthday=range(28, day + 1), bysetpos=-1)
    return rrule.rrule(rrule.WEEKLY, dtstart=start, until=until, byweekday=series.weekday)


def series_dates(series: Series) -> list[date]:
    """The dates of the series, holidays skipped. Raises ValidationError (per field, with codes)."""
    _pattern_check(series)
    skipped = skip_dates_parse(series.skip_dates)
    wanted = series.count or MAX_SESSIONS
    found = (moment.date() for moment in _rule(series))
    dates = list(islice((day for day in found if day not in skipped), min(wanted, MAX_SESSIONS) + 1))
    if series.count:
        dates = dates[: series.count]
    if not dates:
        raise ValidationError("这段日期里没有符合规则的日子，请检查日期、星期和跳过的日期。", code="no_dates")
    if len(dates) > MAX_SESSIONS:
        last = dates[MAX_SESSIONS - 1]
        raise ValidationError(
            {"until_date": ValidationError(
                f"一个系列最多排 {MAX_SESSIONS} 场，按现在的日期会超过 {MAX_SESSIONS} 场。"
                f"请把“到哪天止”提前到 {last:%Y-%m-%d} 或更早，或分成几个系列。",
                code="too_many",
            )}
        )  # fmt: skip
    return dates


def _scheduled(series: Series) -> dict[date, Session]:
    """The series' sessions by the date the series gave them (even when one was moved to another day)."""
    sessions = series.sessions.all() if series.pk else []
    return {s.series_date or timezone.localdate(s.starts_at): s for s in sessions}


def series_preview(series: Series) -> list[tuple[date, Session | None]]:
    """Each date of the series with the session already made for it (None: will be made on save)."""
    scheduled = _scheduled(series)
    return [(day, scheduled.get(day)) for day in series_dates(series)]


@transaction.atomic
def series_materialize(*, series: Series) -> list[Session]:
    """One Session row per date of the series (each editable afterwards). Dates that already have their
    session are left alone, so a session edited or moved on its own is never overwritten or doubled."""
    scheduled = _scheduled(series)
    created = []
    for day in series_dates(series):
        if day in scheduled:
            continue
        starts = timezone.make_aware(datetime.combine(day, series.start_time))
        session = Session(
            course=series.course,
            series=series,
            series_date=day,
            title=series.course.title,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=series.duration_minutes),
            capacity=series.capacity,
            members_only=series.members_only,
            venue_hub=series.venue_hub,
            venue_site=series.venue_site,
            place=series.place,
        )
        session.full_clean(exclude=["kind"])
        session.save()
        created.append(session)
    return created
