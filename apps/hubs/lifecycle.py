"""The report lifecycle: its states and the table of allowed moves. Services consult this table only.

Each move names who may make it: hub staff (``STAFF``), or the resident who filed the report
(``REPORTER``, to confirm or reopen a completed report). Closing moves need a public reason.
"""

from django.db import models


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "已受理"
    INVESTIGATING = "investigating", "核实中"
    CONSULTATION = "consultation", "三方共商"
    DECIDED = "decided", "已议定"
    IN_PROGRESS = "in_progress", "实施中"
    COMPLETED = "completed", "已完成"
    CONFIRMED = "confirmed", "居民已确认"
    REOPENED = "reopened", "重新处理"
    DUPLICATE = "duplicate", "重复反映"
    REFERRED = "referred", "已转交"
    NOT_ADOPTED = "not_adopted", "不予立项"


STAFF = "staff"
REPORTER = "reporter"

# The closings without a fix: each needs a public reason (and duplicate/referred need more, see services).
CLOSED = frozenset({Status.DUPLICATE, Status.REFERRED, Status.NOT_ADOPTED})
FINISHED = frozenset({Status.COMPLETED, Status.CONFIRMED})
OPEN = frozenset(set(Status) - CLOSED - FINISHED - {Status.SUBMITTED})
_CLOSINGS = {Status.DUPLICATE: STAFF, Status.REFERRED: STAFF, Status.NOT_ADOPTED: STAFF}

# from-status -> {to-status: who may make the move}. Small problems (a broken lamp) may skip the
# consultation: accepted/investigating can go straight to "in progress".
TRANSITIONS: dict[str, dict[str, str]] = {
    Status.SUBMITTED: {Status.ACCEPTED: STAFF, **_CLOSINGS},
    Status.ACCEPTED: {
        Status.INVESTIGATING: STAFF,
        Status.CONSULTATION: STAFF,
        Status.IN_PROGRESS: STAFF,
        **_CLOSINGS,
    },
    Status.INVESTIGATING: {
        Status.CONSULTATION: STAFF,
        Status.DECIDED: STAFF,
        Status.IN_PROGRESS: STAFF,
        **_CLOSINGS,
    },
    Status.CONSULTATION: {Status.DECIDED: STAFF, Status.REFERRED: STAFF, Status.NOT_ADOPTED: STAFF},
    Status.DECIDED: {Status.IN_PROGRESS: STAFF, Status.NOT_ADOPTED: STAFF},
    Status.IN_PROGRESS: {Status.COMPLETED: STAFF},
    Status.COMPLETED: {Status.CONFIRMED: REPORTER, Status.REOPENED: REPORTER},
    Status.REOPENED: {
        Status.INVESTIGATING: STAFF,
        Status.CONSULTATION: STAFF,
        Status.IN_PROGRESS: STAFF,
        Status.COMPLETED: STAFF,
        Status.REFERRED: STAFF,
        Status.NOT_ADOPTED: STAFF,
    },
    Status.CONFIRMED: {},
    Status.DUPLICATE: {},
    Status.REFERRED: {},
    Status.NOT_ADOPTED: {},
}

REOPEN_WINDOW_DAYS = 30


def allowed_moves(status: str, *, by: str) -> list[str]:
    """The states a report in `status` may move to when the move is made by `by` (STAFF or REPORTER)."""
    return [to for to, who in TRANSITIONS.get(status, {}).items() if who == by]


def move_allowed(from_status: str, to_status: str, *, by: str) -> bool:
    return TRANSITIONS.get(from_status, {}).get(to_status) == by
