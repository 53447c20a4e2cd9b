"""HEAD works on every public page (uptime monitors use it): 200, the GET's headers, no body."""

import pytest

pytestmark = pytest.mark.django_db


def test_head_every_public_page_answers_200_with_no_body(client, public_urls):
    for url in public_urls:
        get = client.get(url)
        assert get.status_code == 200, url
        for _ in range(2):  # rendered, then (for pages the cache stores) served from it
            head = client.head(url)
            assert head.status_code == 200, url
            assert head.content == b"", url
            assert head["Content-Type"] == get["Content-Type"], url


def test_head_every_public_page_works_for_a_logged_in_user_too(client, public_urls, resident):
    client.force_login(resident)
    for url in public_urls:
        assert client.head(url).status_code == 200, url
