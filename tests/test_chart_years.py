"""Every chart's subtitle says the latest year of its data (issue 16), and the share-over-time chart shows all
three definitions of the share via Russia, each named with the figures quoted in the sources that are it.

The first test walks every page with AppTest and records each figure a page hands to ``render_figure`` with the
data it passes for download; the year the subtitle names must equal the latest year of that data, worked out here
from the data (or, for charts whose download has no year, from the input tables themselves), not from the figure.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from posture import dependency as dep
from posture.freshness import NOT_OBSERVED, year_of_label
from posture.model import FDI_YEAR, TRADE_YEAR
from posture.viz import charts
from tests.test_figures import fig_json

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = ["overview", "dependencies", "balance", "scenarios", "recommendations", "events"]
SUBTITLE_YEAR = re.compile(r"^Data to ((?:19|20)\d{2})\b")

# charts every page run must draw (a chart that silently stops being drawn must not pass this test)
EXPECTED_KEYS = {"ov_deps", "oil_exports", "share_via_russia", "sankey", "trade", "trade_shares", "fdi", "arms",
                 "corridor", "transit", "uranium_share", "uranium_buyers", "exposure", "heatmap", "contrib", "tornado", "scen_exposure", "scen_routes",
                 "scen_trade", "recs", "events"}


def _subtitle(fig) -> str:
    title = (fig.to_dict().get("layout") or {}).get("title") or {}
    return re.sub(r"<br\s*/?>", " ", (title.get("subtitle") or {}).get("text") or "")


@pytest.fixture(scope="module")
def drawn(monkeypatch_module):
    import components.layout as layout

    seen: dict[str, tuple] = {}
    original = layout.render_figure

    def record(fig, key, data=None, filename=None, downloads=True):
        seen[key] = (fig, data)
        return original(fig, key, data, filename, downloads)

    monkeypatch_module.setattr(layout, "render_figure", record)
    # modules that imported render_figure by name before this test (components/*_sections.py, when an earlier test
    # in the run drew a page) hold the original: patch them too, or their charts go unrecorded
    import sys

    for name, mod in list(sys.modules.items()):
        if name.startswith("components.") and getattr(mod, "render_figure", None) is original:
            monkeypatch_module.setattr(mod, "render_figure", record)
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=120)
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
    return seen


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _inputs_year(dataset, model) -> int:
    """Latest year behind the balance inputs, from the ties file and the tables its computed rows come from."""
    ties = dataset["ties"]
    est = pd.to_numeric(ties.loc[ties["method"] != "computed", "year"], errors="coerce").dropna()
    return int(max([*est.astype(int), TRADE_YEAR, FDI_YEAR, dep.latest_full_year(dataset["oil_exports"])]))


def _expected(key: str, data, dataset, model) -> int:
    if data is not None and "year" in data.columns:
        rows = data[~data["kind"].isin(NOT_OBSERVED)] if "kind" in data.columns else data
        if key == "corridor":  # the chart draws the Middle Corridor's cargo and capacity (and targets, not data)
            rows = rows[(rows["corridor"] == "middle (TITR)")
                        & ((rows["indicator"] == "cargo volume") | (rows["kind"] == "capacity"))]
        return int(pd.to_numeric(rows["year"], errors="coerce").max())
    if data is not None and "label" in data.columns:
        return max(year_of_label(x) or 0 for x in data["label"])
    if data is not None and "period" in data.columns:  # arms: '2020-2024'
        return max(year_of_label(x) or 0 for x in data["period"])
    if key == "sankey":
        return dep.latest_full_year(dataset["oil_exports"])
    if key in ("trade_shares", "scen_trade"):
        return TRADE_YEAR
    if key == "fdi":
        return FDI_YEAR
    if key == "scen_routes":
        return dep.latest_full_year(dataset["oil_exports"])
    if key == "ov_deps":  # crude routes, trade, investment and arms: the latest of them
        arms = max(year_of_label(p) or 0 for p in dataset["arms_imports"]["period"])
        return max(dep.latest_full_year(dataset["oil_exports"]), TRADE_YEAR, FDI_YEAR, arms)
    return _inputs_year(dataset, model)  # the balance figures: exposure, heatmap, contributions, tornado, recs


def test_every_chart_subtitle_names_the_latest_year_of_its_data(drawn, dataset, model):
    assert EXPECTED_KEYS <= set(drawn), EXPECTED_KEYS - set(drawn)
    wrong = {}
    for key, (fig, data) in drawn.items():
        sub = _subtitle(fig)
        m = SUBTITLE_YEAR.match(sub)
        want = _expected(key, data, dataset, model)
        if not m or int(m.group(1)) != want:
            wrong[key] = (sub[:60], want)
        assert (fig.to_dict()["layout"].get("meta") or {}).get("data_to") == want, key
    assert wrong == {}


def test_a_stale_chart_says_so(model):
    """FDI stops in 2022: more than two years before 2026, and the subtitle says it."""
    fig = charts.build_vector_share_bars(model.investment, model.vector_names, model.vector_colours, "t", "s",
                                         data_year=2022)
    assert _subtitle(fig).startswith("Data to 2022 (more than 2 years old). s")


def test_the_subtitle_year_follows_the_data(model):
    """Drop 2025 from the shares and the share chart says 'data to 2024': computed, not typed."""
    shares = model.shares[model.shares["year"] < 2025]
    fig = charts.build_share_via_russia_chart(shares, "#C62828")
    assert _subtitle(fig).startswith("Data to 2024")


def test_share_chart_shows_three_definitions_with_their_quoted_figures(model, dataset):
    d = fig_json(charts.build_share_via_russia_chart(model.shares, "#C62828", dataset["oil_published_shares"]))
    lines = {t["name"].split(":")[0]: t for t in d["data"] if t.get("name")}
    assert set(lines) == {"CPC only", "All Russian transit", "Western markets via Russia"}
    # the 80% quoted (Reuters, Tokayev) is CPC's share of all crude; NUS's 94% (2022) is all Russian transit
    assert "quoted as 80%" in lines["CPC only"]["name"]
    assert "quoted as" not in lines["Western markets via Russia"]["name"]  # no source gives the third definition
    assert "would have to mean this" in lines["Western markets via Russia"]["name"]
    assert "94%" in lines["All Russian transit"]["name"]
    for key, label in (("cpc_only", "CPC only"), ("all_russian_transit", "All Russian transit"),
                       ("western_via_russia", "Western markets via Russia")):
        assert [round(float(y), 3) for y in lines[label]["y"]] == [round(float(v), 3) for v in model.shares[key]]
    latest = model.shares[model.shares["period_kind"] == "full year"].iloc[-1]
    assert f"{latest.western_via_russia:.0f}% (crude to Western markets via Russia)" in d["layout"]["title"]["text"] \
        .replace("<br>", " ")
