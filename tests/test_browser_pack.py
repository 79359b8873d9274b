"""The briefing pack from the browser: the file downloaded holds the scenario on screen, not the baseline.

A download button's lazy data is evaluated outside the run that drew it (it once held the baseline); this
takes the path a briefer takes: a link with a scenario, the sidebar's section, Prepare, Download, and
opens the downloaded file."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import sync_playwright  # noqa: E402
from pptx import Presentation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from tests.browser import CHROMIUM, launch, running_app  # noqa: E402

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")]


def test_the_downloaded_pack_holds_the_linked_scenario():
    with running_app() as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 720}, accept_downloads=True)
        page.goto(url + "/scenarios?lv_cpc_outage_pct=100&lv_cpc_outage_months=1")
        page.wait_for_selector("[data-testid=stMetric]", timeout=120_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000)
        page.get_by_text("Download the briefing pack (PPTX/PDF)").click()
        page.get_by_role("button", name="Prepare the pack").click()
        button = page.get_by_role("button", name="Download PPTX")
        button.wait_for(timeout=240_000)
        with page.expect_download() as download:
            button.click()
        prs = Presentation(download.value.path())
        assert prs.slides[0].shapes.title.text == "Briefing pack: CPC outage (30-day suspension)"
        assert download.value.suggested_filename.endswith(".pptx")
        # the other format: the PPTX is withdrawn (it is not the format asked for), the PDF is built anew
        page.get_by_text("PDF", exact=True).click()
        page.get_by_role("button", name="Prepare the pack").click()
        button = page.get_by_role("button", name="Download PDF")
        button.wait_for(timeout=240_000)
        with page.expect_download() as download:
            button.click()
        text = PdfReader(download.value.path()).pages[0].extract_text()
        assert "CPC outage: capacity lost: 100" in " ".join(text.split())
        browser.close()
