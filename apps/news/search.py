"""What of the news the site search indexes: public articles, from their publish time on."""

from apps.core.search import SearchDocument, search_register
from apps.core.search.index import plain_text

from .models import Article


def article_document(article: Article) -> SearchDocument | None:
    if article.status != Article.Status.PUBLISHED or article.published_at is None:
        return None
    tags = " ".join(tag.name for tag in article.tags.all()) if article.pk else ""
    text = "\n".join(filter(None, [article.summary, plain_text(article.body), tags, article.authors]))
    return SearchDocument(
        title=article.title,
        text=text,
        url=article.get_absolute_url(),
        visible_from=article.published_at,
        date=article.published_at,
    )


def register() -> None:
    search_register(
        Article,
        label="资讯",
        document=article_document,
        queryset=lambda: Article.objects.prefetch_related("tags"),
        order=10,
    )
