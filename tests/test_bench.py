"""The benchmark's baseline view exists only in the bench URLconf (`make bench`), never in production's."""

import pytest
from django.urls import Resolver404, resolve


def test_bench_hello_view_answers_under_the_bench_urlconf_only(client, settings, db):
    with pytest.raises(Resolver404):
        resolve("/__bench__/hello")  # production URLs
    settings.ROOT_URLCONF = "hongling.urls_bench"
    response = client.get("/__bench__/hello")
    assert response.status_code == 200 and response.content == b"hello"
    assert client.get("/").status_code == 200  # the portal's pages are all still there
