"""The posture over the years in Chromium at 1280x720: the chart is drawn inside the page (nothing cut at the
right), its events and years are on the axis, the sentence with the dominated dimensions sits with the index, and
a lever move on the Overview draws the scenario as a branch after the latest year (the charts' pass that follows
the numbers, which AppTest never takes). Screenshots go to $SHOTS (default /tmp/posture_timeline_shots).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from tests.browser import CHROMIUM, running_app  # noqa: E402
from tests.test_browser import Watch, wait_ready  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]
expect.set_options(timeout=30_000)  # two cores shared by the server, Chromium and other sessions
SHOTS = Path(os.environ.get("SHOTS", "/tmp/posture_timeline_shots"))
ROOM = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def app_url(browser):
    with running_app() as url:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=180_000)
        page.close()
        yield url


def chart(page):
    """The plotly chart of the years: the one whose axis has the 'Russia invades Ukraine' mark."""
    return page.locator(".js-plotly-plot", has_text="Russia invades Ukraine")


def open_page(browser, url, path):
    context = browser.new_context(viewport=ROOM)
    context.set_default_timeout(60_000)
    page = context.new_page()
    watch = Watch(page, url)
    page.goto(f"{url}/{path}")
    wait_ready(page)
    expect(chart(page)).to_be_visible(timeout=60_000)
    return page, watch


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("path", ["", "balance"])
def test_the_years_chart_is_drawn_whole_with_its_events(app_url, browser, path):
    page, watch = open_page(browser, app_url, path)
    c = chart(page)
    c.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    box = c.bounding_box()
    assert box["width"] > 500 and box["x"] >= 0 and box["x"] + box["width"] <= ROOM["width"] + 1, box
    ticks = [t.text_content() for t in c.locator(".xtick text").all()]  # SVG text: no inner_text
    assert ticks[0] == "2014" and "2022" in ticks and ticks[-1] == "today", ticks
    for label in ("EAEU treaty", "Russia invades Ukraine", "No BRICS bid", "Rosatom chosen"):
        note = c.locator(".annotation-text", has_text=label)
        expect(note).to_have_count(1)
        nb = note.bounding_box()
        assert nb["x"] >= box["x"] - 1 and nb["x"] + nb["width"] <= box["x"] + box["width"] + 1, (label, nb, box)
    # one line for the index, seven for the exposures, each with points
    assert c.locator(".scatterlayer .trace").count() >= 8
    main = page.locator("[data-testid=stMain]")
    expect(main).to_contain_text("One vector holds more than half of")
    shot(page, f"timeline_{path or 'overview'}_1280")
    watch.assert_clean()
    page.context.close()


def test_a_lever_move_draws_the_scenario_branch(app_url, browser):
    page, watch = open_page(browser, app_url, "")
    page.locator("[data-testid=stSlider]", has_text="Crude rerouted").get_by_role("slider").focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    c = chart(page)
    # the charts' pass follows the numbers: the last tick becomes the scenario, with a dashed branch to it
    expect(c.locator(".xtick text").last).to_have_text("scenario", timeout=30_000)
    expect(c.locator(".scatterlayer .trace path.js-line[style*='dasharray']").first).to_be_attached()
    c.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    shot(page, "timeline_overview_scenario_1280")
    watch.assert_clean()
    page.context.close()
