"""The multi-vector balance indicator.

Inputs: a ties table (dimension x vector -> share of that dimension's ties, each dimension
summing to 100) and a weight per dimension.

* Exposure to vector v: E_v = sum_d w_d * s_dv / sum_d w_d (percent; sums to 100).
* Herfindahl-Hirschman index of exposure: H = sum_v (E_v / 100)^2, between 1/N and 1.
* Effective number of partners: P = 1 / H (between 1 and N).
* Balance index (the default measure, ``partners``): 100 * (P - 1) / (N - 1), the effective partners placed
  on 0..100: 0 = all with one vector, 100 = spread evenly over all N. It says out loud as "as spread as ties
  split evenly over P of the N vectors". Beside it (``SPREAD_MEASURES``): one minus the normalised HHI
  (``hhi``, the default until December 2026), normalised Shannon entropy (``entropy``) and one minus the
  largest share (``largest``), each normalised so that even = 100 and one partner = 0. Why this default:
  :func:`reference_cases` and the README's balance section.

Limits: the index is only as good as the shares and weights; it counts breadth, not the
quality or reversibility of a tie; it depends on N (adding an empty vector changes it);
shares of different dimensions are averaged as if commensurable.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DOMINANCE_THRESHOLD = 50.0  # a dimension where one vector holds more than half is flagged


@dataclass(frozen=True)
class SpreadMeasure:
    id: str
    label: str
    formula: str
    reads: str  # how a briefer says it


DEFAULT_MEASURE = "partners"
SPREAD_MEASURES: dict[str, SpreadMeasure] = {m.id: m for m in (
    SpreadMeasure("partners", "Effective partners, 0-100 (default)", "100 (1/HHI - 1) / (N - 1)",
                  "as spread as ties split evenly over 1/HHI of the N vectors; each point is 1% of the way from "
                  "one partner to all N"),
    SpreadMeasure("hhi", "One minus normalised HHI", "100 (1 - (HHI - 1/N) / (1 - 1/N))",
                  "the default until December 2026; squares the shares, so it stays high while one vector holds "
                  "two fifths"),
    SpreadMeasure("entropy", "Normalised Shannon entropy", "100 (-sum p ln p) / ln N",
                  "information-theoretic spread; between the other two, with no count to say out loud"),
    SpreadMeasure("largest", "One minus the largest share", "100 (1 - max p) / (1 - 1/N)",
                  "reads the largest vector only: blind to how the rest is spread"),
)}


def compute_spread_measures(shares) -> dict[str, float]:
    """Every measure of spread in ``SPREAD_MEASURES`` for shares of any scale (normalised here), 0..100 each:
    100 when spread evenly over the N vectors, 0 when all sit with one (and 0 when N is 1)."""
    e = np.clip(np.asarray(shares, dtype=float), 0, None)
    p = e / float(e.sum())
    n = len(p)
    if n <= 1:
        return dict.fromkeys(SPREAD_MEASURES, 0.0)
    hhi = float((p**2).sum())
    nz = p[p > 0]
    out = {
        "partners": 100.0 * (1.0 / hhi - 1.0) / (n - 1.0),
        "hhi": 100.0 * (1.0 - (hhi - 1.0 / n) / (1.0 - 1.0 / n)),
        "entropy": 100.0 * float(-(nz * np.log(nz)).sum()) / float(np.log(n)),
        "largest": 100.0 * (1.0 - float(p.max())) / (1.0 - 1.0 / n),
    }
    return {k: float(np.clip(v, 0.0, 100.0)) + 0.0 for k, v in out.items()}  # + 0.0: never "-0"


@dataclass(frozen=True)
class BalanceResult:
    index: float  # the default measure (DEFAULT_MEASURE)
    effective_partners: float
    hhi: float  # 0..1
    n_vectors: int
    dominant: str
    dominant_share: float
    exposure: pd.Series  # vector -> percent
    measures: dict = None  # measure id -> 0..100 (SPREAD_MEASURES)

    def as_dict(self, names: dict[str, str] | None = None) -> dict:
        names = names or {}
        return {
            "index": round(self.index, 2),
            "index_measure": DEFAULT_MEASURE,
            "measures": {k: round(v, 2) for k, v in (self.measures or {}).items()},
            "effective_partners": round(self.effective_partners, 3),
            "hhi": round(self.hhi, 4),
            "n_vectors": self.n_vectors,
            "dominant": self.dominant,
            "dominant_name": names.get(self.dominant, self.dominant),
            "dominant_share": round(self.dominant_share, 2),
            "exposure": {k: round(float(v), 2) for k, v in self.exposure.items()},
        }


def ties_matrix(ties: pd.DataFrame, vectors: list[str] | None = None, dimensions: list[str] | None = None) -> pd.DataFrame:
    """Long ties table -> dimension x vector matrix of shares (missing cells are 0)."""
    m = ties.pivot_table(index="dimension", columns="vector", values="share", aggfunc="sum", fill_value=0.0)
    if vectors is not None:
        m = m.reindex(columns=vectors, fill_value=0.0)
    if dimensions is not None:
        m = m.reindex(index=dimensions, fill_value=0.0)
    return m.astype(float)


def normalised_weights(weights: pd.DataFrame, dimensions: list[str]) -> pd.Series:
    w = weights.set_index("dimension")["weight"].astype(float).reindex(dimensions).fillna(0.0)
    total = float(w.sum())
    if total <= 0:
        raise ValueError("weights sum to zero")
    return w / total


def compute_exposure(matrix: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Weighted mean of each vector's shares over the dimensions (percent, sums to 100)."""
    w = weights.reindex(matrix.index).fillna(0.0).to_numpy(dtype=float)
    e = w @ matrix.to_numpy(dtype=float) / float(w.sum())
    return pd.Series(e, index=matrix.columns)


