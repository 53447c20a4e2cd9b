import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.search.query import search_run, search_terms
from apps.pioneers.models import Pioneer
from apps.pioneers.services import pioneer_consent_withdraw, pioneer_publish, pioneer_unpublish
from tests.pioneers.factories import pioneer_create, team_create

pytestmark = pytest.mark.django_db


def test_publishing_without_consent_is_refused_and_changes_nothing():
    pioneer = pioneer_create(published=False, name="史宗映")
    with pytest.raises(ValidationError) as error:
        pioneer_publish(pioneer=pioneer)
    assert error.value.code == "no_consent"
    assert "还没有记录本人同意" in error.value.messages[0]
    pioneer.refresh_from_db()
    assert not pioneer.is_published and pioneer.published_at is None


def test_admin_publish_without_consent_shows_a_message(client, superuser):
    pioneer = pioneer_create(published=False, name="张海祥")
    client.force_login(superuser)
    url = reverse("admin:pioneers_pioneer_change", args=[pioneer.pk])
    data = {"name": "张海祥", "theme": "duty", "hub": pioneer.hub_id, "tagline": "一句话", "story": "<p>故事</p>",
            "order": 0, "publish": "on"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "还没有记录本人同意，不能公开" in response.text
    assert not Pioneer.objects.get(pk=pioneer.pk).is_published


def test_admin_records_consent_and_publishes(client, superuser):
    pioneer = pioneer_create(published=False, name="卢孝东")
    client.force_login(superuser)
    url = reverse("admin:pioneers_pioneer_change", args=[pioneer.pk])
    data = {"name": "卢孝东", "theme": "mission", "hub": pioneer.hub_id, "tagline": "一句话", "story": "<p>故事</p>",
            "order": 0, "publish": "on", "record_consent": "on", "consent_how": "本人签字同意书"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    pioneer.refresh_from_db()
    assert (
        pioneer.is_published and pioneer.consent_recorded_by == superuser and pioneer.consent_note == "本人签字同意书"
    )
    assert client.get(pioneer.get_absolute_url()).status_code == 200


def test_database_refuses_published_without_consent():
    pioneer = pioneer_create(published=False)
    with pytest.raises(Exception):  # noqa: B017 — the check constraint, whatever the backend calls it
        Pioneer.objects.filter(pk=pioneer.pk).update(is_published=True)


def test_unpublishing_hides_everywhere_at_once(client):
    pioneer = pioneer_create(name="吴自成", tagline="二十年不离不弃")
    assert client.get(pioneer.get_absolute_url()).status_code == 200
    assert "吴自成" in client.get(reverse("pioneers:gallery")).text
    assert "吴自成" in client.get(reverse("core:home")).text
    assert any(g.hits for g in search_run(search_terms("吴自成")))
    assert pioneer.get_absolute_url() in client.get("/sitemap.xml").text

    pioneer_unpublish(pioneer=pioneer)

    assert client.get(pioneer.get_absolute_url()).status_code == 404
    assert "吴自成" not in client.get(reverse("pioneers:gallery")).text
    assert "吴自成" not in client.get(reverse("core:home")).text
    assert not any(g.hits for g in search_run(search_terms("吴自成")))
    assert pioneer.get_absolute_url() not in client.get("/sitemap.xml").text


def test_withdrawn_consent_must_be_given_again():
    pioneer = pioneer_create()
    pioneer_consent_withdraw(pioneer=pioneer)
    pioneer.refresh_from_db()
    assert not pioneer.is_published and pioneer.consent_recorded_at is None
    with pytest.raises(ValidationError) as error:
        pioneer_publish(pioneer=pioneer)
    assert error.value.code == "no_consent"


def test_gallery_groups_by_theme_and_filters_by_community(client):
    a = pioneer_create(name="史宗映", theme="mission")
    pioneer_create(name="张海祥", theme="duty")
    html = client.get(reverse("pioneers:gallery")).text
    assert (
        html.index('id="theme-mission"') < html.index("史宗映") < html.index('id="theme-duty"') < html.index("张海祥")
    )
    html = client.get(reverse("pioneers:gallery"), {"hub": a.hub.slug}).text
    assert "史宗映" in html and "张海祥" not in html


def test_team_page_links_leader_only_while_public(client):
    leader = pioneer_create(name="卢孝东")
    team = team_create(name="“70后红袖章”志愿服务队", leader=leader)
    assert leader.get_absolute_url() in client.get(team.get_absolute_url()).text
    pioneer_unpublish(pioneer=leader)
    html = client.get(team.get_absolute_url()).text
    assert leader.get_absolute_url() not in html and "卢孝东" not in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_gallery_query_count_is_constant(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries, not a page-cache hit
    for _ in range(5):
        pioneer_create()
    team_create()
    url = reverse("pioneers:gallery")
    _queries(client, url)  # warm caches
    five = _queries(client, url)
    for _ in range(45):
        pioneer_create()
    for _ in range(5):
        team_create()
    assert Pioneer.objects.published().count() == 50
    assert _queries(client, url) == five


def test_admin_consent_without_saying_how_shows_the_services_message(client, superuser):
    pioneer = pioneer_create(published=False, name="王德明")
    client.force_login(superuser)
    url = reverse("admin:pioneers_pioneer_change", args=[pioneer.pk])
    data = {"name": "王德明", "theme": "duty", "hub": pioneer.hub_id, "tagline": "一句话", "story": "<p>故事</p>",
            "order": 0, "record_consent": "on", "consent_how": "  "}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and "请写明本人是如何同意的" in response.text
    assert not Pioneer.objects.get(pk=pioneer.pk).has_consent
