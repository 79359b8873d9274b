"""Editing the balance inputs: the ties matrix and the weights, with validation that keeps the last valid state.

The editors start from a *base* table that changes only on reset, upload, rescale or page re-entry
(each time with a new editor key); what the analyst types is read back from the editor and never
written into its own input, so no edit reverts. Every run:

1. the typed tables are validated (pandera rules via posture.balance_inputs);
2. valid -> they become the session's inputs (``state.TIES_VALID``/``state.WEIGHTS_VALID``) and every page uses them;
3. invalid -> the page names each cell and why, and the last valid inputs stay in use.
"""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components import state
from components.layout import render_problems
from components.state import BASE_META, BASE_TIES, BASE_WEIGHTS, LOADED, NOTES, ORIGIN  # noqa: F401 - session keys, defined with the others
from posture.balance_inputs import (
    change_log as posture_change_log,
)
from posture.balance_inputs import (
    diff_from_defaults,
    long_to_matrix,
    matrix_row_sums,
    matrix_to_long,
    overridden_dimensions,
    prepare_ties,
    rescale_matrix_row,
    rows_to_rescale,
    validate_matrix,
    validate_weights,
)
from posture.catalog import TABLES
from posture.load import read_csv_text
from posture.problems import Problem
from posture.text import md_text

WEIGHT_COLUMNS = ["dimension", "weight", "rationale", "source", "year", "confidence"]
TIE_COLUMNS = ["dimension", "vector", "share", "method", "reasoning", "source", "year", "confidence"]


def defaults(model) -> tuple[pd.DataFrame, pd.DataFrame]:
    return model.ties, model.data["weights"][WEIGHT_COLUMNS]


def _bump() -> None:
    st.session_state[state.EDITOR_VERSION] = st.session_state.get(state.EDITOR_VERSION, 0) + 1


def _set_base(ties: pd.DataFrame | None = None, weights: pd.DataFrame | None = None,
              meta: pd.DataFrame | None = None) -> None:
    """Start the editors from new tables (reset, upload, rescale). What was typed is replaced too: the restore
    in :func:`init` (back on the page) must find the new tables, not the ones typed before."""
    if ties is not None:
        st.session_state[BASE_TIES] = ties
        st.session_state[state.TIES_WORKING] = ties
    if meta is not None:
        st.session_state[BASE_META] = meta
    if weights is not None:
        weights = weights.reset_index(drop=True)
        st.session_state[BASE_WEIGHTS] = weights
        st.session_state[state.WEIGHTS_WORKING] = weights
    _bump()


def meta(model) -> pd.DataFrame:
    """The ties table the editor started from (the data's, or the last uploaded file's)."""
    return st.session_state.get(BASE_META, model.ties)


def origin(which: str) -> str | None:
    """The name of the uploaded file the ``which`` ("ties"/"weights") editor started from, or None (the defaults)."""
    return st.session_state.get(ORIGIN, {}).get(which)


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
    for k in (state.TIES_VALID, state.WEIGHTS_VALID, state.TIES_WORKING, state.WEIGHTS_WORKING, BASE_META, ORIGIN,
              NOTES):
        st.session_state.pop(k, None)
    ties, weights = defaults(model)
    _set_base(long_to_matrix(ties, model.vector_ids, model.dimension_ids), weights)


def rescale(dimension: str) -> None:
    """The "Rescale to 100" button: scale the row as typed, keep every other typed cell and the weights."""
    working = st.session_state.get(state.TIES_WORKING, st.session_state[BASE_TIES])
    _set_base(rescale_matrix_row(working, dimension), st.session_state.get(state.WEIGHTS_WORKING))


def load_upload(model, uploaded, which: str) -> list[Problem]:
    """Validate an uploaded CSV like ``python -m posture balance --ties/--weights`` does; on success it replaces
    the editor's table (with the file's method, reasoning and source for each cell), and the indicator uses it."""
    if uploaded is None:
        return []
    content = uploaded.getvalue()
    if which == "ties":
        frame, problems = read_csv_text(content, TABLES["ties"], uploaded.name)
        if problems:
            return problems
        ties, problems, notes = prepare_ties(frame, model.computed_shares, model.vector_ids, model.dimension_ids,
                                             file=uploaded.name)
        if problems:
            return problems
        ties = ties[TIE_COLUMNS].reset_index(drop=True)
        _set_base(ties=long_to_matrix(ties, model.vector_ids, model.dimension_ids), meta=ties,
                  weights=st.session_state.get(state.WEIGHTS_WORKING))
        st.session_state[NOTES] = notes
    else:
        frame, problems = read_csv_text(content, TABLES["weights"], uploaded.name)
        if not problems:
            problems = validate_weights(frame, model.dimension_ids, file=uploaded.name)
        if problems:
            return problems
        order = {d: i for i, d in enumerate(model.dimension_ids)}
        weights = frame[WEIGHT_COLUMNS].sort_values("dimension", key=lambda c: c.map(order))
        _set_base(weights=weights, ties=st.session_state.get(state.TIES_WORKING))
    st.session_state[ORIGIN] = {**st.session_state.get(ORIGIN, {}), which: uploaded.name}
    return []


