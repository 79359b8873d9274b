"""The routes map in a real browser at meeting-room sizes: the deck draws with its labels, nothing is fetched from
any host but the app's own (no tiles, no fonts, no icons), no exception, no deck.gl warning about the text layers."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

pytest.importorskip("playwright")

from tests.browser import CHROMIUM  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (scripts/setup.sh)"),
]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_map_page_draws_offline_with_labels(app_url, browser, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    foreign, warnings = [], []
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme not in ("data", "blob", "about") and urlparse(r.url).hostname != "127.0.0.1"
            else None)
    page.on("console", lambda m: warnings.append(m.text) if m.type in ("warning", "error") else None)
    page.goto(f"{app_url}/map")
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_timeout(2500)  # the base map's GeoJSON and the font atlas
    canvas = page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    box = canvas.bounding_box()
    assert box["width"] > 300 and box["height"] > 500
    # drawn, not blank: the sea, the land tints, the routes and the labels give many colours
    png = canvas.screenshot()
    from io import BytesIO

    from PIL import Image

    img = Image.open(BytesIO(png)).convert("RGB").resize((200, 200))
    assert len(set(img.getdata())) > 200
    assert page.locator("[data-testid=stException]").count() == 0
    assert foreign == [], f"requests to other hosts: {foreign}"
    text_warnings = [w for w in warnings if any(k in w for k in ("TextLayer", "fontSettings", "outline", "labels"))]
    assert text_warnings == [], text_warnings
    page.close()
