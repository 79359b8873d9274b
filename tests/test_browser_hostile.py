"""Hostile text in the browser: data cells with Markdown and HTML are shown as text, and nothing leaves the machine.

The app is served from a copy of data/ (POSTURE_DATA_DIR) whose events and presets carry links, images and
formula cells. Every request the page makes is recorded (and any request off 127.0.0.1 is aborted, so a
failure shows here and not on someone's server log); the DOM must hold no link or image to the hostile host,
and the hostile characters must be on the page as text. The Events CSV download neutralises a formula cell.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from posture.catalog import DATA_DIR, DATA_DIR_ENV  # noqa: E402
from tests.browser import CHROMIUM, running_app  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]

EVIL = "evil.example"
TITLE_LINK = f"[click me](http://{EVIL}/link)"
DESC = (f"![](http://{EVIL}/pixel.png) <img src=http://{EVIL}/img.png> <a href='http://{EVIL}/a'>a</a> "
        f"www.{EVIL} http://{EVIL}/bare **not bold**")
SOURCE = f"<img src=http://{EVIL}/src.png> ; Hostile title ![](http://{EVIL}/t.png) | javascript:alert(1)"
CATEGORY = f"<a href='http://{EVIL}/cat'>cat</a>"
FORMULA = f'=HYPERLINK("http://{EVIL}/f","open")'
SHOTS = Path(os.environ.get("POSTURE_SHOTS", tempfile.gettempdir()))
PRESET = f"Preset ![](http://{EVIL}/preset.png) [p](http://{EVIL}/p)"
NARRATIVE = f"Narrative <img src=http://{EVIL}/narrative.png> [n](http://{EVIL}/n)"


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA_DIR, dst)
    ev = pd.read_csv(dst / "events.csv", dtype=str, keep_default_na=False)
    latest = ev.sort_values("date", ascending=False).index[:2]  # on the Overview's "Latest events" too
    ev.loc[latest[0], ["title", "description", "source", "category"]] = [TITLE_LINK, DESC, SOURCE, CATEGORY]
    ev.loc[latest[1], "title"] = FORMULA
    ev.to_csv(dst / "events.csv", index=False)
    pr = pd.read_csv(dst / "scenario" / "presets.csv", dtype=str, keep_default_na=False)
    pr.loc[0, ["name", "narrative"]] = [PRESET, NARRATIVE]
    pr.to_csv(dst / "scenario" / "presets.csv", index=False)
    return dst


@pytest.fixture(scope="module")
def app_url(hostile_data):
    mp = pytest.MonkeyPatch()
    mp.setenv(DATA_DIR_ENV, str(hostile_data))  # the server process inherits it
    try:
        with running_app() as url:
            yield url
    finally:
        mp.undo()


class Requests:
    """Every request the page makes; any off the app's own host is recorded and aborted."""

    def __init__(self, page, base: str):
        self.host = urlparse(base).hostname
        self.all: list[str] = []
        self.foreign: list[str] = []
        page.on("request", lambda r: self.all.append(r.url))
        page.route("**/*", self._route)

    def _route(self, route):
        u = urlparse(route.request.url)
        if u.scheme in ("data", "blob", "about") or u.hostname == self.host:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()


def wait_ready(page, timeout=60_000):
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)
    page.wait_for_timeout(800)


def hostile_refs(page) -> list[str]:
    """Every attribute in the DOM that links to or loads from the hostile host: href (HTML and SVG), src, srcset,
    poster, action, data, background, or a style's url(). (Text that names it, such as Plotly's data-unformatted
    copy of a label, is fine: that is the cell shown as text.)"""
    return page.evaluate(
        r"""(host) => {
            const loads = new Set(['href', 'xlink:href', 'src', 'srcset', 'poster', 'action', 'formaction', 'data',
                                   'background', 'ping']);
            const out = [];
            for (const el of document.querySelectorAll('*')) {
                for (const a of el.attributes) {
                    const bad = loads.has(a.name) ? a.value.includes(host)
                              : a.name === 'style' && /url\(/.test(a.value) && a.value.includes(host);
                    if (bad) out.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
                }
            }
            return out;
        }""", EVIL)


def shown(text: str) -> str:
    """Text as a reader sees it: without the invisible word joiners that keep a URL in a cell from becoming a link."""
    return text.replace("\u2060", "")


def main_text(page) -> str:
    return shown(page.locator("[data-testid=stMain]").inner_text())


