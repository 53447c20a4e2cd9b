"""The calendar's 社区 filter: one filter across pillars, each kind telling core where its hub is."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.classes.factories import session_create
from tests.culture.factories import event_create
from tests.hubs.factories import hub_create
from tests.pioneers.factories import activity_create, team_create

pytestmark = pytest.mark.django_db


def test_calendar_filters_by_hub_across_pillars(client):
    xinan, bayi = hub_create(name="新安社区", slug="xinan"), hub_create(name="八一小区党支部", slug="bayi")
    story = event_create(title="圈圈故事会", venue_hub=xinan)
    session_create(title="讲习夜校", venue_hub=xinan, starts_in_hours=50)
    activity_create(title="楼道安全巡查", team=team_create(hub=bayi), starts_in_hours=52)
    event_create(title="无地点的微宣讲", starts_in_hours=54)
    month = f"{timezone.localtime(story.starts_at):%Y-%m}"
    html = client.get(reverse("core:calendar"), {"month": month, "hub": "xinan"}).text
    assert "圈圈故事会" in html and "讲习夜校" in html
    assert "楼道安全巡查" not in html and "无地点的微宣讲" not in html
    assert '<option value="xinan" selected>新安社区</option>' in html
    html = client.get(reverse("core:calendar"), {"month": month, "hub": "bayi", "view": "list"}).text
    assert "楼道安全巡查" in html and "圈圈故事会" not in html


def test_unknown_hub_shows_everything(client):
    story = event_create(title="圈圈故事会")
    month = f"{timezone.localtime(story.starts_at):%Y-%m}"
    response = client.get(reverse("core:calendar"), {"month": month, "hub": "nowhere"})
    assert response.status_code == 200 and "圈圈故事会" in response.text


def test_ics_feed_carries_culture_and_volunteer_items(client):
    event_create(title="周末圈圈故事会")
    activity_create(title="浏阳河畔安全巡查")
    body = client.get(reverse("core:calendar_ics")).content.decode()
    assert "周末圈圈故事会" in body and "浏阳河畔安全巡查" in body and "TZID=Asia/Shanghai" in body
