"""Dependency metrics: shares from the tables and geometry, HHI, concentration, flows."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from posture import dependency as dep

ROOT = Path(__file__).resolve().parents[1]


def test_shares_sum_to_100_per_period(model):
    for label, g in model.oil.groupby("label"):
        s = model.shares.set_index("label").loc[label]
        assert s["bypassing_russia"] + s["all_russian_transit"] + s["unattributed"] == pytest.approx(100)
        assert g["mt"].sum() == pytest.approx(s["total_mt"])


def test_crosses_russia_comes_from_geometry(model):
    t = model.transit
    assert t.at["cpc", "crosses_russia"] is True
    assert t.at["aktau_btc", "crosses_russia"] is False
    assert t.at["china_pipeline", "crosses_russia"] is False
    assert t.at["druzhba_germany", "crosses_russia"] is True
    assert t.at["rail", "crosses_russia"] is None  # no geometry: transit unknown, never guessed
    assert t.at["aktau_btc", "first_foreign"] == "AZE" and t.at["aktau_btc", "vector"] == "TURKIC"


def test_latest_year_matches_the_published_figures(model):
    s = model.shares[model.shares["label"] == "2025"].iloc[0]
    assert s["cpc_only"] == pytest.approx(100 * 64.8 / 78.7, abs=0.05)  # the 'about 80%' figure
    assert s["all_russian_transit"] > 90  # 'about 90% or more'
    assert s["cpc_only"] <= s["all_russian_transit"]


def test_2022_agrees_with_nus_and_reuters(model, dataset):
    s = model.shares[model.shares["label"] == "2022"].iloc[0]
    pub = dataset["oil_published_shares"]
    nus = pub[(pub["year"] == 2022) & pub["measure"].str.startswith("Russian-controlled")]["share_pct"].iloc[0]
    assert s["all_russian_transit"] == pytest.approx(nus, abs=s["unattributed"] + 1)


def test_unattributed_is_total_minus_routes(model):
    # 2022 (was 2023: since issue 16, 2023's residual is the labelled Atyrau-Samara estimate, so nothing is left)
    g = model.oil[(model.oil["label"] == "2022")]
    un = g[g["route"] == dep.UNATTRIBUTED]["mt"].sum()
    assert un > 0
    assert un == pytest.approx(64.0 - g[g["route"] != dep.UNATTRIBUTED]["mt"].sum())


def _rows(*routes):
    """Route rows as compute_oil_exports gives them: (route, Mt, crosses Russia, sold to Western markets)."""
    return pd.DataFrame([{"route": r, "mt": mt, "crosses_russia": cr, "western_market": w}
                         for r, mt, cr, w in routes])


def test_western_definition_counts_a_western_route_that_crosses_russia():
    s = dep.share_via_russia(_rows(("atyrau_samara", 8.0, True, True), ("aktau_btc", 2.0, False, True)))
    assert s["western_via_russia"] == pytest.approx(80.0)  # 8 of the 10 Mt sold west cross Russia


def test_western_definition_ignores_a_route_that_does_not_cross_russia_in_the_numerator():
    only_btc = dep.share_via_russia(_rows(("aktau_btc", 2.0, False, True)))
    assert only_btc["western_via_russia"] == pytest.approx(0.0)
    both = dep.share_via_russia(_rows(("cpc", 10.0, True, True), ("aktau_btc", 10.0, False, True)))
    assert both["western_via_russia"] == pytest.approx(50.0)


def test_western_definition_leaves_out_other_markets_and_unknown_transit():
    s = dep.share_via_russia(_rows(("cpc", 9.0, True, True), ("aktau_btc", 1.0, False, True),
                                   ("china_pipeline", 90.0, False, False),  # sold to China: not in the Western share
                                   ("aktau_other", 5.0, None, True),  # Western market, transit unknown
                                   ("rail", 1.0, None, None)))  # market not stated
    assert s["western_via_russia"] == pytest.approx(90.0)
    assert s["western_mt"] == pytest.approx(15.0)
    assert s["western_unattributed"] == pytest.approx(100 * 5 / 15)
    assert s["cpc_only"] == pytest.approx(100 * 9 / 106)  # the other definitions divide by all crude exports


def test_market_region_comes_from_the_table_and_transit_from_geometry(model):
    t = model.transit
    assert t.at["aktau_btc", "western_market"] is True and t.at["aktau_btc", "crosses_russia"] is False
    assert t.at["china_pipeline", "western_market"] is False
    assert t.at["rail", "western_market"] is None


def test_three_definitions_by_year(model):
    """The 80% is CPC's share of all crude exports; of the crude sold west nearly all crosses Russia."""
    s = model.shares.set_index("label")
    for label in ("2022", "2023", "2025"):
        r = s.loc[label]
        assert 75 <= r["cpc_only"] <= 85
        assert r["cpc_only"] < r["all_russian_transit"] < r["western_via_russia"]
        assert r["western_via_russia"] > 97
    assert s.loc["2025", "western_via_russia"] == pytest.approx(100 * (64.8 + 8.8 + 2.2) / (64.8 + 8.8 + 2.2 + 1.5),
                                                                abs=0.01)


def test_2023_atyrau_samara_is_a_labelled_estimate(dataset):
    ex = dataset["oil_exports"]
    row = ex[(ex["year"] == 2023) & (ex["export_route"] == "atyrau_samara")].iloc[0]
    assert row["basis"] == "estimate" and row["confidence"] == "low"
    assert "analyst's estimate" in row["note"] and "Reuters" in row["source"]


