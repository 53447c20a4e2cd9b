"""Nothing personal on any public page: phone, email, names (unless opted in), account id, IP, EXIF,
internal remarks, hidden reasons, staff names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from apps.core.images import image_clean
from apps.hubs import services
from apps.hubs.lifecycle import Status
from apps.hubs.models import Consultation, Participant, Project, ReportPhoto
from tests.factories import image_bytes, user_create

from .factories import category_create, hub_create, hub_staff_create

pytestmark = pytest.mark.django_db

SECRETS = {
    "reporter phone": "13955556666",
    "masked phone": "139****6666",
    "reporter email": "secret-reporter@example.com",
    "reporter real name": "赵真名",
    "reporter nickname (not opted in)": "赵昵称",
    "staff real name": "钱工作人员",
    "staff nickname": "钱小工",
    "staff email": "staff-secret@example.com",
    "internal remark": "内部备注机密",
    "hidden reason": "隐藏原因机密",
    "participant without consent": "孙不公开",
    "client IP": "127.0.0.1",
    "account link": "/accounts/user/",
}


def _gps_jpeg() -> SimpleUploadedFile:
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (28.0, 11.0, 30.0), 3: "E", 4: (113.0, 1.0, 1.0)}  # GPS: Changsha
    exif[0x010F] = "SecretCameraMaker"
    return SimpleUploadedFile("gps.jpg", image_bytes(size=(64, 48), exif=exif), content_type="image/jpeg")


@pytest.fixture
def world():
    hub = hub_create(name="锦林社区", slug="jinlin")
    staff = hub_staff_create(hub, email="staff-secret@example.com", real_name="钱工作人员", display_name="钱小工")
    reporter = user_create(
        phone="+8613955556666", email="secret-reporter@example.com", real_name="赵真名", display_name="赵昵称"
    )
    report = services.report_submit(
        reporter=reporter, title="路口垃圾", description="空地上堆满了垃圾，气味难闻。", category=category_create(),
        hub=hub, place="远大路与长星路交汇处", photos=[image_clean(_gps_jpeg()), image_clean(_gps_jpeg())],
    )  # fmt: skip
    for status in (Status.ACCEPTED, Status.CONSULTATION, Status.DECIDED, Status.IN_PROGRESS, Status.COMPLETED):
        services.report_transition(
            report=report, to_status=status, actor=staff, public_message="进展说明", internal_remark="内部备注机密"
        )
    services.report_photo_hide(photo=report.photos.first(), actor=staff, reason="隐藏原因机密")
    consultation = Consultation.objects.create(
        hub=hub, topic="地块用途", held_at="2026-03-20T19:00+08:00", is_published=True, decision="建公园"
    )
    consultation.reports.add(report)
    Participant.objects.create(consultation=consultation, role="resident", organisation="居民代表", name="孙不公开")
    project = Project.objects.create(
        hub=hub, title="护坡公园", kind="green", summary="建成公园", consultation=consultation
    )
    project.reports.add(report)
    return {"report": report, "reporter": reporter, "consultation": consultation, "project": project, "hub": hub}


def _public_pages(world):
    return [
        "/",
        "/hubs/",
        "/hubs/jinlin/",
        "/reports/",
        world["report"].get_absolute_url(),
        world["consultation"].get_absolute_url(),
        "/projects/",
        world["project"].get_absolute_url(),
        "/reports/?state=finished",
    ]


def test_no_personal_data_on_any_public_page(client, world):
    for path in _public_pages(world):
        response = client.get(path)
        assert response.status_code == 200, path
        for what, secret in SECRETS.items():
            assert secret not in response.text, f"{what} on {path}"
        account = world["reporter"].pk
        assert f"user/{account}/" not in response.text and f"reporter={account}" not in response.text


def test_opted_in_reporter_shows_nickname_only(client, world):
    report = world["report"]
    report.show_name = True
    report.save(update_fields=["show_name"])
    html = client.get(report.get_absolute_url()).text
    assert "赵昵称" in html
    assert "赵真名" not in html and "13955556666" not in html


def test_public_timeline_signs_with_the_hub(client, world):
    html = client.get(world["report"].get_absolute_url()).text
    assert "锦林社区" in html and "进展说明" in html


def test_hidden_photo_is_not_public_and_stored_photos_carry_no_exif(client, world):
    report = world["report"]
    html = client.get(report.get_absolute_url()).text
    hidden, shown = ReportPhoto.objects.filter(report=report).order_by("-is_hidden")
    assert hidden.is_hidden
    assert hidden.image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] not in html
    assert shown.image.renditions[0]["name"].rsplit("/", 1)[-1] in html
    for photo in (hidden, shown):
        with photo.image.file.open("rb") as fh:
            data = fh.read()
        assert b"SecretCameraMaker" not in data and b"Exif" not in data


def test_privacy_holds_in_elder_mode_too(client, world):
    client.cookies["elder_mode"] = "1"
    html = client.get(world["report"].get_absolute_url()).text
    assert 'class="elder"' in html
    for secret in SECRETS.values():
        assert secret not in html
