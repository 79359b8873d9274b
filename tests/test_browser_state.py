"""A briefer's first hour, in the browser: the flows that only a real lever move (a fragment pass) shows.

Link -> download the scenario file -> open it in a fresh browser -> the same numbers; the sidebar and the preset
picker after moves, presets and links; one scenario on the Overview; a scenario file that cannot be used.
Screenshots of each flow go to $SHOTS (default /tmp/posture_state_shots) for a person to look at.
"""
from __future__ import annotations

import json
import os
import re
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
SHOTS = Path(os.environ.get("SHOTS", "/tmp/posture_state_shots"))
FULL_HD = {"width": 1920, "height": 1080}
ROOM = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def app_url(browser):
    """A server whose first load (data validated, caches filled, out of legacy multipage mode) is done."""
    with running_app() as url:
        page = browser.new_page()
        page.goto(f"{url}/scenarios")
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=180_000)
        page.close()
        yield url


def fresh(browser, base, viewport=FULL_HD):
    """A fresh browser session (its own context: no cookies, no session), watched for errors."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    context.set_default_timeout(60_000)  # two cores shared with the server and other sessions
    page = context.new_page()
    return page, Watch(page, base)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def metrics(page) -> dict[str, str]:
    out = {}
    for m in page.locator("[data-testid=stMain] [data-testid=stMetric]").all():
        out[m.locator("[data-testid=stMetricLabel]").inner_text().strip()] = (
            m.locator("[data-testid=stMetricValue]").inner_text().strip())
    return out


def metric(page, label: str):
    return page.locator("[data-testid=stMain] [data-testid=stMetric]", has_text=label).locator(
        "[data-testid=stMetricValue]")


def sidebar(page):
    return page.locator("[data-testid=stSidebar]")


def press(page, slider_text: str, key: str = "ArrowRight", times: int = 1, tries: int = 5) -> None:
    """Move a lever with the keyboard, as a briefer does: each key press is one lever move (a fragment pass).

    Each press must move the slider's value by one step before the next: under load (four sessions on two
    cores) a press sent while the page was busy was lost, and the test then waited for a value never asked for.
    A press the slider did not take is pressed again (the value is read, not the number of presses counted)."""
    slider = page.locator("[data-testid=stSlider]", has_text=slider_text).get_by_role("slider")
    for _ in range(times):
        before = slider.get_attribute("aria-valuenow")
        for _ in range(tries):
            slider.focus()
            page.keyboard.press(key)
            try:
                expect(slider).not_to_have_attribute("aria-valuenow", before, timeout=10_000)
                break
            except AssertionError:
                continue
        else:
            raise AssertionError(f"{slider_text!r}: {key} did not move the slider from {before} in {tries} presses")


def settle(page) -> None:
    wait_ready(page)
    expect(page.locator("[data-testid=stMain] [data-testid=stMetric]").first).to_be_visible()
    page.wait_for_timeout(800)  # the charts' pass and the address follow the numbers


def click_when_still(locator, tries: int = 40) -> None:
    """Click once the element has stopped moving: the charts above it draw after the numbers and push it down."""
    expect(locator).to_be_visible()
    last = None
    for _ in range(tries):
        box = locator.bounding_box()
        if box is not None and box == last:
            break
        last = box
        locator.page.wait_for_timeout(400)
    locator.click()


def open_keep(page) -> None:
    click_when_still(page.locator("[data-testid=stExpander] summary", has_text="Keep and share"))
    expect(page.get_by_role("button", name="Scenario file (JSON)")).to_be_visible(timeout=30_000)


def download_scenario(page) -> dict:
    with page.expect_download(timeout=30_000) as dl:
        click_when_still(page.get_by_role("button", name="Scenario file (JSON)"))
    return json.loads(Path(dl.value.path()).read_text())


def open_file(page, path: Path) -> None:
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(path))


def test_link_download_open_in_a_fresh_browser_gives_the_same_numbers(app_url, browser, tmp_path):
    page, watch = fresh(browser, app_url)
    page.goto(f"{app_url}/scenarios?lv_reroute_mt=3&lv_growth_eu_pct=20")
    settle(page)
    open_keep(page)
    doc = download_scenario(page)
    # was: the baseline whatever the levers (reroute_mt 0.0)
    assert doc["reroute_mt"] == 3.0 and doc["growth_eu_pct"] == 20.0
    press(page, "Western security cooperation", times=4)  # four fragment passes
    expect(sidebar(page)).to_contain_text("Western security cooperation: 4 points", timeout=15_000)
    settle(page)
    doc = download_scenario(page)
    assert doc["western_security_pts"] == 4.0 and doc["reroute_mt"] == 3.0 and doc["growth_eu_pct"] == 20.0
    on_screen = metrics(page)
    f = tmp_path / "briefing.json"
    f.write_text(json.dumps(doc))
    watch.assert_clean()

    other, other_watch = fresh(browser, app_url)
    other.goto(f"{app_url}/scenarios")
    settle(other)
    assert metrics(other) != on_screen
    open_keep(other)
    open_file(other, f)
    # was: "This app has encountered an error" (StreamlitWidgetAlreadyInstantiatedError)
    expect(other.locator("[data-testid=stAlert]", has_text="Opened:")).to_be_visible(timeout=30_000)
    settle(other)
    assert other.locator("[data-testid=stException]").count() == 0
    assert metrics(other) == on_screen
    expect(sidebar(other)).to_contain_text("Custom (3 levers moved)")
    expect(other.locator("[data-testid=stSlider]", has_text="Crude rerouted")).to_contain_text("3.0")
    shot(other, "scenario_file_opened_1920")
    other_watch.assert_clean()
    page.context.close()
    other.context.close()


@pytest.mark.parametrize("content, says", [
    ('{"reroute_MT": 3}', "is not a lever (did you mean 'reroute_mt'?)"),
    ('{"reroute_mt": NaN}', "NaN or infinite"),
    ('{"cultural_pts": 999}', "outside the lever's range"),
    ("not json at all", "is not valid JSON"),
])
def test_a_scenario_file_that_cannot_be_used_says_why(app_url, browser, tmp_path, content, says):
    page, watch = fresh(browser, app_url)
    page.goto(f"{app_url}/scenarios?lv_growth_china_pct=10")
    settle(page)
    before = metrics(page)
    open_keep(page)
    f = tmp_path / "bad.json"
    f.write_text(content)
    open_file(page, f)
    expect(page.locator("[data-testid=stAlert]", has_text="not opened")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid=stText]", has_text=says)).to_be_visible()
    assert page.locator("[data-testid=stException]").count() == 0
    assert metrics(page) == before
    if "reroute_MT" in content:
        shot(page, "scenario_file_refused_1920")
    watch.assert_clean()
    page.context.close()


@pytest.mark.parametrize("path, slider_text, line, viewport, name", [
    ("scenarios", "Trade growth with the EU", "Trade growth with the EU: 10 %", FULL_HD, "sidebar_scenarios_1920"),
    ("scenarios", "Crude rerouted", "Crude rerouted from CPC to the Middle Corridor: 0.2 Mt/yr", ROOM,
     "sidebar_scenarios_1280"),
    ("balance", "Western security cooperation", "Western security cooperation: 2 points", FULL_HD,
     "sidebar_balance_1920"),
    ("", "Crude rerouted", "Crude rerouted from CPC to the Middle Corridor: 0.2 Mt/yr", ROOM, "sidebar_overview_1280"),
])
def test_the_sidebar_follows_each_move(app_url, browser, path, slider_text, line, viewport, name):
    page, watch = fresh(browser, app_url, viewport)
    page.goto(f"{app_url}/{path}")
    settle(page)
    expect(sidebar(page)).to_contain_text("Baseline (no lever moved)")
    if path == "balance":
        click_when_still(page.locator("[data-testid=stExpander] summary", has_text="Alignment levers"))
    press(page, slider_text, times=2)
    # was: "Baseline (no lever moved) ... Every chart shows the baseline" until the next full rerun
    expect(sidebar(page)).to_contain_text(line, timeout=15_000)
    expect(sidebar(page)).to_contain_text("Custom (1 lever moved)")
    expect(sidebar(page)).not_to_contain_text("Every chart shows the baseline")
    settle(page)
    shot(page, name)
    press(page, slider_text, key="ArrowLeft", times=2)  # back to the baseline by hand
    expect(sidebar(page)).to_contain_text("Baseline (no lever moved)", timeout=15_000)
    expect(sidebar(page)).to_contain_text("Every chart shows the baseline")
    assert page.locator("[data-testid=stException]").count() == 0
    watch.assert_clean()
    page.context.close()


def picker(page):
    return page.locator("[data-testid=stSelectbox]", has_text="Start from a preset")


def picker_says(page, pattern: str):
    """The picker's text (its placeholder: the picker is an action and holds no value of its own)."""
    return expect(picker(page).locator("input")).to_have_attribute("placeholder", re.compile(pattern))


