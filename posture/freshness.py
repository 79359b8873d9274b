"""How current each figure is: first and last year of every series in the data, and which are stale.

A briefing in December 2026 must not rest on a series that stops in 2022 without saying so. A
*series* is what one line of a chart would show: one partner's trade, one route's crude, one
corridor indicator. It is **stale** when its last year is more than ``STALE_AFTER_YEARS`` before
the reference year (today's, unless given). Targets and forecasts (years in the future by design)
do not count towards a series' last year.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

STALE_AFTER_YEARS = 2

# table name (posture.catalog) -> the columns naming one series in it; [] = the whole table is one series
SERIES_KEYS: dict[str, list[str]] = {
    "oil_exports": ["export_route"],
    "oil_export_totals": [],
    "oil_route_series": ["export_route"],
    "oil_field_flows": ["field"],
    "trade": ["partner_name"],
    "fdi": ["measure", "partner"],
    "uranium": ["indicator"],
    "corridor_volumes": ["corridor", "indicator"],
    "events": [],
}
NOT_OBSERVED = {"target", "forecast", "investment"}  # corridor 'kind's that are plans, not observations


def reference_year(as_of: int | None = None) -> int:
    return int(as_of) if as_of is not None else date.today().year


def _observed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    f = frame
    if name == "corridor_volumes" and "kind" in f.columns:
        f = f[~f["kind"].isin(NOT_OBSERVED)]
    if "basis" in f.columns and name in ("oil_exports", "oil_export_totals", "oil_route_series"):
        f = f[f["basis"] != "plan"]
    return f


def series_coverage(tables: dict[str, pd.DataFrame], as_of: int | None = None) -> pd.DataFrame:
    """One row per series: table, series, first_year, last_year, age_years, stale, rows."""
    ref = reference_year(as_of)
    rows = []
    for name, keys in SERIES_KEYS.items():
        if name not in tables:
            continue
        f = _observed(name, tables[name])
        years = pd.to_numeric(f["year"], errors="coerce") if "year" in f.columns else None
        if years is None:
            continue
        f = f.assign(_year=years).dropna(subset=["_year"])
        groups = f.groupby(keys, dropna=False, sort=True) if keys else [((), f)]
        for key, g in groups:
            key = key if isinstance(key, tuple) else (key,)
            label = " / ".join(str(k) for k in key) if keys else "all rows"
            last = int(g["_year"].max())
            rows.append({"table": name, "series": label, "first_year": int(g["_year"].min()), "last_year": last,
                         "age_years": ref - last, "stale": ref - last > STALE_AFTER_YEARS, "rows": len(g)})
    return pd.DataFrame(rows, columns=["table", "series", "first_year", "last_year", "age_years", "stale", "rows"])


def stale_series(tables: dict[str, pd.DataFrame], as_of: int | None = None) -> pd.DataFrame:
    cov = series_coverage(tables, as_of)
    return cov[cov["stale"]].reset_index(drop=True)


def stale_warnings(name: str, frame: pd.DataFrame, file: str, as_of: int | None = None) -> list[str]:
    """'file: series X ends in 2022, 4 years before 2026' for each stale series of one table (validate's warnings)."""
    ref = reference_year(as_of)
    out = []
    for r in stale_series({name: frame}, ref).itertuples():
        out.append(f"warning: {file}: series '{r.series}' ends in {r.last_year}, {r.age_years} years before {ref} "
                   f"(more than {STALE_AFTER_YEARS})")
    return out


def latest_year(frame: pd.DataFrame, column: str = "year") -> int | None:
    """The latest year of the rows a chart draws (for its subtitle); None if the frame has no year."""
    if frame is None or column not in getattr(frame, "columns", []):
        return None
    y = pd.to_numeric(frame[column], errors="coerce").dropna()
    return int(y.max()) if len(y) else None


def data_to(frame: pd.DataFrame, column: str = "year", as_of: int | None = None) -> str:
    """Subtitle fragment: 'data to 2025' (with 'more than two years old' when it is)."""
    return data_to_year(latest_year(frame, column), as_of)


def data_to_year(last: int | None, as_of: int | None = None) -> str:
    """'data to 2025' for a chart whose latest year is known otherwise (a reference year, a period label)."""
    if last is None:
        return ""
    old = reference_year(as_of) - int(last) > STALE_AFTER_YEARS
    return f"data to {int(last)}" + (f" (more than {STALE_AFTER_YEARS} years old)" if old else "")


def year_of_label(label) -> int | None:
    """The last four-digit year in a period label ('2025', '2024 Jan-Oct', '2020-2024' -> 2025, 2024, 2024)."""
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", str(label))
    return int(years[-1]) if years else None


def inputs_latest_year(ties: pd.DataFrame, computed_years: dict[str, int]) -> int | None:
    """The latest year behind the balance inputs: the year of each estimated tie and, for the computed
    dimensions (no year of their own in the ties table), the year of the table they are computed from."""
    years = []
    if "year" in ties.columns:
        est = ties[ties.get("method", pd.Series(index=ties.index, dtype=object)) != "computed"]
        years += [int(y) for y in pd.to_numeric(est["year"], errors="coerce").dropna()]
    dims = set(ties["dimension"]) if "dimension" in ties.columns else set(computed_years)
    years += [int(y) for d, y in computed_years.items() if d in dims and y is not None]
    return max(years) if years else None
