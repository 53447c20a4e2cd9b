"""Reading the index: check a query, find the public entries holding all its terms, group them by kind.

PostgreSQL matches the `simple` tsvector (GIN index) and ranks with ts_rank; SQLite matches the same
space-delimited terms with LIKE. Both return the same entries for a query; only the order may differ.
"""

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, F, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ..models import SearchEntry
from .ranking import NEWEST, RANKED_CANDIDATES, ranked_best, ranked_page
from .registry import search_kind, search_kinds
from .segment import query_terms

MAX_QUERY_LENGTH = 100
MAX_RESULTS = RANKED_CANDIDATES
SNIPPET_LENGTH = 110
PAGE_SIZE = 20


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


def _matching(terms: list[str]) -> QuerySet:
    """The public entries holding every term (PostgreSQL: the GIN-indexed tsvector; SQLite: LIKE)."""
    public = SearchEntry.objects.filter(visible_from__lte=timezone.now())
    if connection.vendor == "postgresql":
        matches = RawSQL("search_vector @@ to_tsquery('simple', %s)", [_tsquery(terms)], output_field=BooleanField())
        return public.filter(matches)
    for term in terms:
        public = public.filter(terms__contains=f" {term} ")
    return public


def _tsquery(terms: list[str]) -> str:
    return " & ".join(terms)  # terms are only CJK runs or [a-z0-9]+, nothing tsquery would parse


def _newest(terms: list[str], key: str) -> QuerySet:
    """A kind's matches, newest first: walks the (kind, date) index and stops at the MAX_RESULTS-th."""
    return _matching(terms).filter(kind=key).order_by(*NEWEST)


@dataclass
class SearchGroup:
    key: str
    label: str
    total: int
    hits: list = field(default_factory=list)

    @property
    def total_capped(self) -> bool:
        return self.total >= MAX_RESULTS


def search_run(terms: list[str], *, per_kind: int = 5) -> list[SearchGroup]:
    """The best `per_kind` entries of each kind that has any, with each kind's total.

    A kind's results are its newest MAX_RESULTS matches, best first; the total counts at most those. So a
    word found in 8,000 articles costs about what one in 1,000 does ("1000+ 条")."""
    if connection.vendor == "postgresql":  # one query
        keys = [kind.key for kind in search_kinds() if not kind.few]
        few = [kind.key for kind in search_kinds() if kind.few]
        entries = ranked_best(keys=keys, few=few, tsquery=_tsquery(terms), now=timezone.now(), per_kind=per_kind)
    else:  # two; no ranking on SQLite: newest first, which is also the order of its candidate set
        rows = list(
            _matching(terms)
            .annotate(
                position=Window(RowNumber(), partition_by=[F("kind")], order_by=NEWEST),
                kind_total=Window(Count("pk"), partition_by=[F("kind")]),
            )
            .filter(position__lte=per_kind)
            .order_by("kind", "position")
            .values_list("pk", "kind_total")
        )
        by_pk = SearchEntry.objects.defer("terms").in_bulk([pk for pk, _ in rows])
        entries = [by_pk[pk] for pk, _ in rows]
        for entry, (_, total) in zip(entries, rows, strict=True):
            entry.total = total
    groups: dict[str, SearchGroup] = {}
    for entry in entries:
        group = groups.setdefault(entry.kind, SearchGroup(entry.kind, "", min(entry.total, MAX_RESULTS)))
        group.hits.append(hit_prepare(entry, terms))
    return [
        SearchGroup(kind.key, kind.label, groups[kind.key].total, groups[kind.key].hits)
        for kind in search_kinds()
        if kind.key in groups
    ]


def _page_number(number) -> int:
    """As Paginator.get_page reads it: not a number → 1; out of range (here: below 1) → the last page."""
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1


def search_page(terms: list[str], key: str, number) -> tuple[str, Page] | None:
    """One page of one kind's matches (the same order as search_run's), prepared for display; None if no
    such kind is registered. PostgreSQL: one query (two past the last page); SQLite: a capped count and
    the page."""
    kind = search_kind(key)
    if kind is None:
        return None
    if connection.vendor == "postgresql":
        paginator = Paginator([], PAGE_SIZE)  # numbers the pages only: the entries come from ranked_page
        wanted = _page_number(number)
        ranked = {"key": key, "tsquery": _tsquery(terms), "now": timezone.now(), "size": PAGE_SIZE}
        entries = ranked_page(**ranked, offset=(wanted - 1) * PAGE_SIZE) if wanted >= 1 else []
        if not entries and wanted != 1:  # out of range: show the last page
            paginator.count = _newest(terms, key)[:MAX_RESULTS].count()
            wanted = paginator.num_pages
            entries = ranked_page(**ranked, offset=(wanted - 1) * PAGE_SIZE)
        paginator.count = entries[0].total if entries else 0
        page = paginator.get_page(wanted)
        page.object_list = entries
    else:
        newest = _newest(terms, key)
        paginator = Paginator(newest, PAGE_SIZE)
        paginator.count = newest[:MAX_RESULTS].count()  # COUNT(*) over at most MAX_RESULTS rows
        page = paginator.get_page(number)
    page.object_list = [hit_prepare(entry, terms) for entry in page.object_list]
    return kind.label, page


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern:
    """One group matching any term, longest first, so that 远大路 is marked whole rather than as 远大."""
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(t) for t in alternatives) + ")", re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of a term wrapped in <mark>."""
    # split() on the one group gives the text between matches at even places and the matches at odd ones
    pieces = _pattern(tuple(terms)).split(text)
    pieces[1::2] = [f"<mark>{html.escape(match)}</mark>" for match in pieces[1::2]]
    pieces[::2] = [html.escape(between) for between in pieces[::2]]
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def snippet(text: str, terms: list[str]) -> SafeString:
    """About SNIPPET_LENGTH characters of `text` around its first match, highlighted."""
    flat = " ".join(text.split())
    match = _pattern(tuple(terms)).search(flat)
    start = max(0, match.start() - 30) if match else 0
    piece = flat[start : start + SNIPPET_LENGTH]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(flat) else ""
    return mark_safe(f"{prefix}{highlight(piece, terms)}{suffix}")  # noqa: S308 - highlight() escapes


def hit_prepare(entry: SearchEntry, terms: list[str]) -> SearchEntry:
    entry.title_html = highlight(entry.title, terms)
    entry.snippet_html = snippet(entry.text, terms)
    return entry
