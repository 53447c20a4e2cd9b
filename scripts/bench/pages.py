"""The pages `make bench` loads, and how many SQL queries each costs (in-process, Django's test client).

Django must be set up (settings_bench) before this module is imported. The pages point at demo objects
that exist at both sizes (the demo seed and `seed --volume N`), so the query counts compare like with like.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.templatetags.static import static
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.seed import demo_phone
from apps.classes.models import Session
from apps.core.seeding import seed_file
from apps.hubs.models import Report
from apps.news.models import Article

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    logged_in: bool = False
    is_page: bool = True  # False for the baselines (no page cache, no queries to compare)


def bench_pages() -> list[Page]:
    article = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(source__contains="批量").order_by("pk")
    session = (
        Session.objects.filter(starts_at__gt=timezone.now(), capacity__gt=5, members_only=True)
        .exclude(title__contains="批量")
        .order_by("starts_at")
        .first()
    )
    report = Report.objects.public().exclude(title__startswith="批量").order_by("pk").first()
    return [
        Page("static file (site.css)", static("css/site.css"), is_page=False),
        Page("hello view", "/__bench__/hello", is_page=False),
        Page("home", reverse("core:home")),
        Page("news list", reverse("news:list")),
        Page("article", article.first().get_absolute_url()),
        Page("classes", reverse("classes:menu")),
        Page("session", session.get_absolute_url()),
        Page("hubs", reverse("hubs:directory")),
        Page("report", report.get_absolute_url()),
        Page("calendar", reverse("core:calendar")),
        Page("search 社区", reverse("search:results") + "?q=%E7%A4%BE%E5%8C%BA"),
        Page("/me/ (member)", reverse("accounts:me"), logged_in=True),
        Page("session (member)", session.get_absolute_url(), logged_in=True),
    ]


def bench_member():
    """The demo member whose sign-ups grow with `seed --volume N`: the first member of seeds/classes.yaml (陈老师)."""
    return get_user_model().objects.get(phone=demo_phone(seed_file("classes.yaml")["members"][0]))


def query_counts(pages: list[Page], session_key: str) -> dict[str, int | None]:
    """Queries of each page's second request (the first warms what the code caches itself), not counting
    whatever the page cache would save: run this process with the page cache off."""
    counts: dict[str, int | None] = {}
    for page in pages:
        if not page.is_page:
            counts[page.name] = None
            continue
        client = Client(HTTP_HOST=HOST)
        if page.logged_in:
            client.cookies["sessionid"] = session_key
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        if response.status_code != 200:
            raise RuntimeError(f"{page.path} answered {response.status_code}")
        counts[page.name] = len(queries)
    return counts
