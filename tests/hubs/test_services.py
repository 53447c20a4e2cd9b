import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from apps.core.images import image_clean
from apps.hubs import services
from apps.hubs.lifecycle import Status
from apps.hubs.models import Report, ReportEvent
from tests.factories import image_bytes, user_create

from .factories import category_create, hub_create, hub_staff_create, report_create

pytestmark = pytest.mark.django_db


def _submit(reporter, **extra):
    fields = {
        "title": "路灯不亮",
        "description": "远大路中段的路灯已经一周没亮了。",
        "category": category_create("照明"),
        "hub": extra.pop("hub", None) or hub_create(),
        "place": "远大路中段",
        "photos": [],
        **extra,
    }
    return services.report_submit(reporter=reporter, **fields)


def test_submit_gives_a_public_reference_from_the_primary_key(resident):
    report = _submit(resident)
    year = timezone.localtime(report.submitted_at).year
    assert report.reference == f"HL-{year}-{report.pk:06d}"
    assert re.fullmatch(r"HL-\d{4}-\d{6}", report.reference)
    assert report.status == Status.SUBMITTED
    assert report.published_at is None
    assert report.events.get().to_status == Status.SUBMITTED


def test_references_are_unique_across_many_submissions(resident):
    hub = hub_create()
    refs = {_submit(resident, hub=hub, title=f"问题{i}").reference for i in range(5)}
    assert len(refs) == 5


def test_submit_refuses_unverified_phone_and_changes_nothing():
    user = user_create(verified=False)
    with pytest.raises(ValidationError) as error:
        _submit(user)
    assert error.value.code == "unverified"
    assert "验证手机号" in error.value.messages[0]
    assert Report.objects.count() == 0


def test_submit_refuses_a_seventh_photo(resident):
    photos = [image_clean(_upload()) for _ in range(7)]
    with pytest.raises(ValidationError) as error:
        _submit(resident, photos=photos)
    assert error.value.code == "too_many"
    assert Report.objects.count() == 0


def test_submit_stores_photos_through_the_image_pipeline(resident):
    report = _submit(resident, photos=[image_clean(_upload())])
    photo = report.photos.get()
    assert photo.image.uploaded_by == resident
    assert photo.image.renditions


def test_submit_refuses_the_same_report_twice(resident):
    hub = hub_create()
    _submit(resident, hub=hub)
    with pytest.raises(ValidationError) as error:
        _submit(resident, hub=hub)
    assert error.value.code == "duplicate_submit"
    assert Report.objects.count() == 1


