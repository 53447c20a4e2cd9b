"""Cached fragments ({% fragment %}): the parts every visitor sees alike, made stale by the same writes as the
page cache, and never holding anything of one person."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from apps.core.pagecache import FRAGMENT_PREFIX
from tests.classes.factories import course_create, member_create, session_create
from tests.core.pagecache_helpers import site_settings_row  # noqa: F401 - autouse fixture
from tests.news.factories import article_create

pytestmark = pytest.mark.django_db


def fragments() -> list[str]:
    """The HTML of every fragment the (in-memory, test) cache holds (not the values cached the same way)."""
    entries = [cache.get(key.split(":", 2)[2])[1] for key in list(cache._cache) if FRAGMENT_PREFIX in key]
    return [str(entry) for entry in entries if isinstance(entry, str)]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: the fragment is what may come from the cache


def test_fragment_home_is_reused_until_a_write(client, django_assert_num_queries, site_settings_row):  # noqa: F811
    course_create(title="网上党课")
    client.get(reverse("core:home"))
    with django_assert_num_queries(0):
        assert client.get(reverse("core:home")).status_code == 200  # settings and sections both cached
    site_settings_row.tagline = "家门口的红色阵地"
    site_settings_row.save()
    assert "家门口的红色阵地" in client.get(reverse("core:home")).text


def test_fragment_class_menu_varies_with_the_filters_and_a_new_course_shows(client):
    course_create(title="网上党课", format="online", mode="online")
    assert "网上党课" in client.get(reverse("classes:menu")).text
    assert "网上党课" not in client.get(reverse("classes:menu"), {"format": "night_school"}).text
    course_create(title="夜校新课", format="night_school")
    assert "夜校新课" in client.get(reverse("classes:menu"), {"format": "night_school"}).text


def test_fragment_never_holds_a_name_csrf_token_or_nonce(client):
    member = member_create(display_name="党员老王")
    course_create(title="网上党课")
    client.force_login(member)
    pages = [client.get(reverse("core:home")), client.get(reverse("classes:menu"))]
    assert all("csrfmiddlewaretoken" in page.text and "我的" in page.text for page in pages)  # personal header
    stored = fragments()
    assert len(stored) == 3  # home, the class menu's filters and its list
    assert not any("党员老王" in f or "csrfmiddlewaretoken" in f or "nonce" in f for f in stored)


def test_fragment_masks_the_person_inside_it(resident):
    request = RequestFactory().get("/")
    request.user = resident
    template = Template(
        "{% load fragments %}{% fragment 'test' %}[{{ user.display_name }}|{% csrf_token %}|{{ csp_nonce }}|"
        "{{ user.is_authenticated }}]{% endfragment %}{{ user.display_name }}"
    )
    html = template.render(RequestContext(request))
    assert html == "[|||False]测试居民"


def test_fragment_news_list_shows_a_new_article_and_keeps_pages_apart(client):
    for n in range(13):
        article_create(title=f"旧资讯{n:02d}")
    first, second = client.get(reverse("news:list")).text, client.get(reverse("news:list"), {"page": 2}).text
    assert "旧资讯00" in first and "旧资讯00" not in second and "旧资讯12" in second  # the newest first
    article_create(title="刚发布的资讯", published_at=timezone.now())
    assert "刚发布的资讯" in client.get(reverse("news:list")).text


def test_fragment_article_share_code_is_the_same_svg_each_time(client):
    article = article_create(title="二维码资讯")
    first = client.get(article.get_absolute_url()).text
    assert "<svg" in first and first == client.get(article.get_absolute_url()).text


def test_fragment_calendar_shows_a_new_session(client):
    course = course_create(title="网上党课")
    session_create(course=course, title="第一讲", starts_in_hours=30)
    assert "第一讲" in client.get(reverse("core:calendar")).text
    session_create(course=course, title="第二讲", starts_in_hours=31)
    assert "第二讲" in client.get(reverse("core:calendar")).text
    assert "第二讲" in client.get(reverse("core:calendar"), {"view": "list"}).text


def test_fragment_hub_directory_keeps_a_members_own_links(client, resident):
    assert "我的反映" not in client.get(reverse("hubs:directory")).text
    client.force_login(resident)
    assert "我的反映" in client.get(reverse("hubs:directory")).text  # outside the shared fragment


def test_fragment_search_results_follow_the_query_and_new_content(client):
    article_create(title="社区食堂开张")
    assert "开张" in client.get(reverse("search:results"), {"q": "食堂"}).text  # the term itself is highlighted
    assert "开张" not in client.get(reverse("search:results"), {"q": "图书"}).text
    article_create(title="社区图书角开放")
    assert "角开放" in client.get(reverse("search:results"), {"q": "图书"}).text


def test_fragment_article_shows_its_new_neighbour(client):
    older = article_create(title="上周的资讯", published_at=timezone.now() - timedelta(days=7))
    assert "下一篇" not in client.get(older.get_absolute_url()).text
    article_create(title="今天的资讯", published_at=timezone.now() - timedelta(hours=1))
    assert "今天的资讯" in client.get(older.get_absolute_url()).text


def test_fragment_class_menu_filters_show_what_was_asked(client):
    wrong = client.get(reverse("classes:menu"), {"start": "2026-05-09", "end": "2026-05-01"}).text
    assert "结束日期不能早于开始日期" in wrong and 'value="2026-05-09"' in wrong
    right = client.get(reverse("classes:menu"), {"start": "2026-05-01", "end": "2026-05-09"}).text
    assert "结束日期不能早于开始日期" not in right and 'value="2026-05-01"' in right


def test_fragment_news_list_total_is_counted_once_and_recounted_after_a_write(client, django_assert_num_queries):
    for _ in range(13):  # 12 a page
        article_create()
    client.get(reverse("news:list"))
    with django_assert_num_queries(0):
        assert "第 1 / 2 页" in client.get(reverse("news:list")).text  # the total came from the cache too
    for _ in range(12):
        article_create()
    assert "第 1 / 3 页" in client.get(reverse("news:list")).text
    assert "第 3 / 3 页" in client.get(reverse("news:list"), {"page": 3}).text
