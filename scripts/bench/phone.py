"""The home page as a phone gets it (issue target: ≤ 100 KB transferred, ≤ 15 requests before scrolling).

Debian's chromium (through Playwright, no browser download) opens the page at 390 × 844 against the
production-like gunicorn, waits until the network is idle without scrolling (pictures below the fold are
lazy and stay unloaded), and adds up what went over the wire: every response's headers and its body as
sent (compressed where the server compressed it).
"""

import shutil

PHONE = {"width": 390, "height": 844}
MAX_REQUESTS = 15
MAX_KB = 100


def phone_weight(url: str) -> tuple[int, float] | None:
    """(requests, KB transferred) for `url` at phone size; None when chromium is not installed."""
    chromium = shutil.which("chromium")
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=3, is_mobile=True)
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))  # playwright cannot wrap a builtin
        page.goto(url, wait_until="networkidle")
        total = 0
        for request in finished:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        browser.close()
    return len(finished), total / 1024


def phone_print(weight: tuple[int, float] | None, url: str) -> None:
    print()
    if weight is None:
        print("home on a phone: not measured (Debian's chromium is not installed)")
        return
    requests, kb = weight
    verdict = "OK" if requests <= MAX_REQUESTS and kb <= MAX_KB else "over target"
    print(f"home on a phone (390 px, before scrolling): {requests} requests, {kb:.1f} KB transferred "
          f"(target ≤ {MAX_REQUESTS}, ≤ {MAX_KB} KB): {verdict}  [{url}]")  # fmt: skip
