"""Route metrics from geometry: geodesic length, countries crossed, capacity crossing each country.

All measurement is geodesic on the WGS84 ellipsoid (pyproj.Geod); intersections with
country polygons use shapely with the GeoDataFrame spatial index. Nothing here is typed
in by hand: change a line in QGIS and the lengths, countries and shares follow.
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from posture.units import normalise_capacity

GEOD = pyproj.Geod(ellps="WGS84")
MIN_CROSSING_KM = 1.0  # a line counts as crossing a country when over 1 km of it lies inside


def geodesic_length_km(geom) -> float:
    """Geodesic length in km of a (multi)line in lon/lat degrees."""
    if geom is None or geom.is_empty:
        return 0.0
    return GEOD.geometry_length(geom) / 1000.0


def countries_crossed(line, countries: gpd.GeoDataFrame, min_km: float = MIN_CROSSING_KM) -> list[tuple[str, float]]:
    """ISO3 codes of the countries a line crosses, in order along the line, with km inside each.

    A country counts when more than ``min_km`` of the line lies inside it, so a vertex
    that grazes a border does not add a country.
    """
    hits = []
    for idx in countries.sindex.query(line, predicate="intersects"):
        poly = countries.geometry.iloc[idx]
        part = line.intersection(poly)
        km = geodesic_length_km(part)
        if km > min_km:
            first = shapely.get_point(shapely.get_parts(part)[0], 0) if part.geom_type != "Point" else part
            hits.append((line.project(first), countries["iso3"].iloc[idx], km))
    hits.sort()
    return [(iso, km) for _, iso, km in hits]


OUTSIDE_LAND = "sea"  # key of length_km_by_country for the part outside every country polygon (sea, lake)


def length_by_country(line, countries: gpd.GeoDataFrame) -> dict[str, float]:
    """Geodesic km of a line inside each country it touches (ISO3), in order along the line, plus
    ``"sea"`` for the part outside every country's land polygon (Caspian and Black Sea crossings, offshore
    legs). The values sum to the line's length: nothing under the 1 km rule of :func:`countries_crossed`
    is dropped here, so this is the table to read a country's section from."""
    total = geodesic_length_km(line)
    hits = []
    for idx in countries.sindex.query(line, predicate="intersects"):
        part = line.intersection(countries.geometry.iloc[idx])
        km = geodesic_length_km(part)
        if km > 0:
            first = shapely.get_point(shapely.get_parts(part)[0], 0) if part.geom_type != "Point" else part
            hits.append((line.project(first), str(countries["iso3"].iloc[idx]), km))
    hits.sort()
    out: dict[str, float] = {}
    for _, iso, km in hits:
        out[iso] = out.get(iso, 0.0) + km
    inside = sum(out.values())
    if inside > total:  # polygons of neighbours overlap by a hair at 1:50m: scale back to the line's length
        out = {k: v * total / inside for k, v in out.items()}
    elif total - inside > 0.05:
        out[OUTSIDE_LAND] = total - inside
    return {k: round(v, 1) for k, v in out.items()}


def compute_route_metrics(routes: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per route: length_km (geodesic), countries (ordered ISO3 list), km_by_country (countries
    crossed for more than 1 km), length_km_by_country (every country touched plus ``"sea"``, summing to
    length_km), and the length check against the published length (ratio)."""
    rows = []
    for _, r in routes.iterrows():
        crossed = countries_crossed(r.geometry, countries)
        length = geodesic_length_km(r.geometry)
        pub = r.get("published_length_km")
        cap, cap_unit = normalise_capacity(r.get("capacity_value"), r.get("capacity_unit"))
        rows.append({
            "id": r["id"],
            "length_km": round(length, 1),
            "countries": [c for c, _ in crossed],
            "km_by_country": {c: round(km, 1) for c, km in crossed},
            "length_km_by_country": length_by_country(r.geometry, countries),
            "length_ratio": round(length / pub, 3) if pd.notna(pub) and pub else None,
            "capacity": cap,
            "capacity_norm_unit": cap_unit,
        })
    return pd.DataFrame(rows).set_index("id", drop=False)


def compute_capacity_by_country(routes: gpd.GeoDataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Design capacity crossing each country, by commodity (oil Mt/yr, gas bcm/yr, freight Mt/yr).

    A route's full capacity counts in every country it crosses; routes with no published
    capacity are listed in ``routes_without_capacity``.
    """
    rows = []
    for _, r in routes.iterrows():
        m = metrics.loc[r["id"]]
        for iso in m["countries"]:
            rows.append({"iso3": iso, "commodity": r["commodity"], "route": r["id"], "status": r["status"],
                         "capacity": m["capacity"], "unit": m["capacity_norm_unit"]})
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=["iso3", "commodity", "unit", "capacity", "routes", "routes_without_capacity"])
    df["unit"] = df["unit"].fillna(df["commodity"].map({"oil": "Mt/yr", "gas": "bcm/yr", "freight": "Mt/yr"}))
    op = df[df["status"] == "operating"]
    out = (
        op.groupby(["iso3", "commodity", "unit"])
        .agg(capacity=("capacity", lambda s: float(s.sum(min_count=1)) if s.notna().any() else 0.0),
             routes=("route", lambda s: sorted(s)),
             routes_without_capacity=("route", lambda s: sorted(s[op.loc[s.index, "capacity"].isna()])))
        .reset_index()
    )
    return out


def parse_sections(text) -> dict[str, float]:
    """A feature's ``published_km_by_country`` ('TKM:188;UZB:530') -> {'TKM': 188.0, 'UZB': 530.0}; {} for none."""
    if text is None or (isinstance(text, float) and text != text) or not str(text).strip():
        return {}
    out = {}
    for part in str(text).split(";"):
        iso, _, km = part.partition(":")
        out[iso.strip()] = float(km)
    return out


def sections_text(length_km_by_country: dict[str, float], names: dict[str, str],
                  published: dict[str, float] | None = None) -> str:
    """'Kazakhstan 1,010 km (published 1,300), China 4 km, sea 485 km': the route card's line by country."""
    published = published or {}
    parts = []
    for iso, km in length_km_by_country.items():
        label = "at sea" if iso == OUTSIDE_LAND else names.get(iso, iso)
        pub = f" (published {published[iso]:,.0f})" if iso in published else ""
        parts.append(f"{label} {km:,.0f} km{pub}")
    return ", ".join(parts)