def upload(model, uploaded, which: str) -> list[Problem]:
    """A file in an uploader: loaded once (then the page reruns on it), or its problems, on every run while it
    stays in the uploader and is not used."""
    if uploaded is None:
        return []
    loaded = st.session_state.setdefault(LOADED, {})
    if loaded.get(which) == uploaded.file_id:
        return []
    problems = load_upload(model, uploaded, which)
    if not problems:
        loaded[which] = uploaded.file_id
        st.rerun()
    return problems


def plain(text: object) -> str:
    """A file's name or cell as Markdown that shows it as typed (no link, image or formatting from it)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~$:-])", r"\\\1", str(text))


def render_editors(model) -> tuple[list[Problem], pd.DataFrame, pd.DataFrame]:
    """Draw both editors; return (problems, ties as typed (long), weights as typed)."""
    ver = st.session_state.get(state.EDITOR_VERSION, 0)
    base = st.session_state[BASE_TIES].copy()
    base.insert(0, "Dimension", [model.dimension_names.get(d, d) for d in base.index])
    # pinned: at 1280 px wide the seven vectors scroll sideways, and the row's name must stay in view
    cfg = {"Dimension": st.column_config.TextColumn("Dimension", disabled=True, width="medium", pinned=True)}
    # no min_value/max_value: the grid would clamp a typed 150 to 100 without a word; validation names it instead
    for v in model.vector_ids:
        cfg[v] = st.column_config.NumberColumn(model.vector_names[v], step=0.5, format="%.1f",
                                               help=f"Share of the dimension's ties held by "
                                               f"{md_text(model.vector_names[v])}, 0-100")
    st.markdown("**Ties: share of each dimension held by each vector (each row sums to 100)**")
    if origin("ties"):
        st.caption(f"Started from your file {plain(origin('ties'))}: its method, reasoning and source stay with "
                   "each cell (see *where each cell comes from*).")
    for note in st.session_state.get(NOTES, []):
        st.info(f"{plain(origin('ties') or 'ties')}: {plain(note)}", icon=":material/info:")
    edited = st.data_editor(base, key=f"{state.TIES_EDITOR}_{ver}", column_config=cfg, hide_index=True,
                            num_rows="fixed", width="stretch")
    matrix = edited.drop(columns=["Dimension"])
    matrix.index = st.session_state[BASE_TIES].index
    sums = matrix_row_sums(matrix)
    st.caption("Row sums: " + " · ".join(f"{md_text(model.dimension_names.get(d, d))} {s:.1f}" for d, s in sums.items()))
    # what is wrong is said right under the grid, where the analyst is typing (filled once both tables are read)
    slot = st.container()

    st.markdown("**Weights: how much each dimension counts (normalised, so only ratios matter)**")
    if origin("weights"):
        st.caption(f"Started from your file {plain(origin('weights'))}.")
    wbase = st.session_state[BASE_WEIGHTS].copy()
    wbase.insert(1, "name", wbase["dimension"].map(lambda d: model.dimension_names.get(d, d)))
    wedited = st.data_editor(
        wbase, key=f"{state.WEIGHTS_EDITOR}_{ver}", hide_index=True, num_rows="fixed", width="stretch",
        column_order=["name", "weight", "rationale"],  # dimension id, source, year and confidence ride along
        column_config={"dimension": st.column_config.TextColumn(disabled=True),
                       "name": st.column_config.TextColumn("Dimension", disabled=True),
                       "weight": st.column_config.NumberColumn(step=0.05, format="%.2f",
                                                               help="Relative weight, 0-100; only ratios matter"),
                       "rationale": st.column_config.TextColumn(width="large")},
    )
    weights = wedited.drop(columns=["name"])
    st.session_state[state.TIES_WORKING] = matrix
    st.session_state[state.WEIGHTS_WORKING] = weights
    problems, long, weights = check(model, matrix, weights)
    with slot:
        taken = overridden(model, long)
        if taken:
            st.caption("Now your estimate, not computed from the data (you changed its shares): "
                       + ", ".join(plain(model.dimension_names.get(d, d)) for d in taken) + ".")
        render_input_problems(model, problems)
    return problems, long, weights


def render_input_problems(model, problems: list[Problem]) -> None:
    """Each problem of the typed tables by cell, and a rescale button for each row that does not sum to 100."""
    if not problems:
        return
    render_problems(problems, "Your inputs are not used yet: the indicator shows the last valid ones")
    offers = rows_to_rescale(problems, model.dimension_names)
    if offers:
        cols = st.columns(min(len(offers), 4))
        for i, (dim, name) in enumerate(offers):
            cols[i % len(cols)].button(f"Rescale {name} to 100", key=f"rescale_{dim}", on_click=rescale,
                                       args=(dim,), icon=":material/balance:")


def overridden(model, long: pd.DataFrame) -> list[str]:
    """Dimensions computed from the data by default that the analyst's inputs now set instead."""
    return overridden_dimensions(model.ties, long, model.dimension_ids)


def check(model, matrix: pd.DataFrame, weights: pd.DataFrame) -> tuple[list[Problem], pd.DataFrame, pd.DataFrame]:
    """Validate typed tables; valid ones become the session's inputs. Returns (problems, ties (long), weights)."""
    problems = validate_matrix(matrix, model.vector_names, model.dimension_names)
    problems += validate_weights(weights, model.dimension_ids, file="weights editor")
    long = matrix_to_long(matrix, meta(model), before=f"{origin('ties')}:" if origin("ties") else "default")
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
    return posture_change_log(ties_long, weights, *defaults(model), model.vector_names, model.dimension_names)