def compute_balance_from_exposure(exposure: pd.Series) -> BalanceResult:
    e = np.clip(exposure.to_numpy(dtype=float), 0, None)
    p = e / float(e.sum())
    n = len(p)
    hhi = float((p**2).sum())
    measures = compute_spread_measures(p)
    k = int(p.argmax())
    return BalanceResult(index=measures[DEFAULT_MEASURE], effective_partners=1.0 / hhi, hhi=hhi, n_vectors=n,
                         dominant=str(exposure.index[k]), dominant_share=float(100 * p[k]),
                         exposure=pd.Series(100 * p, index=exposure.index), measures=measures)


def compute_balance(matrix: pd.DataFrame, weights: pd.Series) -> BalanceResult:
    return compute_balance_from_exposure(compute_exposure(matrix, weights))


def compute_contributions(matrix: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Each dimension's contribution to each vector's exposure (points of exposure)."""
    w = weights.reindex(matrix.index).fillna(0.0)
    w = w / float(w.sum())
    return matrix.mul(w, axis=0)


def compute_dominance_flags(matrix: pd.DataFrame, threshold: float = DOMINANCE_THRESHOLD) -> pd.DataFrame:
    """Dimensions in which one vector holds more than ``threshold`` percent."""
    rows = []
    for dim, row in matrix.iterrows():
        v = row.idxmax()
        if row[v] > threshold:
            rows.append({"dimension": dim, "vector": v, "share": float(row[v])})
    return pd.DataFrame(rows, columns=["dimension", "vector", "share"])


def dominance_sentence(matrix: pd.DataFrame, dimension_names: dict[str, str] | None = None,
                       vector_names: dict[str, str] | None = None, threshold: float = DOMINANCE_THRESHOLD) -> str:
    """The dimensions where one vector holds more than half, as one sentence said with the index:
    "One vector holds more than half of: Security (Russia 60%); Energy export routes (Russia 97%)." or
    "No vector holds more than half of any dimension." Plain text (the caller escapes it for Markdown)."""
    dn, vn = dimension_names or {}, vector_names or {}
    flags = compute_dominance_flags(matrix, threshold)
    if flags.empty:
        return f"No vector holds more than {threshold:g}% of any dimension."
    parts = [f"{dn.get(r.dimension, r.dimension)} ({vn.get(r.vector, r.vector)} {r.share:.0f}%)"
             for r in flags.sort_values("share", ascending=False).itertuples()]
    return "One vector holds more than half of: " + "; ".join(parts) + "."


def index_sentence(balance: "BalanceResult", matrix: pd.DataFrame, dimension_names: dict[str, str] | None = None,
                   vector_names: dict[str, str] | None = None) -> str:
    """The index as a briefer says it, in the same breath as the dimensions one vector dominates:
    "Balance 48/100: as spread as ties split evenly over 3.9 of 7 vectors; Russia holds 43% of the weighted
    ties. One vector holds more than half of: ..." (plain text)."""
    vn = vector_names or {}
    return (f"Balance {balance.index:.0f}/100: as spread as ties split evenly over {balance.effective_partners:.1f} "
            f"of {balance.n_vectors} vectors; {vn.get(balance.dominant, balance.dominant)} holds "
            f"{balance.dominant_share:.0f}% of the weighted ties. "
            + dominance_sentence(matrix, dimension_names, vector_names))


def reference_cases(extra: dict[str, pd.Series] | None = None, n: int = 7) -> pd.DataFrame:
    """Every measure of spread on reference cases over ``n`` vectors: one partner, an even spread, 50/50
    between two, 70/30, 40/30/20/10, and any ``extra`` exposures (e.g. Kazakhstan's years). One row a case."""
    def pad(xs):
        return list(xs) + [0.0] * (n - len(xs))

    cases = {
        "one partner": pad([100]),
        f"even over {n}": [100 / n] * n,
        "50/50 between two": pad([50, 50]),
        "70/30 between two": pad([70, 30]),
        "40/30/20/10": pad([40, 30, 20, 10]),
    }
    rows = []
    for name, xs in [*cases.items(), *((k, v.to_numpy(dtype=float)) for k, v in (extra or {}).items())]:
        arr = np.asarray(xs, dtype=float)
        p = arr / arr.sum()
        rows.append({"case": name, "largest_share_pct": round(100 * float(p.max()), 1),
                     "effective_partners": round(1 / float((p**2).sum()), 2),
                     **{k: round(v, 1) for k, v in compute_spread_measures(arr).items()}})
    return pd.DataFrame(rows)


def shift_share(matrix: pd.DataFrame, dimension: str, vector: str, new_share: float) -> pd.DataFrame:
    """Set one cell and rescale the other vectors of that dimension proportionally so it still sums to 100."""
    m = matrix.copy()
    new_share = float(np.clip(new_share, 0, 100))
    row = m.loc[dimension].copy()
    others = row.drop(vector)
    rest = float(others.sum())
    if rest > 0:
        others = others * (100.0 - new_share) / rest
    else:
        others[:] = (100.0 - new_share) / len(others) if len(others) else 0.0
    row[others.index] = others
    row[vector] = new_share
    m.loc[dimension] = row
    return m


def move_points(matrix: pd.DataFrame, dimension: str, to: dict[str, float], frm: dict[str, float] | None = None) -> pd.DataFrame:
    """Move share points within one dimension: add ``to`` (vector -> points) and take the same total
    from ``frm`` (vector -> relative weight), or from all other vectors in proportion to their share.
    Shares stay within 0..100 and the dimension keeps summing to 100."""
    m = matrix.copy()
    row = m.loc[dimension].astype(float).copy()
    total_add = float(sum(to.values()))
    if total_add == 0:
        return m
    if frm:
        donors = pd.Series(frm, dtype=float).reindex(row.index).fillna(0.0)
    else:
        donors = row.drop(list(to)).reindex(row.index).fillna(0.0)
    if total_add > 0:
        donors = donors * (row > 0)  # can only take from vectors that have something
        avail = row.where(donors > 0, 0.0)
        take = min(total_add, float(avail.sum()))
        if donors.sum() <= 0 or take <= 0:
            return m
        weights_ = donors / float(donors.sum())
        taken = (weights_ * take).clip(upper=avail)
        shortfall = take - float(taken.sum())
        if shortfall > 1e-9:  # some donors ran dry: take the rest from those with room, in proportion
            room = (avail - taken).clip(lower=0)
            if room.sum() > 0:
                taken += room / float(room.sum()) * min(shortfall, float(room.sum()))
        row -= taken
        scale = float(taken.sum()) / total_add
        for v, pts in to.items():
            row[v] = row.get(v, 0.0) + pts * scale
    else:  # negative: take from the 'to' vectors, give back to donors in proportion
        give = 0.0
        for v, pts in to.items():
            d = min(-pts, float(row.get(v, 0.0)))
            row[v] -= d
            give += d
        donors = donors.clip(lower=0)
        if donors.sum() <= 0:
            donors = pd.Series(1.0, index=[i for i in row.index if i not in to])
        weights_ = donors / float(donors.sum())
        row = row.add(weights_ * give, fill_value=0.0)
    m.loc[dimension] = row.clip(0, 100)
    return m


def compute_sensitivity(matrix: pd.DataFrame, weights: pd.Series, cell_delta: float = 10.0,
                        weight_factor: float = 0.5, top: int | None = None) -> pd.DataFrame:
    """How much the index moves when each input moves: each cell by +/- ``cell_delta`` points
    (the rest of its dimension rescaled), each weight by x(1 -/+ ``weight_factor``).

    Returns one row per input with the index at the low and high setting, sorted by the swing.
    """
    base = compute_balance(matrix, weights).index
    rows = []
    for dim in matrix.index:
        for vec in matrix.columns:
            s = float(matrix.at[dim, vec])
            lo = compute_balance(shift_share(matrix, dim, vec, s - cell_delta), weights).index
            hi = compute_balance(shift_share(matrix, dim, vec, s + cell_delta), weights).index
            rows.append({"input": f"{dim} / {vec}", "kind": "share", "dimension": dim, "vector": vec,
                         "low_setting": max(s - cell_delta, 0), "high_setting": min(s + cell_delta, 100),
                         "index_low": lo, "index_high": hi})
    for dim in matrix.index:
        w = weights.copy()
        w_lo, w_hi = w.copy(), w.copy()
        w_lo[dim] = w[dim] * (1 - weight_factor)
        w_hi[dim] = w[dim] * (1 + weight_factor)
        rows.append({"input": f"weight: {dim}", "kind": "weight", "dimension": dim, "vector": None,
                     "low_setting": float(w_lo[dim]), "high_setting": float(w_hi[dim]),
                     "index_low": compute_balance(matrix, w_lo).index,
                     "index_high": compute_balance(matrix, w_hi).index})
    df = pd.DataFrame(rows)
    df["base"] = base
    df["swing"] = (df["index_high"] - df["index_low"]).abs()
    df = df.sort_values("swing", ascending=False).reset_index(drop=True)
    return df.head(top) if top else df



def label_sensitivity(sens: pd.DataFrame, vector_names: dict[str, str], dimension_names: dict[str, str]) -> pd.DataFrame:
    """:func:`compute_sensitivity`'s rows named for a reader: "Security / Russia", "weight of Security"."""
    out = sens.copy()
    out["input"] = [
        (f"{dimension_names.get(r.dimension, r.dimension)} / {vector_names.get(r.vector, r.vector)}"
         if r.kind == "share" else f"weight of {dimension_names.get(r.dimension, r.dimension)}")
        for r in sens.itertuples()]
    return out


def results_table(exposure: pd.Series, matrix: pd.DataFrame, contributions: pd.DataFrame) -> pd.DataFrame:
    """The indicator's numbers in one long table (measure, dimension, vector, value): each vector's exposure,
    each tie and its weighted contribution (the Balance page's CSV)."""
    rows = [("exposure", "", v, float(exposure[v])) for v in exposure.index]
    rows += [("share", d, v, float(matrix.at[d, v])) for d in matrix.index for v in matrix.columns]
    rows += [("contribution", d, v, float(contributions.at[d, v])) for d in contributions.index
             for v in contributions.columns]
    return pd.DataFrame(rows, columns=["measure", "dimension", "vector", "value"])
