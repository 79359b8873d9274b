"""Figures and decks tested as JSON, never as pixels."""
from __future__ import annotations

import base64
import json
import re

import numpy as np


from posture import dependency as dep
from posture.balance import compute_contributions, compute_sensitivity
from posture.scenario import Levers, run_scenario
from posture.viz import charts
from posture.viz.deck import MapOptions, build_route_deck


def _decode(o):
    """Plotly 7 writes numeric arrays as base64 typed arrays; turn them back into lists."""
    if isinstance(o, dict):
        if set(o) >= {"dtype", "bdata"}:
            arr = np.frombuffer(base64.b64decode(o["bdata"]), dtype=np.dtype(o["dtype"]))
            shape = [int(x) for x in str(o["shape"]).split(",")] if "shape" in o else [-1]
            return arr.reshape(shape).tolist()
        return {k: _decode(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_decode(v) for v in o]
    return o


def fig_json(fig) -> dict:
    """The figure as the browser receives it (JSON), with typed arrays decoded."""
    return _decode(json.loads(fig.to_json()))


def title(d) -> str:
    return d["layout"]["title"]["text"].replace("<br>", " ")


def test_oil_exports_chart(model):
    d = fig_json(charts.build_oil_exports_chart(model.oil, model.shares, model.vector_colours))
    assert "of 10 tonnes of crude cross Russia" in title(d) and "CPC alone carries 82%" in title(d)
    names = {t["name"] for t in d["data"]}
    assert "CPC Tengiz-Novorossiysk" in names and "Not attributed to a route in the sources" in names
    cpc = next(t for t in d["data"] if t["name"] == "CPC Tengiz-Novorossiysk")
    assert cpc["marker"]["color"] == model.vector_colours["RUS"]  # the vector's colour everywhere
    btc = next(t for t in d["data"] if t["name"].startswith("Aktau-Baku"))
    assert btc["marker"]["color"] == model.vector_colours["TURKIC"]
    assert d["layout"]["xaxis"]["type"] == "category"
    notes = " ".join(a["text"] for a in d["layout"]["annotations"])
    assert [a["x"] for a in d["layout"]["annotations"]] == list(range(len(d["layout"]["xaxis"]["categoryarray"])))
    assert "plan" in notes and "partial year" in notes
    assert "Sources:" in d["layout"]["title"]["subtitle"]["text"]
    pct = fig_json(charts.build_oil_exports_chart(model.oil, model.shares, model.vector_colours, unit="pct"))
    assert pct["layout"]["yaxis"]["title"]["text"] == "% of exports"


def test_share_chart_and_sankey(model, dataset):
    d = fig_json(charts.build_share_via_russia_chart(model.shares, model.vector_colours["RUS"]))
    named = {str(t.get("name")).split(":")[0] for t in d["data"] if t.get("name")}
    assert named == {"CPC only", "All Russian transit", "Western markets via Russia"}  # all three definitions
    flows = dep.compute_oil_flows(model.oil_latest, dataset["oil_field_flows"], model.transit, model.country_names)
    s = fig_json(charts.build_oil_sankey(flows, "2025", model.vector_colours,
                                         dict(zip(model.oil_latest["route_name"], model.oil_latest["vector"]))))
    labels = [label.replace("<br>", " ") for label in s["data"][0]["node"]["label"]]  # wrapped to fit their column
    assert {"Tengiz", "Kashagan", "Karachaganak", "CPC Tengiz-Novorossiysk", "Russia"} <= set(labels)


def test_trade_chart_toggle_changes_china(dataset, model):
    pv = dict(zip(dataset["partners"]["partner"], dataset["partners"]["vector"]))
    kz = fig_json(charts.build_trade_chart(dep.compute_trade_series(dataset["trade"], "kazakh"), pv,
                                           model.vector_colours, "kazakh"))
    cn = fig_json(charts.build_trade_chart(dep.compute_trade_series(dataset["trade"], "chinese"), pv,
                                           model.vector_colours, "chinese"))
    y = lambda d: [v for t in d["data"] if t["name"] == "China" for v in t["y"]]
    assert y(kz) != y(cn) and 31.2 in y(cn) and 24.1 in y(kz)
    assert "Chinese customs" in cn["layout"]["title"]["subtitle"]["text"]


def test_vector_colours_are_the_same_everywhere(model):
    tt = model.trade_shares.table
    d = fig_json(charts.build_vector_share_bars(tt, model.vector_names, model.vector_colours, "t", "s"))
    bar = d["data"][-1]
    for name, colour in zip(bar["y"], bar["marker"]["color"]):
        vid = {v: k for k, v in model.vector_names.items()}[name]
        assert colour == model.vector_colours[vid]


def test_balance_figures(model):
    base, scen = run_scenario(model.default_inputs, Levers(western_security_pts=10))
    e = fig_json(charts.build_exposure_chart(scen.balance.exposure, model.vector_names, model.vector_colours,
                                             base.balance.exposure, "t", "s"))
    assert [t["name"] for t in e["data"]] == ["Baseline", "Scenario"]  # the baseline always shown behind
    h = fig_json(charts.build_ties_heatmap(scen.matrix, model.vector_names, model.dimension_names))
    assert h["data"][0]["zmax"] == 100 and "Strongest single tie" in title(h)
    c = fig_json(charts.build_contributions_chart(compute_contributions(scen.matrix, model.weights),
                                                  model.vector_names, model.dimension_names))
    assert len(c["data"]) == len(model.dimension_ids)
    sens = compute_sensitivity(base.matrix, model.weights)
    t = fig_json(charts.build_tornado_chart(sens, base.balance.index))
    assert "What would change the picture most" in title(t)


def test_corridor_chart_shows_targets(dataset):
    d = fig_json(charts.build_corridor_chart(dataset["corridor_volumes"], "#D81B60"))
    names = " ".join(t["name"] for t in d["data"])
    assert "World Bank 2030" in names and "Route capacity" in names
    assert "11 Mt possible by 2030" in title(d)


def test_figures_are_small(model):
    """Small figure specs keep slider moves light: no chart above 40 KB of JSON."""
    base, scen = run_scenario(model.default_inputs, Levers(reroute_mt=2))
    figs = [
        charts.build_exposure_chart(scen.balance.exposure, model.vector_names, model.vector_colours,
                                    base.balance.exposure, "t", "s"),
        charts.build_route_volume_chart(base.oil_year, scen.oil_year, model.vector_colours, "t", "s"),
        charts.build_oil_exports_chart(model.oil, model.shares, model.vector_colours),
    ]
    for f in figs:
        assert len(f.to_json()) < 40_000


# ---------------------------------------------------------------- the deck

def deck_json(model, opts=MapOptions(), countries=None):
    d = model.data
    deck = build_route_deck(d.routes, model.route_metrics, d.nodes, countries or {"type": "FeatureCollection", "features": []},
                            {"type": "FeatureCollection", "features": []}, d["partners"], model.vector_colours,
                            model.country_names, opts)
    return json.loads(deck.to_json()), deck.to_json()


def test_deck_has_our_layers_and_no_base_map(model):
    j, raw = deck_json(model)
    ids = [l["id"] for l in j["layers"]]
    assert ids[:3] == ["sea", "countries", "water"] and {"routes", "nodes", "labels"} <= set(ids)
    assert j.get("mapProvider") is None
    assert j.get("mapStyle") in (None, "__MAP_STYLE__")  # the sentinel: Streamlit then adds no base map
    assert not re.search(r"https?://", raw)  # no tile, style or CDN URL anywhere in the deck
    routes = next(l for l in j["layers"] if l["id"] == "routes")
    assert routes["widthUnits"] == "pixels" and routes["pickable"] is True
    assert len(routes["data"]) == len(model.data.routes)


def test_deck_served_base_map_is_our_own_host(model):
    urls = {"countries": "app/static/geo/countries.geojson", "water": "app/static/geo/water.geojson"}
    j, raw = deck_json(model, MapOptions(base_urls=urls))
    layers = {l["id"]: l for l in j["layers"]}
    assert layers["countries"]["data"] == urls["countries"]
    assert len(raw) < 100_000  # the base map is fetched once from our server, not embedded
    assert "\n" not in raw  # compact JSON: Streamlit sends it on every rerun


def test_deck_filters_and_highlight(model):
    j, _ = deck_json(model, MapOptions(layers=("oil",), statuses=("operating",), highlight_russia=True))
    recs = next(l for l in j["layers"] if l["id"] == "routes")["data"]
    assert {r["layer"] for r in recs} == {"oil"}
    cpc = next(r for r in recs if r["id"] == "cpc")
    assert cpc["color"][:3] == [int(model.vector_colours["RUS"][i:i + 2], 16) for i in (1, 3, 5)]
    kcp = next(r for r in recs if r["id"] == "kcp_atasu_alashankou")
    assert kcp["color"][:3] == [150, 150, 150]


def test_deck_tooltip_fields(model):
    j, _ = deck_json(model)
    cpc = next(r for r in next(l for l in j["layers"] if l["id"] == "routes")["data"] if r["id"] == "cpc")
    text = " ".join(str(cpc[k]) for k in cpc if k.startswith("tt_"))
    for part in ("Capacity: 81.5 Mt/yr", "Length:", "Operator:", "Crosses: Kazakhstan, Russia", "Source:"):
        assert part in text


def test_deck_widths_follow_scenario_volume(model):
    base, scen = run_scenario(model.default_inputs, Levers(reroute_mt=5))
    bv = dep.compute_segment_volumes(base.oil_year, model.transit)
    sv = dep.compute_segment_volumes(scen.oil_year, model.transit)
    j, _ = deck_json(model, MapOptions(scenario_volumes=sv, baseline_volumes=bv))
    recs = {r["id"]: r for r in next(l for l in j["layers"] if l["id"] == "routes")["data"]}
    assert recs["btc"]["width"] > recs["baku_supsa"]["width"]
    ghost = next(l for l in j["layers"] if l["id"] == "baseline")
    assert {r["id"] for r in ghost["data"]} >= {"cpc", "btc"}
    _, b_only = deck_json(model, MapOptions(scenario_volumes=bv, baseline_volumes=bv))
    assert json.loads(b_only)  # baseline as scenario still builds


def test_dict_built_figures_pass_plotly_validation(model):
    """Charts redrawn on slider moves are built as dicts without plotly's validators (for speed):
    validate them here with the full validators, so a misspelt property still fails."""
    import plotly.graph_objects as go

    base, scen = run_scenario(model.default_inputs, Levers(reroute_mt=2, western_security_pts=5))
    figs = [
        charts.build_exposure_chart(scen.balance.exposure, model.vector_names, model.vector_colours,
                                    base.balance.exposure, "t", "s"),
        charts.build_vector_share_bars(scen.trade.table, model.vector_names, model.vector_colours, "t", "s",
                                       baseline=base.trade.table["share_pct"]),
        charts.build_route_volume_chart(base.oil_year, scen.oil_year, model.vector_colours, "t", "s"),
        charts.build_ties_heatmap(scen.matrix, model.vector_names, model.dimension_names),
        charts.build_contributions_chart(compute_contributions(scen.matrix, model.weights), model.vector_names,
                                         model.dimension_names),
        charts.build_index_bullet(80.0, 85.0),
    ]
    for f in figs:
        go.Figure(json.loads(f.to_json()))  # raises on any invalid property


def test_png_export_works_offline_with_the_system_chromium(model):
    """The page's 'Image (PNG)' button: kaleido renders with the system Chromium, no download."""
    from pathlib import Path

    import pytest as _pytest

    if not Path("/usr/bin/chromium").exists():
        _pytest.skip("Debian's chromium is not installed")
    from components.layout import _png

    fig = charts.build_share_via_russia_chart(model.shares, model.vector_colours["RUS"])
    png = _png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n", png[:200]
    spec = charts.build_index_bullet(80.0, 85.0)  # a dict-built figure exports too
    assert _png(spec)[:4] == b"\x89PNG"
