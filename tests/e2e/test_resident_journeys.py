"""Residents on a phone: report a problem with a photo (我要反映), and register a child for story time."""

import io

import pytest
from django.db import connection
from PIL import Image as PILImage

from apps.hubs.models import Report
from tests.culture.factories import event_create
from tests.e2e.conftest import csp_violations
from tests.e2e.test_member_journey import log_in
from tests.factories import user_create
from tests.hubs.factories import category_create, hub_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]


def photo_with_gps(path) -> str:
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (28.0, 11.0, 30.0), 3: "E", 4: (113.0, 1.0, 12.0)}
    out = io.BytesIO()
    PILImage.new("RGB", (800, 600), (90, 90, 90)).save(out, "JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return str(path)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="report history is append-only (a trigger refuses DELETE); SQLite cannot flush it after a browser test",
)
def test_resident_reports_a_problem_with_a_photo(page, tmp_path):
    user_create(phone="+8613911112222", display_name="王阿姨")
    hub_create(name="锦林社区", slug="jinlin")
    category_create("照明")
    log_in(page, "13911112222")
    page.goto(page.base + "/reports/new/")
    page.fill("input[name=title]", "远大路有两盏路灯不亮")
    page.fill("textarea[name=description]", "远大路靠近长星路一段，晚上有两盏路灯一直不亮，老人散步不方便。")
    page.select_option("select[name=category]", label="照明")
    page.select_option("select[name=hub]", label="锦林社区")
    page.fill("input[name=place]", "远大路与长星路交汇处往东50米")
    page.set_input_files("input[name=photos]", photo_with_gps(tmp_path / "lamp.jpg"))
    page.get_by_role("button", name="我要反映").last.click()
    page.wait_for_load_state("load")

    report = Report.objects.get()
    assert report.reference in page.content()
    photo = report.photos.get().image
    with photo.file.open("rb") as fh:
        assert not PILImage.open(fh).getexif()  # GPS gone
    assert page.console_errors == [] and csp_violations(page) == []


def test_guardian_registers_a_child_for_story_time(page):
    user_create(phone="+8613933334444", display_name="小周")
    event = event_create(title="周末圈圈故事会", audience="families", capacity=10)
    log_in(page, "13933334444")
    page.goto(page.base + event.get_absolute_url())
    page.get_by_role("link", name="报名").first.click()
    page.wait_for_load_state("load")
    page.fill("input[name=child_name]", "朵朵")
    page.fill("input[name=child_age]", "5")
    page.check("input[name=guardian_consent]")
    page.get_by_role("button", name="报名").click()
    page.wait_for_load_state("load")
    assert "报名成功" in page.content()
    page.context.clear_cookies()
    page.goto(page.base + event.get_absolute_url())
    assert "朵朵" not in page.content()  # the child's name is never public
    assert page.console_errors == [] and csp_violations(page) == []
