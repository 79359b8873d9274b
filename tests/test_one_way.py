"""One function for each number a page shows, and one way to each thing (issue 18): the scenario against the
baseline, the baseline test, the levers a session starts from, the Overview's dependency chart."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from posture.compare import against_baseline
from posture.scenario import Levers, compute_largest_dependencies, start_levers
from posture.viz import charts


def test_is_baseline_ignores_the_oil_price_only():
    assert Levers().is_baseline and Levers(oil_price=110).is_baseline
    assert not Levers(reroute_mt=1).is_baseline and not Levers(nuclear_vendor="CHN", oil_price=50).is_baseline
    assert Levers(oil_price=90, brics_pts=5).moved() == {"brics_pts": (0.0, 5)}


def test_a_session_starts_at_the_datas_oil_price(model):
    assert start_levers(model.params) == Levers(oil_price=model.params["oil_price_default"])
    assert start_levers({"oil_price_default": 85}).oil_price == 85.0 and start_levers({}) == Levers()


def test_the_scenario_against_the_baseline(model):
    base, scen = model.run(Levers(cpc_outage_pct=100, cpc_outage_months=6, reroute_mt=1))
    df = against_baseline(base, scen, model.vector_names, model.latest_year)
    assert list(df.columns) == ["levers", "measure", "unit", "baseline", "scenario"]
    row = df.set_index("measure")
    assert row.at["balance index", "scenario"] == pytest.approx(scen.balance.index)
    assert row.at["stranded crude", "baseline"] == 0 and scen.stranded_mt > 0
    assert row.at["stranded crude", "scenario"] == pytest.approx(scen.stranded_mt)
    assert row.at["share via Russia: cpc_only", "scenario"] < row.at["share via Russia: cpc_only", "baseline"]
    crude = df[df["measure"].str.startswith(f"crude {model.latest_year}: ")]
    assert crude["baseline"].sum() == pytest.approx(base.oil_year["mt"].sum())
    assert crude["scenario"].sum() == pytest.approx(scen.oil_year["mt"].sum())
    assert {f"exposure: {n}" for n in model.vector_names.values()} <= set(df["measure"])
    # the baseline against itself changes nothing
    same = against_baseline(base, base, model.vector_names, model.latest_year)
    assert (same["baseline"] == same["scenario"]).all()


def test_the_pages_csv_is_that_table(model):
    """pages/scenarios.py writes against_baseline as CSV (through the formula neutraliser), nothing of its own."""
    from posture.text import csv_bytes

    base, scen = model.run(Levers(russia_restriction_pct=30))
    df = against_baseline(base, scen, model.vector_names, model.latest_year)
    back = pd.read_csv(io.BytesIO(csv_bytes(df)))
    assert back["measure"].tolist() == df["measure"].tolist()


def test_one_side_in_json_is_the_summary_without_the_warnings(model):
    base, scen = model.run(Levers(cpc_outage_pct=50, cpc_outage_months=3))
    h, s = scen.headline(model.vector_names), scen.summary(model.vector_names)
    assert s == {**h, "reaction_triggered": scen.reaction_triggered, "warnings": list(scen.warnings)}
    assert h["dominant_name"] == model.vector_names[h["dominant"]] and h["stranded_mt"] > 0


def test_the_largest_dependencies_chart(model):
    base, scen = model.run(Levers(reroute_mt=2))
    args = (model.investment, model.data["arms_imports"], model.vector_ids, model.vector_names)
    deps = compute_largest_dependencies(scen, *args)
    alone = charts.build_largest_dependencies_chart(deps, model.vector_colours).to_dict()
    assert len(alone["data"]) == 1 and alone["data"][0]["x"] == deps["share_pct"].tolist()
    both = charts.build_largest_dependencies_chart(deps, model.vector_colours,
                                                   compute_largest_dependencies(base, *args)).to_dict()
    assert [t["type"] for t in both["data"]] == ["bar", "scatter"]
    assert len(both["data"][1]["y"]) == int(deps["moves"].sum()) >= 1
    assert "grey mark: the baseline" in str(both["layout"]) and "grey mark" not in str(alone["layout"])
