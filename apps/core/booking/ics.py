"""iCalendar feeds of occurrences (icalendar package): stable UIDs, SEQUENCE, cancellations, Asia/Shanghai."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from ..models import SiteSettings

SHANGHAI = ZoneInfo("Asia/Shanghai")


def occurrence_uid(occurrence) -> str:
    # Never derived from anything editable: the same event keeps the same UID for ever.
    return f"occurrence-{occurrence.pk}@hongling"


def _event(occurrence, request) -> Event:
    event = Event()
    event.add("uid", occurrence_uid(occurrence))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", occurrence.starts_at.astimezone(SHANGHAI))
    event.add("dtend", occurrence.ends_at.astimezone(SHANGHAI))
    event.add("summary", occurrence.title)
    if occurrence.place:
        event.add("location", occurrence.place)
    event.add("url", request.build_absolute_uri(occurrence.get_absolute_url()))
    event.add("sequence", occurrence.sequence)
    event.add("last-modified", occurrence.updated_at)
    event.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    return event


def calendar_response(occurrences, request, *, name: str, filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", f"-//{SiteSettings.load().brand_name}//{settings.LANGUAGE_CODE}//")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for occurrence in occurrences:
        calendar.add_component(_event(occurrence, request))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
