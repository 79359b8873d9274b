"""A briefer's first hour at a shared 1280x720 screen: the addresses people type, and the sidebar's scenario box.

* ``/overview?lv_reroute_mt=3`` (the Overview's own name; Streamlit serves the default page at ``/`` only) gave
  "Page not found" and dropped the page; it, and each page's title as a slug (``/routes-map``), land on the page
  with the link's levers.
* The scenario box sat below the page navigation and the app's name, half off a 1280x720 screen: under any one
  lever moved, and under a preset of nine, its text is inside the window without scrolling the sidebar.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from components import state  # noqa: E402
from tests.browser import CHROMIUM  # noqa: E402
from tests.test_browser_layout import ISOLATION  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]
expect.set_options(timeout=60_000)  # two cores shared by the server, Chromium and other sessions


def ready(page) -> None:
    page.wait_for_selector("[data-testid=stMain] h1", timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=90_000)
    page.wait_for_timeout(1000)


@pytest.mark.parametrize("path, title", [("overview", "Kazakhstan's multi-vector posture"),
                                         ("routes-map", "Routes map"), ("balance_indicator", "Balance indicator")])
def test_a_guessed_address_lands_on_its_page_with_the_levers(app_url, browser, path, title):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/scenarios")  # the app open already, then the link (a first session did not show it)
    ready(page)
    page.goto(f"{app_url}/{path}?lv_reroute_mt=3&lv_growth_eu_pct=20")
    ready(page)
    expect(page.locator("[data-testid=stSidebar]")).to_contain_text("Scenario:")
    expect(page.locator("[data-testid=stMain] h1").first).to_have_text(title)
    # was: "Page not found ... Running the app's main page." and the Overview
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("[role=dialog]").count() == 0
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar).to_contain_text("Custom (2 levers moved)")
    assert "lv_reroute_mt=3" in page.url and "lv_growth_eu_pct=20" in page.url
    assert page.locator("[data-testid=stException]").count() == 0
    page.close()


# The box's texts (name, lever lines, the fold, the reset button) and where they sit, in the window's pixels.
BOX_JS = """() => {
  const box = document.querySelector('[data-testid=stSidebar] .st-key-sidebar_scenario_box');
  const scroller = document.querySelector('[data-testid=stSidebarContent]');
  const texts = [...box.querySelectorAll('p, summary, button')].filter(e => e.getBoundingClientRect().height && e.innerText.trim())
    .map(e => { const r = e.getBoundingClientRect(); return {text: e.innerText.slice(0, 60), top: r.top, bottom: r.bottom,
                                                               left: r.left, right: r.right}; });
  return {texts, scrolled: scroller ? scroller.scrollTop : 0, height: window.innerHeight, width: window.innerWidth};
}"""

ONE_LEVER = [f"?{key}={'FRA' if name == 'nuclear_vendor' else '1000'}" for name, key in state.LEVER_KEYS.items()
             if name != "oil_price"]  # the oil price alone moves no lever line (it prices stranded crude)


def test_the_scenario_box_is_on_a_1280x720_screen(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    off = {}
    for query in ["", *ONE_LEVER, "?lv_reroute_mt=3&lv_growth_eu_pct=20", ISOLATION]:
        page.goto(f"{app_url}/scenarios{query}")
        ready(page)
        expect(page.locator(".st-key-sidebar_scenario_box")).to_contain_text("Scenario:")
        seen = page.evaluate(BOX_JS)
        assert seen["scrolled"] == 0
        assert any(t["text"].startswith("Scenario:") for t in seen["texts"]), seen
        cut = [t for t in seen["texts"] if t["top"] < 0 or t["bottom"] > seen["height"] or t["right"] > seen["width"]]
        if cut:
            off[query] = cut
    page.close()
    # was: the box started at y=604 of 720, under the app's name (the preset of nine levers ran to y=1178)
    assert not off, off
