from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.core.models import SearchEntry
from apps.core.search import SearchDocument, search_register
from apps.core.search.index import search_index_rebuild
from apps.core.search.query import QueryRefused, search_run, search_terms
from apps.core.search.registry import search_unregister
from apps.news.models import Article, Tag
from tests.news.factories import article_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """A small test set; the same queries must find the same articles on SQLite and on PostgreSQL."""
    return {
        "launch": article_create(title="红岭+党建品牌亮相", body="<p>马坡岭街道以党建引领社区治理。</p>"),
        "lu": article_create(
            title="卢孝东和“70后红袖章”", body="<p>老党员卢孝东带领志愿服务队在八一小区宣传防疫知识。</p>"
        ),
        "road": article_create(title="远大路新装路灯", body="<p>远大路与长星路交汇处的护坡公园也完成了改造。</p>"),
        "library": article_create(title="社区图书馆开放", body="<p>读书分享会和图书漂流活动，让党建走进书香社区。</p>"),
        "draft": article_create(title="党建草稿", status=Article.Status.DRAFT, body="<p>卢孝东 远大路</p>"),
        "later": article_create(title="卢孝东的定时资讯", published_at=timezone.now() + timedelta(days=1)),
        "archived": article_create(title="远大路旧闻", status=Article.Status.ARCHIVED, published_at=timezone.now()),
    }


def found(query: str) -> set[str]:
    return {hit.title for group in search_run(search_terms(query), per_kind=100) for hit in group.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("党建", {"红岭+党建品牌亮相", "社区图书馆开放"}),
        ("卢孝东", {"卢孝东和“70后红袖章”"}),
        ("远大路", {"远大路新装路灯"}),
        ("远大", {"远大路新装路灯"}),
        ("图书漂流", {"社区图书馆开放"}),
        ("长星路 远大路", {"远大路新装路灯"}),
        ("党建 卢孝东", set()),
        ("红袖章", {"卢孝东和“70后红袖章”"}),
        ("70", {"卢孝东和“70后红袖章”"}),
        ("夜校", set()),
    ],
)
def test_the_test_set_gives_the_same_results_on_every_database(corpus, query, expected):
    assert found(query) == expected, connection.vendor


def test_results_are_grouped_highlighted_and_escaped(client, corpus):
    article_create(title="<b>党建</b>标题", body="<p>正文</p>")
    html = client.get(reverse("search:results"), {"q": "党建"}).text
    assert "资讯" in html and "3 条" in html
    assert "<mark>党建</mark>" in html
    assert "&lt;b&gt;<mark>党建</mark>&lt;/b&gt;" in html  # a title is text, never markup


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入要搜索的词"),
        ("   ", "请输入要搜索的词"),
        ("党", "请至少输入两个字"),
        ("党" * 500, "搜索词太长了"),
        ("！！@@##￥￥%%", "没有可查找的文字"),
        ("“”《》、，。…", "没有可查找的文字"),
    ],
)
def test_odd_queries_get_a_clear_message(client, query, message):
    response = client.get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    assert message in response.text
    with pytest.raises(QueryRefused):
        search_terms(query)


def test_markup_in_a_query_is_searched_as_text_and_escaped(client):
    html = client.get(reverse("search:results"), {"q": "<script>alert(1)</script>"}).text
    assert "没有找到" in html and "<script>alert" not in html and "&lt;script&gt;" in html


def test_scheduled_articles_are_found_from_their_time_on(corpus, monkeypatch):
    assert "卢孝东的定时资讯" not in found("卢孝东")
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "卢孝东的定时资讯" in found("卢孝东")


def test_archiving_and_deleting_take_an_article_out_of_the_index(corpus):
    road = corpus["road"]
    road.status = Article.Status.ARCHIVED
    road.save()
    assert found("远大路") == set()
    corpus["lu"].delete()
    assert found("卢孝东") == set()


def test_tags_are_searchable(corpus):
    lu = corpus["lu"]
    lu.tags.set([Tag.objects.create(name="志愿服务")])
    lu.save()
    assert found("志愿服务") == {lu.title}


def test_a_kind_pages_through_all_its_results(client):
    for n in range(25):
        article_create(title=f"党建简讯 {n}")
    html = client.get(reverse("search:results"), {"q": "党建"}).text
    assert "查看全部 25 条资讯结果" in html
    page = client.get(reverse("search:results"), {"q": "党建", "kind": "news.article", "page": 2}).text
    assert "第 2 / 2 页" in page
    for odd, shown in ((9, 2), ("x", 1), (-1, 2)):  # as Django's Paginator.get_page reads them
        page = client.get(reverse("search:results"), {"q": "党建", "kind": "news.article", "page": odd}).text
        assert f"第 {shown} / 2 页" in page and "<mark>党建</mark>简讯" in page


def test_rebuild_matches_the_live_index(corpus):
    before = set(SearchEntry.objects.values_list("object_id", "terms"))
    assert search_index_rebuild() == 5  # the scheduled one is indexed, shown from its time on
    assert set(SearchEntry.objects.values_list("object_id", "terms")) == before


