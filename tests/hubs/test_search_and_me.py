import pytest
from django.urls import reverse

from apps.hubs.lifecycle import Status
from tests.factories import user_create
from tests.hubs.factories import report_create

pytestmark = pytest.mark.django_db


def test_accepted_reports_are_found_but_not_submitted_or_hidden_ones_or_the_reporters_name(client):
    reporter = user_create(display_name="报告人王阿姨", real_name="王桂兰")
    report_create(title="远大路路灯不亮", status=Status.ACCEPTED, reporter=reporter)
    report_create(title="远大路垃圾没人清", status=Status.SUBMITTED)
    html = client.get(reverse("search:results"), {"q": "远大路"}).text
    assert "<mark>远大路</mark>路灯不亮" in html
    assert "垃圾没人清" not in html
    assert "王桂兰" not in html and "报告人王阿姨" not in html


def test_me_shows_my_reports_and_export_contains_them(client):
    import json

    me = user_create()
    report_create(title="车棚漏雨", reporter=me)
    client.force_login(me)
    assert "车棚漏雨" in client.get(reverse("accounts:me")).text
    data = json.loads(client.get(reverse("accounts:me_export")).content)
    assert data["reports"][0]["title"] == "车棚漏雨"
