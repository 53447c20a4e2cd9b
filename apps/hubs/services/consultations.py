from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.booking.services import occurrence_capacity_change

from ..lifecycle import STAFF, Status, move_allowed
from ..models import Consultation, ConsultationMeeting
from .reports import report_transition


@transaction.atomic
def consultation_sync(*, consultation: Consultation, actor) -> list[str]:
    """Bring linked reports in line with the consultation: "三方共商" once it is scheduled, "已议定" once
    its decision is published. Reports that cannot make the move are left alone; their references are
    returned so the admin can say so."""
    consultation.full_clean()
    if consultation.is_published and consultation.published_at is None:
        consultation.published_at = timezone.now()
        consultation.save(update_fields=["published_at"])
    consultation_meeting_sync(consultation=consultation)
    when = timezone.localtime(consultation.held_at)
    skipped = []
    for report in consultation.reports.select_related("hub", "reporter"):
        targets = [Status.CONSULTATION]
        if consultation.is_published:
            targets.append(Status.DECIDED)
        moved = False
        for target in targets:
            if not move_allowed(report.status, target, by=STAFF):
                continue
            if target == Status.CONSULTATION:
                message = f"已安排三方共商：{when:%Y年%m月%d日}，议题“{consultation.topic}”。"
            else:
                message = f"三方共商已议定：{consultation.decision}"
            try:
                report_transition(report=report, to_status=target, actor=actor, public_message=message[:1000])
            except ValidationError:
                break
            moved = True
        if not moved and report.status not in {Status.CONSULTATION, Status.DECIDED}:
            skipped.append(report.reference)
    return skipped


def consultation_meeting_sync(*, consultation: Consultation) -> ConsultationMeeting | None:
    """Put a consultation open to residents on the calendar (or take it off: hidden, never deleted, so
    registrations and their history stay)."""
    meeting = ConsultationMeeting.objects.filter(consultation=consultation).first()
    if not consultation.open_to_residents:
        if meeting and meeting.is_public:
            meeting.is_public = False
            meeting.save()
        return meeting
    fields = {
        "title": f"三方共商：{consultation.topic}",
        "starts_at": consultation.held_at,
        "ends_at": consultation.held_at + timedelta(minutes=consultation.duration_minutes or 120),
        "place": consultation.venue or f"{consultation.hub.name}（{consultation.hub.address}）",
        "audience": ConsultationMeeting.Audience.EVERYONE,
        "is_public": consultation.hub.is_published,
    }
    if not consultation.venue:  # held at the hub; with a named venue staff set the meeting's own coordinates
        fields.update(latitude=consultation.hub.latitude, longitude=consultation.hub.longitude)
    if meeting is None:
        meeting = ConsultationMeeting(consultation=consultation, capacity=consultation.seats, **fields)
        meeting.save()
        return meeting
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    if meeting.capacity != consultation.seats:
        occurrence_capacity_change(occurrence=meeting, capacity=consultation.seats)
    return meeting
