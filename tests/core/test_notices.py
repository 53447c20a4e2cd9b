"""Every notice: its words, its signature, an absolute short link that opens the page, ≤ 70 characters, and the
person's choice on /me/ respected."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.booking import notifications
from apps.core.booking.services import registration_cancel, registration_create
from apps.core.models import NoticePreference, Occurrence
from apps.core.notices import preferences_save, sms_compose
from tests.factories import occurrence_create, staff_create, user_create

pytestmark = pytest.mark.django_db

SITE = "https://hl.mapoling.cn"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _sms_for(outbox, user):
    return [text for phone, text in outbox if phone == user.phone]


def _opens(client, link: str, expected_path: str) -> None:
    assert link.startswith(f"{SITE}/r/")
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302 and response["Location"] == expected_path


BOOKING_CASES = [
    ("confirmed", "报名成功：讲习夜校，", None),
    ("waitlisted", "已候补：讲习夜校，", None),
    ("promoted", "候补转为正式报名：讲习夜校，", None),
    ("cancelled_by_staff", "工作人员已取消您的报名：讲习夜校，", None),
    ("reminder", "提醒：讲习夜校", "开始，连心广场。"),
    ("occurrence_moved", "活动改期：讲习夜校改为", "连心广场。"),
    ("occurrence_cancelled", "活动取消：讲习夜校（", "）。"),
]


@pytest.mark.parametrize(("event", "starts", "contains"), BOOKING_CASES)
def test_booking_notice_text_and_link(event, starts, contains, client, sms_outbox, django_capture_on_commit_callbacks):
    occurrence = occurrence_create()
    user = user_create(phone="+8613911110001", email="member@example.com")
    registration = registration_create(occurrence=occurrence, user=user)
    sms_outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.registration_notify(registration, event)
    [text] = _sms_for(sms_outbox, user)
    link = f"{SITE}/r/E{occurrence.pk}"
    assert text.startswith(f"【红岭+】{starts}") and text.endswith(link)
    if contains:
        assert contains in text
    assert len(text) <= 70
    assert not re.search(r"[,;!?()]|:(?!\d\d)", text.removesuffix(link))  # full-width punctuation (19:30 aside)
    _opens(client, link, occurrence.get_absolute_url())
    [message] = mail.outbox
    assert message.subject.startswith("【红岭+】") and link in message.body


def test_long_titles_are_cut_to_fit_one_segment(sms_outbox):
    text = sms_compose(
        "registration_confirmed",
        link=f"{SITE}/r/E123456",
        title="红岭课堂·讲习夜校第十二讲：新时代基层治理与共建共治共享的实践",
        when="12月05日19:30",
        place="马坡岭街道党群服务中心三楼会议室",
    )
    assert len(text) <= 70 and "…" in text and text.endswith("/r/E123456")


def test_occurrence_moved_in_the_admin_tells_everyone_registered(
    admin_client, sms_outbox, django_capture_on_commit_callbacks
):
    occurrence = occurrence_create(capacity=1)
    seated, waiting = user_create(), user_create()
    first = registration_create(occurrence=occurrence, user=seated)
    second = registration_create(occurrence=occurrence, user=waiting)
    cancelled = user_create()
    other = occurrence_create()
    registration_create(occurrence=other, user=cancelled)
    sms_outbox.clear()
    url = reverse("admin:core_occurrence_change", args=[occurrence.pk])
    new_start = occurrence.starts_at + timedelta(days=1)
    data = {
        "title": occurrence.title, "place": "新安社区", "capacity": 1, "audience": "everyone",
        "cancel_before": "02:00:00", "is_public": "on",
        "starts_at_0": new_start.strftime("%Y-%m-%d"), "starts_at_1": "19:30:00",
        "ends_at_0": new_start.strftime("%Y-%m-%d"), "ends_at_1": "21:30:00",
        "registrations-TOTAL_FORMS": 2, "registrations-INITIAL_FORMS": 2,
        "registrations-0-id": first.pk, "registrations-1-id": second.pk,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302
    assert {phone for phone, _ in sms_outbox} == {seated.phone, waiting.phone}
    assert all("活动改期" in text and "新安社区" in text for _, text in sms_outbox)


def test_occurrence_cancelled_tells_registrants_not_the_cancelled_ones(sms_outbox, django_capture_on_commit_callbacks):
    occurrence = occurrence_create()
    staying, leaving = user_create(), user_create()
    registration_create(occurrence=occurrence, user=staying)
    registration_cancel(registration=registration_create(occurrence=occurrence, user=leaving), by=leaving)
    before = {"starts_at": occurrence.starts_at, "place": occurrence.place, "is_cancelled": False}
    Occurrence.objects.filter(pk=occurrence.pk).update(is_cancelled=True, cancel_reason="因天气原因")
    occurrence.refresh_from_db()
    sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = notifications.occurrence_change_notify(occurrence=occurrence, before=before)
    assert told == 1
    [(phone, text)] = sms_outbox
    assert phone == staying.phone and "活动取消" in text and "因天气原因。" in text


def test_nothing_is_sent_when_nothing_that_matters_changed(sms_outbox, django_capture_on_commit_callbacks):
    occurrence = occurrence_create()
    registration_create(occurrence=occurrence, user=user_create())
    sms_outbox.clear()
    before = {"starts_at": occurrence.starts_at, "place": occurrence.place, "is_cancelled": False}
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.occurrence_change_notify(occurrence=occurrence, before=before) == 0
    assert sms_outbox == []


def test_report_status_notice_links_to_the_report(client, sms_outbox, django_capture_on_commit_callbacks):
    from tests.hubs.factories import report_create

    reporter = user_create(phone="+8613911110002", email="reporter@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_create(reporter=reporter, status="accepted")
    [text] = _sms_for(sms_outbox, reporter)
    link = f"{SITE}/r/{report.reference}"
    assert text == f"【红岭+】您反映的问题{report.reference}：已受理。{link}"
    assert len(text) <= 70
    _opens(client, link, report.get_absolute_url())
    assert any(link in m.body for m in mail.outbox if m.to == ["reporter@example.com"])


def test_membership_verified_and_refused_are_told(client, sms_outbox, django_capture_on_commit_callbacks):
    from apps.classes.services.members import member_verify
    from tests.classes.factories import member_create

    staff = staff_create(email="branch@example.com")
    approved, refused = member_create(status="pending"), member_create(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        member_verify(profile=approved.member_profile, by=staff, approve=True)
        member_verify(profile=refused.member_profile, by=staff, approve=False)
    link = f"{SITE}/me/"
    assert _sms_for(sms_outbox, approved) == [f"【红岭+】党员认证已通过，现在可以报名党员课程。{link}"]
    assert _sms_for(sms_outbox, refused) == [f"【红岭+】党员认证未通过，如有疑问请联系所在党支部。{link}"]
    assert all(len(text) <= 70 for _, text in sms_outbox)


def test_signature_follows_the_site_settings(sms_outbox, django_capture_on_commit_callbacks):
    from apps.core.models import SiteSettings

    settings_row = SiteSettings.load()
    settings_row.brand_name = "岭上家园"
    settings_row.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(occurrence=occurrence_create(), user=user_create())
    assert sms_outbox[-1][1].startswith("【岭上家园】")


def test_a_muted_topic_sends_nothing_on_that_channel(sms_outbox, django_capture_on_commit_callbacks):
    user = user_create(phone="+8613911110003", email="quiet@example.com")
    preferences_save(user=user, chosen={"bookings": (False, True)})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(occurrence=occurrence_create(), user=user)
    assert _sms_for(sms_outbox, user) == []
    assert [m.to for m in mail.outbox] == [["quiet@example.com"]]


def test_reminders_are_their_own_topic(sms_outbox, django_capture_on_commit_callbacks):
    user = user_create()
    registration_create(occurrence=occurrence_create(starts_in_hours=5), user=user)
    preferences_save(user=user, chosen={"bookings": (True, True), "reminders": (False, False)})
    sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.reminders_send() == 1  # marked as done: the person chose not to hear it
    assert sms_outbox == []


def test_no_sms_to_an_unverified_phone(sms_outbox, django_capture_on_commit_callbacks):
    user = user_create(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(occurrence=occurrence_create(), user=user)
    assert sms_outbox == []


def test_me_shows_the_choices_and_saves_them(client):
    user = user_create(phone="+8613911110004", email="me@example.com")
    client.force_login(user)
    html = client.get(reverse("accounts:me")).text
    assert "通知设置" in html and 'name="reports-sms" checked' in html
    response = client.post(reverse("accounts:me_notices"), {"bookings-sms": "on", "reports-mail": "on"})
    assert response.status_code == 302
    saved = {p.topic: (p.by_sms, p.by_mail) for p in NoticePreference.objects.filter(user=user)}
    assert saved == {
        "bookings": (True, False),
        "reminders": (False, False),
        "reports": (False, True),
        "membership": (False, False),
    }


def test_preference_form_posted_for_another_user_changes_nothing_for_them(client):
    me, other = user_create(), user_create()
    client.force_login(me)
    client.post(reverse("accounts:me_notices"), {"user": other.pk, "user_id": other.pk, "bookings-sms": "on"})
    assert not NoticePreference.objects.filter(user=other).exists()
    assert NoticePreference.objects.filter(user=me, topic="bookings", by_sms=True).exists()


def test_preference_form_needs_a_login_and_a_post(client):
    assert client.post(reverse("accounts:me_notices"), {"bookings-sms": "on"}).status_code == 302
    client.force_login(user_create())
    assert client.get(reverse("accounts:me_notices")).status_code == 405
    assert not NoticePreference.objects.exists()


def test_without_a_verified_phone_the_sms_choice_is_kept(client):
    user = user_create(email="nophone@example.com", phone=None)
    client.force_login(user)
    client.post(reverse("accounts:me_notices"), {"bookings-mail": "on"})
    assert NoticePreference.objects.get(user=user, topic="bookings").by_sms is True


@pytest.mark.parametrize("code", ["E99999999", "Ex1", "HL-2026-1", "nothing", "E" + "9" * 30])
def test_unknown_short_links_are_404(client, code):
    assert client.get(f"/r/{code}").status_code == 404


def test_a_registration_queues_one_notice_task_and_reads_no_choice(django_capture_on_commit_callbacks, sms_outbox):
    """The request pays one task at commit; the choice and the text are the task's (apps.core.notices)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.core.notices import notice_deliver

    user = user_create()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as callbacks:
        registration_create(occurrence=occurrence_create(), user=user)
    assert not [q for q in queries.captured_queries if "noticepreference" in q["sql"]]
    queued = [c for c in callbacks if getattr(c, "func", None) == notice_deliver.enqueue]
    assert len(queued) == 1 and queued[0].keywords["user_id"] == user.pk
    assert sms_outbox == []  # nothing sent before the commit
    with django_capture_on_commit_callbacks(execute=True):
        queued[0]()  # the commit: the immediate test backend runs the task, which queues the SMS
    assert len(_sms_for(sms_outbox, user)) == 1


def test_nobody_without_a_channel_queues_a_notice(django_capture_on_commit_callbacks):
    user = user_create(verified=False)
    assert not user.email
    with django_capture_on_commit_callbacks() as callbacks:
        registration_create(occurrence=occurrence_create(), user=user)
    assert not [c for c in callbacks if "notice" in getattr(getattr(c, "func", None), "__qualname__", "")]


def test_a_person_deactivated_before_the_task_runs_is_not_told(sms_outbox):
    from apps.core.notices import notice_deliver

    user = user_create()
    user.is_active = False
    user.save()
    arguments = {
        "topic": "bookings",
        "template": "registration_confirmed",
        "link": f"{SITE}/r/E1",
        "subject": "报名成功",
        "details": "",
        "shorten": ["title"],
        "fields": {"title": "讲习夜校", "when": "12月6日19:30", "place": "连心广场", "reason": ""},
    }
    assert notice_deliver.call(user_id=user.pk, **arguments) == "no active user"
    assert sms_outbox == []
