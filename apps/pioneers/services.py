"""Writes of 红岭先锋: consent, publishing and unpublishing a pioneer's profile.

A profile is public only while the person's consent is on record (who recorded it, when, how).
Unpublishing or withdrawing consent saves the row, which re-indexes search at once; pages, the home
page and the sitemap read `Pioneer.objects.published()`, so it disappears everywhere in one write.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Pioneer


def _locked(pioneer: Pioneer) -> Pioneer:
    return Pioneer.objects.select_for_update().get(pk=pioneer.pk)


@transaction.atomic
def consent_note_clean(note: str) -> str:
    """How the person agreed must be written down; the admin form asks this too, to show it on the field."""
    note = (note or "").strip()
    if not note:
        raise ValidationError("请写明本人是如何同意的，例如：本人签字同意书，存于新安社区。", code="note_required")
    return note


def pioneer_publish_check(*, pioneer: Pioneer, consent_recorded: bool = False) -> None:
    """No profile is public without the person's recorded consent (`consent_recorded`: being recorded now)."""
    if not (pioneer.has_consent or consent_recorded):
        who = f"“{pioneer.name}”" if pioneer.name else "这位先锋"
        raise ValidationError(f"{who}还没有记录本人同意，不能公开。请先记录本人同意及同意方式。", code="no_consent")


def pioneer_consent_record(*, pioneer: Pioneer, by, note: str, now=None) -> Pioneer:
    """Record that the person agreed to have their profile published, and how (e.g. a signed form)."""
    note = consent_note_clean(note)
    locked = _locked(pioneer)
    locked.consent_recorded_at = now or timezone.now()
    locked.consent_recorded_by = by
    locked.consent_note = note[:120]
    locked.full_clean()
    locked.save(update_fields=["consent_recorded_at", "consent_recorded_by", "consent_note", "updated_at"])
    return locked


@transaction.atomic
def pioneer_publish(*, pioneer: Pioneer, now=None) -> Pioneer:
    locked = _locked(pioneer)
    pioneer_publish_check(pioneer=locked)
    locked.is_published = True
    locked.published_at = locked.published_at or now or timezone.now()
    locked.full_clean()
    locked.save(update_fields=["is_published", "published_at", "updated_at"])
    return locked


@transaction.atomic
def pioneer_unpublish(*, pioneer: Pioneer) -> Pioneer:
    locked = _locked(pioneer)
    locked.is_published = False
    locked.save(update_fields=["is_published", "updated_at"])
    return locked


@transaction.atomic
def pioneer_consent_withdraw(*, pioneer: Pioneer) -> Pioneer:
    """The person changed their mind: hide the profile and forget the consent (it must be given anew)."""
    locked = _locked(pioneer)
    locked.is_published = False
    locked.consent_recorded_at = None
    locked.consent_recorded_by = None
    locked.consent_note = ""
    locked.save(
        update_fields=["is_published", "consent_recorded_at", "consent_recorded_by", "consent_note", "updated_at"]
    )
    return locked
