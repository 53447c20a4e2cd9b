import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from apps.hubs.lifecycle import Status
from apps.hubs.models import Report
from tests.factories import image_bytes, user_create

from .factories import category_create, hub_create, report_create

pytestmark = pytest.mark.django_db
NEW = "/reports/new/"


def _jpeg(name="p.jpg"):
    return SimpleUploadedFile(name, image_bytes(size=(64, 48)), content_type="image/jpeg")


def _data(**extra):
    hub = extra.pop("hub", None) or hub_create()
    return {
        "title": "路口垃圾堆积",
        "description": "远大路和长星路路口的空地上堆满了垃圾，气味很大。",
        "category": category_create().pk,
        "hub": hub.pk,
        "place": "远大路与长星路交汇处东北角",
        **extra,
    }


def test_urls_follow_the_spec():
    assert reverse("hubs:directory") == "/hubs/"
    assert reverse("hubs:hub_detail", args=["jinlin"]) == "/hubs/jinlin/"
    assert reverse("hubs:report_list") == "/reports/"
    assert reverse("hubs:report_create") == NEW
    assert reverse("hubs:report_detail", args=["HL-2026-000001"]) == "/reports/HL-2026-000001/"
    assert reverse("hubs:consultation_detail", args=[3]) == "/consultations/3/"
    assert reverse("hubs:project_list") == "/projects/"
    assert reverse("hubs:project_detail", args=[3]) == "/projects/3/"
    assert reverse("hubs:my_reports") == "/me/reports/"


def test_header_links_to_the_hub_directory(client):
    assert 'href="/hubs/"' in client.get("/").text


def test_anonymous_submit_is_explained_and_changes_nothing(client):
    assert "请先登录" in client.get(NEW).text
    response = client.post(NEW, _data())
    assert response.status_code == 403
    assert "请先登录" in response.text
    assert Report.objects.count() == 0


def test_unverified_phone_submit_is_explained_and_changes_nothing(client):
    client.force_login(user_create(verified=False))
    response = client.post(NEW, _data())
    assert response.status_code == 403
    assert "请先验证手机号" in response.text
    assert Report.objects.count() == 0


def test_resident_submits_a_report_with_photos(client, resident):
    client.force_login(resident)
    page = client.get(NEW)
    assert "我要反映" in page.text and "data-once" in page.text
    response = client.post(NEW, _data(photos=[_jpeg(), _jpeg()]))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.photos.count() == 2
    assert report.reporter == resident
    detail = client.get(report.get_absolute_url())
    assert "只有您和社区工作人员能看到" in detail.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "", "请填写问题描述"),
        ("description", "字" * 10_000, "问题描述最多 2000 个字，您写了 10000 个字"),
        ("title", "", "请填写标题"),
        ("place", "长星路 12 栋 3 单元 502 室", "不要填写门牌号"),
    ],
)
def test_bad_text_input_is_refused_with_a_message(client, resident, field, value, message):
    client.force_login(resident)
    response = client.post(NEW, _data(**{field: value}))
    assert response.status_code == 400
    assert message in response.text
    assert Report.objects.count() == 0


def test_seventh_photo_is_refused(client, resident):
    client.force_login(resident)
    response = client.post(NEW, _data(photos=[_jpeg(f"{i}.jpg") for i in range(7)]))
    assert response.status_code == 400
    assert "最多上传 6 张图片" in response.text
    assert Report.objects.count() == 0


def test_non_image_photo_is_refused(client, resident):
    client.force_login(resident)
    fake = SimpleUploadedFile("p.jpg", b"not really a picture", content_type="image/jpeg")
    response = client.post(NEW, _data(photos=[fake]))
    assert response.status_code == 400
    assert "无法识别这个文件" in response.text
    assert Report.objects.count() == 0


