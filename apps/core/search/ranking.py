"""Ranking on PostgreSQL over a bounded candidate set: a kind's newest RANKED_CANDIDATES matches.

ts_rank reads every candidate's tsvector, so ranking all 8,000 articles that hold 服务 cost more than the
rest of the search together. Instead each kind walks the (kind, date) index newest first, keeps the first
RANKED_CANDIDATES rows that match, and ranks only those: a common word costs what a rare one does, and
among a thousand recent matches the best ones still come first. SQLite has no ranking; query.py orders its
matches by NEWEST, which is also how the candidates are chosen here.
"""

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
_BEST_OF_KIND = (
    "(SELECT c.id, count(*) OVER () AS total,"  # noqa: S608 - constants joined; values are parameters
    " row_number() OVER (ORDER BY c.rank DESC, c.date DESC NULLS LAST, c.id DESC) AS position"
    " FROM (" + _CANDIDATES + ") c ORDER BY position LIMIT %s)"
)
_PAGE_OF_KIND = (
    "SELECT c.id, count(*) OVER () AS total,"  # noqa: S608 - constants joined; values are parameters
    " row_number() OVER (ORDER BY c.rank DESC, c.date DESC NULLS LAST, c.id DESC) AS position"
    " FROM (" + _CANDIDATES + ") c ORDER BY position LIMIT %s OFFSET %s"
)
# The entries shown, joined to their few ranked ids (`terms`, the longest column, is left out).
_ENTRIES = (
    "SELECT e.id, e.kind, e.title, e.text, e.url, e.date, e.visible_from, e.content_type_id, e.object_id,"
    " ranked.total FROM ({}) ranked JOIN core_searchentry e ON e.id = ranked.id"
    " ORDER BY e.kind, ranked.position"
)


def _candidates_params(*, key: str, tsquery: str, now) -> list:
    return [tsquery, key, now, tsquery, RANKED_CANDIDATES]


def ranked_best(*, keys: list[str], tsquery: str, now, per_kind: int) -> list[SearchEntry]:
    """The best `per_kind` candidates of each kind, by kind, each with `total` (its kind's candidates)."""
    if not keys:
        return []
    sql = _ENTRIES.format(" UNION ALL ".join([_BEST_OF_KIND] * len(keys)))
    params = []
    for key in keys:
        params += [*_candidates_params(key=key, tsquery=tsquery, now=now), per_kind]
    return list(SearchEntry.objects.raw(sql, params))


def ranked_page(*, key: str, tsquery: str, now, offset: int, size: int) -> list[SearchEntry]:
    """One page of a kind's candidates, best first, each with `total` (empty past the last page)."""
    params = [*_candidates_params(key=key, tsquery=tsquery, now=now), size, offset]
    return list(SearchEntry.objects.raw(_ENTRIES.format(_PAGE_OF_KIND), params))
