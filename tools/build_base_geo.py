"""Build data/geo/ from the Natural Earth files in ../shared/data/geo (run once; output is committed).

Why a script: the base map is derived data. Keeping the recipe lets anyone rebuild it
(other region, other simplification) and shows exactly what was changed from Natural Earth:

* countries: NE 1:50m v4.0.0, clipped to the region the maps show;
  Crimea moved from Russia to Ukraine (UN GA resolution 68/262; NE v4 shows de facto control);
  N. Cyprus merged into Cyprus (recognised only by Türkiye).
  Two files: ``data/geo/countries_analysis.geojson`` (unsimplified, for route/country
  intersections) and ``static/geo/countries.geojson`` (simplified, served to the browser for the map).
* seas (static/geo/water.geojson): Caspian Sea and Black Sea from NE 1:110m marine polygons; lakes Aral and Balkhash from NE 1:50m lakes.

Usage: python tools/build_base_geo.py [--shared ../shared/data/geo]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box

REGION = box(-12.0, 18.0, 125.0, 66.0)  # Europe to western China, Gulf to the Arctic edge
CRIMEA_BOX = box(32.2, 44.2, 36.8, 46.3)
DISPLAY_TOLERANCE_DEG = 0.05  # ~5 km: invisible at the map's zoom, ~8x lighter


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

    w = w[w.intersects(REGION)].copy()
    w["geometry"] = w.geometry.intersection(REGION)
    keep = w[["iso3", "NAME", "geometry"]].rename(columns={"NAME": "name"}).sort_values("iso3")
    keep = keep.reset_index(drop=True)
    keep.to_file(out / "countries_analysis.geojson", driver="GeoJSON", COORDINATE_PRECISION=5)

    disp = keep.copy()
    disp["geometry"] = disp.geometry.simplify(DISPLAY_TOLERANCE_DEG, preserve_topology=True)
    disp = disp[~disp.geometry.is_empty]
    static.mkdir(parents=True, exist_ok=True)
    disp.to_file(static / "countries.geojson", driver="GeoJSON", COORDINATE_PRECISION=3)

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


def pd_concat(frames):
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/geo")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data/geo")
    ap.add_argument("--static", type=Path, default=Path(__file__).resolve().parents[1] / "static/geo")
    a = ap.parse_args()
    build(a.shared, a.out, a.static)
