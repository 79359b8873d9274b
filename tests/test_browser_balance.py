"""The Balance page's inputs walked as an analyst does, in Chromium at 1280x720: type in the grid, rescale,
upload, then move a lever (a fragment rerun of the numbers only) and check the numbers still use the edit.

What only a browser shows: the grid's own input handling (it clamped a typed 150 to 100 when the column had a
max_value), and the lever's fragment path (AppTest reruns the whole page).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from posture.scenario import Levers  # noqa: E402
from tests.browser import CHROMIUM  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]
SHOTS = os.environ.get("BALANCE_SHOTS")  # a folder: keep the screenshots to look at (1280x720)
ROW_H = 35  # glide-data-grid's header and row height in Streamlit's editor (px)


def settle(page, timeout=60_000):
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)
    page.wait_for_timeout(700)


def no_exception(page):
    assert page.locator("[data-testid=stException]").count() == 0, page.locator(
        "[data-testid=stException]").first.inner_text()


def shot(page, name: str, tmp_path: Path) -> None:
    page.screenshot(path=str(Path(SHOTS or tmp_path) / name))


def index_value(page) -> float:
    v = page.locator("[data-testid=stMetric]", has_text="Balance index").locator("[data-testid=stMetricValue]")
    return float(v.inner_text())


def type_cell(page, grid: int, row: int, col: int, value: str) -> None:
    """Type ``value`` into cell (row, col) of the ``grid``-th editor with the keyboard, as a person does: click
    the row's first cell, arrow to the cell, Enter to edit, type, Enter. On a loaded machine a key can be lost:
    the editor must open on the target cell's value (read from the grid's accessible cells), else start again."""
    g = page.locator("[data-testid=stDataFrame]").nth(grid)
    for _ in range(4):
        g.scroll_into_view_if_needed()
        box = g.bounding_box()
        target = float(cell_text(page, grid, row, col))
        page.mouse.click(box["x"] + 40, box["y"] + ROW_H * (row + 1) + ROW_H / 2)
        page.wait_for_timeout(200)
        for _ in range(col):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(120)
        page.keyboard.press("Enter")  # opens the cell's editor on its value
        try:
            opened = page.wait_for_function(
                "() => document.activeElement?.classList.contains('gdg-input') && document.activeElement.value",
                timeout=5_000).json_value()
        except Exception:  # noqa: BLE001 - the editor did not open: start again
            page.keyboard.press("Escape")
            continue
        if float(opened) != target:  # a key was lost: not the cell we meant
            page.keyboard.press("Escape")
            continue
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(value, delay=60)
        page.keyboard.press("Enter")
        try:
            wait_cell(page, grid, row, col, float(value), timeout=10_000)
        except Exception:  # noqa: BLE001
            continue
        settle(page)
        return
    raise AssertionError(f"could not type {value} into cell ({row}, {col})")


def wait_cell(page, grid: int, row: int, col: int, value: float, timeout: int = 15_000) -> None:
    page.wait_for_function(f"""() => {{
        const g = document.querySelectorAll('[data-testid=stDataFrame]')[{grid}];
        const c = g && g.querySelector('#glide-cell-{col}-{row}');
        return c && parseFloat(c.textContent) === {float(value)};
    }}""", timeout=timeout)


def cell_text(page, grid: int, row: int, col: int) -> str:
    return page.locator("[data-testid=stDataFrame]").nth(grid).locator(f"#glide-cell-{col}-{row}").inner_text()


def problems_text(page) -> str:
    """The text of the problems table (a grid drawn on a canvas: read from its accessible cells)."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=stDataFrame]')]
        .filter(g => g.textContent.includes('reason'))
        .map(g => [...g.querySelectorAll('[id^=glide-cell]')].map(c => c.textContent).join(' | ')).join('\\n')""")


def test_an_analyst_rescales_uploads_and_edits(app_url, browser, model, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{app_url}/balance?bal_inputs=true")
    settle(page)
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
    page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    default = index_value(page)
    dims = model.dimension_ids
    sec, pol = dims.index("security"), dims.index("political")
    rus, chn, usa = (1 + model.vector_ids.index(v) for v in ("RUS", "CHN", "USA"))

    # 1. a typed 150 reaches validation (the grid used to clamp it to 100) and is named
    type_cell(page, 0, pol, chn, "150")
    assert cell_text(page, 0, pol, chn).startswith("150")
    expect(page.get_by_text("not used yet")).to_be_visible(timeout=15_000)
    text = problems_text(page)
    assert "150 is out of range" in text and "Political and diplomatic" in text
    assert index_value(page) == default
    shot(page, "balance_invalid_edit_1280.png", tmp_path)
    no_exception(page)
    type_cell(page, 0, pol, chn, "20")  # back to the default: valid again
    expect(page.get_by_text("not used yet")).to_have_count(0, timeout=15_000)

    # 2. a row off 100, rescaled with the button: the row is scaled and the indicator uses it
    type_cell(page, 0, sec, rus, "70")
    rescale = page.get_by_role("button", name=re.compile("Rescale Security to 100"))
    expect(rescale).to_be_visible(timeout=15_000)
    rescale.click()
    settle(page)
    expect(page.get_by_text(re.compile(r"Security 100\.0"))).to_be_visible(timeout=15_000)
    expect(rescale).to_have_count(0)
    assert float(cell_text(page, 0, sec, rus)) > 60
    rescaled = index_value(page)
    assert rescaled != default
    no_exception(page)

    # 3. upload a ties file: the editor starts from it and the indicator uses it
    t = model.ties.copy()
    sel = t["dimension"] == "security"
    t.loc[sel & (t["vector"] == "RUS"), "share"] = 30.0
    t.loc[sel & (t["vector"] == "USA"), "share"] = 40.0
    t.loc[sel & t["vector"].isin(["RUS", "USA"]), "source"] = "My notes from the 2025 exercises"
    f = tmp_path / "my_ties.csv"
    t.to_csv(f, index=False)
    uploader = page.locator("[data-testid=stFileUploader]", has_text="Ties (CSV")
    uploader.locator("input[type=file]").set_input_files(str(f))
    settle(page)
    expect(page.get_by_text("Started from your file my_ties.csv")).to_be_visible(timeout=30_000)
    wait_cell(page, 0, sec, usa, 40.0)  # the grid is redrawn from the file (a new editor)
    uploaded = index_value(page)
    assert uploaded not in (default, rescaled)
    page.get_by_text("Started from your file my_ties.csv").scroll_into_view_if_needed()
    shot(page, "balance_after_upload_1280.png", tmp_path)
    no_exception(page)

    # 4. an edit on top of the upload, then a lever move: the move reruns only the numbers (a fragment), and the
    # numbers must still use the edited table
    type_cell(page, 0, sec, rus, "25")
    type_cell(page, 0, sec, usa, "45")
    edited = index_value(page)
    assert edited != uploaded
    page.locator("[data-testid=stExpander]", has_text="Alignment levers").locator("summary").click()
    thumb = page.locator("[data-testid=stSlider]", has_text="Western security cooperation").get_by_role("slider")
    thumb.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    value = page.locator("[data-testid=stMetric]", has_text="Balance index").locator("[data-testid=stMetricValue]")
    expect(value).not_to_have_text(f"{edited:.1f}", timeout=15_000)
    settle(page)
    slider = page.locator("[data-testid=stSlider]", has_text="Western security cooperation")
    pts = float(slider.locator("[data-testid=stSliderThumbValue]").inner_text())
    assert pts == 3
    t.loc[sel & (t["vector"] == "RUS"), "share"] = 25.0
    t.loc[sel & (t["vector"] == "USA"), "share"] = 45.0
    _, scen = model.run(Levers(western_security_pts=pts), model.scenario_inputs(t, None))
    assert index_value(page) == round(scen.balance.index, 1)
    _, on_defaults = model.run(Levers(western_security_pts=pts))
    assert index_value(page) != round(on_defaults.balance.index, 1)
    no_exception(page)
    assert errors == [], errors
    page.close()
