import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.news.models import Article
from tests.news.factories import article_create, cover_create

pytestmark = pytest.mark.django_db


def articles_create(count: int) -> list[Article]:
    cover = cover_create()
    pillars = ["classes", "hubs", "pioneers", "culture"]
    return [
        article_create(pillar=pillars[n % 4], cover=cover, tags=["党建"] if n % 2 else ["文化"], pinned=n < 2)
        for n in range(count)
    ]


def queries_for(client, path: str) -> int:
    client.get(path)  # warm the site-settings cache, as a running server has it
    from django.core.cache import cache

    cache.delete("news:home-section")  # count the home section's queries, not a cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    # ATOMIC_REQUESTS wraps each request in a savepoint inside the test's transaction: not real work.
    return len([q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])


@pytest.mark.parametrize("page", ["home", "list", "article"])
def test_query_count_does_not_grow_with_the_number_of_articles(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the views' queries, not a page-cache hit
    settings.FRAGMENT_CACHE_SECONDS = 0  # nor a cached fragment
    counts = []
    for total in (5, 50):
        Article.objects.all().delete()
        articles = articles_create(total)
        path = {"home": "/", "list": reverse("news:list"), "article": articles[2].get_absolute_url()}[page]
        counts.append(queries_for(client, path))
    assert counts[0] == counts[1], counts
    assert counts[1] <= {"home": 6, "list": 3, "article": 5}[page]  # home: one section per pillar


def test_article_page_is_small_and_complete(client):
    article = articles_create(8)[3]
    article.byline = "记者 周岚 实习生 唐小禾"
    article.save()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert len(response.content) < 40 * 1024, len(response.content)
    for text in ("来源", "作者", "编辑", "字号", "A−", "A+", "上一篇", "相关资讯", "记者 周岚 实习生 唐小禾"):
        assert text in html, text
    assert 'property="og:title"' in html and 'property="og:image"' in html and 'property="og:url"' in html
    assert f"http://testserver{article.get_absolute_url()}</a>" in html  # the share link is visible as text
    assert "<svg" in html  # the QR code for WeChat
    assert " style=" not in html and "<script>" not in html  # the strict CSP allows neither


def test_text_size_works_without_javascript(client):
    article = article_create()
    html = client.get(article.get_absolute_url()).text
    larger = re.search(r'href="(/mode/text-larger/\?next=[^"]+)"', html).group(1).replace("&amp;", "&")
    response = client.get(larger)
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert 'class=" text-size-1"' in client.get(article.get_absolute_url()).text
    client.get(reverse("core:text_smaller"))
    client.get(reverse("core:text_smaller"))
    assert "text-size--1" in client.get("/").text
    for _ in range(3):
        client.get(reverse("core:text_smaller"))
    assert client.cookies["text_size"].value == "-1"  # bounded


def test_draft_scheduled_archived_are_404_for_the_public_and_a_preview_for_staff(client, editor):
    hidden = [
        article_create(status=Article.Status.DRAFT),
        article_create(status=Article.Status.REVIEW),
        article_create(published_at=timezone.now() + timedelta(days=1)),
        article_create(status=Article.Status.ARCHIVED, published_at=timezone.now() - timedelta(days=1)),
    ]
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    for article in hidden:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "预览" in response.text and response["X-Robots-Tag"] == "noindex"


def test_list_filters_by_pillar_and_tag_and_pages(client):
    article_create(title="课堂的资讯", pillar="classes", tags=["夜校"])
    article_create(title="文化的资讯", pillar="culture", tags=["读书"])
    article_create(title="草稿资讯", status=Article.Status.DRAFT, pillar="classes")
    html = client.get(reverse("news:list") + "?pillar=classes").text
    assert "课堂的资讯" in html and "文化的资讯" not in html and "草稿资讯" not in html
    html = client.get(reverse("news:list") + "?tag=读书").text
    assert "文化的资讯" in html and "课堂的资讯" not in html
    assert client.get(reverse("news:list") + "?pillar=nonsense").status_code == 200
    for _ in range(13):
        article_create()
    page2 = client.get(reverse("news:list") + "?page=2").text
    assert "第 2 / 2 页" in page2


def test_home_shows_pinned_and_latest(client):
    article_create(title="置顶的资讯", pinned=True, published_at=timezone.now() - timedelta(days=30))
    article_create(title="最新的资讯")
    article_create(title="还没到时间的资讯", published_at=timezone.now() + timedelta(hours=1))
    html = client.get("/").text
    assert "置顶的资讯" in html and "最新的资讯" in html and "还没到时间的资讯" not in html
    assert html.index("置顶的资讯") < html.index("最新的资讯")


@pytest.mark.parametrize(
    ("url_name", "pillar"),
    [
        ("hubs:directory", "hubs"),
        ("culture:index", "culture"),
        ("pioneers:gallery", "pioneers"),
        ("classes:menu", "classes"),
    ],
)
def test_pillar_pages_show_their_latest_news_through_the_pillar_page_sections(client, url_name, pillar):
    """News adds the block to each pillar's page from its ready() (apps.core.pillars); the page names no app."""
    article_create(title="本板块的资讯", pillar=pillar)
    article_create(title="别的板块的资讯", pillar="hubs" if pillar != "hubs" else "culture")
    html = client.get(reverse(url_name)).text
    assert "本板块的资讯" in html and "别的板块的资讯" not in html
    assert f'href="/news/?pillar={pillar}"' in html


def test_a_pillar_page_without_news_has_no_empty_news_block(client):
    article_create(title="文化的资讯", pillar="culture")
    html = client.get(reverse("hubs:directory")).text
    assert "pillar-news-title" not in html


@pytest.mark.parametrize(
    "path", ["/feeds/news/", "/feeds/news/atom/", "/feeds/news/culture/", "/feeds/news/culture/atom/"]
)
def test_feeds_are_valid_and_only_public(client, path):
    article_create(title="公开的文化资讯", pillar="culture", tags=["读书"])
    article_create(title="公开的课堂资讯", pillar="classes")
    article_create(title="草稿文化资讯", pillar="culture", status=Article.Status.DRAFT)
    article_create(title="定时文化资讯", pillar="culture", published_at=timezone.now() + timedelta(hours=1))
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output: checks it is well-formed
    text = response.content.decode()
    assert "公开的文化资讯" in text and "草稿文化资讯" not in text and "定时文化资讯" not in text
    assert ("公开的课堂资讯" in text) is ("culture" not in path)
    assert root.tag in {"rss", "{http://www.w3.org/2005/Atom}feed"}


def test_unknown_pillar_feed_is_404(client):
    assert client.get("/feeds/news/nonsense/").status_code == 404


def test_sitemap_lists_public_pages_only(client):
    public = article_create()
    draft = article_create(status=Article.Status.DRAFT)
    scheduled = article_create(published_at=timezone.now() + timedelta(hours=1))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 - our own output
    text = response.content.decode()
    assert f"http://testserver{public.get_absolute_url()}<" in text
    assert f"{draft.get_absolute_url()}<" not in text and f"{scheduled.get_absolute_url()}<" not in text
    assert "http://testserver/news/<" in text and "http://testserver/<" in text
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text


def test_article_body_image_is_served_as_webp_renditions_not_the_original(client):
    photo = cover_create(alt="讲习夜校现场")
    figure = f'<figure><img src="{photo.file.url}" alt="讲习夜校现场"><figcaption>夜校</figcaption></figure>'
    article = article_create(body=f"<p>正文。</p>{figure}")
    html = client.get(article.get_absolute_url()).content.decode()
    assert photo.file.url not in html
    body = html[html.index("正文。") :]
    assert re.search(r'<img src="/media/renditions/[^"]+\.webp" srcset="[^"]+\.webp 320w', body)
    assert 'width="400" height="300"' in body and 'loading="lazy"' in body and 'alt="讲习夜校现场"' in body


def test_a_published_article_without_a_publish_time_is_refused_with_its_code():
    from django.core.exceptions import ValidationError

    article = article_create()
    article.published_at = None
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.error_dict["published_at"][0].code == "published_without_time"
