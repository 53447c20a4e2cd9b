import pytest
from django.core.exceptions import ValidationError

from apps.hubs import services
from apps.hubs.lifecycle import CLOSED, REPORTER, STAFF, TRANSITIONS, Status
from apps.hubs.models import ReportEvent

from .factories import PATH, hub_create, report_create

pytestmark = pytest.mark.django_db

STAFF_MOVES = [(f, t) for f, moves in TRANSITIONS.items() for t, who in moves.items() if who == STAFF]
REPORTER_MOVES = [(f, t) for f, moves in TRANSITIONS.items() for t, who in moves.items() if who == REPORTER]
FORBIDDEN = [
    (Status.SUBMITTED, Status.COMPLETED),
    (Status.SUBMITTED, Status.IN_PROGRESS),
    (Status.SUBMITTED, Status.DECIDED),
    (Status.ACCEPTED, Status.COMPLETED),
    (Status.CONSULTATION, Status.COMPLETED),
    (Status.IN_PROGRESS, Status.ACCEPTED),
    (Status.COMPLETED, Status.IN_PROGRESS),
    (Status.NOT_ADOPTED, Status.ACCEPTED),
    (Status.REFERRED, Status.IN_PROGRESS),
]


def _to(from_status):
    """A report in `from_status` (REOPENED and CONFIRMED via the reporter)."""
    if from_status == Status.REOPENED:
        report = report_create(status=Status.COMPLETED)
        services.report_reopen(report=report, user=report.reporter, message="还是不行。")
        return report
    return report_create(status=from_status)


def test_every_state_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(Status)


@pytest.mark.parametrize(("from_status", "to_status"), STAFF_MOVES)
def test_every_allowed_staff_move(from_status, to_status, superuser):
    report = _to(from_status)
    extra = {}
    if to_status == Status.DUPLICATE:
        extra["duplicate_of"] = report_create(hub=report.hub, status=Status.ACCEPTED)
    if to_status == Status.REFERRED:
        extra["referred_to"] = "区城管执法部门"
    event = services.report_transition(
        report=report, to_status=to_status, actor=superuser, public_message="说明", **extra
    )
    report.refresh_from_db()
    assert report.status == to_status
    assert (event.from_status, event.to_status) == (from_status, to_status)
    assert event.actor_label == "马坡岭街道"


@pytest.mark.parametrize(("from_status", "to_status"), REPORTER_MOVES)
def test_every_allowed_reporter_move(from_status, to_status):
    report = _to(from_status)
    if to_status == Status.CONFIRMED:
        services.report_confirm(report=report, user=report.reporter)
    else:
        services.report_reopen(report=report, user=report.reporter, message="路灯又不亮了。")
    report.refresh_from_db()
    assert report.status == to_status


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_forbidden_moves_are_refused_and_change_nothing(from_status, to_status, superuser):
    report = _to(from_status)
    events = report.events.count()
    with pytest.raises(ValidationError) as error:
        services.report_transition(
            report=report, to_status=to_status, actor=superuser, public_message="说明", referred_to="某单位"
        )
    assert error.value.code == "forbidden_move"
    assert "不能从" in error.value.messages[0]
    report.refresh_from_db()
    assert report.status == from_status
    assert report.events.count() == events


def test_staff_cannot_make_reporter_moves(superuser):
    report = report_create(status=Status.COMPLETED)
    with pytest.raises(ValidationError) as error:
        services.report_transition(report=report, to_status=Status.CONFIRMED, actor=superuser, public_message="x")
    assert error.value.code == "forbidden_move"


@pytest.mark.parametrize("closing", sorted(CLOSED))
def test_closing_without_a_public_reason_is_refused(closing, superuser):
    report = report_create(status=Status.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.report_transition(
            report=report, to_status=closing, actor=superuser, public_message="  ", referred_to="某单位"
        )
    assert error.value.code == "reason_required"
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED


def test_duplicate_needs_a_surviving_report_and_links_it(superuser):
    survivor = report_create(status=Status.ACCEPTED)
    report = report_create(hub=survivor.hub, status=Status.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.report_transition(report=report, to_status=Status.DUPLICATE, actor=superuser, public_message="重复")
    assert error.value.code == "duplicate_of"
    services.report_transition(
        report=report, to_status=Status.DUPLICATE, actor=superuser, public_message="重复", duplicate_of=survivor
    )
    report.refresh_from_db()
    assert report.duplicate_of == survivor


def test_referred_names_the_responsible_body(superuser):
    report = report_create(status=Status.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.report_transition(report=report, to_status=Status.REFERRED, actor=superuser, public_message="转交")
    assert error.value.code == "referred_to"
    services.report_transition(
        report=report, to_status=Status.REFERRED, actor=superuser, public_message="转交", referred_to="区交通管理部门"
    )
    report.refresh_from_db()
    assert report.referred_to == "区交通管理部门"


def test_each_state_reachable_by_the_test_path():
    hub = hub_create()
    for status in PATH:
        assert report_create(hub=hub, status=status).status == status


def test_history_is_one_row_per_step():
    report = report_create(status=Status.COMPLETED)
    steps = list(report.events.values_list("from_status", "to_status"))
    assert steps == [
        ("", Status.SUBMITTED),
        (Status.SUBMITTED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.COMPLETED),
    ]
    assert all(kind == ReportEvent.Kind.STATUS for kind in report.events.values_list("kind", flat=True))
