"""No map label is cut by the map's edge at the meeting-room screen sizes, tested without pixels.

Each label of the deck's JSON is projected with the deck's own view state (Web Mercator from pyproj, deck.gl's
512-px world at zoom 0, the view centred on the canvas) against the canvas the Routes map page gets in Chromium at
1920x1080, 1280x720 and 1024x768 (tests/test_browser_map_edges.py measures those canvases in Chromium);
its box is its text width from the font's advance widths at the layer's size, plus the halo. A label must lie
wholly inside or wholly outside each canvas: one across an edge is drawn cut ("c Sea", "vorossiysk (CPC)")."""
from __future__ import annotations

import json
import math

import pyproj
import pytest

from components.data import BASE_URLS
from posture.viz import labels as L
from posture.viz.deck import FULL_VIEW, MapOptions, build_route_deck

# the map's canvas on the Routes map page (sidebar open), measured in Chromium: width x height in CSS px
CANVASES = {"1920x1080": (1014.6, 640), "1280x720": (562.8, 640), "1024x768": (382.1, 640)}
# the same in presentation mode (?present=1: no sidebar, a wider canvas), measured the same way
PRESENT_CANVASES = {"1920x1080": (1294.1, 640), "1280x720": (842.3, 640), "1024x768": (661.6, 640)}
SPARE_PX = 4  # a label keeps at least this far from an edge it does not cross (another browser's rounding)
TO_M = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
R_PI = math.pi * 6378137.0


def px(lon, lat, zoom=FULL_VIEW.zoom):
    x, y = TO_M.transform(lon, lat)
    size = 512 * 2 ** zoom
    return (x + R_PI) / (2 * R_PI) * size, (R_PI - y) / (2 * R_PI) * size


def screen_boxes(layer, canvas):
    """(text, (x0, y0, x1, y1)) on the canvas, in CSS px from its top-left corner."""
    w, h = canvas
    cx, cy = px(FULL_VIEW.longitude, FULL_VIEW.latitude)
    size = layer["getSize"]
    weight = layer.get("fontWeight", "normal")
    out = []
    for r in layer["data"]:
        x, y = px(*r["position"])
        dx, dy = r.get("offset", [0, 0])
        x, y = x - cx + w / 2 + dx, y - cy + h / 2 + dy
        tw, th = L.text_size_px(r["text"], size, weight)
        o = L.OUTLINE_PX
        x0 = {"start": x - o, "middle": x - tw / 2, "end": x - tw + o}[r.get("anchor", "middle")]
        y0 = {"top": y - o, "center": y - th / 2, "bottom": y - th + o}[r.get("baseline", "center")]
        out.append((r["text"].replace("\n", " "), (x0, y0, x0 + tw, y0 + th)))
    return out


def cut(box, canvas, spare=SPARE_PX) -> bool:
    """True when an edge of the canvas runs through the box (or within ``spare`` px of it)."""
    w, h = canvas
    x0, y0, x1, y1 = box
    inside = x0 >= spare and y0 >= spare and x1 <= w - spare and y1 <= h - spare
    outside = x1 <= -spare or x0 >= w + spare or y1 <= -spare or y0 >= h + spare
    return not (inside or outside)


def built(model, present: bool = False) -> dict:
    d = model.data
    deck = build_route_deck(d.routes, model.route_metrics, d.nodes, None, None, d["partners"], model.vector_colours,
                            model.country_names, MapOptions(base_urls=BASE_URLS, present=present),
                            labels_table=d["map_labels"])
    return json.loads(deck.to_json())


@pytest.fixture(scope="module")
def deck(model):
    return built(model)


@pytest.fixture(scope="module")
def present_deck(model):
    return built(model, present=True)


def text_layers(j):
    return [l for l in j["layers"] if l["@@type"] == "TextLayer"]


@pytest.mark.parametrize("size", list(CANVASES))
def test_no_label_is_cut_by_the_map_edge(deck, size):
    canvas = CANVASES[size]
    bad = [(l["id"], t) for l in text_layers(deck) for t, b in screen_boxes(l, canvas) if cut(b, canvas)]
    assert not bad, f"cut at {size}: {bad}"


