"""The route map as a pydeck Deck: our own country polygons and seas, no web base map.

``build_route_deck`` returns a Deck whose JSON holds no tile or style URL (``map_provider=None``);
the country and water layers either embed their GeoJSON or point to files the app serves
itself (``/app/static/...``), so the map works in a closed room.
"""
from __future__ import annotations

import json
import re
import math
import weakref
from dataclasses import dataclass, field

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from posture.viz.labels import FONT_FAMILY, PRESENT_VIEW_WIDTHS, SCALE_BAR, VIEW_WIDTHS, map_labels
from posture.viz.style import LAYER_COLOURS, LAYER_NAMES, VECTOR_COLOURS, hex_to_rgb

SEA = [214, 230, 242]
LAND = [244, 243, 239]
KAZ_FILL = [255, 246, 214]
BORDER = [255, 255, 255]
STATUS_ALPHA = {"operating": 235, "under construction": 150, "proposed": 110}
NODE_STYLE = {  # fill, radius in pixels
    "oil field": ([20, 20, 20], 6),
    "terminal": ([90, 90, 90], 5),
    "port": ([33, 66, 99], 5),
    "border crossing": ([255, 255, 255], 5),
    "rail hub": ([150, 150, 150], 3),
}
REGION_BOX = [[-32, 4], [142, 4], [142, 72], [-32, 72], [-32, 4]]  # tools/build_base_geo.py DISPLAY_REGION
# deck.gl draws the world 512 px wide at zoom 0 (7.8 px a degree of longitude at zoom 2.45): centred on 55E, a
# 560 px map (1280x720) shows 19E-91E (the Black Sea to the Chinese border), a 380 px one (1024x768) 30E-80E
FULL_VIEW = pdk.ViewState(longitude=55.0, latitude=46.0, zoom=2.45, pitch=0, bearing=0)
COMPACT_VIEW = pdk.ViewState(longitude=55.0, latitude=45.0, zoom=2.2, pitch=0, bearing=0)


@dataclass(frozen=True)
class MapOptions:
    layers: tuple[str, ...] = ("oil", "gas", "middle_corridor", "northern_corridor", "southern_route")
    statuses: tuple[str, ...] = ("operating", "under construction", "proposed")
    show_nodes: tuple[str, ...] = ("port", "border crossing", "oil field", "terminal")
    highlight_russia: bool = False
    compact: bool = False
    labels: bool = True
    selected: str | None = None
    scenario_volumes: dict[str, float] | None = None  # oil segment id -> Mt in the scenario
    baseline_volumes: dict[str, float] | None = None  # oil segment id -> Mt in the baseline
    base_urls: dict[str, str] | None = field(default=None)  # 'countries', 'water' -> served URL
    present: bool = False  # presentation mode: no sidebar, a wider canvas to place the labels for


def _fmt(v, unit: str = "", digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,.{digits}f} {unit}".strip() if isinstance(v, float) else f"{v:,} {unit}".strip()


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _short_source(src: str) -> str:
    first = str(src).split(" ; ")[0]
    title = first.split(" | ")[0]
    return title[:90] + ("..." if len(title) > 90 else "")


def capacity_width(capacity: float | None, unit: str | None) -> float:
    """Line width in pixels from a normalised capacity (Mt/yr or bcm/yr); unknown capacity draws thin."""
    if capacity is None or (isinstance(capacity, float) and math.isnan(capacity)):
        return 2.0
    return float(min(max(1.5 + math.sqrt(capacity) * 0.95, 1.5), 11.0))


def volume_width(mt: float) -> float:
    return float(min(max(1.0 + math.sqrt(max(mt, 0.0)) * 1.35, 1.0), 13.0))


