"""AppTest: the Balance page and the Overview show the index with the dimensions one vector dominates, the
posture over the years (the chart, its CSV) and, under a scenario, the scenario as a branch after the latest
year, on a full run (the lever move's fragment path is walked in the browser: tests/test_browser_timeline.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import state
from posture.scenario import Levers

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(path: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.switch_page(path)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def timeline(at: AppTest) -> dict:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    found = [s for s in specs if any(t.get("name") == "Balance index" for t in s["data"])]
    assert len(found) == 1, "one chart of the posture over the years"
    return found[0]


def texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace("\\", "")  # md_text escapes


@pytest.mark.parametrize("page", ["pages/balance.py", "pages/overview.py"])
def test_the_years_chart_its_csv_and_the_sentence(page, model):
    at = open_page(page)
    spec = timeline(at)
    index = spec["data"][0]
    assert index["x"][0] == 2014 and index["x"][-1] == model.latest_year
    assert not any(str(t.get("name", "")).startswith("Scenario") for t in spec["data"])
    assert "Russia invades Ukraine" in {a["text"] for a in spec["layout"]["annotations"]}
    assert any(b.label == "The years as a table (CSV)" for b in at.get("download_button"))
    words = texts(at)
    assert "One vector holds more than half of: Energy export routes (Russia 97%)" in words
    assert f"Balance {model.baseline_balance.index:.0f}/100" in words


@pytest.mark.parametrize("page", ["pages/balance.py", "pages/overview.py"])
def test_a_scenario_is_a_branch_after_the_latest_year(page, model):
    at = open_page(page, lv_reroute_mt="3", lv_western_security_pts="10")
    spec = timeline(at)
    branch = next(t for t in spec["data"] if str(t.get("name", "")).startswith("Scenario"))
    assert branch["x"] == [model.latest_year, model.latest_year + 1]
    base, scen = model.run(Levers(reroute_mt=3.0, western_security_pts=10.0))
    assert branch["y"][1] == pytest.approx(scen.balance.index, abs=0.01)
    assert f"Balance {scen.balance.index:.0f}/100" in texts(at)


def test_the_balance_page_shows_every_measure_and_why():
    at = open_page("pages/balance.py")
    at.session_state[state.BAL_METHOD_OPEN] = True
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "case" in d.value.columns)
    assert {"one partner", "even over 7", "50/50 between two", "70/30 between two"} <= set(table["case"])
    assert any(c.startswith("Kazakhstan 2014") for c in table["case"])
    assert "Why effective partners on 0-100 is the default" in texts(at)
