"""The route map in presentation mode's high-contrast theme, tested as deck JSON (never pixels).

With ``MapOptions(high_contrast=True)``: route lines darker (each hue kept), wider and on a white casing; dark
country borders, Kazakhstan's wider; white land against a deeper sea; labels black on a solid halo; the vector
colours (the palette of tests/test_palette.py) unchanged. Off, the deck is the normal one. Contrast is WCAG 2's
ratio (posture.viz.style.contrast_ratio): 4.5 for text, 3 for lines.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.mapview import legend_items
from posture.viz.deck import (
    HIGH_CONTRAST_STYLE,
    KAZ_FILL,
    LAND,
    NORMAL_STYLE,
    SEA,
    STATUS_ALPHA,
    MapOptions,
    build_route_deck,
    capacity_width,
)
from posture.viz.style import (
    HIGH_CONTRAST_LAYER_COLOURS,
    LAYER_COLOURS,
    VECTOR_COLOURS,
    contrast_ratio,
    hex_to_rgb,
    rgb_hex,
)

APP = str(Path(__file__).resolve().parents[1] / "app.py")
BASE_URLS = {"countries": "app/static/geo/countries.geojson", "water": "app/static/geo/water.geojson"}
TEXT_LAYERS = ("country_names", "sea_names", "labels", "scale_text")


def deck(model, **kw) -> dict:
    d = model.data
    opts = MapOptions(base_urls=BASE_URLS, **kw)
    return json.loads(build_route_deck(d.routes, model.route_metrics, d.nodes, None, None, d["partners"],
                                       model.vector_colours, model.country_names, opts,
                                       labels_table=d["map_labels"]).to_json())


def layers(j: dict) -> dict[str, dict]:
    return {layer["id"]: layer for layer in j["layers"]}


def routes(j: dict) -> dict[str, dict]:
    return {r["id"]: r for r in layers(j)["routes"]["data"]}


@pytest.fixture(scope="module")
def normal(model):
    return deck(model)


@pytest.fixture(scope="module")
def high(model):
    return deck(model, high_contrast=True)


def test_off_the_map_is_the_normal_one(model, normal):
    """The flag's default draws what the map drew before it existed: the layer colours, the status alphas, the
    capacity widths, the white borders, the translucent halos, and no casing."""
    assert deck(model, high_contrast=False) == normal
    ls = layers(normal)
    assert "routes_casing" not in ls
    assert ls["sea"]["getFillColor"] == SEA and ls["countries"]["getLineColor"] == [255, 255, 255]
    assert ls["countries"]["lineWidthMinPixels"] == 0.7 and "getLineWidth" not in ls["countries"]
    recs, metrics = routes(normal), model.route_metrics
    for rid, r in recs.items():
        assert r["color"] == hex_to_rgb(LAYER_COLOURS[r["layer"]]) + [STATUS_ALPHA[r["status"]]], rid
        if r["layer"] in ("oil", "gas"):
            m = metrics.loc[rid]
            assert r["width"] == round(capacity_width(m["capacity"], m["capacity_norm_unit"]), 2), rid
    for lid in TEXT_LAYERS:
        assert ls[lid]["outlineWidth"] == 3 and ls[lid]["outlineColor"][3] == 235, lid


def test_high_contrast_lines_are_darker_wider_and_cased(normal, high):
    n, h = routes(normal), routes(high)
    assert set(n) == set(h)  # the same lines, the same paths
    for rid in n:
        assert h[rid]["path"] == n[rid]["path"]
        assert h[rid]["width"] > n[rid]["width"], rid
        assert h[rid]["color"][3] >= n[rid]["color"][3], rid  # no more translucent than before
        assert h[rid]["color"][:3] == hex_to_rgb(HIGH_CONTRAST_LAYER_COLOURS[h[rid]["layer"]]), rid
    casing = layers(high)["routes_casing"]
    assert casing["getColor"] == [255, 255, 255, 255]
    assert [c["width"] for c in casing["data"]] == [round(r["width"] + 3, 2) for r in layers(high)["routes"]["data"]]
    ids = [layer["id"] for layer in high["layers"]]
    assert ids.index("routes_casing") == ids.index("routes") - 1  # drawn just under the lines
    assert all(r["status"] != "operating" or r["color"][3] == 255 for r in h.values())


def test_high_contrast_keeps_each_hue_and_every_line_stands_off_its_casing_and_the_land():
    """Darkened, not recoloured: each channel scaled by the same factor (the hue a caption names stays true);
    each line at least 4.5:1 against its white casing and 3:1 against the land and the sea."""
    for layer, normal in LAYER_COLOURS.items():
        hc = HIGH_CONTRAST_LAYER_COLOURS[layer]
        n, h = hex_to_rgb(normal), hex_to_rgb(hc)
        if layer != "oil":  # the oil lines go from near-black to black
            factors = [b / a for a, b in zip(n, h) if a > 20]
            assert max(factors) - min(factors) < 0.05 and max(factors) < 1, layer
        assert contrast_ratio(hc, "#FFFFFF") >= 4.5, layer
        assert contrast_ratio(hc, rgb_hex(HIGH_CONTRAST_STYLE.land)) >= 4.5, layer
        assert contrast_ratio(hc, "#FFFFFF") > contrast_ratio(normal, rgb_hex(LAND)), layer


def test_high_contrast_base_map_borders_and_land_against_sea(normal, high):
    ls, hc = layers(high), HIGH_CONTRAST_STYLE
    land_sea = contrast_ratio(rgb_hex(hc.land), rgb_hex(hc.sea))
    assert land_sea >= 2 * contrast_ratio(rgb_hex(LAND), rgb_hex(SEA))  # 2.5 against 1.15
    assert ls["sea"]["getFillColor"] == list(hc.sea) == ls["water"]["getFillColor"]
    borders = ls["countries"]
    assert borders["lineWidthUnits"] == "pixels" and "'KAZ'" in borders["getLineWidth"]
    assert "[0,0,0,255]" in borders["getLineColor"] and "[64,64,64,255]" in borders["getLineColor"]
    assert contrast_ratio(rgb_hex(hc.border), rgb_hex(hc.land)) >= 7  # the normal map's white borders: none
    assert str(list(hc.land) + [255]).replace(" ", "") in borders["getFillColor"]
    assert str(KAZ_FILL + [255]).replace(" ", "") in borders["getFillColor"]


def test_high_contrast_labels_are_black_on_a_solid_halo(normal, high):
    n, h = layers(normal), layers(high)
    for lid in TEXT_LAYERS:
        halo = h[lid]["outlineColor"]
        assert halo[3] == 255 and h[lid]["outlineWidth"] > n[lid]["outlineWidth"], lid
        assert contrast_ratio(rgb_hex(h[lid]["getColor"]), rgb_hex(halo)) >= 7, lid
        assert h[lid]["data"] == n[lid]["data"], lid  # placed where they were: only the ink changes
    assert h["labels"]["getColor"] == [0, 0, 0]


def test_high_contrast_keeps_the_vector_colours(model):
    """Russia's highlight is the palette's red in both themes; the vector tints go from the land towards the
    palette's colour (further in high contrast, for a washed-out projector)."""
    for hc in (False, True):
        recs = routes(deck(model, high_contrast=hc, highlight_russia=True))
        assert recs["cpc"]["color"][:3] == hex_to_rgb(VECTOR_COLOURS["RUS"]), hc
    assert model.vector_colours == VECTOR_COLOURS
    fill = layers(deck(model, high_contrast=True))["countries"]["getFillColor"]
    r, g, b = hex_to_rgb(VECTOR_COLOURS["CHN"])
    a = HIGH_CONTRAST_STYLE.tint_alpha / 255
    china = [round(255 + (c - 255) * a) for c in (r, g, b)] + [255]
    assert f"properties.iso3==='CHN'?{china}".replace(" ", "") in fill


