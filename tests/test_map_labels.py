"""The map's labels, tested on the deck's JSON: names that a room can read, that never collide at the opening view,
and a scale bar that says the truth. Label boxes are recomputed here from the JSON (position, anchor, offset, size)
with a Web Mercator projection from pyproj, not taken from the placement code."""
from __future__ import annotations

import json
import math
import re
from itertools import combinations
from pathlib import Path

import geopandas as gpd
import pyproj
import pytest
from shapely.geometry import Point

from components.data import BASE_URLS
from posture.viz import labels as L
from posture.viz.deck import FULL_VIEW, MapOptions, build_route_deck

ROOT = Path(__file__).resolve().parents[1]
TO_M = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
R_PI = math.pi * 6378137.0
PAIRS = [("Baku (Alat)", "Turkmenbashi"), ("Dostyk", "Khorgos"), ("Kashagan", "Tengiz")]


def deck_json(model, opts=MapOptions(base_urls=BASE_URLS), table=True):
    d = model.data
    deck = build_route_deck(d.routes, model.route_metrics, d.nodes, None, None, d["partners"], model.vector_colours,
                            model.country_names, opts, labels_table=d["map_labels"] if table else None)
    raw = deck.to_json()
    return json.loads(raw), raw


def text_layers(j) -> dict[str, dict]:
    return {l["id"]: l for l in j["layers"] if l["@@type"] == "TextLayer"}


def px(lon, lat, zoom=FULL_VIEW.zoom):
    x, y = TO_M.transform(lon, lat)
    size = 512 * 2 ** zoom
    return (x + R_PI) / (2 * R_PI) * size, (R_PI - y) / (2 * R_PI) * size


def boxes(layer, zoom=FULL_VIEW.zoom):
    """(text, box) for each row, as deck.gl lays it out: anchor, baseline and pixel offset from the row."""
    size = layer["getSize"]
    weight = layer.get("fontWeight", "normal")
    out = []
    for r in layer["data"]:
        x, y = px(*r["position"], zoom)
        dx, dy = r.get("offset", [0, 0])
        w, h = L.text_size_px(r["text"], size, weight)
        x, y = x + dx, y + dy
        o = L.OUTLINE_PX  # the halo reaches this far beyond the text's anchor edge
        x0 = {"start": x - o, "middle": x - w / 2, "end": x - w + o}[r.get("anchor", "middle")]
        y0 = {"top": y - o, "center": y - h / 2, "bottom": y - h + o}[r.get("baseline", "center")]
        out.append((r["text"], (x0, y0, x0 + w, y0 + h)))
    return out


