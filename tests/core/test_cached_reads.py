"""Detail pages read their object through the page cache's generation (apps.core.pagecache.generation_cached):
seen again, an article or a report runs no query for it, for a logged-in reader too (no whole-page cache for
them), and a write shows on the next request. The same writes are checked with the page cache on in
test_pagecache_invalidation.py; here it is off, so only the cached reads stand between the write and the page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.core.pagecache import FRAGMENT_PREFIX
from apps.hubs import services as hub_services
from apps.hubs.lifecycle import Status
from apps.news import services as news_services
from tests.factories import user_create
from tests.hubs.factories import _superuser, report_create
from tests.news.factories import article_create, reviewer_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    # Sessions read from the cache, as with REDIS_URL: the counts below are the page's reads, not the session's.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def reader(client):
    client.force_login(user_create())
    return client


def test_an_article_seen_again_is_not_read_again(reader, django_assert_num_queries):
    url = article_create(title="家门口的党课").get_absolute_url()
    assert "家门口的党课" in reader.get(url).text
    with django_assert_num_queries(1):  # the reader's log-in; the article, its tags and fragments are cached
        assert "家门口的党课" in reader.get(url).text


def test_an_edited_then_archived_article_changes_at_once_for_a_logged_in_reader(reader):
    article = article_create(title="原来的标题")
    url = article.get_absolute_url()
    assert "原来的标题" in reader.get(url).text
    article.title = "改过的标题"
    article.save()
    assert "改过的标题" in reader.get(url).text
    news_services.article_archive(article=article, user=reviewer_create())
    assert reader.get(url).status_code == 404


def test_a_missing_article_or_report_is_a_404_and_nothing_is_stored(reader):
    def stored() -> set[str]:
        return {key for key in cache._cache if FRAGMENT_PREFIX in key}  # the tests' in-memory cache

    reader.get(article_create().get_absolute_url())
    before = stored()
    assert before
    for n in range(3):
        assert reader.get(f"/news/98765{n}/").status_code == 404
        assert reader.get(reverse("hubs:report_detail", args=[f"HL-2020-99999{n}"])).status_code == 404
    assert stored() == before


def test_a_report_seen_again_is_not_read_again_and_its_new_status_shows(reader, django_assert_max_num_queries):
    report = report_create(status=Status.ACCEPTED)
    url = reverse("hubs:report_detail", args=[report.reference])
    reader.get(url)
    with django_assert_max_num_queries(5):  # log-in, photos, timeline, consultations, projects: not the report
        reader.get(url)
    hub_services.report_transition(
        report=report, to_status=Status.IN_PROGRESS, actor=_superuser(), public_message="已派人清理完毕"
    )
    assert "已派人清理完毕" in reader.get(url).text


def test_a_hidden_report_is_gone_at_once(reader):
    report = report_create(status=Status.ACCEPTED)
    url = reverse("hubs:report_detail", args=[report.reference])
    assert reader.get(url).status_code == 200
    hub_services.report_hide(report=report, actor=_superuser(), reason="含有个人信息")
    assert reader.get(url).status_code == 404


def test_the_hub_filter_is_read_once_and_shows_a_renamed_hub(client, django_assert_num_queries):
    from apps.hubs.selectors import hub_choices
    from tests.hubs.factories import hub_create

    hub = hub_create(name="红岭社区")
    assert (hub.slug, "红岭社区") in hub_choices()
    with django_assert_num_queries(0):
        assert (hub.slug, "红岭社区") in hub_choices()
    hub.name = "红岭新社区"
    hub.save()
    assert (hub.slug, "红岭新社区") in hub_choices()
    assert "红岭新社区" in client.get(reverse("classes:menu")).text
    assert "红岭新社区" in client.get(reverse("core:calendar")).text
