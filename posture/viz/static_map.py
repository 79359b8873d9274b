"""The route map as a static plotly figure (for the briefing pack): our own polygons, no tiles, no geo traces.

Plotly's geo traces fetch their base map from a CDN, and the dashboard's pydeck map needs WebGL and a
browser session; the pack needs a picture drawn offline. So the countries (data/geo) and the route lines
(data/routes) are projected with pyproj to a Lambert conformal conic centred on Kazakhstan and drawn as
ordinary x/y scatter traces: filled polygons for the land, lines for the routes (layer colours and
widths by capacity, as on the map page), markers for fields, ports and terminals.
"""
from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import shapely

from posture.viz.style import FONT, INK, LAYER_COLOURS, LAYER_NAMES, MUTED, figure, lighten, wrap

CRS = "+proj=lcc +lat_1=38 +lat_2=52 +lat_0=45 +lon_0=55 +datum=WGS84 +units=km"
BOX = (25.0, 33.0, 92.0, 58.0)  # lon/lat window: Black Sea to western China, Iran to Siberia
SEA = "#D6E6F2"
LAND = "#F4F3EF"
KAZ = "#FFF6D6"
BORDER = "#FFFFFF"
STATUS_DASH = {"operating": "solid", "under construction": "dash", "proposed": "dot"}
NODE_KINDS = {"oil field": ("#141414", 8), "terminal": ("#5A5A5A", 7), "port": ("#214263", 7)}
LABELLED = ("KAZ", "RUS", "CHN", "UZB", "TKM", "IRN", "AZE", "GEO", "TUR", "KGZ", "MNG")


def _xy(geom) -> tuple[list, list]:
    """Coordinates of a (multi)line or (multi)polygon's exterior rings, parts separated by None."""
    xs: list = []
    ys: list = []
    parts = getattr(geom, "geoms", [geom])
    for g in parts:
        rings = [g.exterior] if isinstance(g, shapely.Polygon) else [g]
        for r in rings:
            x, y = r.xy
            xs += [round(v, 1) for v in x] + [None]
            ys += [round(v, 1) for v in y] + [None]
    return xs, ys


