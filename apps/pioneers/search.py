"""What of 红岭先锋 the site search indexes: published profiles (only with consent) and teams."""

from django.utils import timezone

from apps.core.search import SearchDocument, search_register
from apps.core.search.index import plain_text

from .models import Pioneer, Team

EPOCH = timezone.make_aware(timezone.datetime(2020, 1, 1))


def pioneer_document(pioneer: Pioneer) -> SearchDocument | None:
    if not (pioneer.is_published and pioneer.has_consent):
        return None
    text = "\n".join([pioneer.get_theme_display(), pioneer.community, pioneer.tagline, plain_text(pioneer.story)])
    return SearchDocument(title=pioneer.name, text=text, url=pioneer.get_absolute_url(), visible_from=EPOCH)


def team_document(team: Team) -> SearchDocument | None:
    if not team.is_published:
        return None
    text = "\n".join([team.hub.name, team.summary, plain_text(team.body)])
    return SearchDocument(title=team.name, text=text, url=team.get_absolute_url(), visible_from=EPOCH)


def register() -> None:
    search_register(
        Pioneer,
        label="红岭先锋",
        document=pioneer_document,
        queryset=lambda: Pioneer.objects.select_related("hub"),
        order=30,
        few=True,
    )
    search_register(
        Team,
        label="志愿服务队",
        document=team_document,
        queryset=lambda: Team.objects.select_related("hub"),
        order=31,
        few=True,
    )
