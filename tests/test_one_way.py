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


def test_the_editors_numbers_come_from_posture(model):
    """What the Balance page's editors show beside the grid: row sums, the rows a button can rescale, the
    dimensions an edit took over from the data, and the change log."""
    from posture.balance_inputs import (
        change_log,
        long_to_matrix,
        matrix_row_sums,
        matrix_to_long,
        overridden_dimensions,
        rows_to_rescale,
        validate_matrix,
    )

    m = long_to_matrix(model.ties, model.vector_ids, model.dimension_ids).astype(object)  # as the grid gives it
    assert (matrix_row_sums(m) - 100).abs().max() < 0.5
    computed = sorted(set(model.ties.loc[model.ties["method"] == "computed", "dimension"]))
    dim = computed[0]
    low = m.loc[dim].astype(float).idxmin()
    m.loc[dim, low] = float(m.loc[dim, low]) + 10
    m.loc["security", "CHN"] = "x"
    assert matrix_row_sums(m)[dim] == pytest.approx(110, abs=0.5)
    problems = validate_matrix(m, model.vector_names, model.dimension_names)
    assert rows_to_rescale(problems, model.dimension_names) == [(dim, model.dimension_names[dim])]
    m.loc["security", "CHN"] = long_to_matrix(model.ties, model.vector_ids, model.dimension_ids).loc["security", "CHN"]
    long = matrix_to_long(m, model.ties)
    assert overridden_dimensions(model.ties, long, model.dimension_ids) == [dim]
    weights = model.data["weights"][["dimension", "weight"]]
    log = change_log(long, weights, model.ties, weights, model.vector_names, model.dimension_names)
    assert set(log["table"]) == {"ties"} and set(log["dimension"]) == {model.dimension_names[dim]}
    assert model.vector_names[low] in set(log["vector"])


def test_the_largest_partner_and_the_latest_full_year(model):
    from posture import dependency as dep

    top = dep.largest_vector(model.trade_shares.table)
    named = model.trade_shares.table[model.trade_shares.table["vector"] != "OTHER"]
    assert top["vector"] != "OTHER" and top["share_pct"] == named["share_pct"].max()
    t = pd.DataFrame({"vector": ["OTHER", "RUS", "CHN"], "share_pct": [60.0, 15.0, 25.0]})
    assert dep.largest_vector(t)["vector"] == "CHN"
    row = dep.latest_full_year_shares(model.shares)
    assert row["year"] == model.latest_year == dep.latest_full_year(model.oil) and row["period_kind"] == "full year"
    shuffled = model.shares.sample(frac=1, random_state=1)  # the row by year, not by position
    assert dep.latest_full_year_shares(shuffled)["year"] == model.latest_year


def test_the_data_pages_inventory(model):
    from posture.catalog import TABLES
    from posture.inventory import compute_table_overview, distinct_sources, table_frame, years_covered

    ov = compute_table_overview(model).set_index("name")
    assert list(ov.index) == list(TABLES)
    assert ov.at["oil_exports", "rows"] == len(model.data["oil_exports"])
    y = model.data["oil_exports"]["year"]
    assert ov.at["oil_exports", "years"] == f"{int(y.min())}-{int(y.max())}"
    assert years_covered(pd.DataFrame({"year": [2020, None]})) == "2020" and years_covered(pd.DataFrame({"x": [1]})) == ""
    assert distinct_sources(pd.DataFrame({"source": ["A ; B", "B", None]})) == 2
    routes = [n for n, t in TABLES.items() if t.kind == "geojson" and n != "nodes"]
    frame = table_frame(model, routes[0])
    assert {"length_km_computed", "countries_computed"} <= set(frame.columns)
    assert (ov["series > 2 years old"].dropna() >= 0).all()


def test_the_balance_pages_tables(model):
    from posture.balance import (
        compute_balance,
        compute_contributions,
        compute_sensitivity,
        label_sensitivity,
        results_table,
    )

    inputs = model.default_inputs
    m = model.run(Levers())[0].matrix
    contrib = compute_contributions(m, inputs.weights)
    res = compute_balance(m, inputs.weights)
    t = results_table(res.exposure, m, contrib)
    assert len(t) == len(res.exposure) + 2 * m.size
    by = t.groupby("measure")["value"].sum()
    assert by["exposure"] == pytest.approx(100) and by["contribution"] == pytest.approx(100)
    sens = label_sensitivity(compute_sensitivity(m, inputs.weights), model.vector_names, model.dimension_names)
    shares = sens[sens["kind"] == "share"].iloc[0]
    assert shares["input"] == f"{model.dimension_names[shares['dimension']]} / {model.vector_names[shares['vector']]}"
    assert any(i.startswith("weight of ") for i in sens["input"])


def test_the_scenario_year_beside_the_data(model):
    from posture import dependency as dep

    base, scen = model.run(Levers(cpc_outage_pct=100, cpc_outage_months=12))
    oil, shares = dep.with_scenario_year(model.oil, model.shares, scen.oil_year, model.latest_year)
    added = oil[oil["period"] == "scenario"]
    assert len(oil) == len(model.oil) + len(scen.oil_year) and set(added["label"]) == {f"{model.latest_year} scenario"}
    row = shares[shares["label"] == f"{model.latest_year} scenario"].iloc[0]
    assert row["period_kind"] == "full year" and row["cpc_only"] == pytest.approx(scen.share_via_russia["cpc_only"])
    assert len(shares) == len(model.shares) + 1


def test_the_oil_prices_start_is_the_datas_in_the_slider_too(model):
    from posture.scenario import specs_by_id

    specs = specs_by_id({**model.params, "oil_price_default": 85.0}, model.oil_latest)
    assert specs["oil_price"].start == 85.0 and specs["reroute_mt"].start == Levers().reroute_mt


def test_where_each_cell_comes_from_is_named(model):
    from posture.balance_inputs import named_cells

    named = named_cells(model.ties, model.vector_names, model.dimension_names)
    assert set(named["vector"]) == set(model.vector_names.values()) and len(named) == len(model.ties)
    assert (named["share"] == model.ties["share"]).all()