@pytest.mark.parametrize("size", list(PRESENT_CANVASES))
def test_no_label_is_cut_by_the_map_edge_in_presentation_mode(present_deck, deck, size):
    """The wider canvas without the sidebar: the sidebar's placement was cut there (France, the Mediterranean
    at 1280x720), so presentation mode places its labels for its own canvases."""
    canvas = PRESENT_CANVASES[size]
    bad = [(l["id"], t) for l in text_layers(present_deck) for t, b in screen_boxes(l, canvas) if cut(b, canvas)]
    assert not bad, f"cut at {size} in presentation mode: {bad}"
    before = [t for l in text_layers(deck) for t, b in screen_boxes(l, PRESENT_CANVASES["1280x720"])
              if cut(b, PRESENT_CANVASES["1280x720"])]
    assert before, "the sidebar's placement is no longer cut in presentation mode: this test no longer tells"


@pytest.mark.parametrize("present", [False, True], ids=["sidebar", "present"])
@pytest.mark.parametrize("size", list(CANVASES))
def test_each_shown_point_label_has_its_marker_on_screen(deck, present_deck, size, present):
    """A point's name is not drawn where its marker is off the canvas (a name pointing at nothing)."""
    canvas = (PRESENT_CANVASES if present else CANVASES)[size]
    deck = present_deck if present else deck
    w, h = canvas
    cx, cy = px(FULL_VIEW.longitude, FULL_VIEW.latitude)
    nodes = {n["label"]: n for n in next(l for l in deck["layers"] if l["id"] == "nodes")["data"] if n["label"]}
    labels = next(l for l in text_layers(deck) if l["id"] == "labels")
    for text, (x0, y0, x1, y1) in screen_boxes(labels, canvas):
        shown = x1 > 0 and x0 < w and y1 > 0 and y0 < h
        mx, my = px(*nodes[text]["position"])
        mx, my = mx - cx + w / 2, my - cy + h / 2
        assert not shown or (0 <= mx <= w and 0 <= my <= h), (size, text)


def test_the_issue_s_cut_names_are_whole_or_left_off(deck):
    """The names the issue saw cut: Novorossiysk and the seas are drawn whole; Constanta, which cannot fit between
    the 1280x720 and 1024x768 edges (90 px apart) beside its marker, is the only point name left off."""
    rows = {l["id"]: {r["text"].replace("\n", " ") for r in l["data"]} for l in text_layers(deck)}
    assert {"Novorossiysk (CPC)", "Aktau", "Poti", "Baku (Alat)", "Ceyhan", "Dostyk", "Khorgos"} <= rows["labels"]
    assert {"Black Sea", "Baltic Sea", "Mediterranean Sea", "Caspian Sea"} <= rows["sea_names"]
    nodes = {n["label"] for n in next(l for l in deck["layers"] if l["id"] == "nodes")["data"] if n["label"]}
    assert nodes - rows["labels"] == {"Constanta"}


def test_the_check_catches_the_old_layout(deck):
    """The labels as drawn before the fix (Constanta left of its marker, the Black Sea at 34.0E 43.2N, Novorossiysk
    centred above with its leader) cross the 1280x720 or 1024x768 edge: the check above can fail."""
    old = {"getSize": 15, "fontWeight": "bold", "data": [
        {"text": "Constanta", "position": [28.64, 44.17], "anchor": "end", "baseline": "center", "offset": [-9, 0]},
        {"text": "Novorossiysk (CPC)", "position": [37.6, 47.1], "anchor": "middle", "baseline": "bottom"}]}
    sea = {"getSize": 14, "fontWeight": "bold", "data": [{"text": "Black Sea", "position": [34.0, 43.2]}]}
    boxes = dict(screen_boxes(old, CANVASES["1280x720"]) + screen_boxes(sea, CANVASES["1024x768"]))
    assert cut(boxes["Constanta"], CANVASES["1280x720"])
    assert cut(boxes["Black Sea"], CANVASES["1024x768"])
    assert cut(dict(screen_boxes(old, CANVASES["1024x768"]))["Novorossiysk (CPC)"], CANVASES["1024x768"])


def test_placement_views_match_the_measured_canvases():
    """posture.viz.labels places labels for the canvases measured here (to a pixel)."""
    for widths, canvases in ((L.VIEW_WIDTHS, CANVASES), (L.PRESENT_VIEW_WIDTHS, PRESENT_CANVASES)):
        assert len(widths) == len(canvases)
        for w, (mw, mh) in zip(widths, sorted(canvases.values())):
            assert abs(w - mw) <= 1 and L.VIEW_HEIGHT == mh
    assert L.EDGE_MARGIN_PX >= SPARE_PX
