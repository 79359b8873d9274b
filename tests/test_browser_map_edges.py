"""The map's canvas in Chromium is as wide as the label placement assumes, at each meeting-room size, with the
sidebar open and in presentation mode.

posture.viz.labels places every label wholly inside or wholly outside the canvases of ``VIEW_WIDTHS`` (sidebar) and
``PRESENT_VIEW_WIDTHS`` (presentation mode); tests/test_map_label_edges.py checks the placement against those
widths without a browser. This measures them: if Streamlit's layout, the map's column or the presentation CSS
changes the canvas, the labels would be cut again at its new edge, and this test says by how much."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")

from posture.viz import labels as L  # noqa: E402
from tests.browser import CHROMIUM  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]  # the order of the widths (narrowest first)


@pytest.mark.parametrize("present", [False, True], ids=["sidebar", "present"])
def test_the_map_canvas_is_as_wide_as_the_labels_assume(app_url, browser, present):
    widths = L.PRESENT_VIEW_WIDTHS if present else L.VIEW_WIDTHS
    measured = []
    for (w, h), want in zip(SIZES, sorted(widths)):
        page = browser.new_page(viewport={"width": w, "height": h})
        page.goto(f"{app_url}/map" + ("?present=1" if present else ""))
        page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=90_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=90_000)
        page.wait_for_timeout(1000)
        box = page.locator("[data-testid=stDeckGlJsonChart] canvas").first.bounding_box()
        measured.append((f"{w}x{h}", round(box["width"], 1), want, round(box["height"], 1)))
        page.close()
    off = [m for m in measured if abs(m[1] - m[2]) > 1.5 or abs(m[3] - L.VIEW_HEIGHT) > 1.5]
    assert not off, f"canvas (size, measured width, assumed width, height) differs: {off}"
