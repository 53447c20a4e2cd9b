"""The page cache's generation is replaced when a write's transaction commits, not at the write: a page
rendered meanwhile read the data as it was, and a rolled-back write changes nothing. Other tests run inside a
transaction that never commits and get the replacement at the write instead (tests/conftest.py); these commit."""

import pytest
from django.core.cache import cache
from django.db import transaction

from apps.core.pagecache import GENERATION_KEY, generation_start
from tests.news.factories import article_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.commit_order]


def generation() -> str:
    return cache.get(GENERATION_KEY)


@pytest.fixture
def started():
    generation_start()
    return generation()


def test_a_write_in_a_transaction_replaces_the_generation_when_it_commits(started):
    with transaction.atomic():
        article_create(title="党课通知")
        assert generation() == started  # pages rendered now read the data before the commit: their old key is right
    assert generation() != started


def test_a_rolled_back_write_replaces_nothing(started):
    with transaction.atomic():
        article_create(title="党课通知")
        transaction.set_rollback(True)
    assert generation() == started


def test_a_write_without_a_transaction_replaces_it_at_once(started):
    article = article_create(title="党课通知")  # committed
    after_create = generation()
    assert after_create != started
    article.title = "党课改期通知"
    article.save()  # autocommit
    assert generation() not in (started, after_create)


def test_an_anonymous_page_shows_the_edit_on_the_first_request_after_the_commit(client, started):
    article = article_create(title="原来的标题")
    url = article.get_absolute_url()
    assert "原来的标题" in client.get(url).text
    assert client.get(url).headers.get("X-Cache") == "HIT"
    with transaction.atomic():
        article.title = "改过的标题"
        article.save()
    response = client.get(url)
    assert "改过的标题" in response.text and response.headers.get("X-Cache") != "HIT"
