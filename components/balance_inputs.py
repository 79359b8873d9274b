"""Editing the balance inputs: the ties matrix and the weights, with validation that keeps the last valid state.

The editors start from a *base* table that changes only on reset, upload, rescale or page re-entry
(each time with a new editor key); what the analyst types is read back from the editor and never
written into its own input, so no edit reverts. Every run:

1. the typed tables are validated (pandera rules via posture.balance);
2. valid -> they become the session's inputs (``state.TIES_VALID``/``state.WEIGHTS_VALID``) and every page uses them;
3. invalid -> the page names each cell and why, and the last valid inputs stay in use.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from posture.balance import (
    diff_from_defaults,
    long_to_matrix,
    matrix_to_long,
    rescale_matrix_row,
    validate_matrix,
    validate_weights,
)
from posture.catalog import TABLES
from posture.load import read_csv_text
from posture.problems import Problem
from posture.text import md_text

BASE_TIES = "ties_base"
BASE_WEIGHTS = "weights_base"


def defaults(model) -> tuple[pd.DataFrame, pd.DataFrame]:
    return model.ties, model.data["weights"][["dimension", "weight", "rationale"]]


def _bump() -> None:
    st.session_state[state.EDITOR_VERSION] = st.session_state.get(state.EDITOR_VERSION, 0) + 1


def init(model) -> None:
    """Set the editors' base tables on first use, or restore what the analyst typed on returning to the page."""
    ties, weights = defaults(model)
    ver = st.session_state.get(state.EDITOR_VERSION, 0)
    mounted = f"{state.TIES_EDITOR}_{ver}" in st.session_state
    if BASE_TIES not in st.session_state:
        st.session_state[BASE_TIES] = long_to_matrix(ties, model.vector_ids, model.dimension_ids)
        st.session_state[BASE_WEIGHTS] = weights.reset_index(drop=True)
    elif not mounted and state.TIES_WORKING in st.session_state:
        # back on the page: the editor widget was unmounted, start it from what was typed last time
        st.session_state[BASE_TIES] = st.session_state[state.TIES_WORKING]
        st.session_state[BASE_WEIGHTS] = st.session_state[state.WEIGHTS_WORKING]
        _bump()


def reset(model) -> None:
    ties, weights = defaults(model)
    st.session_state[BASE_TIES] = long_to_matrix(ties, model.vector_ids, model.dimension_ids)
    st.session_state[BASE_WEIGHTS] = weights.reset_index(drop=True)
    for k in (state.TIES_VALID, state.WEIGHTS_VALID, state.TIES_WORKING, state.WEIGHTS_WORKING):
        st.session_state.pop(k, None)
    _bump()


def rescale(dimension: str) -> None:
    working = st.session_state.get(state.TIES_WORKING, st.session_state[BASE_TIES])
    st.session_state[BASE_TIES] = rescale_matrix_row(working, dimension)
    st.session_state[BASE_WEIGHTS] = st.session_state.get(state.WEIGHTS_WORKING, st.session_state[BASE_WEIGHTS])
    _bump()


def load_upload(model, uploaded, which: str) -> list[Problem]:
    """Validate an uploaded CSV exactly like data/ files; on success it replaces the editor's table."""
    if uploaded is None:
        return []
    content = uploaded.getvalue()
    if which == "ties":
        frame, problems = read_csv_text(content, TABLES["ties"], uploaded.name)
        if problems:
            return problems
        computed = frame["method"] == "computed"
        for dim in frame.loc[computed, "dimension"].unique():  # computed cells come from the data, not the file
            for i in frame.index[computed & (frame["dimension"] == dim)]:
                v = frame.at[i, "vector"]
                frame.at[i, "share"] = model.computed_shares.get(dim, pd.Series(dtype=float)).get(v, float("nan"))
        unknown = []
        for i, r in frame.iterrows():
            if r["vector"] not in model.vector_names:
                unknown.append(Problem(uploaded.name, i + 2, "vector", f"unknown vector {r['vector']!r}"))
            if r["dimension"] not in model.dimension_names:
                unknown.append(Problem(uploaded.name, i + 2, "dimension", f"unknown dimension {r['dimension']!r}"))
        if unknown:
            return unknown
        matrix = long_to_matrix(frame, model.vector_ids, model.dimension_ids)
        problems = validate_matrix(matrix, model.vector_names, model.dimension_names, file=uploaded.name)
        if problems:
            return problems
        st.session_state[BASE_TIES] = matrix
    else:
        frame, problems = read_csv_text(content, TABLES["weights"], uploaded.name)
        if not problems:
            problems = validate_weights(frame, model.dimension_ids, file=uploaded.name)
        if problems:
            return problems
        st.session_state[BASE_WEIGHTS] = frame[["dimension", "weight", "rationale"]].reset_index(drop=True)
    _bump()
    return []


