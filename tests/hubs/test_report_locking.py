"""Each step of a report works on the locked, fresh row: a copy loaded minutes ago (another tab, a bulk
action's queryset) can neither undo what was written since nor pass a check the current row fails."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.hubs import services
from apps.hubs.lifecycle import Status
from apps.hubs.models import Report

from .factories import hub_create, hub_staff_create, report_create

pytestmark = pytest.mark.django_db


def test_a_stale_copy_does_not_wipe_published_at(superuser):
    report = report_create()
    stale = Report.objects.get(pk=report.pk)  # loaded while still 待受理, unpublished
    services.report_transition(report=report, to_status=Status.ACCEPTED, actor=superuser, public_message="受理")
    services.report_transition(report=stale, to_status=Status.INVESTIGATING, actor=superuser, public_message="核实")
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.status == Status.INVESTIGATING
    assert fresh.published_at is not None  # the stale copy's None was once written back here
    assert stale.status == Status.INVESTIGATING and stale.published_at == fresh.published_at


def test_a_stale_copy_does_not_wipe_referred_to_or_duplicate_of(superuser):
    referred = report_create(status=Status.ACCEPTED)
    stale = Report.objects.get(pk=referred.pk)
    services.report_transition(
        report=referred, to_status=Status.REFERRED, actor=superuser, public_message="转交", referred_to="区城管局"
    )
    with pytest.raises(ValidationError) as error:  # the check reads the current status, not the stale one
        services.report_transition(report=stale, to_status=Status.IN_PROGRESS, actor=superuser, public_message="x")
    assert error.value.code == "forbidden_move"
    assert Report.objects.get(pk=referred.pk).referred_to == "区城管局"

    survivor = report_create(status=Status.ACCEPTED)
    duplicate = report_create(hub=survivor.hub, status=Status.ACCEPTED)
    stale = Report.objects.get(pk=duplicate.pk)
    services.report_transition(
        report=duplicate, to_status=Status.DUPLICATE, actor=superuser, public_message="重复", duplicate_of=survivor
    )
    with pytest.raises(ValidationError) as error:
        services.report_transition(report=stale, to_status=Status.IN_PROGRESS, actor=superuser, public_message="x")
    assert error.value.code == "forbidden_move"
    assert Report.objects.get(pk=duplicate.pk).duplicate_of == survivor


def test_reopen_window_is_read_from_the_current_row():
    report = report_create(status=Status.COMPLETED)
    stale = Report.objects.get(pk=report.pk)
    Report.objects.filter(pk=report.pk).update(status_changed_at=timezone.now() - timedelta(days=31))
    with pytest.raises(ValidationError) as error:
        services.report_reopen(report=stale, user=report.reporter, message="又坏了")
    assert error.value.code == "reopen_window"


def test_duplicate_of_must_be_a_report_of_the_workers_own_hubs():
    hub, other = hub_create(), hub_create()
    worker = hub_staff_create(hub)
    mine = report_create(hub=hub, status=Status.ACCEPTED)
    theirs = report_create(hub=other, status=Status.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.report_transition(
            report=mine, to_status=Status.DUPLICATE, actor=worker, public_message="重复", duplicate_of=theirs
        )
    assert error.value.code == "duplicate_of"
    assert Report.objects.get(pk=mine.pk).status == Status.ACCEPTED


def test_admin_duplicate_lookup_is_scoped_to_the_workers_hubs(client):
    hub, other = hub_create(), hub_create()
    worker = hub_staff_create(hub)
    mine = report_create(hub=hub, status=Status.ACCEPTED)
    theirs = report_create(hub=other, status=Status.ACCEPTED)
    client.force_login(worker)
    response = client.post(
        reverse("admin:hubs_report_status", args=[mine.pk]),
        {"apply": "1", "to_status": Status.DUPLICATE, "public_message": "与另一条重复",
         "duplicate_of": theirs.reference},
        follow=True,
    )  # fmt: skip
    assert "请填写保留的那条反映的编号" in response.text
    mine.refresh_from_db()
    assert mine.status == Status.ACCEPTED and mine.duplicate_of is None
