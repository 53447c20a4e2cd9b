"""Demo news: a dozen articles from the seed facts with drawn pictures, and `--volume N` bulk articles.

Idempotent: articles are found by title, bulk articles are topped up to N. Pictures go through the same image
pipeline and bodies through the same sanitizer as the admin's; statuses are set directly (no user acts).
"""

import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import escape

from apps.core.demo_images import demo_banner
from apps.core.search.index import search_index_rebuild

from .models import Article, Tag
from .seed_articles import (
    ARTICLES,
    DEMO_CREDITS,
    SOURCE_CREDITS,
    SOURCE_DATE,
    VOLUME_PARAGRAPHS,
    VOLUME_TOPICS,
)
from .selectors import home_news_cache_clear

VOLUME_SOURCE = "红岭+（批量演示）"


def _body(sections, photo, link=None) -> str:
    parts = []
    for index, (heading, paragraphs) in enumerate(sections):
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.extend(f"<p>{escape(p)}</p>" for p in paragraphs)
        if index == 0 and photo is not None:
            parts.append(
                f'<figure><img src="{photo.file.url}" alt="{escape(photo.alt)}" width="{photo.width}" '
                f'height="{photo.height}"><figcaption>{escape(photo.caption)}</figcaption></figure>'
            )
    if link:
        text, href = link
        parts.append(f'<p>相关链接：<a href="{escape(href)}">{escape(text)}</a></p>')
    return "".join(parts)


def _demo_roles() -> None:
    """Demo accounts get their publishing roles: editor@ writes (编辑), admin reviews anyway (superuser)."""
    User = get_user_model()
    for email, group in (("editor@example.com", "编辑"), ("reviewer@example.com", "审核")):
        if user := User.objects.filter(email=email).first():
            user.groups.add(Group.objects.get(name=group))


def _articles() -> int:
    now = timezone.now().replace(second=0, microsecond=0)
    source_day = timezone.make_aware(datetime(*SOURCE_DATE))
    created = 0
    for number, data in enumerate(ARTICLES):
        if Article.objects.filter(title=data["title"]).exists():
            continue
        cover = demo_banner(number * 2, alt=data["photos"][0], caption=data["photos"][0])
        photo = demo_banner(number * 2 + 1, alt=f"{data['photos'][0]}（另一角度）", caption="现场一角（示意图）")
        published = data["status"] == "published"
        if data.get("retold"):  # the 2020 report's facts keep its day (a minute apart, to keep their order)
            credits, when = SOURCE_CREDITS, source_day - timedelta(minutes=number)
        else:
            credits, when = DEMO_CREDITS, now - timedelta(days=data["days_ago"], hours=number)
        article = Article.objects.create(
            title=data["title"],
            pillar=data["pillar"],
            summary=data["summary"],
            body=_body(data["sections"], photo, data.get("link")),
            cover=cover,
            **credits,
            status=data["status"],
            pinned=data["pinned"],
            published_at=when if published else None,
        )
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in data["tags"]])
        article.save()  # re-index with its tags
        created += 1
    return created


def _volume(volume: int) -> int:
    """Top the bulk articles up to `volume` with bulk_create, then rebuild their search entries."""
    have = Article.objects.filter(source=VOLUME_SOURCE).count()
    if have >= volume:
        return 0
    rng = random.Random(volume)
    now = timezone.now()
    batch = []
    for n in range(have, volume):
        keyword, pillar, lead = VOLUME_TOPICS[n % len(VOLUME_TOPICS)]
        paragraphs = rng.sample(VOLUME_PARAGRAPHS, 3)
        batch.append(
            Article(
                title=f"{keyword}简讯（第 {n + 1} 期）",
                pillar=pillar,
                summary=lead,
                body="".join(f"<p>{escape(p)}</p>" for p in [lead, *paragraphs]),
                source=VOLUME_SOURCE,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=30 + n % 1500, minutes=n),
            )
        )
    # bulk_create skips save() (and so the sanitizer's pre_save): the bodies above are escaped plain paragraphs.
    Article.objects.bulk_create(batch, batch_size=1000)
    search_index_rebuild(keys=["news.article"])
    return volume - have


def run(*, demo_users: bool, volume: int) -> str:
    if demo_users:
        _demo_roles()
    created = _articles()
    bulk = _volume(volume) if volume else 0
    home_news_cache_clear()
    summary = f"新增 {created} 篇资讯（共 {Article.objects.count()} 篇）"
    return summary + (f"，批量生成 {bulk} 篇" if bulk else "")
