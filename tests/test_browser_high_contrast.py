"""The high-contrast theme in Chromium at 1280x720: the tables read dark on white, and the map is drawn.

st.dataframe draws its cells on a canvas (glide data grid) in colours from Streamlit's theme, which page CSS does
not reach; the grid also writes the same theme to CSS variables on its own element (--gdg-text-header, ...),
so those variables are what the canvas is painted with. Each is measured here as a WCAG 2 contrast ratio against
the background it is drawn on (a translucent colour composited over it first).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from posture.viz.style import contrast_ratio, rgb_hex  # noqa: E402
from tests.browser import CHROMIUM  # noqa: E402
from tests.test_browser_layout import cut_on, describe, settle  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]

GRID_VARS_JS = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stDataFrame]')].map(df => {
  const el = [...df.querySelectorAll('*')].find(e => e.style && e.style.getPropertyValue('--gdg-text-header'));
  if (!el) return null;
  const s = getComputedStyle(el), v = n => s.getPropertyValue(n).trim();
  return {header: v('--gdg-text-header'), header_bg: v('--gdg-bg-header'), cell: v('--gdg-text-dark'),
          cell_bg: v('--gdg-bg-cell'), border: v('--gdg-border-color')}; })"""


def parse(colour: str) -> tuple[list[float], float]:
    """'#rgb', '#rrggbb', '#rrggbbaa', 'rgb(...)' or 'rgba(...)' -> ([r, g, b], alpha)."""
    c = colour.strip()
    if c.startswith("#"):
        h = c[1:]
        if len(h) in (3, 4):
            h = "".join(ch * 2 for ch in h)
        rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
        return rgb, (int(h[6:8], 16) / 255 if len(h) == 8 else 1.0)
    nums = [float(x) for x in re.findall(r"[\d.]+", c)]
    return nums[:3], (nums[3] if len(nums) > 3 else 1.0)


def over(fg: str, bg: str) -> str:
    """``fg`` composited over the opaque ``bg``, as '#RRGGBB'."""
    (f, a), (b, _) = parse(fg), parse(bg)
    return rgb_hex([round(a * x + (1 - a) * y) for x, y in zip(f, b)])


def grid_contrast(page) -> list[dict]:
    out = []
    for g in page.evaluate(GRID_VARS_JS):
        assert g, "a dataframe without the grid's theme variables"
        header_bg, cell_bg = over(g["header_bg"], "#FFFFFF"), over(g["cell_bg"], "#FFFFFF")
        out.append({"header": contrast_ratio(over(g["header"], header_bg), header_bg),
                    "cell": contrast_ratio(over(g["cell"], cell_bg), cell_bg), "cell_bg": cell_bg, "raw": g})
    return out


@pytest.mark.parametrize("query", ["present=1&contrast=high", ""], ids=["high-contrast", "normal"])
def test_tables_on_the_data_page_read_dark_on_white(app_url, browser, query):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/data?{query}")
    settle(page)
    page.wait_for_selector("[data-testid=stMain] [data-testid=stDataFrame] canvas", timeout=60_000)
    grids = grid_contrast(page)
    assert grids
    for g in grids:
        assert g["cell_bg"] == "#FFFFFF", g  # white cells, on the black page too
        assert g["cell"] >= 7, g  # WCAG AAA for body text
        assert g["header"] >= 7, g  # the header row: Streamlit's default (70% of the text colour) was 5.7
    page.close()


def test_the_map_page_in_high_contrast_draws_the_casing_and_nothing_is_cut(app_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/map?present=1&contrast=high")
    settle(page)
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
    assert page.locator("[data-testid=stException]").count() == 0
    cut = cut_on(page, True)
    assert not cut, describe(cut)
    legend = page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer]", has_text="Countries tinted by vector")
    html = legend.first.inner_html().replace(" ", "").lower()
    assert "background:#ffffff" in html or "background:rgb(255,255,255)" in html  # the swatches on white chips
    page.close()
