"""The default briefing story played in a real browser with a clicker's keys, and the presenter's second window.

Each step must land on its page, with its scenario's numbers (computed here from the model, not read back from
the page), scrolled to its section (outlined, data-story-focus); a focused slider keeps its arrows; the presenter
view (another browser session) follows the audience window. Screenshots go to $SHOTS (/tmp/posture_story_shots).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from posture.scenario import Levers  # noqa: E402
from posture.story import default_story, preset_levers  # noqa: E402
from tests.browser import CHROMIUM, running_app  # noqa: E402
from tests.test_browser import Watch, wait_ready  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]
expect.set_options(timeout=60_000)  # two cores shared by the server, Chromium and other sessions
SHOTS = Path(os.environ.get("SHOTS", "/tmp/posture_story_shots"))
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


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def bar(page):
    return page.locator(".st-key-story_bar")


def metric(page, label: str):
    return page.locator("[data-testid=stMain] [data-testid=stMetric]", has_text=label).first.locator(
        "[data-testid=stMetricValue]")


def expected(model, step) -> dict[str, str]:
    """The numbers the step's page must show for its scenario (the model's, on the default inputs)."""
    if step.levers is not None:
        levers = step.levers
    elif step.scenario is not None:
        levers = preset_levers(step, model.presets)
        assert levers is not None, f"the default story's scenario {step.scenario!r} is a preset"
    else:
        levers = Levers(oil_price=model.params.get("oil_price_default", 70.0))
    _, scen = model.run(levers, model.default_inputs)
    via = f"{scen.share_via_russia['all_russian_transit']:.1f}%"
    if step.page in ("overview", "scenarios"):
        return {"Balance index": f"{scen.balance.index:.1f}", "Via Russia": via, "Stranded": f"{scen.stranded_mt:.1f} Mt"}
    if step.page == "map":
        return {"Via Russia": via}
    return {}


def check_landed(page, model, steps, k: int) -> None:
    """Step k (1-based) is on screen: the bar says so, the page is the step's, its numbers, its section outlined."""
    step = steps[k - 1]
    expect(bar(page)).to_contain_text(f"Step {k} of {len(steps)}")
    expect(bar(page)).to_be_in_viewport()  # sticky: still in view when the page scrolled to the section
    expect(page).to_have_url(re.compile(rf"/{step.page}(\?|$)") if step.page != "overview"
                             else re.compile(r"/(overview)?(\?|$)"))
    for label, value in expected(model, step).items():
        expect(metric(page, label)).to_have_text(value)
    if step.section:
        focus = page.locator(f"[data-story-focus='{step.section}']")
        expect(focus).to_have_count(1)
        expect(focus).to_be_in_viewport()
    wait_ready(page)
    shot(page, f"step_{k}_{step.page}")


def test_the_default_story_steps_with_the_clicker_and_the_presenter_follows(app_url, browser, model):
    name, steps = default_story()
    assert len(steps) >= 6
    ctx = browser.new_context(viewport=ROOM)
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    watch = Watch(page, app_url)
    page.goto(f"{app_url}/story")
    wait_ready(page)
    page.get_by_role("button", name="Play from step 1").click()
    check_landed(page, model, steps, 1)

    # the presenter's window: another browser session, following through the server
    href = bar(page).get_by_role("link", name="Presenter").get_attribute("href")
    assert href and "room=" in href
    presenter_ctx = browser.new_context(viewport=ROOM)
    presenter_ctx.set_default_timeout(60_000)
    presenter = presenter_ctx.new_page()
    presenter.goto(f"{app_url}/{href.lstrip('/')}")
    current = presenter.locator(".st-key-presenter_current")
    expect(current).to_contain_text(steps[0].title)
    expect(current).to_contain_text(steps[0].notes[:60])
    expect(presenter.locator(".st-key-presenter_next")).to_contain_text(steps[1].title)
    expect(presenter.locator("[data-testid=stMetric]", has_text="Elapsed")).to_be_visible()

    # forward with the keys a clicker sends, then back
    keys = ["ArrowRight", "ArrowRight", "PageDown", "PageDown", "ArrowRight"]
    for k, key in enumerate(keys[:len(steps) - 1], start=2):
        page.keyboard.press(key)
        check_landed(page, model, steps, k)
        expect(current).to_contain_text(steps[k - 1].title)  # the presenter view follows
    n = len(steps)
    expect(presenter.locator(".st-key-presenter_next")).to_contain_text("The end of the story")
    page.keyboard.press("ArrowLeft")
    check_landed(page, model, steps, n - 1)
    page.keyboard.press("PageUp")
    check_landed(page, model, steps, n - 2)
    expect(current).to_contain_text(steps[n - 3].title)
    shot(presenter, "presenter")

    # a focused slider keeps its arrows: the story stays on its step, the lever moves
    scen_k = next(k for k in range(n - 2, 0, -1) if steps[k - 1].page == "scenarios")
    while f"Step {scen_k} of" not in bar(page).inner_text():
        page.keyboard.press("ArrowLeft")
        expect(bar(page)).to_contain_text(re.compile(r"Step \d+ of"))
        wait_ready(page)
    check_landed(page, model, steps, scen_k)
    slider = page.locator("[data-testid=stSlider]", has_text="Crude rerouted from CPC to the Middle Corridor").get_by_role("slider")
    before = slider.get_attribute("aria-valuenow")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(slider).not_to_have_attribute("aria-valuenow", before)
    wait_ready(page)
    expect(bar(page)).to_contain_text(f"Step {scen_k} of {n}")

    # stop: the bar goes, the page and its scenario stay
    slider.evaluate("e => e.blur()")
    bar(page).get_by_role("button", name="Stop").click()
    expect(bar(page)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/scenarios"))
    page.keyboard.press("ArrowRight")  # no story playing: the key does nothing
    wait_ready(page)
    expect(page).to_have_url(re.compile(r"/scenarios"))
    expect(presenter.locator("[data-testid=stAlert]")).to_contain_text("No story is playing")
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign
    ctx.close()
    presenter_ctx.close()
