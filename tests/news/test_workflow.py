from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.news.models import Article
from apps.news.services import article_archive, article_publish, article_return, article_submit
from tests.factories import image_bytes
from tests.news.factories import article_create

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "远大路路灯点亮了",
        "pillar": "hubs",
        "summary": "远大路新装路灯。",
        "body": "<h2>亮灯</h2><p>居民夜里回家不再摸黑。</p>",
        "byline": "记者 周岚",
        "source": "红岭+",
        "authors": "周岚",
        "editor_name": "欧阳敏",
        "cover_alt": "",
        "publish_at": "",
    }
    data.update(overrides)
    return data


def add_url():
    return reverse("admin:news_article_add")


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def test_roles_are_groups_and_only_the_reviewer_may_publish(editor, reviewer):
    assert editor.has_perm("news.add_article") and not editor.has_perm("news.publish_article")
    assert reviewer.has_perm("news.publish_article")
    assert not reviewer.has_perm("news.delete_article")


def test_editor_writes_and_submits(client, editor):
    client.force_login(editor)
    response = client.post(add_url(), form_data(_workflow="submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.created_by == editor


def test_editor_cannot_publish_by_crafted_post(client, editor):
    draft = article_create(status=Article.Status.DRAFT, title="原标题")
    client.force_login(editor)
    for action in ("publish", "schedule", "archive", "return"):
        data = form_data(title="改过的标题", _workflow=action, status="published", published_at="2020-01-01 00:00")
        data["publish_at"] = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "您没有发布权限" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and draft.published_at is None
    assert draft.title == "原标题"  # nothing changed


def test_status_field_in_a_post_is_ignored(client, editor):
    draft = article_create(status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.post(change_url(draft), form_data(status="published", published_at="2020-01-01 00:00"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and draft.published_at is None


def test_editor_cannot_change_an_article_once_submitted(client, editor):
    submitted = article_create(status=Article.Status.REVIEW, title="待审")
    client.force_login(editor)
    response = client.post(change_url(submitted), form_data(title="偷偷改"))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.title == "待审"


def test_services_refuse_an_editor_too(editor):
    article = article_create(status=Article.Status.REVIEW)
    with pytest.raises(PermissionDenied):
        article_publish(article=article, user=editor)
    with pytest.raises(PermissionDenied):
        article_publish(article=article, user=editor, at=timezone.now() + timedelta(days=1))
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_reviewer_schedules_and_the_article_appears_by_itself(client, reviewer, monkeypatch):
    article = article_create(status=Article.Status.REVIEW, title="定时发布的夜校通知")
    at = timezone.localtime() + timedelta(hours=2)
    client.force_login(reviewer)
    response = client.post(
        change_url(article),
        form_data(title=article.title, _workflow="schedule", publish_at=at.strftime("%Y-%m-%dT%H:%M")),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_scheduled
    client.logout()

    detail = reverse("news:detail", args=[article.pk])
    assert client.get(detail).status_code == 404
    assert article.title not in client.get(reverse("news:list")).text
    assert article.title not in client.get(reverse("news:feed")).text
    assert f'href="{detail}"' not in client.get("/search/?q=夜校").text

    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    from django.core.cache import cache

    cache.clear()  # three hours on, cached pages (PAGE_CACHE_SECONDS) and the home section have expired
    assert client.get(detail).status_code == 200
    assert article.title in client.get(reverse("news:list")).text
    assert article.title in client.get(reverse("news:feed")).text
    assert f'href="{detail}"' in client.get("/search/?q=夜校").text
    assert article.title in client.get("/").text


def test_a_scheduled_time_in_the_past_is_refused(client, reviewer):
    article = article_create(status=Article.Status.REVIEW)
    client.force_login(reviewer)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(change_url(article), form_data(_workflow="schedule", publish_at=past))
    assert response.status_code == 200
    assert "定时发布的时间已经过去" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    with pytest.raises(ValidationError) as error:
        article_publish(article=article, user=reviewer, at=timezone.now() - timedelta(hours=1))
    assert error.value.code == "past_schedule"


def test_reviewer_publishes_returns_and_archives(reviewer):
    article = article_create(status=Article.Status.DRAFT)
    article_submit(article=article, user=reviewer)
    article_return(article=article, user=reviewer)
    assert article.status == Article.Status.DRAFT
    article_publish(article=article, user=reviewer)
    assert article.is_public
    article_archive(article=article, user=reviewer)
    assert article.status == Article.Status.ARCHIVED and not Article.objects.published().exists()


def test_publishing_clears_the_home_page_list(client, reviewer, django_capture_on_commit_callbacks):
    article_create(title="已经在首页的资讯")
    client.get("/")  # fills the home section's cache
    draft = article_create(status=Article.Status.REVIEW, title="刚刚发布的资讯")
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, user=reviewer)
    assert "刚刚发布的资讯" in client.get("/").text


def test_every_change_is_kept_with_who_and_when(client, reviewer):
    client.force_login(reviewer)
    client.post(add_url(), form_data(_workflow="save"))
    article = Article.objects.get()
    client.post(change_url(article), form_data(title="第二版标题", _workflow="publish"))
    records = list(article.history.order_by("history_date"))
    assert [r.title for r in records][-1] == "第二版标题"
    assert records[-1].status == Article.Status.PUBLISHED
    assert all(r.history_user == reviewer for r in records)
    history = client.get(reverse("admin:news_article_history", args=[article.pk]))
    assert history.status_code == 200 and "第二版标题" in history.content.decode()


def test_hostile_rich_text_is_stripped(client, reviewer):
    client.force_login(reviewer)
    body = (
        '<p onclick="steal()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>'
        '<iframe src="https://evil.example/"></iframe><img src="https://evil.example/x.png" onerror="x()">'
    )
    assert client.post(add_url(), form_data(body=body)).status_code == 302
    stored = Article.objects.get().body
    for bad in ("<script", "onclick", "javascript:", "<iframe", "evil.example", "onerror"):
        assert bad not in stored
    assert "正文" in stored


def test_a_cover_without_alt_text_is_refused(client, reviewer):
    client.force_login(reviewer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("cover.jpg", image_bytes(), content_type="image/jpeg")
    response = client.post(add_url(), {**form_data(), "cover_upload": upload})
    assert response.status_code == 200
    assert "请填写封面图片的替代文字" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(("content", "message"), [(b"not a picture at all", "无法识别这个文件"), (None, "图片太大")])
def test_a_fake_or_oversized_cover_is_refused(client, reviewer, settings, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if content is None:
        settings.IMAGE_MAX_BYTES = 1000
        content = image_bytes(size=(800, 600))
    client.force_login(reviewer)
    upload = SimpleUploadedFile("cover.jpg", content, content_type="image/jpeg")
    response = client.post(add_url(), {**form_data(cover_alt="封面"), "cover_upload": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_a_cover_with_alt_text_goes_through_the_image_pipeline(client, reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reviewer)
    upload = SimpleUploadedFile("cover.jpg", image_bytes(), content_type="image/jpeg")
    response = client.post(add_url(), {**form_data(cover_alt="新装的路灯"), "cover_upload": upload})
    assert response.status_code == 302
    cover = Article.objects.get().cover
    assert cover.alt == "新装的路灯" and cover.renditions


def test_admin_change_page_offers_the_right_buttons(client, editor, reviewer):
    draft = article_create(status=Article.Status.DRAFT)
    client.force_login(editor)
    html = client.get(change_url(draft)).content.decode()
    assert 'value="submit"' in html and 'value="publish"' not in html and "publish_at" not in html
    client.force_login(reviewer)
    html = client.get(change_url(draft)).content.decode()
    assert 'value="publish"' in html and 'value="schedule"' in html and "publish_at" in html
