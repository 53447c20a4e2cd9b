from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Series, Session

MAX_SESSIONS = 60


def series_dates(series: Series) -> list:
    if series.until_date < series.first_date:
        raise ValidationError({"until_date": "结束日期不能早于开始日期。"}, code="end_before_start")
    first = series.first_date + timedelta(days=(series.weekday - series.first_date.weekday()) % 7)
    dates = []
    day = first
    while day <= series.until_date:
        dates.append(day)
        day += timedelta(days=7)
    if not dates:
        raise ValidationError("这段日期里没有符合“每周几”的日子，请检查日期和星期。", code="no_dates")
    if len(dates) > MAX_SESSIONS:
        raise ValidationError(f"一次最多排 {MAX_SESSIONS} 场，请缩短日期范围。", code="too_many")
    return dates


@transaction.atomic
def series_materialize(*, series: Series) -> list[Session]:
    """One Session row per date of the series (each editable afterwards). Existing dates are kept."""
    existing = {timezone.localtime(s.starts_at).date() for s in series.sessions.all()}
    created = []
    for day in series_dates(series):
        if day in existing:
            continue
        starts = timezone.make_aware(datetime.combine(day, series.start_time))
        session = Session(
            course=series.course,
            series=series,
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
