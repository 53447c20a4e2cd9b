"""One pager (templates/includes/pager.html): every paged list includes it, and its links keep the list's
filters, url-encoded, and nothing else."""

from pathlib import Path

import pytest
from django.http import QueryDict
from django.urls import reverse

from apps.core.pagination import page_query
from tests.news.factories import article_create

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_page_query_keeps_the_filters_without_the_page_or_empty_ones():
    assert page_query(QueryDict("hub=jinlin&page=3&category=&state=open")) == "hub=jinlin&state=open"
    assert page_query(QueryDict("tag=a&tag=b")) == "tag=a&tag=b"
    assert (
        page_query({"q": "护坡公园 故事会", "kind": ""})
        == "q=%E6%8A%A4%E5%9D%A1%E5%85%AC%E5%9B%AD+%E6%95%85%E4%BA%8B%E4%BC%9A"
    )
    assert page_query({}) == ""


def test_no_template_but_the_pager_writes_pager_links():
    """The site's own templates (the admin's history page follows the admin's own markup)."""
    writers = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "next_page_number" in path.read_text(encoding="utf-8") and "simple_history" not in path.parts
    }
    assert writers == {"includes/pager.html"}


@pytest.mark.django_db
def test_news_pager_keeps_the_pillar_and_the_tag(client):
    for _ in range(13):
        article_create(pillar="culture", tags=["读书"])
    html = client.get(reverse("news:list") + "?pillar=culture&tag=读书").text
    assert 'href="?pillar=culture&amp;tag=%E8%AF%BB%E4%B9%A6&amp;page=2" rel="next"' in html
    page2 = client.get(reverse("news:list") + "?pillar=culture&tag=读书&page=2").text
    assert "第 2 / 2 页" in page2
    assert 'href="?pillar=culture&amp;tag=%E8%AF%BB%E4%B9%A6&amp;page=1" rel="prev"' in page2


@pytest.mark.django_db
def test_news_pager_drops_a_pillar_that_is_not_one(client):
    for _ in range(13):
        article_create()
    html = client.get(reverse("news:list") + "?pillar=nonsense&x=<b>").text
    assert 'href="?page=2" rel="next"' in html
