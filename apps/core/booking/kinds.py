"""Which pillar model each Occurrence is, registered by the pillars (core imports none of them).

A pillar registers its kind once, in its AppConfig.ready():

    occurrence_kind_register(key="classes.session", label="红岭课堂", url_name="classes:session")

The child model shares its primary key with the Occurrence (multi-table inheritance), so links to
the pillar's page are made without a query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class OccurrenceKind:
    key: str
    label: str
    url_name: str
    # eligibility(user, occurrence) raises ValidationError with a Chinese message when `user` may not register.
    eligibility: Callable | None = None


KINDS: dict[str, OccurrenceKind] = {}


def occurrence_kind_register(*, key: str, label: str, url_name: str, eligibility: Callable | None = None) -> None:
    KINDS[key] = OccurrenceKind(key, label, url_name, eligibility)


def eligibility_check(user, occurrence) -> None:
    kind = KINDS.get(occurrence.kind)
    if kind and kind.eligibility:
        kind.eligibility(user, occurrence)


def occurrence_url(occurrence) -> str:
    kind = KINDS.get(occurrence.kind)
    return reverse(kind.url_name, args=[occurrence.pk]) if kind else reverse("core:calendar")


def occurrence_kind_label(occurrence) -> str:
    kind = KINDS.get(occurrence.kind)
    return kind.label if kind else "活动"
