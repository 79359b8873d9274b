"""Browser tests at the screen sizes of a meeting room: nothing a briefer points at is cut.

At 1280x720 (a shared projector) and 1024x768 (an old one) every page must show its headlines whole:
metric labels, values and deltas, headings, and the charts' titles, legends, annotations and tick labels.
"Cut" is measured, not judged from pixels: a box whose content is wider than the box (scrollWidth >
clientWidth with hidden overflow: Streamlit's ellipsis), or an SVG text of a plotly chart that runs past
the figure's edge. Tick labels of one axis and the sankey's node labels must not sit on top of each other.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import sync_playwright  # noqa: E402

from components.registry import PAGES  # noqa: E402
from tests.browser import CHROMIUM, launch, running_app  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]

SIZES = [(1280, 720), (1024, 768)]
CPC_OUTAGE = "?lv_cpc_outage_pct=100&lv_cpc_outage_months=1"
ISOLATION = ("?lv_reroute_mt=5.5&lv_growth_eu_pct=50&lv_growth_turkic_pct=50&lv_western_security_pts=25"
             "&lv_brics_pts=-10&lv_cultural_pts=10&lv_nuclear_vendor=FRA&lv_reaction_threshold_pts=3"
             "&lv_reaction_strength_pct=100")

# Every text a briefer points at, and whether the browser shows it whole. Returns one entry per cut text.
CLIPPED_JS = r"""
() => {
  const out = [];
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const boxes = ['stMetricLabel', 'stMetricValue', 'stMetricDelta'].map(t => `[data-testid=${t}]`)
    .concat(['h1', 'h2', 'h3', '[data-testid=stCaptionContainer]', '[data-testid=stMarkdownContainer] p',
             '[data-testid=stExpander] summary']).join(',');
  for (const el of document.querySelectorAll('[data-testid=stMain] :is(' + boxes + ')')) {
    if (!shown(el)) continue;
    for (const e of [el, ...el.querySelectorAll('*')]) {
      if (!e.clientWidth) continue;
      const ov = getComputedStyle(e).overflowX;
      if (ov !== 'visible' && e.scrollWidth > e.clientWidth + 1) {
        out.push({kind: 'box', what: el.getAttribute('data-testid') || el.tagName, text: el.innerText.slice(0, 80),
                  scroll: e.scrollWidth, client: e.clientWidth});
        break;
      }
    }
  }
  const TEXTS = '.gtitle, .g-gtitle text, .gtitle-subtitle, .legendtext, .annotation-text, .xtick text, .ytick text,' +
                ' .g-xtitle text, .g-ytitle text, .bartext, .textpoint text, .node-label, .cbtitle text';
  for (const plot of document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')) {
    if (!shown(plot)) continue;
    const box = plot.querySelector('.main-svg').getBoundingClientRect();
    const title = (plot.querySelector('.gtitle') || {}).textContent || '';
    for (const t of plot.querySelectorAll(TEXTS)) {
      if (!t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (!r.width) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.push({kind: 'svg', chart: title.slice(0, 60), text: t.textContent.slice(0, 80),
                  left: Math.round(r.left - box.left), right: Math.round(r.right - box.left),
                  width: Math.round(box.width)});
      }
    }
    // labels of one axis, and the sankey's node labels, must not overlap each other
    for (const group of ['.yaxislayer-above .ytick text', '.xaxislayer-above .xtick text', '.node-label']) {
      const rs = [...plot.querySelectorAll(group)].filter(t => t.textContent.trim())
        .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width);
      for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
        const [a, ra] = rs[i], [b, rb] = rs[j];
        const dx = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const dy = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (dx > 2 && dy > 2) out.push({kind: 'overlap', chart: title.slice(0, 60), text: a + ' / ' + b});
      }
    }
  }
  return out;
}
"""


def settle(page, timeout=90_000):
    """The page has run, and every plotly chart on it has drawn."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_selector("[data-testid=stMain] h1", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
        .every(c => !c.getBoundingClientRect().width || c.querySelector('.main-svg'))""", timeout=timeout)
    page.wait_for_timeout(1200)


def cut_on(page) -> list[dict]:
    return page.evaluate(CLIPPED_JS)


def describe(cut: list[dict]) -> str:
    return "\n".join(str(c) for c in cut)


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_headline_is_cut_on_any_page(app_url, browser, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems = {}
    for entry in PAGES:
        page.goto(f"{app_url}/{entry.url_path}")
        settle(page)
        assert page.locator("[data-testid=stException]").count() == 0, entry.title
        cut = cut_on(page)
        if cut:
            problems[entry.title] = describe(cut)
    page.close()
    assert not problems, "\n".join(f"{k}:\n{v}" for k, v in problems.items())


@pytest.mark.parametrize("query", [CPC_OUTAGE, ISOLATION], ids=["cpc_outage", "isolation"])
def test_no_headline_is_cut_under_a_preset(app_url, browser, query):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    problems = {}
    for path in ("overview", "scenarios", "dependencies", "balance"):
        page.goto(f"{app_url}/{path}{query}")
        settle(page)
        assert page.locator("[data-testid=stException]").count() == 0, path
        cut = cut_on(page)
        if cut:
            problems[path] = describe(cut)
    page.close()
    assert not problems, "\n".join(f"{k}:\n{v}" for k, v in problems.items())
