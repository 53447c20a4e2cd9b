from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from .kinds import eligibility_check, occurrence_register_url
from .models import Occurrence, Registration
from .services import registration_window_check


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


def booking_state(occurrence: Occurrence, user, now=None) -> BookingState:
    now = now or timezone.now()
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.live().filter(occurrence=occurrence, user=user).first()
    reason = ""
    try:
        registration_window_check(occurrence, now=now)
        if user.is_authenticated and registration is None:
            eligibility_check(user, occurrence)
    except ValidationError as error:
        reason = error.messages[0]
    waiting = registration is not None and registration.status == Registration.Status.WAITLISTED
    return BookingState(
        occurrence=occurrence,
        registration=registration,
        waitlist_position=waitlist_position(registration) if waiting else None,
        seats_left=occurrence.seats_left(),
        can_register=registration is None and not reason,
        reason=reason,
        can_cancel=registration is not None and now < occurrence.cancel_deadline,
        register_url=occurrence_register_url(occurrence) if registration is None else None,
    )
