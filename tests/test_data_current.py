"""The data are current to the latest sources (issue 16): events to 2026 with sources, series' last years,
stale series flagged by the freshness module and by `validate`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from posture import freshness

ROOT = Path(__file__).resolve().parents[1]


def test_every_event_since_2024_carries_a_source(dataset):
    ev = dataset["events"]
    recent = ev[pd.to_numeric(ev["year"]) >= 2024]
    assert len(recent) >= 25
    for _, r in recent.iterrows():
        src = str(r["source"])
        assert " | http" in src, f"{r['date']} {r['title']}: source without an address"
        assert r["confidence"] in ("high", "medium", "low")
        assert str(r["date"]).startswith(str(r["year"])), f"{r['date']} is not in {r['year']}"


def test_events_reach_the_latest_sources(dataset):
    ev = dataset["events"]
    assert ev["date"].max() >= "2026-03-01"
    titles = " ".join(ev["title"]).lower()
    for topic in ("cpc", "tanker", "rosneft", "iran", "constitution", "arbitration", "opec", "middle corridor",
                  "uranium"):
        assert topic in titles, f"no event on {topic}"


def test_events_name_only_known_scenarios(dataset):
    ev = dataset["events"]
    presets = set(dataset["presets"]["id"]) | {"nuclear_vendor"}  # nuclear_vendor: a lever, named before
    named = {s for s in ev["scenario"].dropna() if str(s).strip()}
    assert named <= presets


def test_full_years_are_attributed_to_routes(model):
    """2022, 2023 and 2025: the routes account for the published total, bar a few per cent."""
    s = model.shares.set_index("label")
    for label in ("2022", "2023", "2025"):
        assert s.loc[label, "unattributed"] < 5, label


def test_route_series_keep_conflicting_figures_side_by_side(dataset):
    rs = dataset["oil_route_series"]
    used = rs["used_in_exports"].astype(str).str.lower() == "true"
    cpc23 = rs[(rs["export_route"] == "cpc") & (rs["year"] == 2023) & (rs["period"] == "full year")]
    assert len(cpc23) >= 2 and used[cpc23.index].sum() == 1  # two figures, one default
    for route in ("china_pipeline", "druzhba_germany"):
        years = set(rs.loc[rs["export_route"] == route, "year"])
        assert {2023, 2024, 2025} <= years, route


def test_official_cumulative_investment_statements_side_by_side(dataset):
    f = dataset["fdi"]
    rus = f[(f["partner"] == "RUS") & (f["year"] == 2024) & f["measure"].str.startswith("cumulative")]
    assert sorted(rus["value_usd_bn"]) == [13.0, 25.0]


def test_uranium_share_by_year_and_buyers(dataset):
    u = dataset["uranium"]
    share = u[u["indicator"] == "share of world uranium mine production"]
    assert share["year"].max() >= 2022 and share["year"].nunique() >= 5
    assert (share["value"].between(20, 50)).all()
    assert "Kazatomprom sales by destination" in set(u["indicator"])


def test_series_coverage_flags_a_series_more_than_two_years_old():
    tables = {"trade": pd.DataFrame({"partner_name": ["A", "A", "B"], "year": [2020, 2024, 2023]}),
              "corridor_volumes": pd.DataFrame({"corridor": ["m", "m"], "indicator": ["t", "t"],
                                                "kind": ["volume", "target"], "year": [2022, 2030]})}
    cov = freshness.series_coverage(tables, as_of=2026).set_index(["table", "series"])
    assert cov.loc[("trade", "A"), ["first_year", "last_year"]].tolist() == [2020, 2024]
    assert not cov.loc[("trade", "A"), "stale"]  # two years old: not flagged
    assert cov.loc[("trade", "B"), "stale"]  # three years old
    assert cov.loc[("corridor_volumes", "m / t"), "last_year"] == 2022  # a 2030 target is not an observation


def test_data_to_subtitle_fragment():
    df = pd.DataFrame({"year": [2021, 2025]})
    assert freshness.data_to(df, as_of=2026) == "data to 2025"
    assert freshness.data_to(pd.DataFrame({"year": [2022]}), as_of=2026) == "data to 2022 (more than 2 years old)"
    assert freshness.data_to(pd.DataFrame({"x": [1]})) == ""


def test_validate_warns_on_stale_series_without_failing():
    r = subprocess.run([sys.executable, "-m", "posture", "validate", "data/trade/partners.csv"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("warning:")]
    assert lines and all("data/trade/partners.csv" in ln and "ends in" in ln for ln in lines)
    # Germany stops at 2022 (the US, the earlier example, now runs to 2024); a series that is current is not flagged
    assert any("'Germany'" in ln for ln in lines)
    assert not any("'United States'" in ln for ln in lines)


@pytest.mark.parametrize("name", sorted(freshness.SERIES_KEYS))
def test_every_series_table_has_its_key_columns(dataset, name):
    frame = dataset[name]
    assert set(freshness.SERIES_KEYS[name]) | {"year"} <= set(frame.columns)


def test_sections_text_for_the_route_card():
    from posture.geo import parse_sections, sections_text

    pub = parse_sections("KAZ:1300;UZB:530")
    assert pub == {"KAZ": 1300.0, "UZB": 530.0}
    text = sections_text({"UZB": 601.2, "KAZ": 1010.4, "sea": 3.0}, {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"}, pub)
    assert text == "Uzbekistan 601 km (published 530), Kazakhstan 1,010 km (published 1,300), at sea 3 km"


def _app(page: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_data_page_lists_each_series_first_and_last_year():
    at = _app("pages/data.py")
    assert any(e.label.startswith("How current each series is") for e in at.expander)
    cov = next(d.value for d in at.dataframe if "flag" in d.value.columns)
    assert {"first_year", "last_year"} <= set(cov.columns)
    de = cov[cov["series"] == "Germany"].iloc[0]  # the US, the earlier example, now runs to 2024
    assert de["last_year"] == 2022 and de["flag"].startswith("more than")
    us = cov[cov["series"] == "United States"].iloc[0]
    assert us["last_year"] == 2024 and not us["flag"]
    overview = next(d.value for d in at.dataframe if "series > 2 years old" in d.value.columns)
    assert overview["series > 2 years old"].fillna(0).sum() > 0


def test_dependencies_page_shows_the_three_definitions():
    at = _app("pages/dependencies.py")
    defs = next(d.value for d in at.dataframe if "definition" in d.value.columns)
    assert list(defs["definition"]) == ["CPC only", "All Russian transit", "Western markets via Russia"]
    assert defs.set_index("definition").loc["Western markets via Russia", "2025"] > 97