def test_submit_mails_the_hub_staff(resident, django_capture_on_commit_callbacks):
    hub = hub_create()
    hub_staff_create(hub, email="hub@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        report = _submit(resident, hub=hub)
    assert [m.to for m in mail.outbox] == [["hub@example.com"]]
    assert report.reference in mail.outbox[0].subject


def test_reporter_is_notified_at_each_public_status_change(django_capture_on_commit_callbacks, sms_outbox):
    reporter = user_create(phone="+8613911112222", email="reporter@example.com")
    report = report_create(reporter=reporter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = report_create(reporter=reporter, status=Status.COMPLETED, title="另一件事")
    texts = [text for phone, text in sms_outbox if phone == "+8613911112222"]
    assert len(texts) == 3  # accepted, in progress, completed
    assert all(report.reference in t for t in texts)
    assert "已完成" in texts[-1]
    assert len([m for m in mail.outbox if m.to == ["reporter@example.com"]]) == 3
    assert "公开说明：completed" in mail.outbox[-1].body


def test_staff_of_another_hub_cannot_move_a_report():
    report = report_create()
    other = hub_staff_create(hub_create())
    with pytest.raises(ValidationError) as error:
        services.report_transition(report=report, to_status=Status.ACCEPTED, actor=other, public_message="受理")
    assert error.value.code == "not_your_hub"
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_hub_staff_sign_with_their_hub_not_their_name():
    hub = hub_create(name="锦林社区")
    staff = hub_staff_create(hub, real_name="张三")
    report = report_create(hub=hub, status=Status.ACCEPTED, actor=staff)
    assert report.events.last().actor_label == "锦林社区"


def test_acceptance_publishes_the_report():
    report = report_create(status=Status.ACCEPTED)
    assert report.published_at is not None
    assert Report.objects.public().filter(pk=report.pk).exists()


def test_reopen_within_30_days_by_the_reporter():
    report = report_create(status=Status.COMPLETED)
    services.report_reopen(report=report, user=report.reporter, message="又坏了")
    report.refresh_from_db()
    assert report.status == Status.REOPENED


def test_reopen_after_30_days_is_refused():
    report = report_create(status=Status.COMPLETED)
    Report.objects.filter(pk=report.pk).update(status_changed_at=timezone.now() - timedelta(days=31))
    report.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.report_reopen(report=report, user=report.reporter, message="又坏了")
    assert error.value.code == "reopen_window"
    assert "30 天" in error.value.messages[0]
    report.refresh_from_db()
    assert report.status == Status.COMPLETED


def test_reopen_or_confirm_by_someone_else_is_refused(resident):
    report = report_create(status=Status.COMPLETED)
    for call in (
        lambda: services.report_reopen(report=report, user=resident, message="又坏了"),
        lambda: services.report_confirm(report=report, user=resident),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.code == "not_reporter"
    report.refresh_from_db()
    assert report.status == Status.COMPLETED


def test_reopen_needs_a_reason():
    report = report_create(status=Status.COMPLETED)
    with pytest.raises(ValidationError) as error:
        services.report_reopen(report=report, user=report.reporter, message=" ")
    assert error.value.code == "reason_required"


def test_history_rows_cannot_be_changed_or_deleted_in_code():
    event = report_create().events.get()
    event.public_message = "改写历史"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        ReportEvent.objects.filter(pk=event.pk).update(public_message="x")
    with pytest.raises(TypeError):
        ReportEvent.objects.all().delete()


def test_history_rows_are_guarded_by_the_database():
    event = report_create().events.get()
    for sql in (
        "UPDATE hubs_reportevent SET public_message = 'x' WHERE id = %s",
        "DELETE FROM hubs_reportevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert ReportEvent.objects.filter(pk=event.pk, public_message="").exists()


def test_deleting_a_staff_account_keeps_the_history():
    hub = hub_create()
    staff = hub_staff_create(hub)
    report = report_create(hub=hub, status=Status.ACCEPTED, actor=staff)
    staff.delete()
    event = report.events.get(to_status=Status.ACCEPTED)
    assert event.actor is None
    assert event.actor_label == hub.name


def test_hiding_needs_a_reason_and_writes_the_history(superuser):
    report = report_create(status=Status.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.report_hide(report=report, actor=superuser, reason="")
    assert error.value.code == "reason_required"
    services.report_hide(report=report, actor=superuser, reason="含有他人隐私")
    report.refresh_from_db()
    assert report.is_hidden and report.hidden_reason == "含有他人隐私"
    assert not Report.objects.public().filter(pk=report.pk).exists()
    assert report.events.filter(kind=ReportEvent.Kind.HIDDEN, internal_remark="含有他人隐私").exists()
    services.report_unhide(report=report, actor=superuser)
    assert Report.objects.public().filter(pk=report.pk).exists()


def test_phone_reveal_is_recorded(superuser):
    from apps.core.models import AuditEvent

    report = report_create()
    phone = services.report_phone_reveal(report=report, actor=superuser)
    assert phone == report.reporter.phone
    event = AuditEvent.objects.get(action=AuditEvent.Action.PHONE_REVEALED)
    assert event.user == superuser and event.object_repr == str(report)


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("p.jpg", image_bytes(size=(64, 48)), content_type="image/jpeg")