def route_records(routes: pd.DataFrame, metrics: pd.DataFrame, country_names: dict[str, str],
                  opts: MapOptions, russia_rgb: list[int]) -> list[dict]:
    out = []
    for _, r in routes.iterrows():
        if r["layer"] not in opts.layers or r["status"] not in opts.statuses:
            continue
        m = metrics.loc[r["id"]]
        colour = hex_to_rgb(LAYER_COLOURS[r["layer"]])
        crosses = "RUS" in m["countries"]
        alpha = STATUS_ALPHA.get(r["status"], 200)
        if opts.highlight_russia:
            colour, alpha = (russia_rgb, 245) if crosses else ([150, 150, 150], 110)
        width = capacity_width(m["capacity"], m["capacity_norm_unit"]) if r["layer"] in ("oil", "gas") else 3.0
        vol_line = ""
        if opts.scenario_volumes is not None and r["layer"] == "oil":
            v = opts.scenario_volumes.get(r["id"], 0.0)
            b = (opts.baseline_volumes or {}).get(r["id"], 0.0)
            width = volume_width(v) if (v or b) else 1.5
            vol_line = f"Kazakh crude on it: {v:.1f} Mt (baseline {b:.1f} Mt)"
        if opts.selected == r["id"]:
            width += 4
        cap = "n/a" if pd.isna(r["capacity_value"]) else f"{_fmt(float(r['capacity_value']))} {r['capacity_unit']}"
        if m["capacity"] is not None and r["capacity_unit"] == "mb/d":
            cap += f" (~{m['capacity']:.0f} Mt/yr)"
        thr = r["throughput_note"] if isinstance(r["throughput_note"], str) and r["throughput_note"] else "n/a"
        pub = "" if pd.isna(r["published_length_km"]) else f" (published {r['published_length_km']:,.0f} km)"
        coords = [[round(x, 3), round(y, 3)] for x, y in r.geometry.coords]
        out.append({
            "id": r["id"], "name": r["name"], "layer": r["layer"], "status": r["status"],
            "path": coords, "color": colour + [alpha], "width": round(width, 2),
            "tt_title": r["name"],
            "tt_1": f"{LAYER_NAMES[r['layer']]} · {r['status']}",
            "tt_2": f"Capacity: {cap}",
            "tt_3": vol_line or f"Throughput: {_clip(thr, 90)}",
            "tt_4": f"Length: {m['length_km']:,.0f} km from geometry{pub}",
            "tt_5": "Operator: " + (_clip(r["operator"], 70) if isinstance(r["operator"], str) else "n/a"),
            "tt_6": "Crosses: " + ", ".join(country_names.get(c, c) for c in m["countries"]),
            "tt_7": f"Source: {_short_source(r['source'])} ({r['confidence']} confidence)",
        })
    return out


def node_records(nodes: pd.DataFrame, country_names: dict[str, str], opts: MapOptions) -> list[dict]:
    out = []
    for _, n in nodes.iterrows():
        if n["kind"] not in opts.show_nodes:
            continue
        fill, radius = NODE_STYLE.get(n["kind"], ([120, 120, 120], 3))
        cap = n["capacity_note"] if isinstance(n["capacity_note"], str) and n["capacity_note"] else "n/a"
        out.append({
            "id": n["id"], "name": n["name"], "kind": n["kind"],
            "position": [round(n.geometry.x, 3), round(n.geometry.y, 3)], "fill": fill, "radius": radius,
            "label": n["label"] if isinstance(n["label"], str) else "",
            "tt_title": n["name"], "tt_1": f"{n['kind'].capitalize()} · {country_names.get(n['country_iso3'], n['country_iso3'])}",
            "tt_2": f"Capacity: {cap[:160]}", "tt_3": "", "tt_4": "", "tt_5": "", "tt_6": "",
            "tt_7": f"Source: {_short_source(n['source'])} ({n['confidence']} confidence)",
        })
    return out


def country_fill_expression(tints: dict[str, list[int]]) -> str:
    """A deck.gl expression colouring countries by ISO3 (Kazakhstan highlighted, vector members tinted)."""
    expr = str(LAND + [255])
    for iso, rgba_ in sorted(tints.items(), reverse=True):
        expr = f"properties.iso3 === '{iso}' ? {rgba_} : ({expr})"
    return expr.replace(" ", "")


