import pytest

from tests.e2e.conftest import csp_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]


def computed(page, selector: str, prop: str) -> float:
    return page.evaluate(f"() => parseFloat(getComputedStyle(document.querySelector('{selector}')).{prop})")


def test_home_loads_without_console_errors_or_csp_violations(page):
    response = page.goto(page.base + "/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "红岭+"
    assert page.get_by_role("heading", name="红岭课堂").is_visible()
    assert page.console_errors == []
    assert csp_violations(page) == []
    # The one script of the site (a file from 'self', no nonce needed) ran under the strict policy.
    assert page.evaluate("() => document.scripts.length") >= 1


def test_elder_mode_switches_on_persists_and_switches_off(page):
    page.goto(page.base + "/")
    standard_size = computed(page, "body", "fontSize")

    page.get_by_role("link", name="长辈模式").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.className") == "elder"
    size = computed(page, "body", "fontSize")
    assert size >= 20 > standard_size
    assert computed(page, "body", "lineHeight") / size >= 1.5
    toggle_height = page.locator(".mode-toggle").bounding_box()["height"]
    assert toggle_height >= 44

    page.goto(page.base + "/privacy/")  # persists across pages and visits
    assert page.evaluate("() => document.documentElement.className") == "elder"

    page.get_by_role("link", name="标准模式").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.className") == ""
    assert page.console_errors == []
    assert csp_violations(page) == []
