"""Writing the index: one entry per public object, kept current on save and rebuilt in bulk on demand."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator

from ..models import SearchEntry
from .registry import SearchDocument, SearchKind, search_kind_for, search_kinds
from .segment import document_terms

TEXT_LIMIT = 2000  # characters of plain text kept for snippets


def plain_text(html: str) -> str:
    """Rich text as plain lines, for indexing and snippets."""
    spaced = (html or "").replace("</p>", "</p>\n").replace("<br>", "\n").replace("</h2>", "</h2>\n")
    return strip_tags(spaced).replace("&nbsp;", " ").strip()


def _entry(kind: SearchKind, content_type: ContentType, obj, document: SearchDocument) -> SearchEntry:
    return SearchEntry(
        content_type=content_type,
        object_id=obj.pk,
        kind=kind.key,
        title=Truncator(document.title).chars(200),
        text=document.text[:TEXT_LIMIT],
        url=document.url,
        date=document.date,
        visible_from=document.visible_from,
        # The title counts twice, so a title match ranks above a mention in the body.
        terms=document_terms(document.title, document.title, document.text),
    )


def search_index_update(obj) -> None:
    """Index `obj` as its registration describes it now, or drop it from the index if it is not public."""
    kind = search_kind_for(type(obj))
    if kind is None:
        return
    content_type = ContentType.objects.get_for_model(obj)
    document = kind.document(obj)
    if document is None:
        SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        return
    entry = _entry(kind, content_type, obj, document)
    values = {f.attname: getattr(entry, f.attname) for f in SearchEntry._meta.concrete_fields if not f.primary_key}
    SearchEntry.objects.update_or_create(content_type=content_type, object_id=obj.pk, defaults=values)


def search_index_remove(obj) -> None:
    content_type = ContentType.objects.get_for_model(obj)
    SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()


@transaction.atomic
def search_index_rebuild(*, keys: list[str] | None = None, batch_size: int = 1000) -> int:
    """Rebuild the entries of the registered kinds (all, or those in `keys`); return how many are indexed."""
    count = 0
    for kind in search_kinds():
        if keys is not None and kind.key not in keys:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        SearchEntry.objects.filter(content_type=content_type).delete()
        batch = []
        for obj in kind.queryset().iterator(chunk_size=batch_size):
            if (document := kind.document(obj)) is not None:
                batch.append(_entry(kind, content_type, obj, document))
            if len(batch) >= batch_size:
                SearchEntry.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
        count += len(batch)
    return count