def picker_does_not_say(page, pattern: str):
    return expect(picker(page).locator("input")).not_to_have_attribute("placeholder", re.compile(pattern))


def test_the_picker_and_the_sidebar_say_what_the_levers_are(app_url, browser):
    page, watch = fresh(browser, app_url)
    page.goto(f"{app_url}/scenarios")
    settle(page)
    picker_says(page, r"^Baseline \(no lever moved\) · choose")
    picker(page).click()
    page.get_by_role("option", name="Assessment: Threats from isolation").click()
    expect(sidebar(page)).to_contain_text("Threats from isolation", timeout=30_000)
    picker_says(page, "^Threats from isolation · choose")
    settle(page)
    shared = page.url
    press(page, "Trade growth with China", times=3)  # further moves leave the preset: the picker used to keep its name
    picker_says(page, r"^Custom \(")
    picker_does_not_say(page, "Threats from isolation")
    expect(sidebar(page)).not_to_contain_text("Threats from isolation")
    expect(sidebar(page)).not_to_contain_text("Baseline (no lever moved)")  # a stale picker value never resets
    settle(page)
    shot(page, "picker_after_a_move_1920")
    watch.assert_clean()
    # the preset's link in a fresh browser: the picker names the preset (was: "Choose...")
    other, other_watch = fresh(browser, app_url)
    other.goto(shared)
    settle(other)
    picker_says(other, "^Threats from isolation · choose")
    expect(sidebar(other)).to_contain_text("Threats from isolation")
    other_watch.assert_clean()
    page.context.close()
    other.context.close()


