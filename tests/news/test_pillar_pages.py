import pytest
from django.urls import reverse

from tests.news.factories import article_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "pillar,url_name",
    [
        ("hubs", "hubs:directory"),
        ("classes", "classes:menu"),
        ("pioneers", "pioneers:gallery"),
        ("culture", "culture:index"),
    ],
)
def test_each_pillar_page_shows_its_latest_news(client, pillar, url_name):
    article_create(title=f"{pillar}的新消息", pillar=pillar)
    article_create(title="别的板块的消息", pillar="hubs" if pillar != "hubs" else "culture")
    html = client.get(reverse(url_name)).text
    assert f"{pillar}的新消息" in html
    assert "别的板块的消息" not in html
