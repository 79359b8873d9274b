"""The posture by year: years covered, exposures summing to 100, one year's trade row moving that year only,
carried-over cells marked, the per-year estimates validated, the chart as JSON and the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from posture.catalog import TABLES
from posture.load import load_dataset
from posture.model import build_model
from posture.timeline import CARRIED, ESTIMATE, MEASURED, compute_posture_by_year, posture_by_year, years_table
from posture.validation import validate_frame, csv_row
from posture.viz.timeline import MAIN_EVENTS, build_balance_timeline, main_events

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def years(model):
    return posture_by_year(model)


def _by_year(model, trade=None, ties_by_year=None):
    t = model.data.tables
    return {y.year: y for y in compute_posture_by_year(
        model.oil, t["trade"] if trade is None else trade, t["fdi"], t["partners"], model.ties,
        t["ties_by_year"] if ties_by_year is None else ties_by_year, model.weights, model.vector_ids,
        model.dimension_ids)}


def test_every_year_from_2014_to_the_latest_full_year(model, years):
    assert [y.year for y in years] == list(range(2014, model.latest_year + 1))
    assert model.latest_year >= 2025


def test_exposures_sum_to_100_and_each_dimension_to_100(years):
    for y in years:
        assert float(y.balance.exposure.sum()) == pytest.approx(100)
        assert (y.matrix.sum(axis=1) - 100).abs().max() < 0.6, y.year
        assert 0 <= y.balance.index <= 100


def test_a_changed_trade_row_moves_that_year_and_no_other(model):
    trade = model.data["trade"].copy()
    # Russia's 2023 full-year turnover: 2022 and 2024 have their own Russian figures, no year carries 2023's trade
    sel = ((trade["partner"] == "RUS") & (trade["year"] == 2023) & (trade["months"] == 12) & (trade["flow"] == "turnover")
           & (trade["preferred"].astype(str) == "True"))
    assert sel.sum() == 1
    trade.loc[sel, "value_usd_bn"] = trade.loc[sel, "value_usd_bn"] * 1.5
    before, after = _by_year(model), _by_year(model, trade=trade)
    moved = [y for y in before if abs(after[y].balance.index - before[y].balance.index) > 1e-9]
    assert moved == [2023]
    assert after[2023].balance.exposure["RUS"] > before[2023].balance.exposure["RUS"]


def test_years_without_their_own_figures_are_marked_carried_over(years):
    by = {y.year: y for y in years}
    cells = by[2016].cells.set_index("dimension")
    for dim in ("trade", "energy_routes", "investment"):
        assert cells.at[dim, "status"] == CARRIED and cells.at[dim, "from_year"] == 2022
        assert cells.at[dim, "basis"].startswith("carried over from 2022")
    c22 = by[2022].cells.set_index("dimension")
    assert (c22.loc[["trade", "energy_routes", "investment"], "status"] == MEASURED).all()
    # 2024 was a partial year (January-October) until issue 16 added the full-year 2024 route figures; the
    # partial-year path is now tested on data without them (tests/test_oil_routes_by_year.py)
    assert by[2024].cells.set_index("dimension").at["energy_routes", "status"] == MEASURED
    # an estimate for the year where a documented change happened; the years after it carry it
    c24 = by[2024].cells.set_index("dimension")
    assert c24.at["energy_technology", "status"] == ESTIMATE
    assert by[2023].cells.set_index("dimension").at["energy_technology", "from_year"] == 2024
    assert by[2025].cells.set_index("dimension").at["energy_technology", "status"] == ESTIMATE
    table = years_table(years)
    assert (table.loc[table["year"] == 2016, "trade"] == "carried over from 2022").all()


def test_a_documented_change_moves_the_estimated_dimension(years):
    by = {y.year: y for y in years}
    # the vendor decision (June 2025): Russia's nuclear tie is higher after it than before
    assert by[2025].matrix.at["energy_technology", "RUS"] > by[2024].matrix.at["energy_technology", "RUS"]
    # the ANKA deal (2022): Türkiye's security tie is higher from 2022
    assert by[2022].matrix.at["security", "TURKIC"] > by[2021].matrix.at["security", "TURKIC"]


def test_every_per_year_estimate_has_its_event_reasoning_and_source(model):
    t = model.data["ties_by_year"]
    assert len(t) and t["event"].str.len().min() > 10 and t["reasoning"].str.startswith("Analyst's estimate").all()
    assert t["source"].str.contains("https://").all() and (t["confidence"] == "low").all()


@pytest.mark.parametrize("change, column, words", [
    (lambda f: f.assign(share=f["share"].where(f.index != 0, f["share"] + 5)), "share", "sums to"),
    (lambda f: f.assign(year_to=f["year_to"].where(f.index != 0, 2000)), "year_to", "before year_from"),
    (lambda f: f.assign(year=f["year"].where(f.index != 0, 2030)), "year", "outside"),
])
def test_the_per_year_file_is_validated_with_pandera(model, change, column, words):
    frame = change(model.data["ties_by_year"].copy())
    _, problems = validate_frame(frame.astype(object), TABLES["ties_by_year"].table, "ties_by_year.csv", csv_row)
    assert any(p.column == column and words in p.reason for p in problems), problems


def test_a_computed_dimension_in_the_per_year_file_is_refused(data_copy):
    path = data_copy / "balance/ties_by_year.csv"
    df = pd.read_csv(path)
    df.loc[df["dimension"] == "security", "dimension"] = "trade"
    df.to_csv(path, index=False)
    from posture.problems import DataError

    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert any("not an estimated dimension" in p.reason for p in err.value.problems)


def test_the_chart_as_json(model, years):
    base, scen = model.run([p for p in model.presets if p.id == "isolation"][0].levers)
    fig = build_balance_timeline(years, model.data["events"], model.vector_names, model.vector_colours,
                                 model.dimension_names, scenario=scen.balance, baseline=base.balance,
                                 scenario_name="Isolation")
    spec = json.loads(fig.to_json())
    go.Figure(spec)  # valid plotly
    index = spec["data"][0]
    assert index["x"] == [y.year for y in years] and index["y"][-1] == pytest.approx(years[-1].balance.index, abs=0.01)
    # hollow markers exactly where a computed dimension is carried over
    hollow = [x for x, c in zip(index["x"], index["marker"]["color"]) if c == "white"]
    assert 2016 in hollow and 2022 not in hollow
    names = [t.get("name") for t in spec["data"]]
    assert sum(1 for t in spec["data"] if t.get("yaxis") == "y2" and t.get("showlegend", True)) == len(model.vector_ids)
    branch = next(t for t in spec["data"] if str(t.get("name", "")).startswith("Scenario"))
    assert branch["x"] == [model.latest_year, model.latest_year + 1]
    assert branch["y"][1] == pytest.approx(scen.balance.index, abs=0.01) and branch["line"]["dash"] == "dash"
    assert "baseline" in names
    labels = {a["text"] for a in spec["layout"]["annotations"]}
    assert {"Russia invades Ukraine", "No BRICS bid", "Rosatom chosen", "EAEU treaty"} <= labels
    assert spec["layout"]["xaxis"]["ticktext"][-1] == "scenario"
    # without a scenario: no branch, the baseline marker only
    plain = json.loads(build_balance_timeline(years, model.data["events"], model.vector_names, model.vector_colours,
                                              baseline=base.balance).to_json())
    assert not any(str(t.get("name", "")).startswith("Scenario") for t in plain["data"])


def test_marked_events_come_from_the_events_file(model):
    ev = main_events(model.data["events"], 2014, model.latest_year)
    assert len(ev) == len(MAIN_EVENTS)
    for r in ev.itertuples():
        assert (model.data["events"]["date"] == r.date).any()
    feb22 = ev.set_index("date").at["2022-02-24", "x"]
    assert 2022 < feb22 < 2022.2


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_balance_by_year_on_the_command_line(model):
    r = cli("balance", "--by-year", "--json")
    assert r.returncode == 0, r.stderr
    recs = json.loads(r.stdout)
    assert [x["year"] for x in recs] == list(range(2014, model.latest_year + 1))
    for x in recs:
        assert {"year", "index", "effective_partners", "exposure", "measures", "dimensions", "sentence"} <= set(x)
        assert sum(x["exposure"].values()) == pytest.approx(100, abs=0.05)
        assert set(x["exposure"]) == set(model.vector_ids)
    assert "Energy export routes" in recs[-1]["sentence"]
    text = cli("balance", "--by-year")
    assert text.returncode == 0 and "2014" in text.stdout and "Trade (from 2022)" in text.stdout
    both = cli("balance", "--by-year", "--scenario", "isolation")
    assert both.returncode == 1 and "Traceback" not in both.stderr and "--by-year" in (both.stdout + both.stderr)


def test_balance_json_gives_every_measure_and_the_sentence():
    out = json.loads(cli("balance", "--json").stdout)
    assert out["index_measure"] == "partners" and out["index"] == pytest.approx(out["measures"]["partners"])
    assert set(out["measures"]) == {"partners", "hhi", "entropy", "largest"}
    assert "more than half" in out["sentence"] and "(1/HHI - 1) / (N - 1)" in out["formula"]
