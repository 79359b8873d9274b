"""Build data/geo/ from the Natural Earth files in ../shared/data/geo (run once; output is committed).

Why a script: the base map is derived data. Keeping the recipe lets anyone rebuild it
(other region, other simplification) and shows exactly what was changed from Natural Earth:

* countries: NE 1:50m v4.0.0, clipped to the region the maps show (the served file to the wider region every
  screen's opening view shows, ``DISPLAY_REGION``);
  Crimea moved from Russia to Ukraine (UN GA resolution 68/262; NE v4 shows de facto control);
  N. Cyprus merged into Cyprus (recognised only by Türkiye).
  Two files: ``data/geo/countries_analysis.geojson`` (unsimplified, for route/country
  intersections) and ``static/geo/countries.geojson`` (simplified, served to the browser for the map).
* seas (static/geo/water.geojson): Caspian Sea and Black Sea from NE 1:110m marine polygons; lakes Aral and Balkhash from NE 1:50m lakes.
* country labels (the ``country`` rows of data/geo/map_labels.csv): for each country, the pole of inaccessibility
  (shapely.polylabel, in Web Mercator) of its largest part inside the region, or a hand-placed anchor where that
  pole falls outside the map's opening view (``LABEL_ANCHORS``); ``min_zoom`` is the lowest zoom at which the
  name, at the map's country font size, fits inside the country. The ``sea`` and ``lake`` rows are hand-placed and
  kept as they are.

Usage: python tools/build_base_geo.py [--shared ../shared/data/geo]
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pyproj
import shapely.ops

import geopandas as gpd
import shapely
from shapely.geometry import box

REGION = box(-12.0, 18.0, 125.0, 66.0)  # Europe to western China, Gulf to the Arctic edge
# what the served map draws: every canvas's opening view (zoom 2.45 centred on 55E 46N, 640 px high, up to 1294 px
# wide in presentation mode at 1920x1080) shows 10.7N-67.7N and 28W-138E; clipped to REGION, the map had white bands
# under Arabia and India and at its sides. Only the served file; the analysis file and the labels keep REGION.
DISPLAY_REGION = box(-32.0, 4.0, 142.0, 72.0)
CRIMEA_BOX = box(32.2, 44.2, 36.8, 46.3)
DISPLAY_TOLERANCE_DEG = 0.05  # ~5 km: invisible at the map's zoom, ~8x lighter
# hand-placed label anchors (lon, lat) where the pole of the clipped polygon falls outside the opening view
LABEL_ANCHORS = {
    "RUS": (58.0, 59.5, "pole of the clipped polygon lies in Siberia, east of the opening view: placed over the Urals"),
    "CHN": (85.5, 40.5, "pole lies in Qinghai, east of the opening view: placed over the Tarim basin (Xinjiang)"),
    "KAZ": (67.0, 49.6, "pole moved a little north, clear of the Kazakh route nodes"),
    "TKM": (60.2, 38.5, "pole lies under the Turkmenbashi label at the opening view: moved south-east, still inside"),
}


def build(shared: Path, out: Path, static: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    w = gpd.read_file(shared / "ne_50m_admin_0_countries.geojson")
    w["iso3"] = w["ISO_A3"].where(w["ISO_A3"] != "-99", w["ADM0_A3"])
    w["geometry"] = shapely.make_valid(w.geometry.values)

    # Crimea: the Russian multipolygon part lying inside the Crimea box goes to Ukraine.
    rus_i = w.index[w.iso3 == "RUS"][0]
    ukr_i = w.index[w.iso3 == "UKR"][0]
    rus_parts = list(w.at[rus_i, "geometry"].geoms)
    crimea = [g for g in rus_parts if CRIMEA_BOX.contains(g.centroid)]
    assert len(crimea) == 1, "expected exactly one Crimea part in NE v4 Russia"
    w.at[rus_i, "geometry"] = shapely.MultiPolygon([g for g in rus_parts if g not in crimea])
    w.at[ukr_i, "geometry"] = shapely.union_all([w.at[ukr_i, "geometry"], crimea[0]])

    # Northern Cyprus into Cyprus.
    cyp_i = w.index[w.iso3 == "CYP"][0]
    cyn = w.index[w.iso3 == "CYN"]
    w.at[cyp_i, "geometry"] = shapely.union_all([w.at[cyp_i, "geometry"], *w.loc[cyn, "geometry"]])
    w = w.drop(index=cyn)

    world = w
    w = w[w.intersects(REGION)].copy()
    w["geometry"] = w.geometry.intersection(REGION)
    keep = w[["iso3", "NAME", "geometry"]].rename(columns={"NAME": "name"}).sort_values("iso3")
    keep = keep.reset_index(drop=True)
    keep.to_file(out / "countries_analysis.geojson", driver="GeoJSON", COORDINATE_PRECISION=5)

    disp = world[world.intersects(DISPLAY_REGION)].copy()
    disp["geometry"] = disp.geometry.intersection(DISPLAY_REGION)
    disp = disp[["iso3", "NAME", "geometry"]].rename(columns={"NAME": "name"}).sort_values("iso3")
    disp = disp.reset_index(drop=True)
    disp["geometry"] = disp.geometry.simplify(DISPLAY_TOLERANCE_DEG, preserve_topology=True)
    disp = disp[~disp.geometry.is_empty]
    static.mkdir(parents=True, exist_ok=True)
    disp.to_file(static / "countries.geojson", driver="GeoJSON", COORDINATE_PRECISION=3)

    write_country_labels(keep, out / "map_labels.csv")

    marine = gpd.read_file(shared / "ne_110m_geography_marine_polys.geojson")
    seas = marine[marine["name"].isin(["Caspian Sea", "Black Sea"])][["name", "geometry"]]
    lakes = gpd.read_file(shared / "ne_50m_lakes.geojson")
    lakes["name"] = lakes["name"].str.replace("\r", " ")
    lakes = lakes[lakes["name"].isin(["Aral Sea", "Lake Balkhash", "Balqash Köli", "Lake Balqash"])]
    water = gpd.GeoDataFrame(
        pd_concat([seas.assign(kind="sea"), lakes[["name", "geometry"]].assign(kind="lake")]),
        crs="EPSG:4326",
    )
    water["geometry"] = water.geometry.simplify(0.02, preserve_topology=True)
    water.to_file(static / "water.geojson", driver="GeoJSON", COORDINATE_PRECISION=3)


def _fits(poly_m, x: float, y: float, w_px: float, h_px: float, zoom: float) -> bool:
    m_per_px = 2 * math.pi * 6378137.0 / (512 * 2 ** zoom)
    w, h = w_px * m_per_px / 2, h_px * m_per_px / 2
    return poly_m.contains(box(x - w, y - h, x + w, y + h))


def write_country_labels(countries: gpd.GeoDataFrame, path: Path) -> None:
    """Rewrite the country rows of map_labels.csv (anchor and min_zoom per country), keep the other rows."""
    import pandas as pd

    from posture.viz.labels import COUNTRY_SIZE, text_size_px

    merc = countries.to_crs("EPSG:3857")
    to_ll = pyproj.Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True)
    to_m = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    rows = []
    for (_, r), geom in zip(countries.iterrows(), merc.geometry):
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(parts, key=lambda g: g.area)
        if r["iso3"] in LABEL_ANCHORS:
            lon, lat, why = LABEL_ANCHORS[r["iso3"]]
            x, y = to_m.transform(lon, lat)
            method = f"hand-placed: {why}"
        else:
            pole = shapely.ops.polylabel(largest, tolerance=max(largest.length / 2000, 100.0))
            x, y = pole.x, pole.y
            lon, lat = to_ll.transform(x, y)
            method = "pole of inaccessibility of the largest part (shapely polylabel, EPSG:3857)"
        w, h = text_size_px(r["name"], COUNTRY_SIZE)
        zoom = next((z / 20 for z in range(0, 201) if _fits(largest, x, y, w, h, z / 20)), 10.0)
        rows.append({"kind": "country", "name": r["name"], "iso3": r["iso3"], "lon": round(lon, 2),
                     "lat": round(lat, 2), "min_zoom": zoom, "method": method,
                     "source": "Natural Earth 1:50m admin-0 countries v4.0.0 (public domain); anchor computed by "
                               "tools/build_base_geo.py", "year": 2017, "confidence": "high"})
    old = pd.read_csv(path) if path.exists() else pd.DataFrame(columns=list(rows[0]))
    frame = pd.concat([old[old["kind"] != "country"], pd.DataFrame(rows)], ignore_index=True)
    frame.to_csv(path, index=False)


def pd_concat(frames):
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/geo")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data/geo")
    ap.add_argument("--static", type=Path, default=Path(__file__).resolve().parents[1] / "static/geo")
    a = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    build(a.shared, a.out, a.static)
