"""Search on the seeded portal finds what the source article talks about: people, places, programmes, two- and
four-character words. For each query, every public item whose title or text holds the phrase is found, and at
least the kinds listed (so a query cannot pass by matching nothing)."""

import pytest
from django.utils import timezone

from apps.core.models import SearchEntry
from apps.core.search.query import search_page, search_terms
from apps.core.search.registry import search_kinds

pytestmark = pytest.mark.django_db

ARTICLE, HUB, SERVICE, REPORT = "news.article", "hubs.hub", "hubs.service", "hubs.report"
PROJECT, CONSULTATION = "hubs.project", "hubs.consultation"
COURSE, SITE, PIONEER, TEAM = "classes.course", "classes.redsite", "pioneers.pioneer", "pioneers.team"
EVENT = "culture.cultureevent"

QUERIES = {
    # people
    "陈高峰": {ARTICLE},
    "史宗映": {ARTICLE, PIONEER},
    "卢孝东": {ARTICLE, PIONEER},
    "卢嗲": {ARTICLE},
    "吴自成": {ARTICLE, PIONEER},
    "张海祥": {ARTICLE, PIONEER},
    "陈佳": {ARTICLE},
    # places
    "马坡岭": {ARTICLE},
    "锦林社区": {HUB, ARTICLE},
    "安子岭社区": {HUB, ARTICLE},
    "八一小区": {HUB},
    "西龙村": {HUB, ARTICLE},
    "远大路": {ARTICLE, REPORT, PROJECT},
    "长星路": {ARTICLE, PROJECT, CONSULTATION},
    "护坡公园": {HUB, ARTICLE, PROJECT, CONSULTATION},
    "长星路护坡公园": {ARTICLE, PROJECT},
    "拐角公园": {ARTICLE, PROJECT},
    "浏阳河": {HUB, SERVICE, TEAM},
    "红船初心馆": {ARTICLE, SITE},
    "岭上清风园": {ARTICLE, SITE},
    "东宜兰园": {ARTICLE},
    # programmes
    "讲习夜校": {ARTICLE, COURSE},
    "网络党校": {ARTICLE},
    "主题党日": {ARTICLE},
    "三会一课": {ARTICLE},
    "学习强国": {ARTICLE, COURSE},
    "万名党员进党校": {ARTICLE},
    "三方共商": {ARTICLE, PROJECT, COURSE},
    "周末超市": {SERVICE},
    "知乐学堂": {SERVICE},
    "红袖章": {ARTICLE},
    "圈圈故事会": {ARTICLE},
    "图书漂流": {ARTICLE},
    # two-character words
    "党建": {ARTICLE},
    "路灯": {ARTICLE, PROJECT},
    "防疫": {ARTICLE},
    # four-character words
    "嗲嗲娭毑": {SERVICE},
    "人人皆学": {ARTICLE, COURSE},
    "一面旗帜": {ARTICLE, COURSE},
    "生鲜市场": {PROJECT},
    "单车棚": {PROJECT},
}


def _found(query: str) -> set[int]:
    terms = search_terms(query)
    found = set()
    for kind in search_kinds():
        number = 1
        while True:
            _, page = search_page(terms, kind.key, number)
            found |= {entry.pk for entry in page.object_list}
            if not page.has_next():
                break
            number += 1
    return found


def test_the_query_list_is_long_enough():
    assert len(QUERIES) >= 30
    assert {len(q) for q in QUERIES} >= {2, 3, 4}


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_every_item_that_holds_the_phrase(seeded_site, query):
    public = SearchEntry.objects.filter(visible_from__lte=timezone.now())
    holding = {e.pk: e for e in public if query in e.title or query in e.text}
    found = _found(query)
    missing = [f"{e.kind}: {e.title}" for pk, e in holding.items() if pk not in found]
    assert not missing, f"“{query}” misses {missing}"
    kinds = {e.kind for e in SearchEntry.objects.filter(pk__in=found)}
    assert QUERIES[query] <= kinds, f"“{query}” finds only {sorted(kinds)}"
