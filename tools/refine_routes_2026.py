"""Bring route lines closer to their published lengths by adding waypoints along the described alignment.

Issue 16 (December 2026 update): seven lines were drawn 10-13% shorter than published because the
drawn line cut corners the real route does not (valleys, passes, the towns it is built past). This
script adds named waypoints - towns, stations and passes the route is described as passing - and
records each one's basis in the feature's ``geometry_note``. It never scales or stretches a line:
every new vertex is a named place.

Coordinates: "NE" = Natural Earth 10m populated place (public domain); "GK" = general knowledge,
unverified (the standard the dossier uses for town positions). Run once; the output is committed:

    python tools/refine_routes_2026.py            # rewrites data/routes/*.geojson in place
    python tools/refine_routes_2026.py --check    # prints lengths before/after, writes nothing
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pyproj
import shapely

ROOT = Path(__file__).resolve().parents[1]
GEOD = pyproj.Geod(ellps="WGS84")
MARK = "Dec 2026 refinement (issue 16):"

# route id -> the new vertex sequence: an int keeps that vertex of the line as drawn before (by index), a tuple
# (name, lon, lat, basis) adds a named waypoint; original vertices left out were shaping vertices the named
# places replace. "sections": published km per country (ISO3), where a source gives them (see length_note).
EDITS: dict[str, dict] = {
    "btc": {"file": "oil_routes", "sections": {"AZE": 443, "GEO": 249, "TUR": 1076}, "seq": [
        *range(0, 17),
        ("Tetritskaro", 44.46, 41.50, "GK"), 18,
        ("Tsalka reservoir, south shore", 43.90, 41.58, "GK"), 19,
        ("Bakuriani area (Borjomi district)", 43.53, 41.75, "GK"), 20,
        ("Akhaltsikhe", 42.98, 41.64, "GK"), *range(22, 27),
        ("Selim district (Kars province)", 42.78, 40.46, "GK"),
        ("Sarikamis", 42.59, 40.33, "GK"),
        ("Horasan", 42.17, 40.05, "GK"),
        ("Pasinler", 41.67, 39.98, "GK"), 28,
        ("Erzurum", 41.29, 39.92, "NE"), 29, 30, 31,
        ("Erzincan", 39.49, 39.75, "NE"), *range(32, 46)]},
    "baku_supsa": {"file": "oil_routes", "sections": {"GEO": 376}, "seq": [
        *range(0, 21),
        ("Kareli", 43.90, 42.02, "GK"), 21,
        ("Rikoti pass", 43.47, 42.00, "GK"), 22,
        ("Kharagauli", 43.20, 42.02, "GK"), 23,
        ("Kutaisi, south of the city", 42.73, 42.20, "NE"), *range(25, 28)]},
    "tap": {"file": "gas_pipelines", "sections": {"GRC": 550, "ALB": 215}, "seq": [
        0, ("north of Alexandroupoli (Peplos-Feres area)", 25.95, 40.95, "GK"), *range(1, 9),
        ("Lagkadas (north of Thessaloniki)", 23.07, 40.75, "GK"), 9, 11,
        ("Edessa-Skydra area", 22.10, 40.75, "GK"), 12,
        ("Kozani area (Polymylos)", 21.79, 40.30, "GK"),
        ("Argos Orestiko", 21.26, 40.45, "GK"), 14, 15, 16,
        ("Maliq (Devoll valley)", 20.70, 40.71, "GK"),
        ("Devoll gorge (Moglice)", 20.42, 40.70, "GK"),
        ("Gramsh", 20.20, 40.87, "NE"),
        ("Berat area", 19.97, 40.71, "NE"),
        ("Kucove", 19.91, 40.80, "GK"), *range(22, 26)]},
    "kcp_kenkiyak_kumkol": {"file": "oil_routes", "sections": None, "seq": [
        0, 1,
        ("Shalkar", 59.62, 47.83, "GK"),
        ("Saksaulskiy", 61.17, 47.08, "GK"), *range(5, 10)]},
    "bukhara_ural": {"file": "gas_pipelines", "sections": None, "seq": [
        *range(0, 8),
        ("Nukus", 59.615, 42.47, "NE"), *range(10, 16),
        ("Emba area (Aktobe region)", 58.13, 48.83, "GK"), 17,
        ("Khromtau", 58.45, 50.27, "NE"),
        ("Orsk", 58.627, 51.21, "NE"), 20, 21,
        ("Magnitogorsk", 58.98, 53.423, "NE"),
        ("Verkhneuralsk", 59.22, 53.88, "GK"), 23, 24]},
    "mc08": {"file": "corridors", "sections": None, "seq": [
        0, 1,
        ("Koktal", 79.73, 44.08, "GK"), 2,
        ("Basshi (foot of the Altyn-Emel range)", 78.77, 44.17, "GK"),
        ("Altynemel station", 78.45, 44.17, "GK"),
        ("Konyrolen", 78.02, 44.22, "GK"), 5, 6]},
    "cagp_d": {"file": "gas_pipelines", "sections": None, "seq": [
        *range(0, 14),
        ("Obigarm", 69.70, 38.72, "GK"), 15,
        ("Nurobod (Darband)", 70.05, 38.85, "GK"),
        ("Gharm (Rasht)", 70.37, 39.02, "GK"), 18, 19,
        ("Tojikobod", 70.87, 39.15, "GK"), 20, 21, 22, 23,
        ("Karamyk (Tajik-Kyrgyz border)", 71.75, 39.45, "GK"),
        ("Daroot-Korgon", 72.2, 39.55, "GK"),
        ("Kashka-Suu (Alay valley)", 72.95, 39.66, "GK"),
        ("Sary-Tash", 73.25, 39.73, "GK"),
        ("Nura", 73.80, 39.62, "GK"),
        ("Irkeshtam", 73.94, 39.68, "GK"), *range(30, 35)]},
}


# published sections for lines whose geometry this script does not change (kept so the test can compare them)
SECTIONS_ONLY = {
    # Interfax (2009): 'about 200 km in Turkmenistan, 550 km in Uzbekistan, over 1,300 km in Kazakhstan';
    # offshore-technology: 188 km in Turkmenistan and 530 km in Uzbekistan. Default: 188 / 530 / 1,300.
    "cagp_ab": ("gas_pipelines", {"TKM": 188, "UZB": 530, "KAZ": 1300}),
    "cagp_c": ("gas_pipelines", {"UZB": 529, "KAZ": 1300}),
}


def load(name: str) -> dict:
    return json.loads((ROOT / "data" / "routes" / f"{name}.geojson").read_text())


def km(coords) -> float:
    return GEOD.geometry_length(shapely.LineString(coords)) / 1000.0


def refine(feature: dict, seq: list) -> tuple[list, list[str]]:
    coords = [tuple(c) for c in feature["geometry"]["coordinates"]]
    out, added = [], []
    for item in seq:
        if isinstance(item, int):
            out.append(coords[item])
        else:
            name, lon, lat, basis = item
            out.append((lon, lat))
            added.append(f"{name} ({basis})")
    return out, added


def sharp_turns(coords, limit_deg: float = 110.0) -> list[int]:
    """Vertices where the line doubles back (turns by more than ``limit_deg``): a waypoint out of order."""
    bad = []
    for i in range(1, len(coords) - 1):
        a1 = GEOD.inv(*coords[i - 1], *coords[i])[0]
        a2 = GEOD.inv(*coords[i], *coords[i + 1])[0]
        turn = abs((a2 - a1 + 180) % 360 - 180)
        if turn > limit_deg:
            bad.append(i)
    return bad


def dump(fc: dict) -> str:
    """The files' own layout (GDAL's): one feature per line, so a diff shows which line changed."""
    head = {k: v for k, v in fc.items() if k != "features"}
    lines = ["{"] + [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('"features": [')
    feats = [json.dumps(f, ensure_ascii=False) for f in fc["features"]]
    lines.append(",\n".join(feats))
    lines += ["]", "}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    files: dict[str, dict] = {}
    for rid, e in EDITS.items():
        fc = files.setdefault(e["file"], load(e["file"]))
        feat = next(f for f in fc["features"] if f["properties"]["id"] == rid)
        if MARK in (feat["properties"].get("geometry_note") or ""):
            print(f"{rid}: already refined")
            continue
        before = km(feat["geometry"]["coordinates"])
        coords, added = refine(feat, e["seq"])
        after = km(coords)
        turns = sharp_turns(coords)
        if turns:
            print(f"  {rid}: sharp turns at {turns}")
        pub = feat["properties"].get("published_length_km")
        print(f"{rid:22} {before:7.0f} -> {after:7.0f} km  published {pub}  ratio {after / pub if pub else float('nan'):.3f}"
              f"  (+{len(added)} waypoints)")
        if args.check:
            continue
        feat["geometry"]["coordinates"] = [[round(x, 4), round(y, 4)] for x, y in coords]
        p = feat["properties"]
        if e.get("sections"):
            p["published_km_by_country"] = ";".join(f"{k}:{v}" for k, v in e["sections"].items())
        p["geometry_note"] = (p.get("geometry_note") or "") + (
            f" {MARK} added {len(added)} waypoints along the described alignment, where the drawn line cut "
            f"corners: {'; '.join(added)}. NE = Natural Earth populated place, GK = general knowledge, unverified.")
    for rid, (fname, sections) in SECTIONS_ONLY.items():
        fc = files.setdefault(fname, load(fname))
        feat = next(f for f in fc["features"] if f["properties"]["id"] == rid)
        feat["properties"]["published_km_by_country"] = ";".join(f"{k}:{v}" for k, v in sections.items())
    if not args.check:
        for name, fc in files.items():
            (ROOT / "data" / "routes" / f"{name}.geojson").write_text(dump(fc))


if __name__ == "__main__":
    main()
