"""长辈模式 an 80-year-old can use, and a standard mode that meets WCAG 2.2's target size: every interactive
element of the main pages measured at 390 px in both modes, on the demo content (long titles, posters)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.classes.models import Session
from apps.culture.models import CultureEvent
from apps.hubs.models import Report
from apps.news.models import Article
from tests.classes.factories import member_create
from tests.e2e.conftest import roles_restore
from tests.e2e.test_member_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORT_HEIGHT = 844
# Stand-alone interactive elements; links inside an article's sentences are exempt (WCAG 2.5.8's inline case).
MEASURE = """(limit) => {
  const bad = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest('.visually-hidden, .skip-link, .article-body')) continue;
    if (r.width < limit || r.height < limit) {
      const name = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 20);
      bad.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return bad;
}"""
SMALL_TEXT = """() => {
  const bad = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    if (!el.getBoundingClientRect().width || el.closest('.visually-hidden')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) bad.add(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 12)}" ${size}px`);
  }
  return [...bad];
}"""
# A date, a time or a phone number may wrap only at its own spaces ("2026年12月6日 星期日 19:30"), never
# inside a part ("10月30 / 日"): count its line boxes against its parts.
BROKEN = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('time, a[href^="tel:"]')) {
    const lines = new Set([...el.getClientRects()].map(r => Math.round(r.top))).size;
    const parts = el.textContent.trim().split(/\\s+/).length;
    if (lines > (el.tagName === 'TIME' ? parts : 1)) bad.push(el.textContent.trim());
  }
  return bad;
}"""


@pytest.fixture
def demo(report_history_flushable):
    roles_restore()
    call_command("seed", "--demo-users", verbosity=0)
    member_create(phone="+8613755550001", real_name="周建国")
    now = timezone.now()
    return {
        "session": Session.objects.filter(starts_at__gt=now, members_only=True).order_by("starts_at").first(),
        "event": CultureEvent.objects.filter(starts_at__gt=now).order_by("starts_at").first(),
        "report": Report.objects.public().order_by("-pk").first(),
        "article": Article.objects.published().order_by("-published_at").first(),
    }


def pages_of(demo) -> list[str]:
    return ["/", "/news/", demo["article"].get_absolute_url(), "/classes/", demo["session"].get_absolute_url(),
            demo["event"].get_absolute_url(), "/reports/", demo["report"].get_absolute_url(),
            "/reports/new/", "/hubs/", "/calendar/", "/calendar/?view=list", "/accounts/login/"]  # fmt: skip


def test_phone_width_in_both_modes(page, demo):
    """One test, one seed (it draws the demo pictures): both modes, then 长辈模式's first screen and cards."""
    log_in(page, "13755550001")  # the booking box shows 报名, the header 我的 and 退出
    targets_text_and_dates(page, demo, elder=False)
    page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": page.base}])
    targets_text_and_dates(page, demo, elder=True)
    header_and_main_action(page, demo)
    cards(page)


def targets_text_and_dates(page, demo, *, elder: bool):
    limit = 44 if elder else 24
    problems = {}
    for path in pages_of(demo):
        assert page.goto(page.base + path).status == 200, path
        found = [f"target {t}" for t in page.evaluate(MEASURE, limit)]
        found += [f"broken {t}" for t in page.evaluate(BROKEN)]
        if not elder:
            found += [f"small {t}" for t in page.evaluate(SMALL_TEXT)]
        if found:
            problems[path] = found
    assert problems == {}, "elder" if elder else "standard"


def header_and_main_action(page, demo):
    main_actions = {
        demo["session"].get_absolute_url(): "报名",
        demo["event"].get_absolute_url(): "报名",
        demo["report"].get_absolute_url(): "我要反映",
        "/reports/": "我要反映",
    }
    for path, name in main_actions.items():
        page.goto(page.base + path)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 0.2 * VIEWPORT_HEIGHT, (path, header["height"])
        action = (
            page.locator("main")
            .get_by_role("link", name=name, exact=True)
            .or_(page.locator("main").get_by_role("button", name=name, exact=True))
            .first
        )
        box = action.bounding_box()
        assert box["y"] + box["height"] <= VIEWPORT_HEIGHT, (path, box)
        # The way back to the standard mode is a real target too.
        toggle = page.locator(".mode-toggle").bounding_box()
        assert toggle["height"] >= 44 and toggle["width"] >= 44


def cards(page):
    """Cards stack (picture above text); a link wrapping a whole card does not underline its paragraphs."""
    for path in ("/", "/news/"):
        page.goto(page.base + path)
        cards = page.locator(".news-card.has-cover, .news-feature")
        assert cards.count() >= 1, path
        for i in range(cards.count()):
            card = cards.nth(i)
            picture, title = card.locator("img").first.bounding_box(), card.locator("h2, h3").first.bounding_box()
            assert picture["y"] + picture["height"] <= title["y"] + 1, path  # picture above the text, not beside
    for path in ("/", "/reports/", "/hubs/"):
        page.goto(page.base + path)
        # A link wrapping a whole card underlines every line under it; only its title may be underlined.
        underlined = page.evaluate(
            """() => [...document.querySelectorAll('main a')].filter(a => a.querySelector('p')
                 && getComputedStyle(a).textDecorationLine.includes('underline')).map(a => a.className)"""
        )
        assert underlined == [], path
