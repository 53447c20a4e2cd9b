"""Which pillar model each Occurrence is, registered by the pillars (core imports none of them).

A pillar registers its kind once, in its AppConfig.ready():

    occurrence_kind_register(key="classes.session", label="红岭课堂", url_name="classes:session")

The child model shares its primary key with the Occurrence (multi-table inheritance), so links to
the pillar's page are made without a query.

Optional, per kind:
- `hub_lookup`: the ORM path from Occurrence to the slug of the community it happens in (e.g.
  "session__venue_hub__slug"), so the calendar can filter by hub without core knowing the pillars;
- `register_url`: callable(occurrence) -> str | None. When it returns a URL, registering needs more
  than one click (e.g. a child's name and age for a families event): the booking box links there and
  the one-click 报名 view refuses;
- `on_cancel`: callable(registration), run inside the cancel's transaction (e.g. to delete a child's
  details kept beside a cancelled registration).

Who may come is one rule per audience (仅限党员 for `Occurrence.Audience.MEMBERS`), registered by the app that
knows the people (`audience_rule_register`), so a members-only culture event and a members-only class session
ask the same rule; a kind may add its own `eligibility` on top. `registration_create` asks both.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from ..context_processors import reverse_pk, url_or_none


@dataclass(frozen=True)
class OccurrenceKind:
    key: str
    label: str
    url_name: str
    # eligibility(user, occurrence) raises ValidationError with a Chinese message when `user` may not register.
    eligibility: Callable | None = None
    hub_lookup: str = ""
    register_url: Callable | None = None
    on_cancel: Callable | None = None


KINDS: dict[str, OccurrenceKind] = {}
AUDIENCE_RULES: dict[str, Callable] = {}
_hub_choices: list[Callable] = []


def occurrence_kind_register(
    *,
    key: str,
    label: str,
    url_name: str,
    eligibility: Callable | None = None,
    hub_lookup: str = "",
    register_url: Callable | None = None,
    on_cancel: Callable | None = None,
) -> None:
    KINDS[key] = OccurrenceKind(key, label, url_name, eligibility, hub_lookup, register_url, on_cancel)


def cancel_hook_run(registration) -> None:
    kind = KINDS.get(registration.occurrence.kind)
    if kind and kind.on_cancel:
        kind.on_cancel(registration)


def calendar_hubs_register(choices: Callable) -> None:
    """The app that owns communities gives the calendar its hub filter: choices() -> [(slug, name)]."""
    if choices not in _hub_choices:
        _hub_choices.append(choices)


def calendar_hubs() -> list[tuple[str, str]]:
    return [pair for choices in _hub_choices for pair in choices()]


def kinds_at_hubs(slugs, *, lookup: str = "__in") -> Q:
    """Occurrences held at the hubs with these slugs, whichever pillar they belong to: an OR of the
    lookups the kinds registered (kinds without a hub never match). `lookup=""` matches one slug."""
    condition = Q(pk__in=[])
    for kind in KINDS.values():
        if kind.hub_lookup:
            condition |= Q(kind=kind.key, **{f"{kind.hub_lookup}{lookup}": slugs})
    return condition


def occurrence_register_url(occurrence) -> str | None:
    """Where registering for `occurrence` happens when it needs a form (None: the one-click 报名)."""
    kind = KINDS.get(occurrence.kind)
    return kind.register_url(occurrence) if kind and kind.register_url else None


def audience_rule_register(*, audience: str, check: Callable) -> None:
    """check(user, occurrence) raises ValidationError (with a code) when `user` is not of this audience."""
    AUDIENCE_RULES[audience] = check


_registration_rules: list[Callable] = []


def registration_rule_register(rule: Callable) -> None:
    """A rule for every kind: rule(user, occurrence) raises ValidationError (with a code) to refuse a registration.

    Registered from an app's ready() (accounts: a WeChat account needs a verified phone); registration_create
    runs them all.
    """
    if rule not in _registration_rules:
        _registration_rules.append(rule)


def registration_rules_check(user, occurrence) -> None:
    for rule in _registration_rules:
        rule(user, occurrence)


def eligibility_check(user, occurrence) -> None:
    """Raise the ValidationError of the first rule `user` fails: the audience's, then the kind's own."""
    if rule := AUDIENCE_RULES.get(occurrence.audience):
        rule(user, occurrence)
    kind = KINDS.get(occurrence.kind)
    if kind and kind.eligibility:
        kind.eligibility(user, occurrence)


def occurrence_url(occurrence) -> str:
    kind = KINDS.get(occurrence.kind)
    return reverse_pk(kind.url_name, occurrence.pk) if kind else url_or_none("core:calendar")


def occurrence_kind_label(occurrence) -> str:
    kind = KINDS.get(occurrence.kind)
    return kind.label if kind else "活动"