def country_tints(partners: pd.DataFrame, vector_colours: dict[str, str], alpha: int = 60) -> dict[str, list[int]]:
    tints = {}
    for _, p in partners.iterrows():
        if len(p["partner"]) == 3 and p["vector"] in vector_colours:
            r, g, b = hex_to_rgb(vector_colours[p["vector"]])
            # pre-mix with the land colour so the tint stays light on a projector
            mix = [round(l + (c - l) * alpha / 255) for l, c in zip(LAND, (r, g, b))]
            tints[p["partner"]] = mix + [255]
    tints["KAZ"] = KAZ_FILL + [255]
    return tints


_JSON_CACHE: "weakref.WeakKeyDictionary[pdk.Deck, str]" = weakref.WeakKeyDictionary()


class CompactDeck(pdk.Deck):
    """A Deck whose JSON is compact and serialised once.

    Streamlit serialises a deck on every rerun; pydeck indents its JSON (about 40% more bytes).
    The app caches decks, so caching their JSON as well makes a rerun with an unchanged map cheap.
    A built deck must not be modified afterwards.
    """

    def to_json(self) -> str:
        cached = _JSON_CACHE.get(self)
        if cached is None:
            cached = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
            _JSON_CACHE[self] = cached
        return cached


TOOLTIP = {
    "html": "<b>{tt_title}</b><br/>{tt_1}<br/>{tt_2}<br/>{tt_3}<br/>{tt_4}<br/>{tt_5}<br/>{tt_6}<br/>"
            "<span style='color:#666'>{tt_7}</span>",
    "style": {"backgroundColor": "white", "color": "#1f2430", "fontSize": "13px", "maxWidth": "420px",
              "border": "1px solid #ccc", "fontFamily": "sans-serif"},
}


TEXT_COLOUR = [25, 28, 36]
COUNTRY_TEXT = [72, 76, 88]
SEA_TEXT = [46, 96, 146]
HALO = [255, 255, 255, 235]
SEA_HALO = SEA + [235]
# glyphs drawn as signed distance fields, so that each label gets a halo (outlineWidth needs sdf)
FONT_SETTINGS = {"sdf": True, "fontSize": 64, "buffer": 6, "radius": 12, "cutoff": 0.2}


def _text_layer(layer_id: str, rows: list[dict], size: float, colour: list[int], halo: list[int], weight: str,
                per_row_anchor: bool = False) -> pdk.Layer:
    kw = dict(get_text_anchor="anchor", get_alignment_baseline="baseline", get_pixel_offset="offset") \
        if per_row_anchor else dict(get_text_anchor="'middle'", get_alignment_baseline="'center'")
    return pdk.Layer("TextLayer", id=layer_id, data=rows, get_position="position", get_text="text", get_size=size,
                     size_units="'pixels'", get_color=colour, font_family=f"'{FONT_FAMILY}'", font_weight=f"'{weight}'",
                     character_set="'auto'", font_settings=FONT_SETTINGS, outline_width=3, outline_color=halo,
                     line_height=1.0, billboard=True, pickable=False, **kw)


