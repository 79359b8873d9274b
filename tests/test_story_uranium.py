"""A story step can point at the Dependencies page's uranium section ("Uranium: the lever Kazakhstan holds").

posture/story.py SECTIONS names it, components/story.py finds it by its container's key (state.DEP_URANIUM), and the
page draws the whole section (heading, both charts, the tables) inside that container.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from components import state
from components.story import SELECTORS
from posture import story as sto

HEADING = "Uranium: the lever Kazakhstan holds"


def test_a_step_can_point_at_the_uranium_section():
    (step,) = sto.parse_story([{"page": "dependencies", "title": "Uranium", "section": "uranium"}])
    assert step.section == "uranium" and step.as_dict()["section"] == "uranium"
    assert sto.SECTIONS["dependencies"]["uranium"] == HEADING  # the label the editor's "Point at" list shows
    assert SELECTORS[("dependencies", "uranium")] == (f".st-key-{state.DEP_URANIUM}", None)


def test_the_uranium_section_is_not_a_section_of_another_page():
    from posture.problems import DataError

    with pytest.raises(DataError) as err:
        sto.parse_story([{"page": "map", "title": "t", "section": "uranium"}], "s.json")
    assert "not a section of the map page" in err.value.problems[0].reason


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_the_page_draws_the_section_inside_the_keyed_container(app_url, browser):
    pytest.importorskip("playwright")
    from tests.test_browser_layout import settle

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/dependencies")
    settle(page)
    selector, _ = SELECTORS[("dependencies", "uranium")]
    box = page.locator(selector)
    assert box.count() == 1
    assert box.locator("h2").first.inner_text().strip() == HEADING  # the heading first: the step lands on it
    assert box.locator(".st-key-fig_uranium_share").count() == 1 and box.locator(".st-key-fig_uranium_buyers").count() == 1
    page.close()
