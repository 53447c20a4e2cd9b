"""Small factories for the news tests."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from apps.core.images import image_create
from apps.news.models import Article, Tag
from tests.factories import image_bytes, staff_create

_counter = itertools.count(1)


def article_create(*, status: str = Article.Status.PUBLISHED, published_at=None, tags=(), **fields) -> Article:
    n = next(_counter)
    if status == Article.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - timedelta(hours=n)
    values = {
        "title": f"测试资讯 {n}",
        "summary": "一篇用来测试的资讯。",
        "body": "<h2>小标题</h2><p>正文第一段。</p>",
        "source": "红岭+",
        "authors": "周岚",
        "editor_name": "欧阳敏",
    }
    values.update(fields)
    article = Article.objects.create(status=status, published_at=published_at, **values)
    if tags:
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
        article.save()
    return article


def cover_create(alt: str = "封面图片"):
    return image_create(upload=io.BytesIO(image_bytes(size=(400, 300))), alt=alt)


def editor_create(**extra):
    user = staff_create(**extra)
    user.groups.add(Group.objects.get(name="编辑"))
    return user


def reviewer_create(**extra):
    user = staff_create(**extra)
    user.groups.add(Group.objects.get(name="审核"))
    return user