def test_the_overview_shows_one_scenario(app_url, browser):
    page, watch = fresh(browser, app_url)
    page.goto(f"{app_url}/?lv_reroute_mt=3&lv_growth_eu_pct=20")
    settle(page)
    expect(metric(page, "Via Russia")).to_have_text("92.5%")
    # the dependencies chart by its key (the timeline names the series too), not a copy Streamlit retains while stale
    chart = page.locator(".st-key-fig_ov_deps:not([data-retained=true])")
    # was: the chart below the strip still said the baseline's 96%
    expect(chart).to_contain_text("93%")
    expect(chart).not_to_contain_text("96%")
    press(page, "Crude rerouted", times=10)  # +1 Mt: the strip first, the chart on the second pass
    expect(metric(page, "Via Russia")).to_have_text("91.2%", timeout=15_000)
    expect(chart).to_contain_text("91%", timeout=15_000)
    settle(page)
    shot(page, "overview_under_a_scenario_1920")
    page.set_viewport_size(ROOM)
    page.wait_for_timeout(800)
    shot(page, "overview_under_a_scenario_1280")
    watch.assert_clean()
    page.locator("[data-testid=stSidebarNavLink]", has_text="Routes map").click()  # same session
    settle(page)
    expect(page.locator("[data-testid=stMetric]", has_text="Via Russia, ")).to_contain_text("91.2%")
    page.context.close()


def test_four_briefers_at_once_keep_their_own_sidebars(app_url, browser):
    """The earlier keyed sidebar fragment lost its key under four concurrent sessions ("No fragment found")."""
    pages = []
    for i in range(4):
        p, w = fresh(browser, app_url, ROOM)
        p.goto(f"{app_url}/scenarios")
        pages.append((p, w))
    for p, _ in pages:
        settle(p)
    for _ in range(3):
        for p, _ in pages:
            press(p, "Trade growth with China")
    for i, (p, w) in enumerate(pages):
        expect(sidebar(p)).to_contain_text("Trade growth with China: 15 %", timeout=30_000)
        assert p.locator("[data-testid=stException]").count() == 0, i
        w.assert_clean()
        p.context.close()