def test_decompression_bomb_photo_is_refused(client, resident, settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    out = io.BytesIO()
    PILImage.new("1", (1000, 1000)).save(out, "PNG")
    bomb = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    client.force_login(resident)
    response = client.post(NEW, _data(photos=[bomb]))
    assert response.status_code == 400
    assert "图片像素过多" in response.text
    assert Report.objects.count() == 0


def test_unpublished_report_is_only_for_its_reporter(client, resident):
    report = report_create()
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(report.reporter)
    assert client.get(report.get_absolute_url()).status_code == 200


def test_accepted_report_is_public_with_its_timeline(client):
    report = report_create(status=Status.ACCEPTED)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert report.reference in response.text
    assert "公开说明：accepted" in response.text
    assert report.title in client.get("/reports/").text


def test_hidden_report_public_url_is_404(client, superuser):
    from apps.hubs import services

    report = report_create(status=Status.ACCEPTED)
    services.report_hide(report=report, actor=superuser, reason="广告")
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(report.reporter)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert report.title not in client.get("/reports/").text
    client.force_login(superuser)
    assert client.get(report.get_absolute_url()).status_code == 200


def test_reporter_confirms_through_the_page(client):
    report = report_create(status=Status.COMPLETED)
    client.force_login(report.reporter)
    assert "问题解决了吗" in client.get(report.get_absolute_url()).text
    client.post(reverse("hubs:report_confirm", args=[report.reference]), {"message": "谢谢"})
    report.refresh_from_db()
    assert report.status == Status.CONFIRMED


def test_someone_else_cannot_reopen_through_the_page(client, resident):
    report = report_create(status=Status.COMPLETED)
    client.force_login(resident)
    assert "问题解决了吗" not in client.get(report.get_absolute_url()).text
    response = client.post(reverse("hubs:report_reopen", args=[report.reference]), {"message": "没修好"}, follow=True)
    assert "只有反映人本人" in response.text
    report.refresh_from_db()
    assert report.status == Status.COMPLETED


def test_reopen_without_a_reason_shows_a_message(client):
    report = report_create(status=Status.COMPLETED)
    client.force_login(report.reporter)
    response = client.post(reverse("hubs:report_reopen", args=[report.reference]), {"message": ""}, follow=True)
    assert "请说明问题还存在哪些情况" in response.text
    report.refresh_from_db()
    assert report.status == Status.COMPLETED


def test_my_reports_lists_only_mine(client, resident):
    mine = report_create(reporter=resident)
    other = report_create()
    client.force_login(resident)
    html = client.get("/me/reports/").text
    assert mine.reference in html and other.reference not in html


def test_my_reports_needs_login(client):
    assert client.get("/me/reports/").status_code == 302


def test_report_list_filters_by_state_and_hub(client):
    hub = hub_create()
    finished = report_create(hub=hub, status=Status.COMPLETED)
    open_ = report_create(status=Status.ACCEPTED)
    html = client.get("/reports/", {"state": "finished"}).text
    assert finished.title in html and open_.title not in html
    html = client.get("/reports/", {"hub": hub.pk}).text
    assert finished.title in html and open_.title not in html
    assert client.get("/reports/", {"hub": "abc", "page": "999"}).status_code == 200


def test_report_without_a_hub_goes_to_the_hub_named_by_its_place(client):
    from apps.hubs.models import Report
    from tests.factories import user_create
    from tests.hubs.factories import category_create, hub_create

    jinlin = hub_create(name="锦林社区", areas="远大路\n长星路")
    hub_create(name="新安社区", areas="新安路")
    category = category_create()
    client.force_login(user_create(phone="+8613900007777"))
    data = {"title": "路灯不亮", "description": "路口的路灯已经三天不亮了。", "category": category.pk, "hub": ""}
    response = client.post("/reports/new/", {**data, "place": "远大路与长星路交汇处东北角"})
    assert response.status_code == 302
    assert Report.objects.get().hub == jinlin

    # A place no hub names: asked to choose, nothing filed.
    response = client.post("/reports/new/", {**data, "title": "井盖松动", "place": "不知名的小路口"})
    assert response.status_code == 400 and "没能从地点判断属于哪个社区" in response.text
    assert Report.objects.count() == 1


def test_report_form_groups_communities_apart_from_party_branches(client):
    from tests.factories import user_create
    from tests.hubs.factories import hub_create

    hub_create(name="安子岭社区")
    hub_create(name="八一小区党支部", kind="branch")
    client.force_login(user_create(phone="+8613900007778"))
    html = client.get("/reports/new/").text
    assert '<optgroup label="社区">' in html and '<optgroup label="小区党支部">' in html
    assert html.index("问题地点") < html.index("所在社区（可不选）")
