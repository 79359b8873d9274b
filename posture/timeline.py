"""The posture over time: the balance index, effective partners and exposure by vector for every year.

Each year's ties matrix is built like the model's (``posture.model.build_model``), from that year's rows:

* **trade**: ``dependency.compute_trade_shares`` for the year, where a total turnover can be derived for it
  (partners without a figure that year take their latest earlier one, which the cell's basis names);
* **energy export routes**: ``dependency.compute_energy_route_shares`` on the year's full-year routes, or
  its longest partial period when no full year is published (labelled as partial);
* **investment**: ``dependency.compute_investment_shares`` for a year with gross FDI inflow by source and
  a world total;
* **estimated dimensions**: the analyst's estimate for the year where ``balance/ties_by_year.csv`` has one
  (a documented change), or ``balance/ties.csv`` (the current estimate, editable on the Balance page) for the
  years no row there covers.

A year without its own figure for a dimension takes the nearest year that has one (the latest earlier year,
else the earliest later one) and the cell says so: ``status`` is ``measured``, ``partial year``, ``estimate``
or ``carried over``, with ``from_year`` the year the figure is for. Nothing carried is presented as measured.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from posture import dependency as dep
from posture.balance import BalanceResult, compute_balance, ties_matrix

FIRST_YEAR = 2014
MEASURED = "measured"
PARTIAL = "partial year"
ESTIMATE = "estimate"
CARRIED = "carried over"


@dataclass(frozen=True)
class YearPosture:
    year: int
    matrix: pd.DataFrame  # dimension x vector shares
    balance: BalanceResult
    cells: pd.DataFrame  # one row per dimension: dimension, status, from_year, basis

    @property
    def carried(self) -> list[str]:
        return self.cells.loc[self.cells["status"] == CARRIED, "dimension"].tolist()

    def record(self, names: dict[str, str] | None = None) -> dict:
        """One year as the command line and the CSV give it: exposure in percent, summing to 100."""
        b = self.balance
        exposure = {k: round(float(v), 2) for k, v in b.exposure.items()}
        return {"year": self.year, "index": round(b.index, 2),
                "measures": {k: round(v, 2) for k, v in (b.measures or {}).items()},
                "effective_partners": round(b.effective_partners, 3), "n_vectors": b.n_vectors,
                "dominant": b.dominant, "dominant_share": round(b.dominant_share, 2), "exposure": exposure,
                "dimensions": [{"dimension": r.dimension, "status": r.status, "from_year": int(r.from_year),
                                "basis": r.basis} for r in self.cells.itertuples()]}


def _nearest(year: int, available: list[int]) -> int | None:
    """The year whose figure ``year`` uses: itself, else the latest earlier, else the earliest later."""
    if not available:
        return None
    if year in available:
        return year
    earlier = [y for y in available if y < year]
    return max(earlier) if earlier else min(available)


def _status(year: int, source_year: int, own: str) -> str:
    return own if year == source_year else CARRIED


def computed_by_year(oil: pd.DataFrame, trade: pd.DataFrame, fdi: pd.DataFrame, partners: pd.DataFrame,
                     vector_ids: list[str]) -> dict[str, dict[int, tuple[pd.Series, str, str]]]:
    """For each computed dimension, the years the data measure it: year -> (shares, status, basis)."""
    out: dict[str, dict[int, tuple[pd.Series, str, str]]] = {"trade": {}, "energy_routes": {}, "investment": {}}
    for y in dep.compute_trade_totals(trade)["year"].astype(int):
        ts = dep.compute_trade_shares(trade, partners, vector_ids, y)
        carried = [b for b in ts.table["basis"] if "latest available" in str(b)]
        basis = f"trade {y}, Kazakh statistics, total derived from published partner shares"
        if carried:
            basis += "; partners without a figure for the year take their latest earlier one: " + "; ".join(carried)
        out["trade"][y] = (ts.table["share_pct"].reindex(vector_ids).fillna(0.0), MEASURED, basis)
    for y in sorted(oil["year"].astype(int).unique()):
        g = oil[(oil["year"] == y) & (oil["period_kind"] != "plan")]
        full = g[g["period"] == "full year"]
        if len(full):
            out["energy_routes"][y] = (dep.compute_energy_route_shares(full, vector_ids), MEASURED,
                                       f"crude exports by route, {y}")
        elif len(g):
            label = g.groupby("label")["mt"].sum().idxmax()
            part = g[g["label"] == label]
            out["energy_routes"][y] = (dep.compute_energy_route_shares(part, vector_ids), PARTIAL,
                                       f"crude exports by route, {label} (no full-year figures for {y})")
    gross = fdi[(fdi["measure"] == "gross FDI inflow") & (fdi["partner"] == "WORLD")]
    for y in sorted(gross["year"].astype(int).unique()):
        inv = dep.compute_investment_shares(fdi, partners, vector_ids, y)
        out["investment"][y] = (inv["share_pct"].reindex(vector_ids).fillna(0.0), MEASURED,
                                f"gross FDI inflow by source, {y}")
    return out


def estimates_by_year(ties: pd.DataFrame, ties_by_year: pd.DataFrame,
                      dimensions: list[str]) -> dict[str, list[tuple[int, int, int, pd.Series, str]]]:
    """For each estimated dimension, its periods: (year_from, year_to, year, shares, basis).

    The current estimate (``ties``, whose ``year`` column says the year it is for) covers every year after the
    last period ``ties_by_year`` gives, and any year no period covers."""
    out: dict[str, list] = {}
    for dim in dimensions:
        rows = ties[ties["dimension"] == dim]
        if rows.empty or (rows["method"] == "computed").all():
            continue
        cur_year = pd.to_numeric(rows["year"], errors="coerce").dropna()
        periods = []
        hist = ties_by_year[ties_by_year["dimension"] == dim]
        for a, g in hist.groupby("year_from"):
            shares = g.set_index("vector")["share"].astype(float)
            periods.append((int(a), int(g["year_to"].iloc[0]), int(g["year"].iloc[0]), shares,
                            f"analyst's estimate for {int(g['year'].iloc[0])}, {g['event'].iloc[0]} "
                            "(balance/ties_by_year.csv)"))
        out[dim] = {"periods": sorted(periods, key=lambda p: p[0]),
                    "current": (int(cur_year.max()) if len(cur_year) else None,
                                rows.set_index("vector")["share"].astype(float))}
    return out


def compute_posture_by_year(oil: pd.DataFrame, trade: pd.DataFrame, fdi: pd.DataFrame, partners: pd.DataFrame,
                            ties: pd.DataFrame, ties_by_year: pd.DataFrame, weights: pd.Series,
                            vector_ids: list[str], dimension_ids: list[str], first_year: int = FIRST_YEAR,
                            last_year: int | None = None) -> list[YearPosture]:
    """One :class:`YearPosture` a year, ``first_year`` to ``last_year`` (default: the latest full year of crude
    exports, the model's latest year). ``ties`` is the current table (computed cells filled or not: they are
    recomputed per year); edited estimate cells are used for the years the current estimate covers."""
    computed = computed_by_year(oil, trade, fdi, partners, vector_ids)
    estimates = estimates_by_year(ties, ties_by_year, dimension_ids)
    last_year = dep.latest_full_year(oil) if last_year is None else last_year
    # a computed dimension the user overrode (method 'estimate' in ``ties``) is the user's for every year
    out = []
    for year in range(first_year, last_year + 1):
        m = ties_matrix(ties, vector_ids, dimension_ids).copy()
        cells = []
        for dim in dimension_ids:
            if dim in estimates:
                est = estimates[dim]
                period = next((p for p in est["periods"] if p[0] <= year <= p[1]), None)
                if period is not None:
                    a, b, y, shares, basis = period
                    m.loc[dim] = shares.reindex(vector_ids).fillna(0.0).to_numpy()
                    src_year = y
                else:
                    src_year, shares = est["current"]
                    m.loc[dim] = shares.reindex(vector_ids).fillna(0.0).to_numpy()
                    src_year = last_year if src_year is None else src_year
                    basis = f"analyst's estimate for {src_year} (balance/ties.csv)"
                status = _status(year, src_year, ESTIMATE)
            elif dim in computed and computed[dim]:
                src_year = _nearest(year, sorted(computed[dim]))
                shares, own, basis = computed[dim][src_year]
                m.loc[dim] = shares.reindex(vector_ids).fillna(0.0).to_numpy()
                status = _status(year, src_year, own)
            else:  # no per-year source: the table's cell, as in the model
                src_year, status, basis = year, ESTIMATE, "the ties table's shares (no series by year)"
            if status == CARRIED:
                basis = f"carried over from {src_year}: {basis}"
            cells.append({"dimension": dim, "status": status, "from_year": int(src_year), "basis": basis})
        out.append(YearPosture(year=year, matrix=m, balance=compute_balance(m, weights),
                               cells=pd.DataFrame(cells)))
    return out


def posture_by_year(model, ties: pd.DataFrame | None = None, weights: pd.Series | None = None,
                    first_year: int = FIRST_YEAR) -> list[YearPosture]:
    """:func:`compute_posture_by_year` on a :class:`posture.model.Model`'s tables (``ties``/``weights``: the
    edited inputs, else the defaults)."""
    t = model.data.tables
    return compute_posture_by_year(model.oil, t["trade"], t["fdi"], t["partners"],
                                   model.ties if ties is None else ties, t["ties_by_year"],
                                   model.weights if weights is None else weights, model.vector_ids,
                                   model.dimension_ids, first_year=first_year)


def years_table(years: list[YearPosture], vector_names: dict[str, str] | None = None,
                dimension_names: dict[str, str] | None = None) -> pd.DataFrame:
    """The CSV of the chart: one row a year with the index, every measure, effective partners, exposure by
    vector (percent) and, per dimension, how the year's figure was got (measured, estimate, carried over)."""
    vn, dn = vector_names or {}, dimension_names or {}
    rows = []
    for yp in years:
        b = yp.balance
        row = {"year": yp.year, "index": round(b.index, 2), "effective_partners": round(b.effective_partners, 3)}
        row.update({f"measure: {k}": round(v, 2) for k, v in (b.measures or {}).items()})
        row.update({f"exposure % {vn.get(v, v)}": round(float(x), 2) for v, x in b.exposure.items()})
        for c in yp.cells.itertuples():
            row[f"{dn.get(c.dimension, c.dimension)}"] = (c.status if c.status != CARRIED
                                                          else f"carried over from {c.from_year}")
        rows.append(row)
    return pd.DataFrame(rows)


def changes_between(years: list[YearPosture], a: int, b: int) -> float:
    """Index points from year ``a`` to year ``b``."""
    by = {y.year: y for y in years}
    return float(by[b].balance.index - by[a].balance.index) if a in by and b in by else float(np.nan)