def render_editors(model) -> tuple[list[Problem], pd.DataFrame, pd.DataFrame]:
    """Draw both editors; return (problems, ties as typed (long), weights as typed)."""
    ver = st.session_state.get(state.EDITOR_VERSION, 0)
    base = st.session_state[BASE_TIES].copy()
    base.insert(0, "Dimension", [model.dimension_names.get(d, d) for d in base.index])
    cfg = {"Dimension": st.column_config.TextColumn("Dimension", disabled=True, width="medium")}
    for v in model.vector_ids:
        cfg[v] = st.column_config.NumberColumn(model.vector_names[v], min_value=0.0, max_value=100.0, step=0.5,
                                               format="%.1f", help=f"Share of the dimension's ties held by "
                                               f"{md_text(model.vector_names[v])}, 0-100")
    st.markdown("**Ties: share of each dimension held by each vector (each row sums to 100)**")
    edited = st.data_editor(base, key=f"{state.TIES_EDITOR}_{ver}", column_config=cfg, hide_index=True,
                            num_rows="fixed", width="stretch")
    matrix = edited.drop(columns=["Dimension"])
    matrix.index = st.session_state[BASE_TIES].index
    sums = matrix.apply(pd.to_numeric, errors="coerce").sum(axis=1)
    st.caption("Row sums: " + " · ".join(f"{md_text(model.dimension_names.get(d, d))} {s:.1f}" for d, s in sums.items()))

    st.markdown("**Weights: how much each dimension counts (normalised, so only ratios matter)**")
    wbase = st.session_state[BASE_WEIGHTS].copy()
    wbase.insert(1, "name", wbase["dimension"].map(lambda d: model.dimension_names.get(d, d)))
    wedited = st.data_editor(
        wbase, key=f"{state.WEIGHTS_EDITOR}_{ver}", hide_index=True, num_rows="fixed", width="stretch",
        column_config={"dimension": st.column_config.TextColumn(disabled=True),
                       "name": st.column_config.TextColumn("Dimension", disabled=True),
                       "weight": st.column_config.NumberColumn(min_value=0.0, step=0.05, format="%.2f"),
                       "rationale": st.column_config.TextColumn(width="large")},
    )
    weights = wedited.drop(columns=["name"])
    st.session_state[state.TIES_WORKING] = matrix
    st.session_state[state.WEIGHTS_WORKING] = weights
    return check(model, matrix, weights)


def check(model, matrix: pd.DataFrame, weights: pd.DataFrame) -> tuple[list[Problem], pd.DataFrame, pd.DataFrame]:
    """Validate typed tables; valid ones become the session's inputs. Returns (problems, ties (long), weights)."""
    problems = validate_matrix(matrix, model.vector_names, model.dimension_names)
    problems += validate_weights(weights, model.dimension_ids, file="weights editor")
    long = matrix_to_long(matrix, model.ties)
    if not problems:
        default_ties, default_w = defaults(model)
        same_ties = diff_from_defaults(long, default_ties, ["dimension", "vector"], "share").empty
        same_w = diff_from_defaults(weights, default_w, ["dimension"], "weight").empty
        st.session_state[state.TIES_VALID] = None if same_ties else long
        st.session_state[state.WEIGHTS_VALID] = None if same_w else weights.reset_index(drop=True)
    return problems, long, weights


def typed(model) -> tuple[list[Problem], pd.DataFrame, pd.DataFrame]:
    """What the analyst typed last (or the defaults), checked, without drawing the editors: for a run in which
    they are not on screen (the editors' section is closed). Call :func:`init` first."""
    matrix = st.session_state.get(state.TIES_WORKING, st.session_state[BASE_TIES])
    weights = st.session_state.get(state.WEIGHTS_WORKING, st.session_state[BASE_WEIGHTS])
    return check(model, matrix, weights)


def change_log(model, ties_long: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    default_ties, default_w = defaults(model)
    t = diff_from_defaults(ties_long, default_ties, ["dimension", "vector"], "share")
    t.insert(0, "table", "ties")
    w = diff_from_defaults(weights, default_w, ["dimension"], "weight")
    w.insert(0, "table", "weights")
    w.insert(2, "vector", "")
    out = pd.concat([t, w], ignore_index=True)
    out["dimension"] = out["dimension"].map(lambda d: model.dimension_names.get(d, d))
    out["vector"] = out["vector"].map(lambda v: model.vector_names.get(v, v))
    return out