def check(page, reqs):
    page.wait_for_timeout(1000)
    assert reqs.foreign == [], f"requests off the machine: {reqs.foreign}"
    assert all(urlparse(u).hostname in ("127.0.0.1", None) or u.startswith(("data:", "blob:")) for u in reqs.all)
    assert hostile_refs(page) == []
    assert page.locator("[data-testid=stException]").count() == 0


@pytest.mark.parametrize("size", [(1280, 720)])
def test_events_page_shows_hostile_cells_as_text(app_url, browser, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, accept_downloads=True)
    reqs = Requests(page, app_url)
    page.goto(f"{app_url}/events")
    expect(page.get_by_text("click me", exact=False).first).to_be_visible(timeout=90_000)
    wait_ready(page)
    text = main_text(page)
    for cell in (TITLE_LINK, "![](http://evil.example/pixel.png)", "<img src=http://evil.example/img.png>",
                  "www.evil.example", "**not bold**", "<img src=http://evil.example/src.png>", "javascript:alert(1)"):
        assert cell in text, cell
    page.get_by_text("click me", exact=False).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "events.png"))
    # our own sources are still links (http(s) only), opening in a new tab
    links = page.locator("[data-testid=stMain] a[href^='http']")
    assert links.count() > 0
    check(page, reqs)
    # the CSV download: the formula cell reaches the spreadsheet as text
    button = page.get_by_role("button", name="Events (CSV)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=30_000) as dl:
        button.click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    titles = [r["title"] for r in rows]
    assert "'" + FORMULA in titles and FORMULA not in titles
    assert TITLE_LINK in titles  # text that is not a formula is left as it is
    assert all(not t.startswith(("=", "+", "@")) for t in titles)
    page.close()


def test_overview_and_presets_show_hostile_text_as_text(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    reqs = Requests(page, app_url)
    page.goto(app_url)
    expect(page.get_by_text("Latest events")).to_be_visible(timeout=90_000)
    wait_ready(page)
    text = main_text(page)
    assert TITLE_LINK in text and "![](http://evil.example/pixel.png) <img src=http://evil.example/img.png>" in text
    check(page, reqs)
    # choose the hostile preset: its name in the picker, the sidebar and the Scenarios page, its narrative there
    page.locator("[data-testid=stSelectbox]", has_text="Start from a preset").click()
    page.get_by_role("option", name="Preset", exact=False).first.click()
    wait_ready(page)
    sidebar = shown(page.locator("[data-testid=stSidebar]").inner_text())
    assert PRESET in sidebar, sidebar
    check(page, reqs)
    page.locator("[data-testid=stSidebarNavLink]", has_text="Scenarios").click()
    wait_ready(page)
    expect(page.locator("[data-testid=stAlert]", has_text="Narrative").first).to_be_visible()
    alert = shown(page.locator("[data-testid=stAlert]", has_text="Narrative").first.inner_text())
    assert PRESET in alert and NARRATIVE in alert, alert
    page.screenshot(path=str(SHOTS / "scenarios.png"))
    check(page, reqs)
    page.close()


def test_every_page_of_the_hostile_copy_stays_on_the_machine(app_url, browser):
    from components.registry import PAGES

    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    reqs = Requests(page, app_url)
    page.goto(app_url)
    expect(page.get_by_text("Latest events")).to_be_visible(timeout=90_000)
    for entry in (e for e in PAGES if not e.hidden):  # hidden: the presenter view, opened from the story bar
        page.locator("[data-testid=stSidebarNavLink]", has_text=entry.title).click()
        wait_ready(page)
        expect(page.locator("[data-testid=stMain] h1").first).to_be_visible(timeout=60_000)
        check(page, reqs)
    page.close()


def test_an_upload_above_the_cap_is_refused(app_url, browser, tmp_path):
    """A 3 MB 'ties' file is refused by the uploader (server.maxUploadSize = 2): nothing reaches the page's code."""
    big = tmp_path / "ties.csv"
    big.write_bytes((DATA_DIR / "balance" / "ties.csv").read_bytes() + b"x" * (3 * 1024 * 1024))
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    reqs = Requests(page, app_url)
    page.goto(f"{app_url}/balance?bal_inputs=true")
    uploader = page.locator("[data-testid=stFileUploader]", has_text="Ties (CSV").first
    expect(uploader).to_be_visible(timeout=90_000)
    uploader.locator("input[type=file]").set_input_files(str(big))
    expect(uploader).to_contain_text("2.0MB or smaller", timeout=15_000)
    assert page.locator("[data-testid=stException]").count() == 0
    assert reqs.foreign == []
    page.close()
