"""Writing articles and moving them through review: draft → in review → published (now or scheduled) → archived.

Editors (编辑) write and submit; reviewers (审核, holding `news.publish_article`) publish, schedule, send
back and archive. The rules are checked here, so the admin, seeds and any future form cannot bypass them.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.images import image_create

from .models import Article, Tag
from .selectors import home_news_cache_clear

PUBLISH_PERMISSION = "news.publish_article"
PUBLISHER_ACTIONS = {"publish", "schedule", "return", "archive"}
ACTIONS = {"save", "submit", *PUBLISHER_ACTIONS}
# A publish time this close to now counts as "now" (the form was filled in a moment ago).
SCHEDULE_TOLERANCE = timedelta(minutes=1)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article) -> bool:
    """Reviewers edit anything; editors edit drafts only, so nothing public changes without review."""
    if not user.has_perm("news.change_article"):
        return False
    return can_publish(user) or article.pk is None or article.status == Article.Status.DRAFT


def article_action_check(*, article: Article, user, action: str, at: datetime | None = None) -> None:
    """Raise PermissionDenied or ValidationError (in Chinese) unless `user` may take `action` now. Writes nothing."""
    if action not in ACTIONS:
        raise ValidationError("未知的操作。", code="unknown_action")
    if action in PUBLISHER_ACTIONS and not can_publish(user):
        raise PermissionDenied("您没有发布权限：编辑只能保存草稿和提交审核，发布、定时发布、退回和归档由审核人员操作。")
    if action == "submit" and article.status != Article.Status.DRAFT:
        raise ValidationError("只有草稿可以提交审核。", code="not_draft")
    if action == "schedule":
        if at is None:
            raise ValidationError("请填写定时发布的时间。", code="schedule_required")
        if at < timezone.now() - SCHEDULE_TOLERANCE:
            raise ValidationError("定时发布的时间已经过去，请选择将来的时间，或直接“立即发布”。", code="past_schedule")
    if action == "return" and not (article.status == Article.Status.REVIEW or article.is_scheduled):
        raise ValidationError("只有待审核或尚未到时间的定时资讯可以退回。", code="not_returnable")
    if action == "archive" and article.status != Article.Status.PUBLISHED:
        raise ValidationError("只有已发布的资讯可以归档。", code="not_published")


@transaction.atomic
def article_save(*, article: Article, user, cover_upload=None, cover_alt: str = "") -> Article:
    """Create or update an article's content (never its status), with an optional new cover picture."""
    if not can_edit(user, article):
        raise PermissionDenied("这篇资讯已提交审核或已发布，编辑不能再修改；如需修改请联系审核人员退回。")
    if cover_upload is not None:
        article.cover = image_create(upload=cover_upload, alt=cover_alt, uploaded_by=user)
    if article.pk is None:
        article.created_by = user
    article.full_clean()
    article.save()  # the search index follows through its post_save hook
    transaction.on_commit(home_news_cache_clear)
    return article


@transaction.atomic
def article_import(*, article: Article, tags: list[str]) -> Article:
    """Save an article brought in from outside the editing workflow (the demo seeds, an import of older news):
    its status and publish time as given, checked by the model's rules like every save, with its tags."""
    for name in tags:
        Tag(name=name).clean_fields()
    article.full_clean()
    article.save()
    article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
    article.save()  # re-indexed with its tags (the search index follows post_save)
    transaction.on_commit(home_news_cache_clear)
    return article


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    article_action_check(article=article, user=user, action="submit")
    return _status_set(article, Article.Status.REVIEW)


@transaction.atomic
def article_publish(*, article: Article, user, at: datetime | None = None) -> Article:
    """Publish now (`at` None) or schedule for `at`, which must not be in the past."""
    article_action_check(article=article, user=user, action="schedule" if at else "publish", at=at)
    now = timezone.now()
    return _status_set(article, Article.Status.PUBLISHED, published_at=max(at or now, now))


@transaction.atomic
def article_return(*, article: Article, user) -> Article:
    """Send an article in review (or scheduled and not yet out) back to its editor as a draft."""
    article_action_check(article=article, user=user, action="return")
    return _status_set(article, Article.Status.DRAFT, published_at=None)


@transaction.atomic
def article_archive(*, article: Article, user) -> Article:
    """Take a published article off the site; it stays in the admin with its history."""
    article_action_check(article=article, user=user, action="archive")
    return _status_set(article, Article.Status.ARCHIVED)


def article_action_run(*, article: Article, user, action: str, at: datetime | None = None) -> str:
    """Take a workflow action chosen in the admin; return the message to show."""
    if action == "submit":
        article_submit(article=article, user=user)
        return "已提交审核，审核人员通过后即可发布。"
    if action in {"publish", "schedule"}:
        article_publish(article=article, user=user, at=at if action == "schedule" else None)
        if action == "schedule":
            return f"已定时发布，将于 {timezone.localtime(article.published_at):%Y-%m-%d %H:%M} 自动公开。"
        return "已发布，公众现在可以看到。"
    if action == "return":
        article_return(article=article, user=user)
        return "已退回给编辑修改（状态改为草稿）。"
    if action == "archive":
        article_archive(article=article, user=user)
        return "已归档，公众不再能看到。"
    return "已保存。"


def _status_set(article: Article, status: str, **fields) -> Article:
    article.status = status
    for name, value in fields.items():
        setattr(article, name, value)
    article.full_clean()
    article.save()
    transaction.on_commit(home_news_cache_clear)  # the home page must not show a stale list
    return article
