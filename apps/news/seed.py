"""Demo news: a dozen articles from the seed facts with drawn pictures, and `--volume N` bulk articles.

Idempotent: articles are found by title, bulk articles are topped up to N. Pictures go through the same image
pipeline and bodies through the same sanitizer as the admin's; statuses are set directly (no user acts).
"""

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw

from apps.core.images import image_create
from apps.core.search.index import search_index_rebuild

from .models import Article, Tag
from .seed_articles import ARTICLES, AUTHORS, BYLINE, EDITOR, SOURCE, VOLUME_PARAGRAPHS, VOLUME_TOPICS
from .selectors import home_news_cache_clear

VOLUME_SOURCE = "红岭+（批量演示）"
PALETTES = [
    ((179, 38, 30), (250, 214, 165)),
    ((138, 90, 0), (255, 236, 200)),
    ((27, 110, 53), (214, 240, 220)),
    ((40, 70, 140), (215, 228, 250)),
    ((120, 40, 110), (245, 220, 240)),
]


def picture_bytes(seed: int) -> bytes:
    """A simple drawn landscape (sky, hills, sun, houses) in one of the palettes, as JPEG bytes."""
    rng = random.Random(seed)
    dark, light = PALETTES[seed % len(PALETTES)]
    width, height = 1200, 675
    picture = PILImage.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(picture)
    for y in range(height // 2):  # sky gradient
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(light[i] * (1 - t * 0.25)) for i in range(3)))
    sun = rng.randint(700, 1000)
    draw.ellipse([sun, 60, sun + 120, 180], fill=(255, 245, 230))
    for layer in range(3):  # hills
        base = height // 2 + layer * 70
        shade = tuple(max(0, c - 40 * (2 - layer)) for c in dark)
        points = (
            [(0, height)] + [(x, base - rng.randint(0, 80)) for x in range(0, width + 150, 150)] + [(width, height)]
        )
        draw.polygon(points, fill=shade)
    for i in range(rng.randint(3, 6)):  # houses
        x = 80 + i * 180 + rng.randint(0, 40)
        y = height - 190 - rng.randint(0, 40)
        draw.rectangle([x, y, x + 120, y + 110], fill=(250, 250, 245))
        draw.polygon([(x - 10, y), (x + 60, y - 55), (x + 130, y)], fill=dark)
        draw.rectangle([x + 45, y + 50, x + 75, y + 110], fill=dark)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82)
    out.seek(0)
    return out.getvalue()


def _image(seed: int, alt: str, caption: str = ""):
    return image_create(upload=io.BytesIO(picture_bytes(seed)), alt=alt, caption=caption)


def _body(sections, photo) -> str:
    parts = []
    for index, (heading, paragraphs) in enumerate(sections):
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.extend(f"<p>{escape(p)}</p>" for p in paragraphs)
        if index == 0 and photo is not None:
            parts.append(
                f'<figure><img src="{photo.file.url}" alt="{escape(photo.alt)}" width="{photo.width}" '
                f'height="{photo.height}"><figcaption>{escape(photo.caption)}</figcaption></figure>'
            )
    return "".join(parts)


def _demo_roles() -> None:
    """Demo accounts get their publishing roles: editor@ writes (编辑), admin reviews anyway (superuser)."""
    User = get_user_model()
    for email, group in (("editor@example.com", "编辑"), ("reviewer@example.com", "审核")):
        if user := User.objects.filter(email=email).first():
            user.groups.add(Group.objects.get(name=group))


def _articles() -> int:
    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for number, data in enumerate(ARTICLES):
        if Article.objects.filter(title=data["title"]).exists():
            continue
        cover = _image(number * 2, alt=data["photos"][0], caption=data["photos"][0])
        photo = _image(number * 2 + 1, alt=f"{data['photos'][0]}（另一角度）", caption="现场一角（红岭+ 供图）")
        published = data["status"] == "published"
        article = Article.objects.create(
            title=data["title"],
            pillar=data["pillar"],
            summary=data["summary"],
            body=_body(data["sections"], photo),
            cover=cover,
            byline=BYLINE,
            source=SOURCE,
            authors=AUTHORS,
            editor_name=EDITOR,
            status=data["status"],
            pinned=data["pinned"],
            published_at=now - timedelta(days=data["days_ago"], hours=number) if published else None,
        )
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in data["tags"]])
        article.save()  # re-index with its tags
        created += 1
    return created


def _volume(volume: int) -> int:
    """Top the bulk articles up to `volume` with bulk_create, then rebuild their search entries."""
    missing = volume - Article.objects.filter(source=VOLUME_SOURCE).count()
    if missing <= 0:
        return 0
    rng = random.Random(volume)
    now = timezone.now()
    batch = []
    for n in range(missing):
        keyword, pillar, lead = VOLUME_TOPICS[n % len(VOLUME_TOPICS)]
        paragraphs = rng.sample(VOLUME_PARAGRAPHS, 3)
        batch.append(
            Article(
                title=f"{keyword}简讯（第 {n + 1} 期）",
                pillar=pillar,
                summary=lead,
                body="".join(f"<p>{escape(p)}</p>" for p in [lead, *paragraphs]),
                source=VOLUME_SOURCE,
                authors=AUTHORS,
                editor_name=EDITOR,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=30 + n % 1500, minutes=n),
            )
        )
    # bulk_create skips save() (and so the sanitizer's pre_save): the bodies above are escaped plain paragraphs.
    Article.objects.bulk_create(batch, batch_size=1000)
    search_index_rebuild(keys=["news.article"])
    return missing


def run(*, demo_users: bool, volume: int) -> str:
    if demo_users:
        _demo_roles()
    created = _articles()
    bulk = _volume(volume) if volume else 0
    home_news_cache_clear()
    summary = f"新增 {created} 篇资讯（共 {Article.objects.count()} 篇）"
    return summary + (f"，批量生成 {bulk} 篇" if bulk else "")
