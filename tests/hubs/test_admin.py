import pytest
from django.urls import reverse

from apps.core.models import AuditEvent
from apps.hubs.lifecycle import Status
from apps.hubs.models import Consultation, Project, ReportEvent, ReportPhoto
from tests.factories import user_create

from .factories import hub_create, hub_staff_create, report_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hubs():
    mine, other = hub_create(name="锦林社区"), hub_create(name="新安社区")
    staff = hub_staff_create(mine, email="jinlin@example.com")
    return mine, other, staff


def test_hub_staff_see_only_their_hubs_reports(client, two_hubs):
    mine, other, staff = two_hubs
    own = report_create(hub=mine)
    foreign = report_create(hub=other)
    client.force_login(staff)
    html = client.get(reverse("admin:hubs_report_changelist")).text
    assert own.reference in html
    assert foreign.reference not in html


def test_hub_staff_opening_another_hubs_report_by_url_is_refused(client, two_hubs):
    _mine, other, staff = two_hubs
    foreign = report_create(hub=other, status=Status.ACCEPTED)
    client.force_login(staff)
    response = client.get(reverse("admin:hubs_report_change", args=[foreign.pk]))
    assert response.status_code in (302, 404)
    assert foreign.title not in response.text
    for name in ("admin:hubs_report_status", "admin:hubs_report_contact"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404
        assert client.post(reverse(name, args=[foreign.pk]), {"apply": "1"}).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PHONE_REVEALED).exists()


def test_hub_staff_cannot_reach_other_hubs_consultations_and_projects(client, two_hubs):
    _mine, other, staff = two_hubs
    consultation = Consultation.objects.create(hub=other, topic="别的社区的共商", held_at="2026-03-20T19:00+08:00")
    project = Project.objects.create(hub=other, title="别的社区的工程", kind="road", summary="x")
    client.force_login(staff)
    assert "别的社区的共商" not in client.get(reverse("admin:hubs_consultation_changelist")).text
    assert "别的社区的工程" not in client.get(reverse("admin:hubs_project_changelist")).text
    for url in (
        reverse("admin:hubs_consultation_change", args=[consultation.pk]),
        reverse("admin:hubs_project_change", args=[project.pk]),
    ):
        assert client.get(url).status_code in (302, 404)
    add = client.get(reverse("admin:hubs_project_add")).text
    assert "锦林社区" in add and "新安社区" not in add


def test_superuser_sees_every_hub(client, superuser, two_hubs):
    mine, other, _ = two_hubs
    reports = [report_create(hub=mine), report_create(hub=other)]
    client.force_login(superuser)
    html = client.get(reverse("admin:hubs_report_changelist")).text
    assert all(r.reference in html for r in reports)


def test_reporter_phone_is_masked_in_the_list_and_reveal_is_recorded(client, two_hubs):
    mine, _, staff = two_hubs
    report = report_create(hub=mine, reporter=user_create(phone="+8613955556666"))
    client.force_login(staff)
    html = client.get(reverse("admin:hubs_report_changelist")).text
    assert "139****6666" in html and "13955556666" not in html
    change = client.get(reverse("admin:hubs_report_change", args=[report.pk])).text
    assert "13955556666" not in change
    contact = reverse("admin:hubs_report_contact", args=[report.pk])
    assert "13955556666" not in client.get(contact).text
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PHONE_REVEALED).exists()
    revealed = client.post(contact, REMOTE_ADDR="203.0.113.7").text
    assert "+8613955556666" in revealed and "本次查看已写入审计记录" in revealed
    event = AuditEvent.objects.get(action=AuditEvent.Action.PHONE_REVEALED)
    assert (event.user, event.ip, event.object_id) == (staff, "203.0.113.7", str(report.pk))
    assert "13955556666" not in event.detail + event.object_repr


def test_status_change_action_asks_for_the_public_message(client, two_hubs):
    mine, _, staff = two_hubs
    report = report_create(hub=mine)
    client.force_login(staff)
    url = reverse("admin:hubs_report_changelist")
    base = {"action": "status_change", "_selected_action": [report.pk]}
    form = client.post(url, base)
    assert "公开说明" in form.text and "已受理" in form.text
    refused = client.post(url, {**base, "apply": "1", "to_status": Status.ACCEPTED, "public_message": ""})
    assert "这个字段是必填项" in refused.text
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    client.post(url, {**base, "apply": "1", "to_status": Status.ACCEPTED, "public_message": "已受理，明天到现场。"})
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    event = report.events.last()
    assert event.public_message == "已受理，明天到现场。" and event.actor == staff


def test_status_view_refuses_a_move_the_table_forbids(client, two_hubs):
    mine, _, staff = two_hubs
    report = report_create(hub=mine)
    client.force_login(staff)
    url = reverse("admin:hubs_report_status", args=[report.pk])
    response = client.post(url, {"apply": "1", "to_status": Status.COMPLETED, "public_message": "完成"})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.text
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_history_is_read_only_in_the_admin(client, superuser):
    report = report_create(status=Status.ACCEPTED)
    client.force_login(superuser)
    html = client.get(reverse("admin:hubs_report_change", args=[report.pk])).text
    assert "公开说明：accepted" in html
    assert 'name="events-0-public_message"' not in html
    assert client.get("/admin/hubs/reportevent/").status_code == 404
    assert client.get(reverse("admin:hubs_report_delete", args=[report.pk])).status_code == 403


def _change_data(report, **extra):
    photos = list(report.photos.all())
    events = list(report.events.all())
    data = {
        "category": report.category_id,
        "hub": report.hub_id,
        "photos-TOTAL_FORMS": len(photos), "photos-INITIAL_FORMS": len(photos), "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "events-TOTAL_FORMS": len(events), "events-INITIAL_FORMS": len(events), "events-MIN_NUM_FORMS": 0,
        "events-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, photo in enumerate(photos):
        data[f"photos-{i}-id"] = photo.pk
        data[f"photos-{i}-report"] = report.pk
    for i, event in enumerate(events):
        data[f"events-{i}-id"] = event.pk
        data[f"events-{i}-report"] = report.pk
    data.update(extra)
    return data


def test_moderation_hides_a_report_and_a_photo_and_keeps_them(client, superuser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.core.images import image_create
    from tests.factories import image_bytes

    report = report_create(status=Status.ACCEPTED)
    upload = SimpleUploadedFile("p.jpg", image_bytes(size=(64, 48)), content_type="image/jpeg")
    photo = ReportPhoto.objects.create(report=report, image=image_create(upload=upload, alt="照片"))
    client.force_login(superuser)
    url = reverse("admin:hubs_report_change", args=[report.pk])
    refused = client.post(url, _change_data(report, hide="on"))
    assert "隐藏时请填写原因" in refused.text
    response = client.post(
        url, _change_data(report, **{"photos-0-is_hidden": "on", "photos-0-hidden_reason": "拍到了车牌"})
    )
    assert response.status_code == 302, response.text[:2000]
    photo.refresh_from_db()
    assert photo.is_hidden and photo.hidden_reason == "拍到了车牌"
    assert report.events.filter(kind=ReportEvent.Kind.PHOTO_HIDDEN).exists()
    client.post(url, _change_data(report, hide="on", hide_reason="重复刷屏"))
    report.refresh_from_db()
    assert report.is_hidden and report.hidden_reason == "重复刷屏"
    assert ReportPhoto.objects.filter(pk=photo.pk).exists()
    assert report.events.filter(kind=ReportEvent.Kind.HIDDEN).exists()
