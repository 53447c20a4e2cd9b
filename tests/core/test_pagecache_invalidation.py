"""Whatever staff publish, hide or edit shows on the next anonymous request of a cached page, in every pillar."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.services import registration_create
from apps.core.models import SiteSettings
from apps.hubs import services as hub_services
from apps.hubs.lifecycle import Status
from apps.news import services as news_services
from apps.news.models import Article
from apps.pioneers.services import pioneer_unpublish
from tests.classes.factories import member_create, session_create
from tests.core.pagecache_helpers import site_settings_row  # noqa: F401 - autouse fixture
from tests.culture.factories import event_create
from tests.hubs.factories import hub_create, report_create
from tests.news.factories import article_create, reviewer_create
from tests.pioneers.factories import pioneer_create

pytestmark = pytest.mark.django_db


def cached(client, url: str) -> str:
    """The page as an anonymous visitor gets it, after checking it is really served from the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "HIT", url
    return response.text


def fresh(client, url: str):
    response = client.get(url)
    assert response.get("X-Cache") != "HIT", url
    return response


def test_invalidation_news_article_published_shows_in_the_list(client):
    article = article_create(status=Article.Status.REVIEW, title="新发布的好消息")
    assert "新发布的好消息" not in cached(client, reverse("news:list"))
    news_services.article_publish(article=article, user=reviewer_create())
    assert "新发布的好消息" in fresh(client, reverse("news:list")).text


def test_invalidation_news_article_edited_and_hidden(client):
    article = article_create(title="原来的标题")
    url = article.get_absolute_url()
    assert "原来的标题" in cached(client, url)
    article.title = "改过的标题"
    article.save()
    assert "改过的标题" in fresh(client, url).text
    cached(client, url)
    news_services.article_archive(article=article, user=reviewer_create())
    assert fresh(client, url).status_code == 404


def test_invalidation_class_session_edited(client):
    session = session_create(place="原来的教室")
    url = reverse("classes:session", args=[session.pk])
    assert "原来的教室" in cached(client, url)
    session.place = "连心广场二楼"
    session.save()
    assert "连心广场二楼" in fresh(client, url).text


def test_invalidation_registration_changes_seats_left_on_the_session_page(client):
    session = session_create(capacity=5)
    url = reverse("classes:session", args=[session.pk])
    assert "余 5 席" in cached(client, url)
    registration_create(occurrence=session, user=member_create())
    assert "余 4 席" in fresh(client, url).text


def test_invalidation_report_public_status_changed_through_the_service(client):
    report = report_create(status=Status.ACCEPTED)
    url = reverse("hubs:report_detail", args=[report.reference])
    assert "已派人清理完毕" not in cached(client, url)
    staff = report.hub.staff.first() or _superuser()
    hub_services.report_transition(
        report=report, to_status=Status.IN_PROGRESS, actor=staff, public_message="已派人清理完毕"
    )
    assert "已派人清理完毕" in fresh(client, url).text


def test_invalidation_hub_edited(client):
    hub = hub_create(name="锦林社区")
    url = reverse("hubs:hub_detail", args=[hub.slug])
    assert "锦林社区" in cached(client, url)
    hub.name = "锦林社区党群服务中心"
    hub.save()
    assert "锦林社区党群服务中心" in fresh(client, url).text


def test_invalidation_pioneer_unpublished_leaves_the_gallery(client):
    pioneer = pioneer_create(name="王桂兰")
    assert "王桂兰" in cached(client, reverse("pioneers:gallery"))
    pioneer_unpublish(pioneer=pioneer)
    assert "王桂兰" not in fresh(client, reverse("pioneers:gallery")).text


def test_invalidation_culture_event_edited(client):
    event = event_create(title="圈圈故事会")
    url = reverse("culture:event", args=[event.pk])
    assert "圈圈故事会" in cached(client, url)
    event.title = "邻里节故事会"
    event.save()
    assert "邻里节故事会" in fresh(client, url).text


def test_invalidation_site_settings_brand_name_changes_every_page(client):
    assert "红岭+" in cached(client, "/")
    site = SiteSettings.load()
    site.brand_name = "岳麓红"
    site.save()
    assert "岳麓红" in fresh(client, "/").text


def test_invalidation_news_scheduled_article_appears_once_the_entry_expires(client, settings, monkeypatch):
    """Publishing by the clock writes nothing: entries live PAGE_CACHE_SECONDS at most (60 by default)."""
    assert settings.PAGE_CACHE_SECONDS == 60
    article_create(title="定时发布的资讯", published_at=timezone.now() + timedelta(seconds=1))
    assert "定时发布的资讯" not in cached(client, reverse("news:list"))
    time.sleep(1.1)  # now it is public by the clock, yet the cached list does not know
    assert "定时发布的资讯" not in cached(client, reverse("news:list"))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 61)  # the in-memory cache's clock
    assert "定时发布的资讯" in fresh(client, reverse("news:list")).text


def _superuser():
    from tests.factories import user_create

    return user_create(email="root-inv@example.com", is_staff=True, is_superuser=True)


def test_invalidation_not_caused_by_writes_no_page_shows(client, resident, password):
    """A login (last_login, an audit row) shows on no public page, so it must not empty the whole cache."""
    url = reverse("news:list")
    cached(client, url)
    from django.test import Client

    Client().post(reverse("account_login"), {"login": "13912345678", "password": password})
    resident.refresh_from_db()
    assert resident.last_login is not None
    assert client.get(url)["X-Cache"] == "HIT"