def test_a_route_added_to_the_data_moves_the_share(model):
    """Add a route that crosses Russia to 2025: the share crossing Russia rises."""
    base = dep.compute_share_via_russia(model.oil_latest).iloc[0]["all_russian_transit"]
    extra = pd.DataFrame([{**model.oil_latest.iloc[0].to_dict(), "route": "atyrau_samara", "mt": 10.0}])
    more = dep.compute_share_via_russia(pd.concat([model.oil_latest, extra])).iloc[0]["all_russian_transit"]
    assert more > base
    bypass = pd.DataFrame([{**model.oil_latest.iloc[0].to_dict(), "route": "aktau_btc", "mt": 10.0,
                            "crosses_russia": False}])
    less = dep.compute_share_via_russia(pd.concat([model.oil_latest, bypass])).iloc[0]["all_russian_transit"]
    assert less < base


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=1, max_size=12))
def test_hhi_bounds(raw):
    total = sum(raw)
    if total == 0:
        return
    shares = [100 * x / total for x in raw]
    hhi = dep.compute_hhi(shares)
    assert 10000 / len(shares) - 1e-6 <= hhi <= 10000 + 1e-6


def test_hhi_extremes():
    assert dep.compute_hhi([100]) == 10000
    assert dep.compute_hhi([25, 25, 25, 25]) == 2500


def test_trade_total_is_derived_and_labelled(model):
    tot = model.trade_totals.set_index("year")
    assert tot.at[2023, "total_usd_bn"] == pytest.approx(135.9, abs=0.5)
    assert tot.at[2023, "basis"].startswith("derived")
    shares = model.trade_shares.table
    assert shares["share_pct"].sum() == pytest.approx(100)
    assert "EU27" in shares.at["EU", "basis"]  # the aggregate, not its members added again


def test_trade_series_never_mixes_statistics(dataset):
    kz = dep.compute_trade_series(dataset["trade"], "kazakh")
    cn = dep.compute_trade_series(dataset["trade"], "chinese")
    assert set(kz[kz["partner"] == "CHN"]["statistics"]) == {"kazakh"}
    assert set(cn[cn["partner"] == "CHN"]["statistics"]) == {"chinese"}
    assert not (kz["statistics"] == "chinese").any()


def test_conflicting_sources_keep_both_and_use_the_default(dataset):
    rus = dataset["trade"][(dataset["trade"]["partner"] == "RUS") & (dataset["trade"]["year"] == 2023)
                           & (dataset["trade"]["months"] == 12)]
    assert sorted(rus["value_usd_bn"]) == [26.0, 28.5]
    pick = dep.pick_partner_value(dataset["trade"], "RUS", 2023)
    assert pick["value"] == 26.0


def test_investment_shares(model):
    inv = model.investment
    assert inv["share_pct"].sum() == pytest.approx(100)
    assert inv.at["EU", "value_usd_bn"] == 12.5  # EU-27 aggregate, the Netherlands not added twice


def test_concentration_summary(model, dataset):
    c = dep.compute_concentration_summary(model.oil_latest, model.trade_shares, model.investment,
                                          dataset["arms_imports"], model.vector_ids, model.vector_names)
    assert (c["hhi"] <= 10000).all() and (c["hhi"] > 0).all()
    arms = c[c["dimension"].str.startswith("Arms")].iloc[0]
    assert arms["largest"] == "Russia" and arms["largest_share_pct"] == 88


def test_what_stops(model, dataset):
    routes = dep.compute_what_stops_routes(model.oil_latest)
    assert routes.iloc[0]["route"] == "cpc"
    assert routes["share_pct"].sum() == pytest.approx(100)
    c = dep.compute_what_stops_countries(model.oil_latest, model.transit, model.trade_shares, dataset["partners"],
                                         model.country_names).set_index("iso3")
    assert c.at["RUS", "crude_share_pct"] == pytest.approx(
        model.shares[model.shares["label"] == "2025"].iloc[0]["all_russian_transit"])


def test_flows_conserve_volume(model, dataset):
    flows = dep.compute_oil_flows(model.oil_latest, dataset["oil_field_flows"], model.transit, model.country_names)
    total = model.oil_latest["mt"].sum()
    for stage in ("field", "route", "transit"):  # each stage carries the whole volume
        assert flows[flows["source_stage"] == stage]["mt"].sum() == pytest.approx(total)


def test_corridor_comparison_is_computed_from_legs(model, dataset):
    cmp = dep.compute_corridor_comparison(dataset["corridor_comparison"], model.route_metrics, model.country_names)
    north = cmp.set_index("id").loc["northern"]
    assert "RUS" in north["countries"] and "BLR" in north["countries"]
    assert "RUS" not in cmp.set_index("id").loc["middle"]["countries"]


def test_cli_dependencies_json():
    r = subprocess.run([sys.executable, "-m", "posture", "dependencies", "--json"], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    rec = d["oil_exports"][0]
    assert {"year", "route", "mt", "crosses_russia"} <= set(rec)
    s = {x["label"]: x for x in d["share_via_russia"]}
    assert {"cpc_only", "all_russian_transit", "western_via_russia", "western_unattributed"} <= set(s["2025"])
    assert s["2025"]["western_via_russia"] > s["2025"]["all_russian_transit"] > s["2025"]["cpc_only"]
    assert set(d["definitions"]) == {"cpc_only", "all_russian_transit", "western_via_russia"}
    assert {c["dimension"] for c in d["concentration"]} >= {"Trade turnover by vector", "Arms imports by supplier"}
    r = subprocess.run([sys.executable, "-m", "posture", "dependencies", "--year", "2023", "--json"], cwd=ROOT,
                       capture_output=True, text=True)
    assert {x["year"] for x in json.loads(r.stdout)["oil_exports"]} == {2023}
