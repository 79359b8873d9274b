"""The balance indicator's inputs: assemble the ties table, validate ties and weights, and edit them.

Apart from the indicator's maths (posture/balance.py) so that the maths imports nothing of the catalogue: the
scenarios import the maths, and the catalogue checks the scenarios' levers, so maths -> catalogue would close a
loop (tests/test_imports.py fails on any import cycle in posture/).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from posture.catalog import SHARE_TOLERANCE, TABLES
from posture.problems import Problem
from posture.validation import VALUE, TableSchema, csv_row, one_of, validate_frame

# --------------------------------------------------------------------------- inputs: assemble, validate, edit


def assemble_ties(ties: pd.DataFrame, computed: dict[str, pd.Series]) -> pd.DataFrame:
    """Fill 'computed' cells from ``computed`` (dimension -> vector shares); estimates stay as typed."""
    out = ties.copy()
    out["share"] = out["share"].astype(float)
    for i, r in out.iterrows():
        if r["method"] == "computed":
            series = computed.get(r["dimension"])
            if series is not None:
                out.at[i, "share"] = round(float(series.get(r["vector"], 0.0)), 2)
    return out


MAX_WEIGHT = 100.0  # weights are relative (only their ratios count); a larger one is a typo, not an intent
COMPUTED_MATCH = 0.01  # a file's share for a computed cell within this of the computed value (2 dp) is that value


def prepare_ties(ties: pd.DataFrame, computed: dict[str, pd.Series], vectors: list[str], dimensions: list[str],
                 file: str = "ties") -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """A ties table from a file (an upload, ``--ties``, ``validate``): fill its computed cells, check it.

    A computed dimension whose shares are all empty is filled from the data. One whose shares are all given is
    the file's: equal to the computed values (a downloaded table) it stays computed; different, the dimension
    becomes the analyst's estimate, and a note says so. Some given and some empty is refused, cell by cell: the
    file's shares are never dropped, and never mixed with computed ones. Returns (ties, problems, notes).
    """
    out = ties.copy().reset_index(drop=True)
    out["share"] = pd.to_numeric(out["share"], errors="coerce").astype(float)
    problems: list[Problem] = []
    notes: list[str] = []
    is_computed = out["method"] == "computed"
    for dim in out.loc[is_computed, "dimension"].unique():
        rows = out.index[is_computed & (out["dimension"] == dim)]
        given = out.loc[rows, "share"].notna()
        series = computed.get(dim)
        if not given.any():
            if series is None:
                problems += [Problem(file, csv_row(i), "share", f"is empty, and dimension '{dim}' is not computed from "
                                     "the data: give a share and set method to 'estimate'") for i in rows]
                continue
            for i in rows:
                out.at[i, "share"] = round(float(series.get(out.at[i, "vector"], 0.0)), 2)
            continue
        if not given.all():
            empty = ", ".join(str(csv_row(i)) for i in rows[~given.to_numpy()])
            problems += [Problem(file, csv_row(i), "share", f"{out.at[i, 'share']:g} is given for a computed cell, "
                                 f"but dimension '{dim}' has empty shares (rows {empty}): give every share of the "
                                 "dimension (it then becomes your estimate) or none (computed from the data)")
                         for i in rows[given.to_numpy()]]
            continue
        calc = {i: (round(float(series.get(out.at[i, "vector"], 0.0)), 2) if series is not None else np.nan)
                for i in rows}
        if all(not np.isnan(calc[i]) and abs(out.at[i, "share"] - calc[i]) <= COMPUTED_MATCH for i in rows):
            for i in rows:
                out.at[i, "share"] = calc[i]
            continue
        for i in rows:
            out.at[i, "method"] = "estimate"
            reasoning = out.at[i, "reasoning"]
            if pd.isna(reasoning) or not str(reasoning).strip() or str(reasoning).startswith("computed from"):
                out.at[i, "reasoning"] = ("Analyst's override of the computed share"
                                          + (f" (computed: {calc[i]:.1f})" if not np.isnan(calc[i]) else ""))
            if pd.isna(out.at[i, "confidence"]) or not str(out.at[i, "confidence"]).strip():
                out.at[i, "confidence"] = "low"
        notes.append(f"dimension '{dim}': the file's shares replace the computed ones (method is now 'estimate')")
    if problems:
        return out, problems, notes
    return out, validate_ties(out, vectors, dimensions, file), notes


def with_references(table: TableSchema, **columns: tuple[list[str], str]) -> TableSchema:
    """``table`` whose ``column`` must also be one of the ids the model knows (pandera's ``isin``, with the
    message given): references to vectors and dimensions are checked where the other cell rules are."""
    updates = {c: {"checks": [*table.schema.columns[c].checks, one_of(ids, error=message)]}
               for c, (ids, message) in columns.items()}
    return replace(table, schema=table.schema.update_columns(updates))


def validate_ties(ties: pd.DataFrame, vectors: list[str], dimensions: list[str], file: str = "ties") -> list[Problem]:
    """Every rule the indicator needs: schema (numbers, 0-100, required), known vectors and
    dimensions, one row per cell, every cell present, and each dimension summing to 100."""
    frame = ties.copy()
    frame = frame.reset_index(drop=True)
    if frame.empty:
        return [Problem(file, None, None, "has no rows: the ties table needs one row per dimension and vector")]
    table = with_references(TABLES["ties"].table, vector=(vectors, f"unknown vector {VALUE}; known: {', '.join(vectors)}"),
                            dimension=(dimensions, f"unknown dimension {VALUE}; known: {', '.join(dimensions)}"))
    typed, problems = validate_frame(frame.astype(object).where(frame.notna(), ""), table, file, csv_row)
    for i, r in typed.iterrows():
        if pd.isna(r["share"]) and r["method"] == "computed":
            problems.append(Problem(file, csv_row(i), "share", "is empty"))
    present = set(zip(typed["dimension"], typed["vector"]))
    for dim in dimensions:
        missing = [v for v in vectors if (dim, v) not in present]
        if missing:
            problems.append(Problem(file, None, "vector", f"dimension '{dim}' has no row for {', '.join(missing)}: "
                                    "every dimension needs a share for every vector (0 if it holds none)"))
    if any(p.column == "share" for p in problems):
        return problems
    sums = typed.groupby("dimension")["share"].sum()
    for dim, s in sums.items():
        if abs(float(s) - 100.0) > SHARE_TOLERANCE:
            first = typed.index[typed["dimension"] == dim][0]
            problems.append(Problem(file, csv_row(first), "share",
                                    f"dimension '{dim}' sums to {float(s):.1f}, not 100 (rescale it, or fix a cell)"))
    return problems


def validate_weights(weights: pd.DataFrame, dimensions: list[str], file: str = "weights") -> list[Problem]:
    """Weights: numbers, finite, between 0 and MAX_WEIGHT, one per dimension (none missing), not all zero."""
    frame = weights.reset_index(drop=True)
    table = with_references(TABLES["weights"].table, dimension=(dimensions, f"unknown dimension {VALUE}"))
    typed, problems = validate_frame(frame.astype(object).where(frame.notna(), ""), table, file, csv_row)
    for i, r in typed.iterrows():
        w = r["weight"]
        if pd.notna(w) and not np.isfinite(w):
            problems.append(Problem(file, csv_row(i), "weight", f"{w} is not a finite number"))
        elif pd.notna(w) and w > MAX_WEIGHT:
            problems.append(Problem(file, csv_row(i), "weight", f"{w:g} is too large: weights are relative (only their "
                                    f"ratios count), between 0 and {MAX_WEIGHT:g}"))
    if "dimension" in typed.columns:
        for dim in dimensions:
            if dim not in set(typed["dimension"]):
                problems.append(Problem(file, None, "dimension", f"no row for dimension '{dim}': every dimension needs "
                                        "a weight (0 to leave it out)"))
    if not problems and float(typed["weight"].sum()) <= 0:
        problems.append(Problem(file, None, "weight", "all weights are zero: at least one must be positive"))
    return problems


def rescale_dimension(ties: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Scale one dimension's shares so they sum to 100 (the 'offer to rescale' fix)."""
    out = ties.copy()
    sel = out["dimension"] == dimension
    s = pd.to_numeric(out.loc[sel, "share"], errors="coerce")
    total = float(s.sum())
    if total > 0:
        out.loc[sel, "share"] = (s * 100.0 / total).round(2)
    return out


