"""What the screen says: chart titles and notes that state what the scenario does (posture/viz/titles.py),
and the scenario figures as JSON (no log axis hiding a loss, names not codes, readable tornado labels)."""
from __future__ import annotations

import json

import pytest

from posture.balance import compute_sensitivity
from posture.scenario import Levers, run_scenario
from posture.viz import charts, titles

CPC_OUTAGE = Levers(cpc_outage_pct=100, cpc_outage_months=1)


def preset(model, pid: str) -> Levers:
    return next(p for p in model.presets if p.id == pid).levers


@pytest.fixture(scope="module")
def outage(model):
    return run_scenario(model.default_inputs, preset(model, "cpc_outage"))


@pytest.fixture(scope="module")
def isolation(model):
    return run_scenario(model.default_inputs, preset(model, "isolation"))


def test_the_cpc_outage_preset_is_the_case_under_test(model):
    assert preset(model, "cpc_outage") == CPC_OUTAGE


def test_cpc_outage_route_title_says_what_is_lost(outage):
    base, scen = outage
    t = titles.routes_title(base, scen)
    assert t.startswith(f"{scen.stranded_mt:.1f} Mt of crude stranded") and "5.4 Mt" in t
    assert f"${scen.revenue_at_risk_usd_bn:.1f}bn at $70/bbl" in t
    assert "CPC Tengiz-Novorossiysk 64.8 → 59.4 Mt" in t
    assert "stays at" not in t, "the share barely moving is not the headline of an outage"
    assert "smaller total" in t


def test_cpc_outage_exposure_title_explains_why_it_barely_moves(model, outage):
    base, scen = outage
    t = titles.exposure_title(base, scen, model.vector_names)
    assert "barely moves" in t and "stranded crude is lost" in t


def test_cpc_outage_shares_are_not_coloured_as_a_gain(outage):
    base, scen = outage
    assert scen.share_via_russia["all_russian_transit"] < base.share_via_russia["all_russian_transit"]
    c = titles.delta_colours(base, scen)
    assert c["via_russia"] == c["via_cpc"] == "off" and c["stranded"] == "inverse"


def test_reroute_alone_colours_a_lower_share_via_russia_as_good(model):
    base, scen = run_scenario(model.default_inputs, Levers(reroute_mt=3))
    c = titles.delta_colours(base, scen)
    assert c["via_russia"] == "inverse" and c["index"] == "off" and c["stranded"] == "off"
    t = titles.routes_title(base, scen)
    assert t.startswith("Crude crossing Russia: 93% against 96% in the baseline; ")  # the browser test reads this
    assert "Aktau-Baku tankers, then BTC 1.5 → 4.5 Mt" in t and "stranded" not in t


def test_baseline_titles(model):
    base, scen = run_scenario(model.default_inputs, Levers())
    assert titles.routes_title(base, scen) == "Crude crossing Russia stays at 96%"
    assert titles.exposure_title(base, scen, model.vector_names).startswith("Exposure barely moves")
    assert titles.trade_title(base, scen, model.vector_names).endswith("(as in the baseline)")
    assert titles.index_note(base, scen, model.vector_names) is None


def test_isolation_says_ties_were_cut_not_added(model, isolation):
    base, scen = isolation
    assert scen.balance.index > base.balance.index + 1  # the index rises...
    note = titles.index_note(base, scen, model.vector_names)
    assert note.startswith("The index rises partly because ties are cut, not added")  # ...and says why
    assert "trade with Russia down" in note and "Mt of crude stranded" in note
    e = titles.exposure_title(base, scen, model.vector_names)
    assert e.startswith("Russia loses") and "European Union gains" in e and "ties cut" in e
    assert "RUS" not in e and "EU " not in e, "vector names, not codes"
    assert titles.delta_colours(base, scen)["index"] == "off"


def test_moved_ties_are_not_called_cut(model):
    base, scen = run_scenario(model.default_inputs, Levers(western_security_pts=10, growth_eu_pct=20))
    assert scen.balance.index > base.balance.index
    assert titles.index_note(base, scen, model.vector_names) is None
    assert "ties cut" not in titles.exposure_title(base, scen, model.vector_names)


def test_trade_restriction_is_a_cut(model):
    base, scen = run_scenario(model.default_inputs, Levers(russia_restriction_pct=5))
    assert titles.ties_cut(base, scen, model.vector_names) == ["trade with Russia down 5% ($1.3bn)"]


def test_numbers_as_a_briefer_reads_them():
    assert [titles.number(x) for x in (87, 100.0, 97.04, 0.5, 1.5, 11.94, 0)] == \
        ["87", "100", "97", "0.5", "1.5", "11.9", "0"]


# ---------------------------------------------------------------- the figures, as JSON

def test_route_chart_under_the_outage_shows_the_loss_on_a_linear_axis(model, outage):
    base, scen = outage
    d = charts.build_route_volume_chart(base.oil_year, scen.oil_year, model.vector_colours,
                                        titles.routes_title(base, scen), "s").to_dict()
    assert d["layout"]["xaxis"]["type"] == "linear", "a log axis squeezed a loss of 5.4 Mt into a sliver"
    assert "stranded" in d["layout"]["title"]["text"].replace("<br>", " ")
    scen_bar = d["data"][1]
    cpc = next(i for i, y in enumerate(scen_bar["y"]) if y.startswith("CPC"))
    assert scen_bar["text"][cpc] == "59.4 (-5.4)"
    assert d["layout"]["xaxis"]["range"][1] > max(scen_bar["x"]), "the labels beside the bars have room"


def test_scenario_figures_use_vector_names_not_codes(model, isolation):
    base, scen = isolation
    e = charts.build_exposure_chart(scen.balance.exposure, model.vector_names, model.vector_colours,
                                    base.balance.exposure, titles.exposure_title(base, scen, model.vector_names),
                                    "s").to_dict()
    t = charts.build_vector_share_bars(scen.trade.table, model.vector_names, model.vector_colours,
                                       titles.trade_title(base, scen, model.vector_names), "s",
                                       baseline=base.trade.table["share_pct"]).to_dict()
    codes = set(model.vector_ids)
    for d in (e, t):
        labels = set(d["data"][-1]["y"])
        assert not labels & codes and "Türkiye and the Turkic states" in labels
        words = set(d["layout"]["title"]["text"].replace("<br>", " ").replace(";", " ").split())
        assert not words & codes, d["layout"]["title"]["text"]


def test_tornado_labels_are_formatted(model):
    sens = compute_sensitivity(model.baseline_balance_matrix if hasattr(model, "baseline_balance_matrix")
                               else run_scenario(model.default_inputs, Levers())[0].matrix, model.weights)
    d = json.loads(charts.build_tornado_chart(sens, 87.0, top=len(sens)).to_json())
    labels = [y.replace("<br>", " ") for y in d["data"][0]["y"]]
    assert not any("e+" in lab or "e-" in lab for lab in labels), [lab for lab in labels if "e+" in lab]
    assert any("→ 100)" in lab for lab in labels)
    assert all(max(len(line) for line in y.split("<br>")) <= 40 for y in d["data"][0]["y"])


def test_recommendations_chart_rows_are_tall_enough(model):
    from posture.scenario import evaluate_recommendations
    rk = evaluate_recommendations(model.default_inputs, model.data["recommendations"])
    r = rk[rk["modelled"]]
    d = json.loads(charts.build_recommendations_chart(r).to_json())
    lines = sum(max(y.count("<br>") + 1, 2) for y in d["data"][0]["y"])
    assert d["layout"]["height"] >= 17 * lines + 150
    assert d["layout"]["barmode"] == "group"
