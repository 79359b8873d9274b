"""Uranium: Kazakhstan's share of world mine production by year, and who buys the uranium (data/nuclear/uranium.csv).

Pure functions from the validated ``uranium`` table (posture/load.py) to the frames the Dependencies page draws:

* :func:`share_by_year` - the default share, one row per year, each marked ``stated`` (the share the World Nuclear
  Association states) or ``computed`` (Kazakhstan's tonnes over the world's, from WNA's production table; the file
  marks these with a ``value_text`` starting "computed");
* :func:`other_share_estimates` - the estimates the file keeps beside the default (never the default);
* :func:`sales_by_destination` - Kazatomprom's sales split by region and year, a year with only part of the split
  labelled as such;
* :func:`other_buyers` - the other measures of who takes the uranium, each on its own basis (Rosatom's offtake,
  China's imports), which do not add up with the sales split;
* :func:`output` - mine output (100% basis), a part-year labelled.

:func:`default_share_problems` is the check posture/load.py runs: one default share per year.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SHARE = "share of world uranium mine production"
OTHER_ESTIMATES = SHARE + " (other estimates)"
SALES = "Kazatomprom sales by destination"
OUTPUT = "uranium production (100% basis)"
FULL_YEAR = "full year"

# Kazatomprom names regions, not countries; 2022's "Asia-Pacific" and 2023's "Asia" are one series
DESTINATIONS = {"ASIA": "ASIA", "ASIA-PACIFIC": "ASIA", "EUROPE": "EUROPE", "USA": "USA"}
DESTINATION_NAMES = {"ASIA": "Asia", "EUROPE": "Europe", "USA": "United States"}
# the vector a destination's colour comes from (Asia, with China, Japan, Korea and India, is no one vector)
DESTINATION_VECTORS = {"ASIA": None, "EUROPE": "EU", "USA": "USA"}
PROVENANCE = ["value_text", "note", "source", "confidence"]


def _is_computed(value_text: object) -> bool:
    return str(value_text or "").strip().lower().startswith("computed")


def default_share_problems(uranium: pd.DataFrame) -> list[tuple[int, int]]:
    """(row index, year) of every default-share row after the first for its year: the file keeps one default per
    year, alternatives go under 'share of world uranium mine production (other estimates)'."""
    rows = uranium[uranium["indicator"] == SHARE]
    dup = rows["year"].duplicated(keep="first")
    return [(int(i), int(y)) for i, y in zip(rows.index[dup], rows.loc[dup, "year"])]


def share_by_year(uranium: pd.DataFrame) -> pd.DataFrame:
    """The default share of world mine production: year, share_pct, basis ('stated' or 'computed'), value_text,
    note, source, confidence; one row per year, oldest first. Raises ValueError if a year has two defaults."""
    dup = default_share_problems(uranium)
    if dup:
        raise ValueError(f"more than one default '{SHARE}' for {sorted({y for _, y in dup})}")
    rows = uranium[uranium["indicator"] == SHARE]
    out = pd.DataFrame({
        "year": rows["year"].astype(int),
        "share_pct": rows["value"].astype(float),
        "basis": ["computed" if _is_computed(v) else "stated" for v in rows["value_text"]],
        **{c: rows[c] for c in PROVENANCE},
    })
    return out.sort_values("year").reset_index(drop=True)


def other_share_estimates(uranium: pd.DataFrame) -> pd.DataFrame:
    """Estimates kept beside the default: year, share_pct and their provenance."""
    rows = uranium[uranium["indicator"] == OTHER_ESTIMATES]
    out = pd.DataFrame({"year": rows["year"].astype(int), "share_pct": rows["value"].astype(float),
                        **{c: rows[c] for c in PROVENANCE}})
    return out.sort_values(["year", "share_pct"]).reset_index(drop=True)


def sales_by_destination(uranium: pd.DataFrame) -> pd.DataFrame:
    """Kazatomprom's sales by destination: year, period, label, destination (ASIA, EUROPE, USA), destination_name
    (as the source words it), vector, share_pct, partial and provenance; one row per year and destination.

    ``label`` is the year, or for a year whose split the sources give only in part (a period other than the full
    year) the year and what it holds: '2024: Europe only'. ``partial`` is True for such a year's rows."""
    rows = uranium[uranium["indicator"] == SALES].copy()
    rows["destination"] = [DESTINATIONS.get(str(p).strip().upper(), str(p).strip().upper()) for p in rows["partner"]]
    rows["partial"] = rows["period"].astype(str).str.strip().str.lower() != FULL_YEAR
    labels = {}
    for year, g in rows.groupby("year"):
        part = g[g["partial"]]
        if len(part) and not (~g["partial"]).any():
            names = ", ".join(DESTINATION_NAMES.get(d, d) for d in part["destination"])
            labels[year] = f"{int(year)}: {names} only"
        else:
            labels[year] = str(int(year))
    # a year with a full split and a part figure too: the full split is that year's bar
    full_years = set(rows.loc[~rows["partial"], "year"])
    rows = rows[~(rows["partial"] & rows["year"].isin(full_years))]
    out = pd.DataFrame({
        "year": rows["year"].astype(int), "period": rows["period"], "label": rows["year"].map(labels),
        "destination": rows["destination"],
        "destination_name": [DESTINATION_NAMES.get(d, str(p)) if str(p).upper() == d else str(p)
                             for d, p in zip(rows["destination"], rows["partner"])],
        "vector": rows["destination"].map(DESTINATION_VECTORS), "share_pct": rows["value"].astype(float),
        "partial": rows["partial"].astype(bool), **{c: rows[c] for c in PROVENANCE},
    })
    order = {d: i for i, d in enumerate(DESTINATION_NAMES)}
    out = out.assign(_o=out["destination"].map(order).fillna(len(order)))
    return out.sort_values(["year", "_o"]).drop(columns="_o").reset_index(drop=True)