def diff_from_defaults(current: pd.DataFrame, defaults: pd.DataFrame, keys: list[str], value: str) -> pd.DataFrame:
    """What differs from the defaults: one row per changed, added or removed cell."""
    a = defaults.set_index(keys)[value]
    b = current.set_index(keys)[value]
    rows = []
    for k in a.index.union(b.index):
        old = a.get(k, np.nan)
        new = b.get(k, np.nan)
        if (pd.isna(old) and pd.isna(new)) or (not pd.isna(old) and not pd.isna(new) and abs(float(old) - float(new)) < 1e-9):
            continue
        kk = k if isinstance(k, tuple) else (k,)
        change = "added" if pd.isna(old) and k not in a.index else "removed" if k not in b.index else "changed"
        rows.append({**dict(zip(keys, kk)), "default": old, "now": new, "change": change})
    return pd.DataFrame(rows, columns=[*keys, "default", "now", "change"])


# --------------------------------------------------------------------------- the matrix view used by the editor


def long_to_matrix(ties: pd.DataFrame, vectors: list[str], dimensions: list[str]) -> pd.DataFrame:
    """Long ties table -> dimension x vector matrix for editing (index: dimension ids)."""
    m = ties.pivot_table(index="dimension", columns="vector", values="share", aggfunc="first")
    return m.reindex(index=dimensions, columns=vectors).astype(float)