def test_high_contrast_reaches_the_compact_overview_map(model):
    compact = dict(layers=("oil", "middle_corridor", "northern_corridor"), statuses=("operating",),
                   show_nodes=("port", "oil field"), compact=True, labels=False)
    n, h = layers(deck(model, **compact)), layers(deck(model, high_contrast=True, **compact))
    assert "routes_casing" in h and "routes_casing" not in n
    assert h["nodes"]["getLineColor"] == [0, 0, 0] and h["nodes"]["lineWidthMinPixels"] > n["nodes"]["lineWidthMinPixels"]


def test_the_legend_names_the_colours_as_drawn(model):
    items, _ = legend_items(model, highlight_russia=False, by_volume=False, high_contrast=True)
    text = " ".join(items)
    for colour in HIGH_CONTRAST_LAYER_COLOURS.values():
        assert f"background:{colour}" in text
    assert "background:#FFFFFF" in text  # each swatch on a white chip: the oil line's black is on a black page
    normal, _ = legend_items(model, highlight_russia=False, by_volume=False)
    assert all(f"background:{c}" in " ".join(normal) for c in LAYER_COLOURS.values())
    grey = legend_items(model, highlight_russia=True, by_volume=False, high_contrast=True)[0]
    assert f"background:{rgb_hex(HIGH_CONTRAST_STYLE.not_russia)}" in " ".join(grey)
    assert NORMAL_STYLE.not_russia[:3] == (150, 150, 150)


def _run(page: str, high_contrast: bool) -> AppTest:
    """The page through app.py (the frame that seeds presentation mode from the link), as a link opens it."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(page)
    at.query_params["present"] = "1"
    if high_contrast:
        at.query_params["contrast"] = "high"
    return at.run()


@pytest.mark.parametrize("page", ["pages/map.py", "pages/overview.py"])
def test_the_pages_draw_the_high_contrast_map_in_the_high_contrast_theme(page):
    for hc in (False, True):
        at = _run(page, hc)
        assert not at.exception, at.exception
        decks = at.get("deck_gl_json_chart")
        assert decks, page
        ids = {layer["id"] for layer in json.loads(decks[0].proto.json)["layers"]}
        assert ("routes_casing" in ids) is hc, (page, hc)
        captions = " ".join(c.value for c in at.caption)
        if page.endswith("overview.py"):
            assert ("dark magenta" in captions) is hc and "magenta" in captions
