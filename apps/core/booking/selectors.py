from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..pagecache import generation_cached
from .kinds import eligibility_check, occurrence_register_url
from .models import Occurrence, Registration
from .services import registration_window_check

Status = Registration.Status


@dataclass
class BookingState:
    """What the booking box on an occurrence's page shows to one person."""

    occurrence: Occurrence
    registration: Registration | None
    waitlist_position: int | None
    seats_left: int | None
    can_register: bool
    reason: str
    can_cancel: bool
    register_url: str | None = None  # a pillar's own register form (e.g. a child's details), else one click


def waitlist_position(registration: Registration) -> int:
    return (
        Registration.objects.waitlist()
        .filter(occurrence_id=registration.occurrence_id, created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, id__gt=registration.id)
        .count()
    )


def _person_on(occurrence: Occurrence, user) -> tuple[Registration | None, int | None, str]:
    """What the booking box knows of one person: their live registration, its place in the queue if waiting,
    and the audience's or kind's refusal ("" if none; asked only when they have no registration)."""
    registration = Registration.objects.live().filter(occurrence=occurrence, user=user).first()
    position = waitlist_position(registration) if registration and registration.status == Status.WAITLISTED else None
    refusal = ""
    if registration is None:
        try:
            eligibility_check(user, occurrence)
        except ValidationError as error:
            refusal = error.messages[0]
    return registration, position, refusal


def booking_state(occurrence: Occurrence, user, now=None) -> BookingState:
    """The box's state for `user`. What depends on the person is read through the page cache's generation,
    cached for them alone (any write makes it stale: their 报名, a cancellation ahead of them in the queue, a
    verified membership); what depends on the time (the window, the cancel deadline) is decided on every call."""
    now = now or timezone.now()
    registration, position, refusal = None, None, ""
    if user.is_authenticated:
        registration, position, refusal = generation_cached(
            "booking:person", (occurrence.pk, user.pk), lambda: _person_on(occurrence, user)
        )
    try:
        registration_window_check(occurrence, now=now)
        reason = refusal
    except ValidationError as error:
        reason = error.messages[0]
    return BookingState(
        occurrence=occurrence,
        registration=registration,
        waitlist_position=position,
        seats_left=occurrence.seats_left(),
        can_register=registration is None and not reason,
        reason=reason,
        can_cancel=registration is not None and now < occurrence.cancel_deadline,
        register_url=occurrence_register_url(occurrence) if registration is None else None,
    )
