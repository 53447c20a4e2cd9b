"""Reading the index: check a query, find the public entries holding all its terms, group them by kind.

PostgreSQL matches the `simple` tsvector (GIN index) and ranks with ts_rank; SQLite matches the same
space-delimited terms with LIKE. Both return the same entries for a query; only the order may differ.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, F, FloatField, QuerySet, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import SearchEntry
from .registry import search_kind, search_kinds
from .segment import query_terms

MAX_QUERY_LENGTH = 100
SNIPPET_LENGTH = 110


class QueryRefused(Exception):
    """The query cannot be searched; `message` says why, in words a resident understands."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def search_terms(raw: str) -> list[str]:
    """The terms to look for in `raw`, or QueryRefused with a message saying what to type instead."""
    query = " ".join((raw or "").split())
    if not query:
        raise QueryRefused("请输入要搜索的词，例如“党建”“夜校”。")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryRefused(f"搜索词太长了（{len(query)} 个字），请精简到 {MAX_QUERY_LENGTH} 个字以内。")
    if len(query.replace(" ", "")) < 2:
        raise QueryRefused("请至少输入两个字，例如“党建”。")
    terms = query_terms(query)
    if not terms:
        raise QueryRefused("搜索词里没有可查找的文字，请输入中文、字母或数字。")
    return terms


def _matching(terms: list[str]) -> tuple[QuerySet, list]:
    """The public entries holding every term, annotated with `rank`, and the order that ranks them."""
    public = SearchEntry.objects.filter(visible_from__lte=timezone.now())
    if connection.vendor == "postgresql":
        tsquery = " & ".join(terms)  # terms are only CJK runs or [a-z0-9]+, nothing tsquery would parse
        matches = RawSQL("search_vector @@ to_tsquery('simple', %s)", [tsquery], output_field=BooleanField())
        rank = RawSQL("ts_rank(search_vector, to_tsquery('simple', %s))", [tsquery], output_field=FloatField())
        public = public.filter(matches).annotate(rank=rank)
    else:
        for term in terms:
            public = public.filter(terms__contains=f" {term} ")
        public = public.annotate(rank=Value(0.0, output_field=FloatField()))
    return public, [F("rank").desc(), F("date").desc(nulls_last=True), F("pk").desc()]


@dataclass
class SearchGroup:
    key: str
    label: str
    total: int
    hits: list = field(default_factory=list)


def search_run(terms: list[str], *, per_kind: int = 5) -> list[SearchGroup]:
    """The best `per_kind` entries of each kind that has any, with each kind's total (two queries)."""
    matching, ranking = _matching(terms)
    # Rank narrow rows first (ids only), then load the few entries shown.
    best = (
        matching.annotate(
            position=Window(RowNumber(), partition_by=[F("kind")], order_by=ranking),
            kind_total=Window(Count("pk"), partition_by=[F("kind")]),
        )
        .filter(position__lte=per_kind)
        .order_by("kind", "position")
        .values_list("pk", "kind", "kind_total")
    )
    rows = list(best)
    entries = SearchEntry.objects.defer("terms").in_bulk([pk for pk, _, _ in rows])
    by_kind: dict[str, list[SearchEntry]] = {}
    totals: dict[str, int] = {}
    for pk, kind, total in rows:
        by_kind.setdefault(kind, []).append(hit_prepare(entries[pk], terms))
        totals[kind] = total
    return [
        SearchGroup(kind.key, kind.label, totals[kind.key], by_kind[kind.key])
        for kind in search_kinds()
        if kind.key in by_kind
    ]


def search_in_kind(terms: list[str], key: str) -> tuple[str, QuerySet] | None:
    """All matching entries of one kind, for paging through them; None if no such kind is registered."""
    kind = search_kind(key)
    if kind is None:
        return None
    matching, ranking = _matching(terms)
    return kind.label, matching.filter(kind=key).order_by(*ranking)


def _pattern(terms: list[str]) -> re.Pattern:
    # Longest first, so that 远大路 is marked whole rather than as 远大.
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of a term wrapped in <mark>."""
    pattern = _pattern(terms)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(text: str, terms: list[str]) -> SafeString:
    """About SNIPPET_LENGTH characters of `text` around its first match, highlighted."""
    flat = " ".join(text.split())
    match = _pattern(terms).search(flat)
    start = max(0, match.start() - 30) if match else 0
    piece = flat[start : start + SNIPPET_LENGTH]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(flat) else ""
    return mark_safe(f"{prefix}{highlight(piece, terms)}{suffix}")  # noqa: S308 - highlight() escapes


def hit_prepare(entry: SearchEntry, terms: list[str]) -> SearchEntry:
    entry.title_html = highlight(entry.title, terms)
    entry.snippet_html = snippet(entry.text, terms)
    return entry