def hit(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_deck_names_countries_seas_and_points(model):
    t = text_layers(deck_json(model)[0])
    countries = {r["text"] for r in t["country_names"]["data"]}
    seas = {r["text"].replace("\n", " ") for r in t["sea_names"]["data"]}
    points = {r["text"] for r in t["labels"]["data"]}
    assert {"Kazakhstan", "Russia", "China", "Turkey", "Iran", "Uzbekistan", "Turkmenistan"} <= countries
    assert {"Caspian Sea", "Black Sea", "Mediterranean Sea"} <= seas
    assert {a for p in PAIRS for a in p} | {"Aktau", "Novorossiysk (CPC)", "Ceyhan", "Poti"} <= points


def test_no_two_labels_collide_at_the_opening_view(model):
    t = text_layers(deck_json(model)[0])
    named = [b for lid in ("labels", "country_names", "sea_names") for b in boxes(t[lid])]
    clashes = [(a[0], b[0]) for a, b in combinations(named, 2) if hit(a[1], b[1])]
    assert not clashes


def test_the_issue_s_collisions_are_resolved(model):
    """Both labels of each pair are drawn, apart; drawn the old way (centred 12 px above the marker) they overlap."""
    t = text_layers(deck_json(model)[0])
    got = dict(boxes(t["labels"]))
    nodes = {n["label"]: n.geometry for _, n in model.data.nodes.iterrows() if isinstance(n["label"], str)}
    old = {"@@type": "TextLayer", "getSize": 15, "fontWeight": "bold",
           "data": [{"text": k, "position": [g.x, g.y], "offset": [0, -12]} for k, g in nodes.items()]}
    before = dict(boxes(old))
    for a, b in PAIRS:
        assert not hit(got[a], got[b]), (a, b)
        assert hit(before[a], before[b]), f"{a}/{b} did not collide in the old layout: the test proves nothing"


def test_labels_do_not_cover_another_marker(model):
    j = deck_json(model)[0]
    nodes = next(l for l in j["layers"] if l["id"] == "nodes")["data"]
    by_label = {n["label"]: n for n in nodes if n["label"]}
    for text, b in boxes(text_layers(j)["labels"]):
        own = by_label[text]
        ox, oy = px(*own["position"])
        for n in nodes:
            x, y = px(*n["position"])
            r = n["radius"]
            if math.hypot(x - ox, y - oy) <= r + own["radius"] + 2:
                continue  # the marker itself, or one drawn touching it (Aktau/Kuryk, Baku/Sangachal, Poti/Supsa)
            assert not hit(b, (x - r, y - r, x + r, y + r)), (text, n["name"])


def test_labels_are_projector_sized_with_a_halo_from_local_fonts(model):
    t = text_layers(deck_json(model)[0])
    for lid in ("labels", "country_names", "sea_names", "scale_text"):
        layer = t[lid]
        assert layer["getSize"] >= 14, lid
        assert layer["fontSettings"]["sdf"] is True and layer["outlineWidth"] > 0, lid  # outline needs sdf
        assert layer["fontFamily"].split(",")[-1].strip() == "sans-serif"
        assert layer["characterSet"] == "auto"  # non-ASCII names (Türkiye, Åland) draw too


def test_no_url_to_another_host_in_the_deck(model):
    _, raw = deck_json(model)
    assert "://" not in raw and "//" not in raw.replace("\\/", "/").replace("app/static", "")
    assert not re.search(r"fonts\.googleapis|gstatic|mapbox|carto|tile", raw, re.I)
    j = json.loads(raw)
    assert j["mapProvider"] is None if "mapProvider" in j else True
    served = [l["data"] for l in j["layers"] if isinstance(l.get("data"), str)]
    assert served and all(s.startswith("app/static/") for s in served)


def test_point_labels_follow_the_node_filter(model):
    t = text_layers(deck_json(model, MapOptions(base_urls=BASE_URLS, show_nodes=("oil field",)))[0])
    assert {r["text"] for r in t["labels"]["data"]} == {"Tengiz", "Kashagan", "Karachaganak"}
    t = text_layers(deck_json(model, MapOptions(base_urls=BASE_URLS, labels=False))[0])
    assert "labels" not in t and "country_names" in t


def test_far_labels_have_a_leader_line(model):
    j = deck_json(model)[0]
    rows = text_layers(j)["labels"]["data"]
    nodes = {n["label"]: n["position"] for n in next(l for l in j["layers"] if l["id"] == "nodes")["data"]}
    far = [r for r in rows if r["position"] != nodes[r["text"]]]
    leaders = next((l["data"] for l in j["layers"] if l["id"] == "label_leaders"), [])
    assert len(leaders) == len(far)
    for r in far:
        assert any(p["path"][0] == nodes[r["text"]] and p["path"][1] == r["position"] for p in leaders), r["text"]


def test_scale_bar_is_1000_km_along_45n():
    bar = L.SCALE_BAR
    (x0, y), (x1, _) = bar.paths()[0]
    geod = pyproj.Geod(ellps="WGS84")
    _, _, chord = geod.inv(0, 45, x1 - x0, 45)  # a geodesic chord is a little shorter than the parallel
    assert chord / 1000 == pytest.approx(1000, rel=0.003)
    assert bar.length_km == 1000 and bar.at_lat == 45
    assert any("45°N" in r["text"] for r in bar.labels()) and any(r["text"] == "1,000 km" for r in bar.labels())


def test_scale_bar_sits_in_open_sea_inside_every_opening_view():
    countries = gpd.read_file(ROOT / "static/geo/countries.geojson")
    for path in L.SCALE_BAR.paths():
        for lon, lat in path:
            assert not countries.contains(Point(lon, lat)).any(), (lon, lat)
    for v in L.view_boxes((FULL_VIEW.longitude, FULL_VIEW.latitude), FULL_VIEW.zoom):
        for lon, lat in L.SCALE_BAR.paths()[0]:
            x, y = px(lon, lat)
            assert v[0] <= x <= v[2] and v[1] <= y <= v[3]


def test_label_anchors_lie_in_their_country_or_sea(dataset):
    t = dataset["map_labels"]
    countries = dataset.countries.set_index("iso3")
    for _, r in t[t["kind"] == "country"].iterrows():
        assert countries.loc[r["iso3"], "geometry"].buffer(0.05).contains(Point(r["lon"], r["lat"])), r["name"]
    water = gpd.read_file(ROOT / "static/geo/water.geojson").set_index("name")
    land = countries.geometry.union_all()
    for _, r in t[t["kind"] != "country"].iterrows():
        p = Point(r["lon"], r["lat"])
        name = r["name"].replace(" | ", " ")
        if name in water.index:
            assert water.loc[name, "geometry"].contains(p), name
        else:
            assert not land.contains(p), name


def test_placement_separates_two_close_points():
    pts = [L.Point("a", "Alpha", 50.0, 45.0, 5), L.Point("b", "Bravo", 50.6, 45.0, 5)]
    p = L.place_labels(pts, [(50.0, 45.0, 6), (50.6, 45.0, 6)], [], 2.45)
    (a, b) = p.points
    assert not p.dropped and not L.overlap(a.box(2.45), b.box(2.45))


def test_deck_stays_small(model):
    _, raw = deck_json(model)
    assert len(raw) < 70_000  # 65 KB before the labels; labels are a few hundred rows at most


# ---------------------------------------------------------------- the card's geometry, for a briefer

def test_geometry_card_speaks_to_a_briefer(model):
    from posture.viz.deck import geometry_for_briefer

    routes = model.data.routes.set_index("id")
    for rid, r in routes.iterrows():
        g = geometry_for_briefer(r.to_dict(), model.route_metrics.loc[rid, "length_km"])
        assert not re.search(r"Vertices|OSM-derived|dossier|shaping vert|NE 1:50m", g["summary"]), (rid, g["summary"])
        assert f"{model.route_metrics.loc[rid, 'length_km']:,.0f} km" in g["summary"]
        assert "Read it as" in g["summary"]
        assert r["geometry_source"] in g["technical"]  # the detail stays available
        if "Vertices:" in r["geometry_note"]:
            assert "Vertices:" in g["technical"]
    cpc = geometry_for_briefer(routes.loc["cpc"].to_dict(), 1377.0)
    assert "published length is 1,510 km (9% shorter)" in cpc["summary"]
    assert "10 mapped in OpenStreetMap" in cpc["summary"]
    sea = geometry_for_briefer(routes.loc["aktau_baku_tankers"].to_dict(), 496.0)
    assert sea["summary"].startswith("A sea crossing") and "routing measurement gives 468 km" in sea["summary"]


def test_map_card_shows_the_briefer_text_and_keeps_the_detail_in_an_expander():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/map.py")
    at.session_state["map_selected"] = "cpc"
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "How the line is drawn:" in text and "Vertices:" not in text
    exp = [e for e in at.expander if e.label == "Geometry details"]
    assert exp and "Vertices: 23" in " ".join(t.value for t in exp[0].text)
    assert any("Scale bar: 1,000 km along the 45th parallel" in c.value for c in at.caption)
