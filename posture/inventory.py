"""The inventory of the input tables the Data page shows: each table as a reader sees it, and one summary row per
table (rows, years covered, confidence, distinct sources, stale series)."""
from __future__ import annotations

import pandas as pd

from posture.catalog import TABLES
from posture.freshness import SERIES_KEYS, STALE_AFTER_YEARS, series_coverage
from posture.text import source_parts

YEAR_COLUMNS = ("year", "throughput_year", "volume_year")  # the first present gives a table's years


def table_frame(model, name: str) -> pd.DataFrame:
    """Table ``name`` as loaded; a route file with its computed length and countries beside the published ones."""
    t = TABLES[name]
    if t.kind != "geojson":
        return model.data[name].reset_index(drop=True)
    gdf = model.data.routes if name != "nodes" else model.data.nodes
    if name != "nodes":
        gdf = gdf[gdf["_table"] == name]
    df = pd.DataFrame(gdf.drop(columns=[c for c in ("geometry", "_table", "_feature") if c in gdf.columns]))
    if name != "nodes":
        m = model.route_metrics.loc[df["id"]]
        df.insert(3, "length_km_computed", m["length_km"].values)
        df.insert(4, "countries_computed", [";".join(c) for c in m["countries"]])
    return df.reset_index(drop=True)


def years_covered(df: pd.DataFrame) -> str:
    """'2014-2025', '2023', or '' when the table has no year column with a value."""
    for col in YEAR_COLUMNS:
        if col in df.columns:
            y = pd.to_numeric(df[col], errors="coerce").dropna()
            if len(y):
                return f"{int(y.min())}-{int(y.max())}" if y.min() != y.max() else f"{int(y.min())}"
    return ""


def distinct_sources(df: pd.DataFrame) -> int:
    """How many different sources a table cites (a cell may hold several, separated by ' ; ')."""
    return len(source_parts(df.get("source", pd.Series(dtype=str))))


def compute_table_overview(model, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per catalogued table: title, file, rows, years, stale series, confidence counts, sources, units."""
    if coverage is None:
        coverage = series_coverage({n: model.data[n] for n in SERIES_KEYS})
    rows = []
    for name, t in TABLES.items():
        df = table_frame(model, name)
        conf = df["confidence"].value_counts().to_dict() if "confidence" in df.columns else {}
        stale = int(coverage.loc[coverage["table"] == name, "stale"].sum()) if name in SERIES_KEYS else None
        rows.append({"table": t.title, "file": f"data/{t.path}", "rows": len(df), "years": years_covered(df),
                     f"series > {STALE_AFTER_YEARS} years old": stale,
                     "confidence": ", ".join(f"{k} {v}" for k, v in conf.items()), "distinct sources": distinct_sources(df),
                     "units": t.units, "name": name})
    return pd.DataFrame(rows)