def matrix_to_long(matrix: pd.DataFrame, defaults: pd.DataFrame, before: str = "default") -> pd.DataFrame:
    """Matrix (as edited) -> long ties table, keeping each cell's derivation.

    A computed dimension stays 'computed' while every cell equals the computed value; once a
    cell is edited the whole dimension becomes the analyst's override (a dimension must sum to
    100, so one changed cell changes the derivation of the row). Edited estimate cells keep their
    sources and note the default they replace. ``defaults`` is the table the editor started from (the
    data's, or an uploaded file's: ``before`` then names it in the note, "default 30" or "my_ties.csv: 30").
    """
    meta = defaults.set_index(["dimension", "vector"])
    rows = []
    for dim in matrix.index:
        row = matrix.loc[dim]
        dim_default = defaults[defaults["dimension"] == dim]
        computed = len(dim_default) and (dim_default["method"] == "computed").all()
        changed = False
        if computed:
            for vec, v in row.items():
                dv = meta["share"].get((dim, vec), np.nan)
                if pd.isna(v) or pd.isna(dv) or abs(float(v) - float(dv)) > 1e-6:
                    changed = True
        for vec, v in row.items():
            key = (dim, vec)
            base = meta.loc[key].to_dict() if key in meta.index else {
                "method": "estimate", "reasoning": "", "source": "", "year": np.nan, "confidence": np.nan, "share": np.nan}
            dv = base.get("share", np.nan)
            rec = {"dimension": dim, "vector": vec, "share": v, "method": base["method"], "reasoning": base["reasoning"],
                   "source": base["source"], "year": base["year"], "confidence": base["confidence"]}
            edited = pd.isna(dv) != pd.isna(v) or (not pd.isna(v) and not pd.isna(dv) and abs(float(v) - float(dv)) > 1e-6)
            if computed and changed:
                rec["method"] = "estimate"
                rec["reasoning"] = f"Analyst's override of the computed share (computed: {float(dv):.1f})" \
                    if not pd.isna(dv) else "Analyst's override of a computed dimension"
                rec["confidence"] = "low"
            elif edited:
                prev = "empty" if pd.isna(dv) else f"{float(dv):g}"
                rec["reasoning"] = (f"Edited on the Balance page ({before} {prev}). "
                                    f"{'' if pd.isna(base['reasoning']) else base['reasoning']}").strip()
            rows.append(rec)
    return pd.DataFrame(rows)


