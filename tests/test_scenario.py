"""Scenario levers: each moves the tables in the expected direction, within its bounds; presets reproduce."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import posture.scenario as scenario_module
from posture.scenario import (
    VENDORS,
    Levers,
    apply_levers,
    evaluate_recommendations,
    lever_specs,
    parse_levers,
    run_scenario,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inputs(model):
    return model.default_inputs


def run(inputs, **kw):
    return run_scenario(inputs, Levers(**kw))


def test_baseline_is_the_data(model, inputs):
    base, scen = run(inputs)
    assert scen.balance.index == pytest.approx(base.balance.index)
    assert base.share_via_russia["all_russian_transit"] == pytest.approx(
        model.shares[model.shares["label"] == "2025"].iloc[0]["all_russian_transit"])
    assert base.stranded_mt == 0 and base.warnings == ()


def test_rerouting_lowers_the_share_via_russia_and_is_capped(inputs, model):
    base, s = run(inputs, reroute_mt=3)
    assert s.share_via_russia["all_russian_transit"] < base.share_via_russia["all_russian_transit"]
    assert s.share_via_russia["cpc_only"] < base.share_via_russia["cpc_only"]
    btc = lambda r: r.oil_year.set_index("route").at["aktau_btc", "mt"]
    assert btc(s) == pytest.approx(btc(base) + 3)
    _, huge = run(inputs, reroute_mt=50)
    cap = model.params["trans_caspian_physical_mt"]
    assert btc(huge) == pytest.approx(cap)  # never above the stated trans-Caspian capacity
    assert any("exceeds the trans-Caspian route's room" in w for w in huge.warnings)
    assert any("contracted with Azerbaijan" in w for w in s.warnings)
    assert huge.oil_year["mt"].sum() == pytest.approx(base.oil_year["mt"].sum())  # rerouted, not lost


def test_full_cpc_outage_strands_its_volume(inputs):
    base, s = run(inputs, cpc_outage_pct=100, cpc_outage_months=12, oil_price=80)
    cpc = base.oil_year.set_index("route").at["cpc", "mt"]
    assert s.stranded_mt == pytest.approx(cpc)
    assert s.revenue_at_risk_usd_bn == pytest.approx(cpc * 7.33 * 80 / 1000)
    assert s.share_via_russia["cpc_only"] == pytest.approx(0)
    _, month = run(inputs, cpc_outage_pct=50, cpc_outage_months=1)
    assert month.stranded_mt == pytest.approx(cpc * 0.5 / 12)
    _, zero = run(inputs, cpc_outage_pct=50)
    assert zero.stranded_mt == 0 and any("duration is 0 months" in w for w in zero.warnings)


def test_trade_levers_move_trade_shares(inputs):
    base, s = run(inputs, russia_restriction_pct=20)
    t, b = s.trade.table, base.trade.table
    assert t.at["RUS", "value_usd_bn"] == pytest.approx(0.8 * b.at["RUS", "value_usd_bn"])
    assert t.at["RUS", "share_pct"] < b.at["RUS", "share_pct"]
    for lever, vec in (("growth_china_pct", "CHN"), ("growth_eu_pct", "EU"), ("growth_turkic_pct", "TURKIC")):
        _, g = run(inputs, **{lever: 50})
        assert g.trade.table.at[vec, "share_pct"] > b.at[vec, "share_pct"]
        assert g.matrix.at["trade", vec] > base.matrix.at["trade", vec]
        assert g.trade.total_usd_bn > base.trade.total_usd_bn


def test_alignment_levers_move_their_dimension(inputs):
    base, _ = run(inputs)
    _, w = run(inputs, western_security_pts=10)
    assert w.matrix.at["security", "RUS"] == pytest.approx(base.matrix.at["security", "RUS"] - 10)
    assert w.matrix.at["security", "USA"] > base.matrix.at["security", "USA"]
    _, b = run(inputs, brics_pts=10)
    assert b.matrix.at["political", "RUS"] + b.matrix.at["political", "CHN"] == pytest.approx(
        base.matrix.at["political", "RUS"] + base.matrix.at["political", "CHN"] + 10)
    _, c = run(inputs, cultural_pts=10)
    assert c.matrix.at["cultural", "RUS"] == pytest.approx(base.matrix.at["cultural", "RUS"] - 10)
    for res in (w, b, c):
        assert res.matrix.sum(axis=1).to_numpy() == pytest.approx(100)


def test_nuclear_vendor_moves_energy_technology(inputs, model):
    base, _ = run(inputs)
    pts = model.params["nuclear_vendor_points"]
    for vendor, (_, vec) in VENDORS.items():
        _, s = run(inputs, nuclear_vendor=vendor)
        if vendor == "RUS":
            assert s.matrix.equals(base.matrix)
        else:
            assert s.matrix.at["energy_technology", vec] == pytest.approx(base.matrix.at["energy_technology", vec] + pts)


def test_moscows_reaction_only_above_the_threshold(inputs):
    calm = Levers(western_security_pts=2, reaction_strength_pct=100, reaction_threshold_pts=10)
    base = inputs.baseline
    r = apply_levers(inputs, calm, baseline=base.balance)
    assert not r.reaction_triggered and r.stranded_mt == 0
    hot = replace(calm, western_security_pts=30, growth_eu_pct=80, reaction_threshold_pts=2)
    r = apply_levers(inputs, hot, baseline=base.balance)
    assert r.reaction_triggered and r.stranded_mt > 0
    assert r.trade.table.at["RUS", "value_usd_bn"] < base.trade.table.at["RUS", "value_usd_bn"]
    off = replace(hot, reaction_strength_pct=0)
    assert not apply_levers(inputs, off, baseline=base.balance).reaction_triggered


def test_lever_bounds_come_from_the_data(model):
    btc = model.oil_latest.set_index("route").at["aktau_btc", "mt"]
    specs = {s.id: s for s in lever_specs(model.params, btc)}
    assert specs["reroute_mt"].max == pytest.approx(model.params["trans_caspian_physical_mt"] - btc)
    assert set(specs) | {"nuclear_vendor"} == {f for f in Levers.__dataclass_fields__}


def test_presets_reproduce(model, inputs):
    ids = {p.id for p in model.presets}
    assert {"multivector", "western", "isolation", "cpc_outage"} <= ids
    results = {p.id: run_scenario(inputs, p.levers)[1].summary() for p in model.presets}
    again = {p.id: run_scenario(inputs, p.levers)[1].summary() for p in model.presets}
    assert results == again
    base = inputs.baseline
    assert results["isolation"]["reaction_triggered"] and results["isolation"]["stranded_mt"] > 0
    assert results["cpc_outage"]["stranded_mt"] == pytest.approx(base.oil_year.set_index("route").at["cpc", "mt"] / 12)
    assert results["western"]["share_via_russia"]["all_russian_transit"] < base.share_via_russia["all_russian_transit"]
    assert abs(results["multivector"]["index"] - base.balance.index) < 3  # the 'balanced course' barely moves


def test_levers_round_trip_and_migrate(monkeypatch):
    lv = Levers(reroute_mt=2.5, nuclear_vendor="CHN")
    assert Levers.from_dict(lv.to_dict()) == lv
    assert Levers.from_dict({"version": 0, "reroute_mt": 1}) == Levers(reroute_mt=1.0)  # missing keys: defaults
    # a key an older version used is migrated (renamed or retired), never confused with a typo
    monkeypatch.setitem(scenario_module.MIGRATIONS, 0, {"retired_lever": None, "reroute": "reroute_mt"})
    assert Levers.from_dict({"version": 0, "reroute": 1, "retired_lever": 9}) == Levers(reroute_mt=1.0)


def _problems(d, specs=None):
    levers, problems = parse_levers(d, specs, source="s.json")
    assert (levers is None) == bool(problems)
    return {p.column: p.reason for p in problems}


def test_a_scenario_file_with_an_unknown_key_is_named_not_the_baseline():
    # was: the typo was dropped and the file gave the baseline without a word
    got = _problems({"reroute_MT": 3})
    assert got == {"reroute_MT": "is not a lever (did you mean 'reroute_mt'?)"}
    with pytest.raises(ValueError, match="reroute_MT"):
        Levers.from_dict({"reroute_MT": 3})


def test_a_scenario_file_names_each_wrong_value(model):
    specs = scenario_module.specs_by_id(model.params, model.oil_latest)
    room = specs["reroute_mt"].max
    got = _problems(json.loads('{"reroute_mt": NaN, "growth_eu_pct": "20", "oil_price": true, "brics_pts": null,'
                               ' "nuclear_vendor": "XYZ", "cultural_pts": 999, "regional_pts": Infinity,'
                               f' "cpc_outage_pct": [1], "growth_china_pct": -50, "western_security_pts": 40}}'), specs)
    assert set(got) == {"reroute_mt", "growth_eu_pct", "oil_price", "brics_pts", "nuclear_vendor", "cultural_pts",
                        "regional_pts", "cpc_outage_pct"}  # the bounds themselves are fine
    assert "NaN" in got["reroute_mt"] and "NaN" in got["regional_pts"]
    assert "not a number (write it without quotes)" in got["growth_eu_pct"]
    assert got["oil_price"] == "true is not a number" and got["brics_pts"] == "null is not a number"
    assert "'XYZ' is not a vendor" in got["nuclear_vendor"] and "FRA" in got["nuclear_vendor"]
    assert got["cultural_pts"] == "999 is outside the lever's range, 0 to 30 points"
    assert "a list is not a number" == got["cpc_outage_pct"]
    assert _problems({"reroute_mt": room + 1}, specs)["reroute_mt"].startswith(f"{room + 1:g} is outside")
    assert _problems({"reroute_mt": room}, specs) == {}


@pytest.mark.parametrize("doc, column, reason", [
    ([1, 2], None, "is a list, not a scenario"),
    ("reroute_mt", None, "is a text, not a scenario"),
    (None, None, "is null, not a scenario"),
    ({"version": 99}, "version", "written by a newer program"),
    ({"version": "1"}, "version", "is not a schema version"),
])
def test_a_file_that_is_not_a_scenario_says_so(doc, column, reason):
    levers, problems = parse_levers(doc, source="s.json")
    assert levers is None and len(problems) == 1
    assert problems[0].column == column and reason in problems[0].reason and str(problems[0]).startswith("s.json")


def test_every_preset_and_recommendation_is_a_valid_scenario(model):
    specs = scenario_module.specs_by_id(model.params, model.oil_latest)
    for p in model.presets:
        assert parse_levers(p.levers.to_dict(), specs) == (p.levers, []), p.id
    for raw in model.data["recommendations"]["levers"]:
        assert parse_levers(json.loads(raw), specs)[1] == [], raw


def test_recommendations_are_ranked(model, inputs):
    r = evaluate_recommendations(inputs, model.data["recommendations"])
    modelled = r[r["modelled"]]
    assert (modelled["rank_key"].diff().dropna() <= 1e-9).all()
    corridor = r.set_index("id").loc["econ_corridor"]
    assert corridor["d_russia"] < 0
    assert not r.set_index("id").loc["reg_advocacy", "modelled"]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "posture", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_scenario_side_by_side(tmp_path):
    r = cli("balance", "--scenario", "isolation", "--json")
    assert r.returncode == 0, r.stdout
    d = json.loads(r.stdout)
    for side in ("baseline", "scenario"):
        assert {"index", "exposure", "share_via_russia"} <= set(d[side])
    assert d["scenario"]["share_via_russia"]["all_russian_transit"] != d["baseline"]["share_via_russia"]["all_russian_transit"]
    f = tmp_path / "s.json"
    f.write_text(json.dumps(Levers(reroute_mt=2).to_dict()))
    assert cli("balance", "--scenario", str(f), "--json").returncode == 0
    bad = cli("balance", "--scenario", "no-such-thing")
    assert bad.returncode == 1 and "neither a preset" in bad.stdout
    lst = cli("scenarios", "--json")
    assert {p["id"] for p in json.loads(lst.stdout)} >= {"multivector", "western", "isolation", "cpc_outage"}