def test_a_new_model_joins_the_search_in_a_few_lines(client):
    search_register(
        Tag,
        label="标签",
        document=lambda tag: SearchDocument(title=tag.name, text="", url="/news/", visible_from=timezone.now()),
        order=99,
    )
    try:
        Tag.objects.create(name="图书漂流站")
        html = client.get(reverse("search:results"), {"q": "图书漂流"}).text
        assert "标签" in html and "<mark>图书漂流</mark>站" in html
    finally:
        search_unregister(Tag)


def test_reindex_command(corpus):
    from io import StringIO

    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("search_reindex", stdout=out)
    assert "5" in out.getvalue() and found("远大路") == {"远大路新装路灯"}


def test_a_very_common_word_shows_a_capped_count_and_pages_through_the_newest(client):
    from django.contrib.contenttypes.models import ContentType

    from apps.core.search.query import MAX_RESULTS

    content_type = ContentType.objects.get_for_model(Article)
    now = timezone.now()
    SearchEntry.objects.bulk_create(
        SearchEntry(
            content_type=content_type,
            object_id=n,
            kind="news.article",
            title=f"社区服务简讯 {n}",
            url=f"/news/{n}/",
            date=now - timedelta(hours=n),
            visible_from=now - timedelta(days=1),
            terms=" 社区 服务 简讯 ",
        )
        for n in range(1, MAX_RESULTS + 6)
    )
    html = client.get(reverse("search:results"), {"q": "服务"}).text
    assert "资讯 1000+ 条" in html and "查看全部 1000+ 条资讯结果" in html
    page = client.get(reverse("search:results"), {"q": "服务", "kind": "news.article", "page": 50}).text
    assert "找到 1000+ 条结果" in page and "第 50 / 50 页" in page
    assert "<mark>服务</mark>简讯 1000<" in page  # the thousandth newest comes last


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the ranked queries are PostgreSQL's")
def test_kinds_searched_together_find_rank_and_count_as_each_kind_alone(monkeypatch):
    """`few=True` only changes how PostgreSQL scans: each kind still gets its newest matches up to the cap,
    ranked the same way, with the same total (ties in rank and date, undated and scheduled entries included)."""
    from django.contrib.contenttypes.models import ContentType

    from apps.core.search import ranking

    monkeypatch.setattr(ranking, "RANKED_CANDIDATES", 4)  # reached by one kind (7 matches), not by the other (3)
    content_type = ContentType.objects.get_for_model(Article)
    now = timezone.now()

    def entry(kind: str, n: int, *, date, terms: str, visible_from=None) -> SearchEntry:
        return SearchEntry(
            content_type=content_type, object_id=n, kind=kind, title=f"{kind} {n}", url=f"/{n}/", date=date,
            visible_from=visible_from or now - timedelta(days=1), terms=f" {terms} ",
        )  # fmt: skip

    many = [
        entry("a.many", n, date=None if n % 3 == 0 else now - timedelta(days=n % 2), terms="社区 " * (1 + n % 2))
        for n in range(7)
    ]
    few = [
        entry(
            "b.few",
            10 + n,
            date=None if n == 2 else now - timedelta(days=n),
            terms="社区 服务" if n else "社区 社区 社区",
        )
        for n in range(3)
    ]
    scheduled = entry("b.few", 20, date=now, terms="社区 社区 社区 社区", visible_from=now + timedelta(hours=1))
    SearchEntry.objects.bulk_create([*many, *few, scheduled, entry("b.few", 21, date=now, terms="服务")])

    def best(**kinds) -> list[tuple[str, str, int]]:
        entries = ranking.ranked_best(**kinds, tsquery="社区", now=now, per_kind=2)
        return [(e.kind, e.title, e.total) for e in entries]

    alone = best(keys=["a.many", "b.few"], few=[])
    assert [total for _, _, total in alone] == [4, 4, 3, 3]
    # 社区 three times ranks first; of two equal ranks the dated one comes before the undated one
    assert [title for _, title, _ in alone[2:]] == ["b.few 10", "b.few 11"]
    assert best(keys=[], few=["a.many", "b.few"]) == alone
    assert best(keys=["a.many"], few=["b.few"]) == alone


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_searches_are_planned_for_their_words_even_with_prepared_statements(corpus):
    """A prepared search may get a generic plan that cannot tell 社区 from a rare word (hongling/settings.py turns
    prepared statements on): searches run unprepared, while other queries are still prepared."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    from apps.core.models import SiteSettings
    from apps.core.search.query import search_page

    def prepared(text: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{text}%"])
            return cursor.fetchone()[0]

    connection.ensure_connection()
    psycopg_connection = connection.connection
    factory, threshold = psycopg_connection.cursor_factory, psycopg_connection.prepare_threshold
    psycopg_connection.cursor_factory, psycopg_connection.prepare_threshold = ServerBindingCursor, 0  # prepare all
    try:
        for _ in range(3):
            search_run(search_terms("远大路"))
            search_page(search_terms("远大路"), "news.article", 1)
            list(SiteSettings.objects.filter(pk=1))
        assert prepared("core_sitesettings") >= 1  # the connection does prepare what it runs
        assert prepared("ts_rank") == 0  # the ranked searches (index updates may well be prepared)
    finally:
        psycopg_connection.cursor_factory, psycopg_connection.prepare_threshold = factory, threshold