def label_layers(nrecs: list[dict], labels_table, zoom: float, point_labels: bool,
                 widths: tuple[float, ...] | None = None) -> list[pdk.Layer]:
    """Country and sea names, point labels placed so that none collides at ``zoom`` nor is cut by the edge of a
    canvas of ``widths`` (posture.viz.labels; default: the sidebar's), and the scale bar."""
    nodes = [{"id": n["id"], "label": n["label"] if point_labels else "", "kind": n["kind"], "lon": n["position"][0],
              "lat": n["position"][1], "radius": n["radius"]} for n in nrecs]
    table = labels_table if labels_table is not None else []
    placed = map_labels(nodes, table, zoom, (FULL_VIEW.longitude, FULL_VIEW.latitude), widths or VIEW_WIDTHS)

    def rows(labels, anchored=False):
        out = []
        for lab in labels:
            row = {"text": lab.text, "position": [round(lab.lon, 3), round(lab.lat, 3)]}
            if anchored:
                row.update(anchor=lab.anchor, baseline=lab.baseline, offset=[round(lab.dx, 1), round(lab.dy, 1)],
                           ref=lab.ref)
            out.append(row)
        return out

    from posture.viz.labels import COUNTRY_SIZE, POINT_SIZE, SEA_SIZE

    layers = []
    if placed.countries:
        layers.append(_text_layer("country_names", rows(placed.countries, True), COUNTRY_SIZE, COUNTRY_TEXT, HALO,
                                  "normal", per_row_anchor=True))
    if placed.seas:
        layers.append(_text_layer("sea_names", rows(placed.seas, True), SEA_SIZE, SEA_TEXT, SEA_HALO, "bold",
                                  per_row_anchor=True))
    layers.append(pdk.Layer("PathLayer", id="scale_bar", data=[{"path": p} for p in SCALE_BAR.paths()],
                            get_path="path", get_color=TEXT_COLOUR, get_width=2, width_units="'pixels'",
                            cap_rounded=True, pickable=False))
    layers.append(_text_layer("scale_text", SCALE_BAR.labels(), 14, TEXT_COLOUR, SEA_HALO, "normal"))
    leaders = [{"path": [[round(lab.leader[0], 3), round(lab.leader[1], 3)], [round(lab.lon, 3), round(lab.lat, 3)]]}
               for lab in placed.points if lab.leader]
    if leaders:
        layers.append(pdk.Layer("PathLayer", id="label_leaders", data=leaders, get_path="path",
                                get_color=TEXT_COLOUR[:3] + [200], get_width=1.2, width_units="'pixels'", pickable=False))
    if placed.points:
        layers.append(_text_layer("labels", rows(placed.points, True), POINT_SIZE, TEXT_COLOUR, HALO, "bold",
                                  per_row_anchor=True))
    return layers


def build_route_deck(routes: pd.DataFrame, metrics: pd.DataFrame, nodes: pd.DataFrame, countries,
                     water, partners: pd.DataFrame, vector_colours: dict[str, str], country_names: dict[str, str],
                     opts: MapOptions = MapOptions(), labels_table=None) -> pdk.Deck:
    """The map: sea background, countries (tinted by vector), water, routes (width by capacity or
    scenario volume), nodes and labels. ``countries``/``water`` are GeoJSON dicts, or ignored when
    ``opts.base_urls`` gives served files. ``labels_table`` (data/geo/map_labels.csv) names countries and seas."""
    russia = hex_to_rgb(vector_colours.get("RUS", VECTOR_COLOURS["RUS"]))
    layers = [
        pdk.Layer("PolygonLayer", id="sea", data=[{"polygon": REGION_BOX}], get_polygon="polygon",
                  get_fill_color=SEA, stroked=False, pickable=False),
        pdk.Layer("GeoJsonLayer", id="countries",
                  data=(opts.base_urls or {}).get("countries", countries),
                  get_fill_color=country_fill_expression(country_tints(partners, vector_colours)),
                  get_line_color=BORDER, line_width_min_pixels=0.7, stroked=True, filled=True, pickable=False),
        pdk.Layer("GeoJsonLayer", id="water", data=(opts.base_urls or {}).get("water", water),
                  get_fill_color=SEA, stroked=False, filled=True, pickable=False),
    ]
    recs = route_records(routes, metrics, country_names, opts, russia)
    if opts.scenario_volumes is not None and opts.baseline_volumes:
        ghost = [dict(r, color=[120, 120, 120, 70], width=volume_width(opts.baseline_volumes.get(r["id"], 0.0)) + 3)
                 for r in recs if r["layer"] == "oil" and opts.baseline_volumes.get(r["id"], 0.0) > 0]
        layers.append(pdk.Layer("PathLayer", id="baseline", data=ghost, get_path="path", get_color="color",
                                get_width="width", width_units="'pixels'", cap_rounded=True, joint_rounded=True,
                                pickable=False))
    layers.append(pdk.Layer("PathLayer", id="routes", data=recs, get_path="path", get_color="color",
                            get_width="width", width_units="'pixels'", width_min_pixels=1, cap_rounded=True,
                            joint_rounded=True, pickable=True, auto_highlight=True,
                            highlight_color=[255, 200, 0, 160]))
    nrecs = node_records(nodes, country_names, opts)
    if nrecs:
        layers.append(pdk.Layer("ScatterplotLayer", id="nodes", data=nrecs, get_position="position",
                                get_fill_color="fill", get_line_color=[40, 40, 40], get_radius="radius",
                                radius_units="'pixels'", stroked=True, line_width_min_pixels=1, pickable=True))
    if not opts.compact:
        layers += label_layers(nrecs, labels_table, FULL_VIEW.zoom, opts.labels,
                               PRESENT_VIEW_WIDTHS if opts.present else VIEW_WIDTHS)
    return CompactDeck(layers=layers, initial_view_state=COMPACT_VIEW if opts.compact else FULL_VIEW,
                    map_provider=None, tooltip=TOOLTIP, parameters={"cull": False})


