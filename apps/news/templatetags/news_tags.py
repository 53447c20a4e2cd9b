from django import template

from apps.core.pillars import pillar_name

from .. import selectors

register = template.Library()


@register.inclusion_tag("news/includes/pillar_news.html")
def pillar_news(pillar: str, limit: int = 4):
    """A pillar page's latest news: `{% load news_tags %}{% pillar_news "hubs" %}` (one query)."""
    return {"articles": selectors.pillar_news(pillar, limit=limit), "pillar": pillar, "label": pillar_name(pillar)}