def build_static_map(routes: gpd.GeoDataFrame, metrics: pd.DataFrame, nodes: gpd.GeoDataFrame,
                     countries: gpd.GeoDataFrame, country_names: dict[str, str],
                     layers: tuple[str, ...] = ("oil", "gas", "middle_corridor", "northern_corridor"),
                     title: str = "Export routes and corridors", subtitle: str = "",
                     height: int = 620, labels: pd.DataFrame | None = None):
    """A plotly figure of the routes on our own base map (x/y in km of a conic projection)."""
    # the window: the projected lon/lat box's bounds, a rectangle in km; land is clipped to it after projecting
    x0, y0, x1, y1 = gpd.GeoSeries([shapely.box(*BOX)], crs="EPSG:4326").to_crs(CRS).iloc[0].bounds
    window = shapely.box(x0, y0, x1, y1)
    land = countries[["iso3", "geometry"]].copy()
    land["geometry"] = land.geometry.simplify(0.03, preserve_topology=True)
    land = land.set_crs("EPSG:4326", allow_override=True).to_crs(CRS)
    land = land[land.intersects(window)]
    land["geometry"] = land.geometry.intersection(window)
    traces: list[dict] = []
    for iso, fill in (("_", LAND), ("KAZ", KAZ)):
        sel = land[land["iso3"] == iso] if iso == "KAZ" else land[land["iso3"] != "KAZ"]
        xs, ys = [], []
        for g in sel.geometry:
            if g is None or g.is_empty:
                continue
            a, b = _xy(g)
            xs += a
            ys += b
        traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "fill": "toself", "fillcolor": fill,
                       "line": {"color": BORDER, "width": 0.8}, "hoverinfo": "skip", "showlegend": False})
    r = routes[routes["layer"].isin(layers)].to_crs(CRS)
    cap = metrics["capacity"] if "capacity" in metrics.columns else pd.Series(dtype=float)
    for layer in layers:
        sub = r[r["layer"] == layer]
        first = True
        for status, dash in STATUS_DASH.items():
            part = sub[sub["status"] == status]
            for row in part.itertuples():
                c = cap.get(row.id) if row.id in cap.index else None
                width = 1.6 if c is None or (isinstance(c, float) and math.isnan(c)) else 1.4 + min(float(c), 80) / 12
                a, b = _xy(row.geometry)
                traces.append({"type": "scatter", "x": a, "y": b, "mode": "lines", "name": LAYER_NAMES[layer],
                               "legendgroup": layer, "showlegend": first,
                               "line": {"color": LAYER_COLOURS[layer] if status == "operating"
                                        else lighten(LAYER_COLOURS[layer], 0.35), "width": round(width, 1),
                                        "dash": dash},
                               "hoverinfo": "skip"})
                first = False
    pts = nodes[nodes["kind"].isin(NODE_KINDS)].to_crs(CRS)
    for kind, (colour, size) in NODE_KINDS.items():
        p = pts[pts["kind"] == kind]
        if p.empty:
            continue
        traces.append({"type": "scatter", "x": [round(g.x, 1) for g in p.geometry],
                       "y": [round(g.y, 1) for g in p.geometry], "mode": "markers", "name": kind,
                       "marker": {"color": colour, "size": size, "line": {"color": "white", "width": 1}},
                       "hoverinfo": "skip"})
    lx, ly, lt, lc = [], [], [], []
    if labels is not None and len(labels):  # the map page's anchors (data/geo/map_labels.csv)
        rows = labels[(labels["kind"].isin(["sea", "lake"])) |
                      ((labels["kind"] == "country") & labels["iso3"].isin(LABELLED))]
        pts_l = gpd.GeoSeries(gpd.points_from_xy(rows["lon"].astype(float), rows["lat"].astype(float)),
                              crs="EPSG:4326").to_crs(CRS)
        for (kind, name), p in zip(zip(rows["kind"], rows["name"]), pts_l):
            lx.append(round(p.x, 1))
            ly.append(round(p.y, 1))
            lt.append("<br>".join(part.strip() for part in str(name).split("|")))
            lc.append("#4A6F8A" if kind in ("sea", "lake") else MUTED)
    else:
        for row in land[land["iso3"].isin(LABELLED)].itertuples():
            p = row.geometry.representative_point()
            lx.append(round(p.x, 1))
            ly.append(round(p.y, 1))
            lt.append(country_names.get(row.iso3, row.iso3))
            lc.append(MUTED)
    pad = 0.06 * (x1 - x0)  # a name centred near the edge would be cut
    keep = [i for i in range(len(lx)) if x0 + pad < lx[i] < x1 - pad and y0 < ly[i] < y1]
    traces.append({"type": "scatter", "x": [lx[i] for i in keep], "y": [ly[i] for i in keep], "mode": "text",
                   "text": [lt[i] for i in keep], "showlegend": False, "hoverinfo": "skip",
                   "textfont": {"family": FONT, "size": 13, "color": [lc[i] for i in keep]}})
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    sub = wrap(subtitle, 165) if subtitle else ""
    layout = {
        "title": {"text": wrap(title, 95), "subtitle": {"text": sub, "font": {"size": 12, "color": MUTED}},
                  "x": 0, "xanchor": "left", "font": {"size": 19, "color": INK}},
        "font": {"family": FONT, "size": 15, "color": INK},
        "height": height, "margin": {"l": 10, "r": 10, "t": 80 + 16 * sub.count("<br>"), "b": 10},
        "paper_bgcolor": "white", "plot_bgcolor": SEA, "showlegend": True,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0, "font": {"size": 13}},
        "xaxis": {**axis, "range": [x0, x1]},
        "yaxis": {**axis, "range": [y0, y1], "scaleanchor": "x", "scaleratio": 1},
    }
    return figure(traces, layout)
