"""Ranking on PostgreSQL over a bounded candidate set: a kind's newest RANKED_CANDIDATES matches.

ts_rank reads every candidate's tsvector, so ranking all 8,000 articles that hold 服务 cost more than the
rest of the search together. Instead each kind walks the (kind, date) index newest first, keeps the first
RANKED_CANDIDATES rows that match, and ranks only those: a common word costs what a rare one does, and
among a thousand recent matches the best ones still come first. SQLite has no ranking; query.py orders its
matches by NEWEST, which is also how the candidates are chosen here.
"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import F

from ..models import SearchEntry

RANKED_CANDIDATES = 1000
NEWEST = [F("date").desc(nulls_last=True), F("pk").desc()]  # the order of the core_searchentry_kind_newest index

# Both queries take a kind's candidates the same way: its newest matches, at most RANKED_CANDIDATES (a
# parameter), each with its ts_rank; then order them by rank. Values are always query parameters, and
# each kind is a literal, so the planner picks per kind: the (kind, date) index for a kind with few
# entries or a common word, the GIN index for a rare word.
_CANDIDATES = """
    SELECT e.id, e.date, ts_rank(e.search_vector, to_tsquery('simple', %s)) AS rank
    FROM core_searchentry e
    WHERE e.kind = %s AND e.visible_from <= %s AND e.search_vector @@ to_tsquery('simple', %s)
    ORDER BY e.date DESC NULLS LAST, e.id DESC
    LIMIT %s
"""
# A kind's best candidates: one count over them (the kind's total), then a top-N sort by rank that keeps
# only the rows asked for (no numbering of all thousand candidates, no full sort).
_BEST = "c.rank DESC, c.date DESC NULLS LAST, c.id DESC"
_RANKED = (
    "SELECT c.id, c.rank, count(*) OVER () AS total"  # noqa: S608 - constants joined; values are parameters
    " FROM (" + _CANDIDATES + ") c ORDER BY " + _BEST
)
_BEST_OF_KIND = "(" + _RANKED + " LIMIT %s)"
_PAGE_OF_KIND = _RANKED + " LIMIT %s OFFSET %s"
# The kinds registered as `few` (tens of entries, not thousands) in one scan instead of one each: the same
# rule per kind (its newest RANKED_CANDIDATES matches, ranked, counted) written with windows partitioned by
# kind. The outer LIMIT (per_kind × the number of such kinds) only tells the planner how few rows come out,
# so that it joins them to the entries by primary key rather than hashing the whole table.
_BEST_OF_FEW_KINDS = """(
    SELECT r.id, r.rank, r.total FROM (
        SELECT c.id, c.rank, count(*) OVER (PARTITION BY c.kind) AS total,
            row_number() OVER (PARTITION BY c.kind ORDER BY c.rank DESC, c.date DESC NULLS LAST, c.id DESC) AS best
        FROM (
            SELECT e.id, e.kind, e.date, ts_rank(e.search_vector, to_tsquery('simple', %s)) AS rank,
                row_number() OVER (PARTITION BY e.kind ORDER BY e.date DESC NULLS LAST, e.id DESC) AS newest
            FROM core_searchentry e
            WHERE e.kind = ANY(%s) AND e.visible_from <= %s AND e.search_vector @@ to_tsquery('simple', %s)
        ) c WHERE c.newest <= %s
    ) r WHERE r.best <= %s LIMIT %s
)"""
# The entries shown, joined to their few ranked ids (`terms`, the longest column, is left out), in the
# order above within each kind.
_ENTRIES = (
    "SELECT e.id, e.kind, e.title, e.text, e.url, e.date, e.visible_from, e.content_type_id, e.object_id,"
    " ranked.total FROM ({}) ranked JOIN core_searchentry e ON e.id = ranked.id"
    " ORDER BY e.kind, ranked.rank DESC, e.date DESC NULLS LAST, e.id DESC"
)


def _candidates_params(*, key: str, tsquery: str, now) -> list:
    return [tsquery, key, now, tsquery, RANKED_CANDIDATES]


def ranked_best(*, keys: list[str], few: list[str], tsquery: str, now, per_kind: int) -> list[SearchEntry]:
    """The best `per_kind` candidates of each kind, by kind, each with `total` (its kind's candidates).

    Each of `keys` is searched on its own; the kinds in `few` together, in one scan."""
    parts, params = [], []
    for key in keys:
        parts.append(_BEST_OF_KIND)
        params += [*_candidates_params(key=key, tsquery=tsquery, now=now), per_kind]
    if few:
        parts.append(_BEST_OF_FEW_KINDS)
        params += [tsquery, few, now, tsquery, RANKED_CANDIDATES, per_kind, per_kind * len(few)]
    if not parts:
        return []
    return _entries(_ENTRIES.format(" UNION ALL ".join(parts)), params)


def ranked_page(*, key: str, tsquery: str, now, offset: int, size: int) -> list[SearchEntry]:
    """One page of a kind's candidates, best first, each with `total` (empty past the last page)."""
    params = [*_candidates_params(key=key, tsquery=tsquery, now=now), size, offset]
    return _entries(_ENTRIES.format(_PAGE_OF_KIND), params)


def _entries(sql: str, params: list) -> list[SearchEntry]:
    with _planned_for_its_words():
        return list(SearchEntry.objects.raw(sql, params))


@contextmanager
def _planned_for_its_words():
    """Run a search as an unprepared statement, planned for the words it is given.

    With prepared statements on (DB_PREPARED_STATEMENTS, hongling/settings.py), a query run twice is prepared, and
    after five runs PostgreSQL may keep one generic plan for it that cannot see the words: it guesses every word
    rare, takes the GIN index for 社区 too and sorts the ~6,000 articles holding it instead of walking the newest
    (searches for common words two to three times slower at 10,000 articles). Planning one takes about 0.5 ms.
    """
    connection.ensure_connection()
    psycopg_connection = connection.connection
    before = psycopg_connection.prepare_threshold
    psycopg_connection.prepare_threshold = None  # psycopg: prepare nothing on this connection meanwhile
    try:
        yield
    finally:
        psycopg_connection.prepare_threshold = before
