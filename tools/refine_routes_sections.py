"""Second pass of issue 16: every line within 10% of its published length, and published country sections.

The first pass (tools/refine_routes_2026.py) left four lines 11-13% short and several published country
sections unmet. This pass inserts named waypoints (towns, stations, river crossings and valleys the line is
described as passing) where the drawn line cut a corner, each inserted in the segment it falls beside (by
its position along the line), and appends its basis to the feature's ``geometry_note``. It never scales a
line and never adds an unnamed bend.

Basis codes: "GK" = general knowledge, unverified (the dossier's standard for town positions); "NE" = Natural
Earth populated place; "SRC" = the place is named in a cited source as on the route (the source is in
``SOURCES``). Run once; the output is committed:

    python tools/refine_routes_sections.py --check   # lengths and sections before/after, writes nothing
    python tools/refine_routes_sections.py           # rewrites data/routes/*.geojson in place
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from posture.geo import geodesic_length_km, length_by_country  # noqa: E402
from tools.refine_routes_2026 import dump, load, sharp_turns  # noqa: E402

MARK = "Dec 2026 second pass (issue 16):"

SOURCES = {
    "kcp": "KazTransOil/KCP project page (kcp.kz, 'Kenkiyak - Kumkol'): 483 km from Kenkiyak station to the Aralsk "
           "area, 311 km on to Kumkol; the line crosses Aktobe, Kyzylorda and Ulytau regions",
    "gem_bu": "Global Energy Monitor, Bukhara-Ural Gas Pipeline: compressor station 14 at km 1,385 of line I, "
              "Khromtau district",
    "wrep": "Wikipedia, Baku-Supsa Pipeline: sections near Zestaponi re-routed in 2006-2008",
}

# route id -> waypoints (name, lon, lat, basis, source key or None), inserted where they fall along the line
ADD: dict[str, dict] = {
    "kcp_kenkiyak_kumkol": {"file": "oil_routes", "points": [
        ("Zhanazhol field (CNPC-Aktobe)", 57.70, 48.35, "GK", None),
        ("Kozhasay field", 58.30, 48.25, "GK", None),
        ("Bershugir", 58.85, 47.65, "GK", None),
        ("Aralsk area pumping station (km 483 from Kenkiyak)", 61.60, 46.95, "SRC", "kcp"),
    ]},
    "baku_supsa": {"file": "oil_routes", "points": [
        ("Mukhrani (Mtskheta-Mtianeti, Ksani-Mukhrani plain)", 44.57, 41.93, "GK", None),
        ("Agara", 43.82, 42.04, "GK", None),
        ("Surami", 43.556, 42.024, "GK", None),
        ("Moliti (Dzirula valley)", 43.38, 42.08, "GK", None),
        ("Shorapani (Dzirula-Kvirila confluence)", 43.09, 42.09, "GK", None),
        ("Zestaponi re-routed section, west of the town", 42.98, 42.12, "SRC", "wrep"),
        ("Vani district (south of the Rioni)", 42.55, 42.11, "GK", None),
        ("Abasha district (Samtredia-Lanchkhuti)", 42.20, 42.17, "GK", None),
    ]},
    "bukhara_ural": {"file": "gas_pipelines", "points": [
        ("Sibay (Bashkortostan)", 58.66, 52.72, "GK", None),
        ("Uchaly area", 59.25, 53.60, "GK", None),
        ("Yuzhnouralsk-Uvelsky", 61.25, 54.44, "GK", None),
    ]},
    "cagp_d": {"file": "gas_pipelines", "points": [
        ("Shahrinav", 68.33, 38.57, "GK", None),
        ("Faizobod", 69.32, 38.55, "GK", None),
        ("Rogun", 69.78, 38.70, "GK", None),
        ("Jirgatal", 71.23, 39.22, "GK", None),
        ("Sary-Mogol (Alay valley)", 72.88, 39.68, "GK", None),
        ("Kangsu (Kyzylsu valley, Wuqia county)", 74.95, 39.80, "GK", None),
    ]},
}


def insert_waypoints(coords: list, points: list) -> tuple[list, list[str]]:
    line = shapely.LineString(coords)
    cum = [line.project(shapely.Point(c)) for c in coords]
    out = [(c, d) for c, d in zip(map(tuple, coords), cum)]
    added = []
    for name, lon, lat, basis, src in points:
        d = line.project(shapely.Point(lon, lat))
        # never before the first vertex nor after the last: the ends are the named terminals
        d = min(max(d, 1e-9), line.length - 1e-9)
        out.append(((lon, lat), d))
        added.append(f"{name} ({basis}{': ' + SOURCES[src] if src else ''})")
    out.sort(key=lambda x: x[1])
    return [c for c, _ in out], added


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    countries = gpd.read_file(ROOT / "data" / "geo" / "countries_analysis.geojson")
    files: dict[str, dict] = {}
    for rid, e in ADD.items():
        fc = files.setdefault(e["file"], load(e["file"]))
        feat = next(f for f in fc["features"] if f["properties"]["id"] == rid)
        p = feat["properties"]
        if MARK in (p.get("geometry_note") or ""):
            print(f"{rid}: already refined")
            continue
        before = shapely.LineString(feat["geometry"]["coordinates"])
        coords, added = insert_waypoints(feat["geometry"]["coordinates"], e["points"])
        after = shapely.LineString(coords)
        pub = p.get("published_length_km")
        print(f"{rid:22} {geodesic_length_km(before):7.0f} -> {geodesic_length_km(after):7.0f} km  published {pub}"
              f"  ratio {geodesic_length_km(after) / pub if pub else float('nan'):.3f}  (+{len(added)})"
              f"  sharp turns {sharp_turns(coords)}")
        for i, c in enumerate(coords):
            if any((c[0], c[1]) == (pt[1], pt[2]) for pt in e["points"] if pt[3] == "SRC"):
                print(f"   km {geodesic_length_km(shapely.LineString(coords[:i + 1])) if i else 0:.0f} at {c}")
        print("   sections", length_by_country(before, countries), "->", length_by_country(after, countries),
              " published", p.get("published_km_by_country"))
        if args.check:
            continue
        feat["geometry"]["coordinates"] = [[round(x, 4), round(y, 4)] for x, y in coords]
        p["geometry_note"] = (p.get("geometry_note") or "") + (
            f" {MARK} added {len(added)} waypoints where the drawn line cut corners: {'; '.join(added)}.")
    if not args.check:
        for name, fc in files.items():
            (ROOT / "data" / "routes" / f"{name}.geojson").write_text(dump(fc))


if __name__ == "__main__":
    main()