def other_buyers(uranium: pd.DataFrame) -> pd.DataFrame:
    """Other measures of who takes the uranium, each on its own basis: the rows naming one country (not WORLD,
    not Kazakhstan itself) outside the sales split - Rosatom's offtake, China's imports, exports by destination.
    Columns: measure, partner, year, period, value, unit and provenance, newest first."""
    rows = uranium[~uranium["indicator"].isin([SHARE, OTHER_ESTIMATES, SALES])
                   & ~uranium["partner"].astype(str).str.upper().isin(["WORLD", "KAZ"])]
    out = pd.DataFrame({"measure": rows["indicator"], "partner": rows["partner"], "year": rows["year"].astype(int),
                        "period": rows["period"], "value": rows["value"].astype(float), "unit": rows["unit"],
                        **{c: rows[c] for c in PROVENANCE}})
    return out.sort_values(["year", "measure"], ascending=[False, True]).reset_index(drop=True)


def output(uranium: pd.DataFrame) -> pd.DataFrame:
    """Kazakhstan's mine output, 100% basis: year, period, tU (from the file's kt U), partial and provenance."""
    rows = uranium[uranium["indicator"] == OUTPUT]
    kt = rows["value"].astype(float).where(rows["unit"].astype(str).str.strip() == "kt U", rows["value"] / 1000)
    out = pd.DataFrame({"year": rows["year"].astype(int), "period": rows["period"], "tU": (kt * 1000).round(0),
                        "partial": rows["period"].astype(str).str.lower() != FULL_YEAR,
                        **{c: rows[c] for c in PROVENANCE}})
    return out.sort_values(["year", "partial"]).reset_index(drop=True)


@dataclass(frozen=True)
class UraniumFrames:
    share: pd.DataFrame
    other_estimates: pd.DataFrame
    sales: pd.DataFrame
    other_buyers: pd.DataFrame
    output: pd.DataFrame


def prepare(uranium: pd.DataFrame) -> UraniumFrames:
    """Every frame the uranium section draws, from the validated table."""
    return UraniumFrames(share_by_year(uranium), other_share_estimates(uranium), sales_by_destination(uranium),
                         other_buyers(uranium), output(uranium))
