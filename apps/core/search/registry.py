"""What each app puts into the search index: one `search_register()` call per model."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models.signals import post_delete, post_save


@dataclass(frozen=True)
class SearchDocument:
    """How one object appears in the index. `visible_from` is when the public may find it."""

    title: str
    text: str
    url: str
    visible_from: datetime
    date: datetime | None = None


@dataclass(frozen=True)
class SearchKind:
    key: str  # "news.article"
    label: str  # shown as the heading of its group of results, e.g. "资讯"
    model: type[models.Model]
    document: Callable[[models.Model], SearchDocument | None]
    queryset: Callable[[], models.QuerySet]
    order: int
    few: bool = False


_kinds: dict[str, SearchKind] = {}


def search_register(
    model: type[models.Model],
    *,
    label: str,
    document: Callable[[models.Model], SearchDocument | None],
    queryset: Callable[[], models.QuerySet] | None = None,
    order: int = 100,
    few: bool = False,
) -> None:
    """Index `model`: `document(obj)` returns what to index, or None while `obj` is not public.

    `queryset()` lists the objects a full rebuild indexes (default: all) and may select related rows
    that `document` reads. Saving or deleting an object updates its entry. `few=True` says the model keeps
    few public objects (tens, such as hubs or sites; not articles or reports that accumulate): PostgreSQL
    then searches it together with the other such kinds in one scan. It changes only the speed, never
    the results; a kind that grows to thousands is best left out of it.
    """
    key = model._meta.label_lower
    _kinds[key] = SearchKind(key, label, model, document, queryset or model._default_manager.all, order, few)
    uid = f"search-index-{key}"
    post_save.connect(_on_save, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_on_delete, sender=model, dispatch_uid=uid, weak=False)


def search_unregister(model: type[models.Model]) -> None:
    key = model._meta.label_lower
    _kinds.pop(key, None)
    post_save.disconnect(sender=model, dispatch_uid=f"search-index-{key}")
    post_delete.disconnect(sender=model, dispatch_uid=f"search-index-{key}")


def _on_save(sender, instance, raw=False, **kwargs):
    from .index import search_index_update  # the index module imports this one

    if not raw:  # fixtures being loaded
        search_index_update(instance)


def _on_delete(sender, instance, **kwargs):
    from .index import search_index_remove

    search_index_remove(instance)


def search_kinds() -> list[SearchKind]:
    return sorted(_kinds.values(), key=lambda k: k.order)


def search_kind(key: str) -> SearchKind | None:
    return _kinds.get(key)


def search_kind_for(model: type[models.Model]) -> SearchKind | None:
    return _kinds.get(model._meta.label_lower)