# ------------------------------------------------------------------------------------------- the card's geometry
_VERTICES = re.compile(
    r"Vertices:\s*(?P<n>\d+)\s*=\s*(?P<osm>\d+) OSM-derived dossier points \+ (?P<town>\d+) other dossier points "
    r"\(town positions\) \+ (?P<gk>\d+) town/site positions \(general knowledge\) \+ (?P<shape>\d+) shaping vertices"
    r"(?: \+ (?P<adj>\d+) adjusted endpoint\(s\))?\.?")
READING = {
    "high": "close to the real route.",
    "medium": "right at the mapped points; between them the real route may run to either side of the drawn line.",
    "low": "indicative: the line passes the places the route is known to pass, but its path between them is not "
           "known here, so the real route may lie well to either side.",
}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def geometry_for_briefer(route: dict, length_km: float) -> dict[str, str]:
    """What a route's line is drawn from and how close it is to the real route, in words a briefer can say, plus the
    technical record (sources, vertex counts) for an expander. ``route`` is a row of the route tables."""
    note = route.get("geometry_note") if isinstance(route.get("geometry_note"), str) else ""
    m = _VERTICES.search(note)
    narrative = _VERTICES.sub("", note).strip()
    sea = route.get("mode") in ("tanker", "sea")
    if m:
        osm, town, gk, shape = (int(m[k]) for k in ("osm", "town", "gk", "shape"))
        places = osm + town + gk
        drawn = (f"Drawn through {_plural(places, 'known place', 'known places')} on the route"
                 + (f" ({osm} mapped in OpenStreetMap, {_plural(town + gk, 'town or site position', 'town or site positions')})"
                    if osm and town + gk else " (mapped in OpenStreetMap)" if osm else " (town or site positions)")
                 + (f", with {_plural(shape, 'point', 'points')} added between them to follow coasts, borders and "
                    "valleys" if shape else "") + ", joined by straight lines.")
    else:
        drawn = "Drawn from the positions in the project's route dossier."
    if sea:
        drawn = "A sea crossing: the track between the two ports is indicative (ships' tracks vary). " + drawn
    pub = route.get("published_length_km")
    length = f"The drawn line is {length_km:,.0f} km long"
    if pub is not None and not (isinstance(pub, float) and math.isnan(pub)) and pub:
        diff = length_km / float(pub) - 1
        basis = "a routing measurement gives" if route.get("length_basis") == "routing measurement" else "the published length is"
        length += f"; {basis} {float(pub):,.0f} km ({'within 2%' if abs(diff) < 0.02 else f'{abs(diff):.0%} ' + ('longer' if diff > 0 else 'shorter')})"
    length += "."
    conf = str(route.get("geometry_confidence") or "low")
    reading = f"Read it as {READING.get(conf, READING['low'])}"
    technical = [narrative] if narrative else []
    if m:
        technical.append(
            f"Vertices: {m['n']} = {m['osm']} OpenStreetMap-derived dossier points, {m['town']} other dossier points "
            f"(town positions), {m['gk']} town/site positions from general knowledge, {m['shape']} shaping vertices"
            + (f", {m['adj']} endpoint(s) moved a few km onto land or into the country" if m["adj"] else "") + ".")
    technical.append(f"Geometry sources: {route.get('geometry_source') or 'n/a'} (geometry confidence: {conf}).")
    return {"summary": f"{drawn} {length} {reading}", "technical": "\n\n".join(technical)}
