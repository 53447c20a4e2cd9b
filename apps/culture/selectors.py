"""Reads of 红岭文化: event lists, the catalogue, drift journeys, and a guardian's own registrations."""

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from apps.core.models import Registration

from .models import Book, ChildAttendee, CultureEvent, DriftBook, DriftLog, Library


def events_upcoming(category: str = "", now=None):
    events = (
        CultureEvent.objects.public()
        .upcoming(now)
        .with_counts()
        .select_related("poster", "venue_hub")
        .order_by("starts_at", "id")
    )
    return events.filter(category=category) if category else events


def events_past(now=None):
    return (
        CultureEvent.objects.public()
        .filter(ends_at__lt=now or timezone.now(), is_cancelled=False)
        .select_related("poster")
        .order_by("-starts_at")
    )


def event_detail(pk: int) -> CultureEvent:
    return CultureEvent.objects.public().select_related("poster", "venue_hub", "library").get(pk=pk)


def libraries():
    return Library.objects.filter(is_published=True).select_related("hub", "photo")


def catalogue(query: str = "", category: str = ""):
    books = Book.objects.search(query)
    return books.filter(category=category) if category else books


def library_events(now=None):
    """Reading clubs, drift meet-ups and story time coming up: they happen at the library."""
    return events_upcoming(now=now).filter(Q(library__isnull=False) | Q(category__in=CultureEvent.LIBRARY_CATEGORIES))[
        :6
    ]


def public_logs():
    return DriftLog.objects.filter(is_hidden=False).select_related("hub")


def drift_books():
    """Active drifting books with their latest public stop (two queries)."""
    latest = Prefetch("logs", queryset=public_logs().order_by("-logged_at", "-id"), to_attr="public_logs")
    return (
        DriftBook.objects.filter(is_active=True)
        .select_related("released_hub")
        .annotate(stops=Count("logs", filter=Q(logs__is_hidden=False)), last_seen=Max("logs__logged_at"))
        .prefetch_related(latest)
    )


def drift_journey(drift_book: DriftBook):
    """Where the book has been, oldest first: hubs, dates and notes — never who carried it."""
    return public_logs().filter(drift_book=drift_book).order_by("logged_at", "id")


def my_culture_section(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    children = (
        ChildAttendee.objects.filter(registration__user=request.user)
        .exclude(registration__status=Registration.Status.CANCELLED)
        .select_related("registration__occurrence")
        .order_by("-registration__occurrence__starts_at")[:20]
    )
    logs = DriftLog.objects.filter(logged_by=request.user).select_related("drift_book", "hub")[:20]
    return {"children": list(children), "logs": list(logs)}


def my_culture_export(user) -> dict:
    children = ChildAttendee.objects.filter(registration__user=user).select_related("registration__occurrence")
    logs = DriftLog.objects.filter(logged_by=user).select_related("drift_book", "hub")
    return {
        "child_registrations": [
            {
                "event": c.registration.occurrence.title,
                "starts_at": timezone.localtime(c.registration.occurrence.starts_at).isoformat(),
                "status": c.registration.get_status_display(),
                "child_name": c.child_name,
                "child_age": c.child_age,
                "guardian_consent_at": timezone.localtime(c.guardian_consent_at).isoformat(),
            }
            for c in children
        ],
        "drift_logs": [
            {
                "book": log.drift_book.code,
                "hub": log.hub.name,
                "note": log.note,
                "logged_at": timezone.localtime(log.logged_at).isoformat(),
            }
            for log in logs
        ],
    }
