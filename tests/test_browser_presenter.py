"""The presenter's window drives the story, in a real browser: two browser contexts (two sessions) on one server.

The audience window plays the default story; the presenter's window is opened from the story bar's "Presenter"
link; Next twice there, and the audience window lands on step 3 (its page, its title, its scenario's numbers);
a clicker key there moves it on again. The time from a presenter's click to the audience window showing the
step is measured and printed (``pytest -s``). The audience window polls only while the story plays: idle, with no
story, it sends the server nothing; after Stop, nothing again. Screenshots go to $SHOTS
(/tmp/posture_presenter_shots).
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from posture.story import default_story  # noqa: E402
from tests.browser import CHROMIUM, running_app  # noqa: E402
from tests.test_browser import Watch, wait_ready  # noqa: E402
from tests.test_browser_story import expected, metric  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]
expect.set_options(timeout=60_000)  # two cores shared by the server, Chromium and other sessions
SHOTS = Path(os.environ.get("SHOTS", "/tmp/posture_presenter_shots"))
ROOM = {"width": 1280, "height": 720}
# the bar's text once the step is on screen, checked every 50 ms in the page (expect's own polling backs off to 1 s)
_BAR_SAYS = """([k, title]) => {
  const bar = document.querySelector('.st-key-story_bar');
  return !!bar && !bar.closest('[data-stale="true"]') && bar.innerText.includes(k) && bar.innerText.includes(title);
}"""

# ... and the step's scenario's numbers, each metric by its label (not a stale one of the page before)
_NUMBERS_SAY = """(pairs) => pairs.every(([label, value]) =>
  [...document.querySelectorAll('[data-testid=stMain] [data-testid=stMetric]')].some((m) =>
    !m.closest('[data-stale="true"]') && m.innerText.includes(label) &&
    (m.querySelector('[data-testid=stMetricValue]') || {}).innerText === value))"""


@pytest.fixture(scope="module")
def app_url(browser):
    """A server whose first load (data validated, caches filled) is done."""
    with running_app() as url:
        page = browser.new_page()
        page.goto(f"{url}/scenarios")
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=180_000)
        page.close()
        yield url


class Sent:
    """The messages a page sends its server over Streamlit's WebSocket (a rerun, a widget's value), with times."""

    def __init__(self, page):
        self.times: list[float] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda _payload: self.times.append(time.monotonic())))

    def during(self, page, seconds: float) -> int:
        t0 = time.monotonic()
        page.wait_for_timeout(seconds * 1000)
        return sum(1 for t in self.times if t >= t0)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def landed_after(page, clicked: float, k: int, n: int, title: str) -> float:
    """Seconds from ``clicked`` (time.monotonic) until the audience's bar shows step k with its title."""
    page.wait_for_function(_BAR_SAYS, arg=[f"Step {k} of {n}", title], polling=50, timeout=60_000)
    return time.monotonic() - clicked


def numbers_after(page, clicked: float, numbers: dict[str, str]) -> float:
    """Seconds from ``clicked`` until the page shows ``numbers`` (label -> value)."""
    page.wait_for_function(_NUMBERS_SAY, arg=[list(kv) for kv in numbers.items()], polling=50, timeout=60_000)
    return time.monotonic() - clicked


