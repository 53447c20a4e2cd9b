"""The pillars are registered by their apps (apps.core.pillars): the home page's cards, the header's links and
an article's choice of pillar all read the one registry."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from apps.core import pillars as registry
from apps.news.models import Article
from tests.news.factories import article_create

PILLAR_APPS = ["classes", "hubs", "pioneers", "culture"]


def test_each_pillar_app_registers_itself_under_its_label_and_name():
    assert [pillar.key for pillar in registry.pillars()] == PILLAR_APPS
    for pillar in registry.pillars():
        assert pillar.name == apps.get_app_config(pillar.key).verbose_name


def test_an_articles_pillar_choices_are_the_registry(monkeypatch):
    field = Article._meta.get_field("pillar")
    assert (
        list(field.choices)
        == registry.pillar_choices()
        == [
            ("classes", "红岭课堂"),
            ("hubs", "红岭之家"),
            ("pioneers", "红岭先锋"),
            ("culture", "红岭文化"),
        ]
    )
    # A pillar registered later is a choice at once: the field reads the registry when asked (no migration).
    monkeypatch.setitem(registry._pillars, "garden", registry.Pillar("garden", "红岭花园", "", "", "x:y", 50))
    assert ("garden", "红岭花园") in list(field.choices)


@pytest.mark.django_db
def test_an_article_of_an_unknown_pillar_is_refused():
    article = article_create()
    article.pillar = "garden"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.error_dict["pillar"][0].code == "invalid_choice"


@pytest.mark.django_db
def test_home_and_header_show_the_registered_pillars_in_order(client):
    html = client.get("/").text
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    labels = re.findall(r"<li><a [^>]*>([^<]+)</a></li>", nav)
    assert labels == ["首页", "课堂", "之家", "先锋", "文化", "资讯", "日历"]
    cards = re.findall(r"<h3>(红岭[^<]+)</h3>", html)
    assert cards == ["红岭课堂", "红岭之家", "红岭先锋", "红岭文化"]


@pytest.mark.django_db
def test_news_filters_and_feeds_know_the_pillars_from_the_registry(client):
    article_create(title="文化的资讯", pillar="culture")
    html = client.get("/news/?pillar=culture").text
    assert "红岭文化" in html and "文化的资讯" in html
    assert client.get("/feeds/news/culture/").status_code == 200
    assert client.get("/feeds/news/garden/").status_code == 404