def validate_matrix(matrix: pd.DataFrame, vector_names: dict[str, str], dimension_names: dict[str, str],
                    file: str = "ties editor") -> list[Problem]:
    """The editor's rules, naming each cell by dimension and vector: empty, not a number, outside 0-100,
    and each dimension summing to 100."""
    problems: list[Problem] = []
    bad_rows = set()
    for dim in matrix.index:
        dname = dimension_names.get(dim, dim)
        if dim not in dimension_names:
            problems.append(Problem(file, dname, None, f"unknown dimension {dim!r}"))
        for vec in matrix.columns:
            vname = vector_names.get(vec, vec)
            v = matrix.at[dim, vec]
            if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
                problems.append(Problem(file, dname, vname, "is empty; type a share between 0 and 100"))
                bad_rows.add(dim)
                continue
            try:
                x = float(v)
            except (TypeError, ValueError):
                problems.append(Problem(file, dname, vname, f"{v!r} is not a number"))
                bad_rows.add(dim)
                continue
            if not 0 <= x <= 100:
                problems.append(Problem(file, dname, vname, f"{x:g} is out of range: must be between 0 and 100"))
                bad_rows.add(dim)
    for vec in matrix.columns:
        if vec not in vector_names:
            problems.append(Problem(file, None, vec, f"unknown vector {vec!r}"))
    for dim in matrix.index:
        if dim in bad_rows:
            continue
        s = float(pd.to_numeric(matrix.loc[dim], errors="coerce").sum())
        if abs(s - 100.0) > SHARE_TOLERANCE:
            problems.append(Problem(file, dimension_names.get(dim, dim), "sum",
                                    f"sums to {s:.1f}, not 100: rescale the row or fix a cell"))
    return problems


def rescale_matrix_row(matrix: pd.DataFrame, dimension: str) -> pd.DataFrame:
    m = matrix.apply(pd.to_numeric, errors="coerce").astype(float)
    row = pd.to_numeric(m.loc[dimension], errors="coerce").fillna(0.0)
    total = float(row.sum())
    if total > 0:
        m.loc[dimension] = (row * 100.0 / total).round(2)
    return m


def matrix_row_sums(matrix: pd.DataFrame) -> pd.Series:
    """Each dimension's sum as typed in the editor (cells that are not numbers count as 0)."""
    return matrix.apply(pd.to_numeric, errors="coerce").sum(axis=1)


def rows_to_rescale(problems: list[Problem], dimension_names: dict[str, str]) -> list[tuple[str, str]]:
    """(dimension id, name) of each row :func:`validate_matrix` found not summing to 100: the rows a
    "Rescale to 100" button can fix."""
    name_to_id = {v: k for k, v in dimension_names.items()}
    return [(name_to_id.get(str(p.row), str(p.row)), str(p.row)) for p in problems if p.column == "sum"]


def overridden_dimensions(defaults: pd.DataFrame, ties: pd.DataFrame, dimensions: list[str]) -> list[str]:
    """Dimensions computed from the data in ``defaults`` that ``ties`` (the analyst's long table) now sets instead."""
    computed = set(defaults.loc[defaults["method"] == "computed", "dimension"])
    now = ties.groupby("dimension")["method"].agg(lambda m: (m == "computed").all())
    return [d for d in dimensions if d in computed and not now.get(d, True)]


def change_log(ties: pd.DataFrame, weights: pd.DataFrame, default_ties: pd.DataFrame, default_weights: pd.DataFrame,
               vector_names: dict[str, str], dimension_names: dict[str, str]) -> pd.DataFrame:
    """Every cell of the ties and weights that differs from the defaults, in one table named for a reader."""
    t = diff_from_defaults(ties, default_ties, ["dimension", "vector"], "share")
    t.insert(0, "table", "ties")
    w = diff_from_defaults(weights, default_weights, ["dimension"], "weight")
    w.insert(0, "table", "weights")
    w.insert(2, "vector", "")
    out = pd.concat([t, w], ignore_index=True)
    out["dimension"] = out["dimension"].map(lambda d: dimension_names.get(d, d))
    out["vector"] = out["vector"].map(lambda v: vector_names.get(v, v))
    return out


def named_cells(ties: pd.DataFrame, vector_names: dict[str, str], dimension_names: dict[str, str]) -> pd.DataFrame:
    """A long ties table with its dimensions and vectors named for a reader ("where each cell comes from")."""
    out = ties.copy()
    out["dimension"] = out["dimension"].map(lambda d: dimension_names.get(d, d))
    out["vector"] = out["vector"].map(lambda v: vector_names.get(v, v))
    return out
