"""Presentation mode in AppTest: the toggle, the link, leaving, and the charts' larger text (logic; the browser
shows the rest in tests/test_browser_present.py)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import state
from posture.viz.style import HIGH_CONTRAST, present_spec

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(path: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(path)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def styles(at: AppTest) -> str:
    return "".join(str(getattr(e.proto, "body", "")) for e in at.get("html"))


def test_the_toggle_enters_and_leaves_on_every_page_with_the_scenario_kept():
    at = open_page("pages/balance.py", lv_cpc_outage_pct="100")
    toggle = at.sidebar.toggle(key=state.PRESENT)
    assert toggle.value is False and "stSidebar" not in styles(at)
    toggle.set_value(True).run()
    assert not at.exception
    assert at.session_state[state.PRESENT] is True
    assert '[data-testid="stSidebar"]' in styles(at)  # the CSS that hides the chrome
    assert at.button(key=state.PRESENT_LEAVE).label == "Leave presentation"
    assert at.session_state[state.LEVER_KEYS["cpc_outage_pct"]] == 100
    at.button(key=state.PRESENT_LEAVE).click().run()
    assert not at.exception
    assert at.session_state[state.PRESENT] is False
    assert at.sidebar.toggle(key=state.PRESENT).value is False
    assert '[data-testid="stSidebar"]' not in styles(at)
    assert at.session_state[state.LEVER_KEYS["cpc_outage_pct"]] == 100
    assert at.title[0].value == "Balance indicator"


def test_a_link_opens_presentation_mode_once_and_high_contrast_with_it():
    at = open_page("pages/overview.py", present="1", contrast="high")
    assert at.session_state[state.PRESENT] is True and at.session_state[state.PRESENT_CONTRAST] is True
    assert HIGH_CONTRAST["background"] in styles(at)
    at.button(key=state.PRESENT_LEAVE).click().run()
    # the frontend keeps sending ?present=1: it must not bring the mode back
    at.run()
    assert at.session_state[state.PRESENT] is False
    assert HIGH_CONTRAST["background"] not in styles(at)


@pytest.mark.parametrize("value", ["0", "no", ""])
def test_a_link_without_present_1_stays_normal(value):
    at = open_page("pages/overview.py", present=value)
    assert not at.session_state[state.PRESENT]


def test_a_link_keeps_its_levers_in_presentation_mode():
    at = open_page("pages/scenarios.py", present="1", lv_reroute_mt="3")
    assert at.session_state[state.PRESENT] is True
    assert at.session_state[state.LEVER_KEYS["reroute_mt"]] == 3
    assert at.title[0].value.startswith("Scenario")


def test_charts_in_presentation_mode_have_larger_text_and_high_contrast_colours(model):
    from posture.viz import charts

    exposure = pd.Series({v: 100 / len(model.vector_ids) for v in model.vector_ids})
    fig = charts.build_exposure_chart(exposure, model.vector_names, model.vector_colours, None, "t", "s")
    spec = fig.to_dict()
    out = present_spec(spec)
    assert out["layout"]["font"]["size"] >= 1.3 * spec["layout"]["font"]["size"] - 0.05
    assert out["layout"]["title"]["font"]["size"] >= 1.3 * spec["layout"]["title"]["font"]["size"] - 0.05
    assert out["layout"]["xaxis"]["tickfont"]["size"] >= 15.6 and out["layout"]["yaxis"]["tickfont"]["size"] >= 15.6
    assert spec["layout"]["paper_bgcolor"] == "white"  # the figure itself unchanged
    hc = present_spec(spec, high_contrast=True)
    assert hc["layout"]["paper_bgcolor"] == hc["layout"]["plot_bgcolor"] == HIGH_CONTRAST["background"]
    assert hc["layout"]["font"]["color"] == HIGH_CONTRAST["ink"]
    # the vector colours stay
    assert [t.get("marker", {}).get("color") for t in hc["data"]] == [t.get("marker", {}).get("color")
                                                                      for t in spec["data"]]

