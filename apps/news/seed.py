"""Demo news from `news.yaml` in the seeds folder (see seeds/README.md), and `--volume N` bulk articles.

Idempotent: an article is found by its title. The whole file is checked before anything is written; articles
are saved through `article_import` (the model's rules and the rich-text sanitizer, as for the admin's), and
their pictures are drawn by `core.demo_images`.
"""

from datetime import timedelta

from apps.core.demo_images import demo_picture
from apps.core.pillars import pillar_choices
from apps.core.seeding import (
    Entry,
    entry_choice,
    entry_fields,
    entry_flag,
    entry_list,
    entry_markdown,
    entry_moment,
    entry_picture,
    entry_rules,
    markdown_html,
    seed_file,
)

from .models import Article
from .seed_volume import VOLUME_SOURCE, volume_seed
from .selectors import home_news_cache_clear
from .services import article_import

READS_SEEDS_FOLDER = True  # news.yaml; `seed --from DIR` runs it (see apps/core/management/commands/seed.py)
__all__ = ["VOLUME_SOURCE", "run"]

SOURCE_FIELDS, SOURCE_OPTIONAL = ("name",), ("byline", "authors", "editor", "published")
ARTICLE_FIELDS = ("title", "summary", "source", "body")
ARTICLE_OPTIONAL = ("pillar", "tags", "cover", "status", "pinned", "published")


def news_content() -> list[tuple[Entry, Article]]:
    """`news.yaml` checked entry by entry, as unsaved articles (each with its entry): required fields, pillar,
    status, dates, tags, picture scenes. Nothing is written."""
    data = seed_file("news.yaml")
    if data is None:
        return []
    entry_fields(data, required=(), optional=("sources", "articles"))
    sources = {}
    for source in entry_list(data, "sources"):
        entry_fields(source, required=SOURCE_FIELDS, optional=SOURCE_OPTIONAL)
        sources[source["name"]] = source
    articles, titles = [], set()
    for number, entry in enumerate(entry_list(data, "articles")):
        entry_fields(entry, required=ARTICLE_FIELDS, optional=ARTICLE_OPTIONAL)
        source = sources.get(entry["source"], Entry(name=entry["source"]))
        status = entry_choice(entry, "status", Article.Status.values) if "status" in entry else "published"
        if entry.get("pillar"):
            entry_choice(entry, "pillar", dict(pillar_choices()))
        tags = entry.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(tag, str) and tag for tag in tags):
            raise entry.error("“tags”应当是标签的列表，例如 [党建, 红岭+]。")
        published = entry_moment(entry, "published")
        if published is None and "published" in source:  # the source's day, a minute apart to keep the file's order
            published = entry_moment(source, "published") - timedelta(minutes=number)
        if status == Article.Status.PUBLISHED and published is None:
            raise entry.error("已发布的资讯需要发布时间：请写“published”，或在 sources 里给来源写上日期。")
        entry_picture(entry, "cover")
        entry_markdown(entry, "body")
        if entry["title"] in titles:
            raise entry.error(f"标题“{entry['title']}”在前面已经出现过（资讯按标题识别，标题不能重复）。")
        titles.add(entry["title"])
        article = Article(
            title=str(entry["title"]),
            pillar=entry.get("pillar") or "",
            summary=str(entry["summary"]),
            body="",
            source=str(source["name"]),
            byline=str(source.get("byline") or ""),
            authors=str(source.get("authors") or ""),
            editor_name=str(source.get("editor") or ""),
            status=status,
            pinned=entry_flag(entry, "pinned"),
            published_at=published if status == Article.Status.PUBLISHED else None,
        )
        with entry_rules(entry):
            article.clean_fields(exclude=["body"])
        articles.append((entry, article))
    return articles


def articles_seed(content: list[tuple[Entry, Article]]) -> int:
    created = 0
    for entry, article in content:
        if Article.objects.filter(title=article.title).exists():
            continue
        if cover := entry.get("cover"):
            article.cover = demo_picture(**cover, key=f"news-{article.title}")
        article.body = markdown_html(entry["body"], key=f"news-{article.title}")
        with entry_rules(entry):
            article_import(article=article, tags=entry.get("tags") or [])
        created += 1
    return created


def run(*, demo_users: bool, volume: int) -> str:
    content = news_content()
    created = articles_seed(content)
    bulk = volume_seed(volume) if volume else 0
    home_news_cache_clear()
    summary = f"新增 {created} 篇资讯（共 {Article.objects.count()} 篇）"
    return summary + (f"，批量生成 {bulk} 篇" if bulk else "")