def test_the_presenters_next_moves_the_audience_window(app_url, browser, model):
    _, steps = default_story()
    n = len(steps)
    ctx = browser.new_context(viewport=ROOM)
    ctx.set_default_timeout(60_000)
    audience = ctx.new_page()
    watch = Watch(audience, app_url)
    sent = Sent(audience)
    audience.goto(f"{app_url}/story")
    wait_ready(audience)
    # no story playing: no timer, the window sends nothing while nobody touches it
    assert sent.during(audience, 3) == 0
    audience.get_by_role("button", name="Play from step 1").click()
    bar = audience.locator(".st-key-story_bar")
    expect(bar).to_contain_text(f"Step 1 of {n}")
    wait_ready(audience)

    href = bar.get_by_role("link", name="Presenter").get_attribute("href")
    assert href and "room=" in href
    pctx = browser.new_context(viewport=ROOM)
    pctx.set_default_timeout(60_000)
    presenter = pctx.new_page()
    pwatch = Watch(presenter, app_url)
    presenter.goto(f"{app_url}/{href.lstrip('/')}")
    current = presenter.locator(".st-key-presenter_current")
    expect(current).to_contain_text(steps[0].title)
    drive = presenter.locator(".st-key-presenter_drive")
    nxt = drive.get_by_role("button", name="Next")
    expect(drive.get_by_role("button", name="Back")).to_be_disabled()

    # Next twice at the presenter's laptop: the audience window lands on step 3
    nxt.click()
    expect(drive).to_contain_text("Moving the audience window to step 2")  # said at once, before the audience moved
    clicked = time.monotonic()
    nxt.click()
    first = landed_after(audience, clicked, 3, n, steps[2].title)
    expect(audience).to_have_url(re.compile(rf"/{steps[2].page}(\?|$)"))
    for label, value in expected(model, steps[2]).items():
        expect(metric(audience, label)).to_have_text(value)
    expect(current).to_contain_text(steps[2].title)
    followed = time.monotonic() - clicked
    wait_ready(audience)
    shot(audience, "audience_step_3")

    # one press of a clicker's key at the presenter's window, with both windows settled: the time to follow
    times, drawn = [], []
    for k, key in ((4, "ArrowRight"), (5, "PageDown"), (4, "ArrowLeft")):
        presenter.evaluate("() => document.activeElement && document.activeElement.blur()")
        clicked = time.monotonic()
        presenter.keyboard.press(key)
        times.append(landed_after(audience, clicked, k, n, steps[k - 1].title))
        drawn.append(numbers_after(audience, clicked, expected(model, steps[k - 1])))
        expect(audience).to_have_url(re.compile(rf"/{steps[k - 1].page}(\?|$)"))
        expect(current).to_contain_text(steps[k - 1].title)
        wait_ready(audience)
        wait_ready(presenter)
    shot(presenter, "presenter_step_4")

    # the same two moves (4 -> 5 -> 4, both pages drawn before) from the audience's own keys, then the presenter's:
    # what the presenter's window adds is the audience's poll (half a second at most) and the presenter's message
    own, remote = [], []
    for window, record in ((audience, own), (presenter, remote)):
        for k, key in ((5, "ArrowRight"), (4, "ArrowLeft")):
            window.evaluate("() => document.activeElement && document.activeElement.blur()")
            clicked = time.monotonic()
            window.keyboard.press(key)
            record.append((landed_after(audience, clicked, k, n, steps[k - 1].title),
                           numbers_after(audience, clicked, expected(model, steps[k - 1]))))
            wait_ready(audience)
            wait_ready(presenter)
    print(f"\nthe audience window showed step 3 {first:.2f} s after the presenter's second Next; the presenter "
          f"view showed it {followed:.2f} s after; one key at the presenter's window (steps 4, 5, 4) to the "
          "audience's bar: " + ", ".join(f"{t:.2f}" for t in times) + " s; to its numbers: "
          + ", ".join(f"{t:.2f}" for t in drawn) + " s\n4 -> 5 -> 4 again, bar / numbers: the audience's own keys "
          + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in own) + " s; the presenter's keys "
          + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in remote) + " s")
    assert first < 10 and max(times) < 10  # a generous bound for two shared cores; the printed figures matter

    # while the story plays the audience polls its room (a small message every half second); after Stop, nothing
    assert sent.during(audience, 2) >= 2
    bar.get_by_role("button", name="Stop").click()
    expect(bar).to_have_count(0)
    wait_ready(audience)
    assert sent.during(audience, 3) == 0
    expect(presenter.locator("[data-testid=stAlert]")).to_contain_text("No story is playing")
    for w in (watch, pwatch):
        assert not w.errors, w.errors
        assert not w.foreign, w.foreign
    ctx.close()
    pctx.close()
