"""`make bench` reads its pages and its member from the demo seed: those readers keep working as the seeds change."""

import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_modules(monkeypatch):
    monkeypatch.syspath_prepend(str(settings.BASE_DIR / "scripts"))
    monkeypatch.syspath_prepend(str(settings.BASE_DIR / "scripts" / "bench"))
    yield
    sys.modules.pop("pages", None)


def test_the_bench_finds_its_member_and_every_page_answers(seeded_site, bench_modules, client):
    from pages import bench_member, bench_pages

    member = bench_member()
    assert member.registrations.exists()  # the demo member signs up for classes
    pages = bench_pages()
    assert [p.name for p in pages][:3] == ["static file (site.css)", "hello view", "home"]
    client.force_login(member)
    for page in pages:
        if page.is_page:
            assert client.get(page.path).status_code == 200, page.path
