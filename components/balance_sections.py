"""The Balance page's sections: the indicator in numbers, its bullet and charts (keyed fragments, components/follow.py),
the alignment levers, what would change the picture, and the actions below the input editors."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import balance_inputs as bi
from components import present, state
from components.address import sync_address
from components.data import get_model, run_scenario, scenario_inputs, session_inputs
from components.follow import charts_follow
from components.layout import chart_columns, csv_button, delta_text, render_figure, render_problems
from components.scenario import current_levers, render_lever, render_vendor, specs_for
from posture.balance import (
    compute_balance,
    compute_contributions,
    compute_sensitivity,
    label_sensitivity,
    results_table,
    ties_matrix,
)
from components.timeline import METHOD, render_index_sentence, render_measures, render_posture_over_time
from posture.balance_inputs import named_cells
from posture.text import csv_bytes, md_text
from posture.viz import charts, titles


@st.cache_data(max_entries=32, show_spinner=False)
def sensitivity(matrix, weights):
    model = get_model()
    return label_sensitivity(compute_sensitivity(matrix, weights), model.vector_names, model.dimension_names)


HEAD = (state.FRAG_BALANCE,)


CHARTS = (state.FRAG_BALANCE_BULLET, state.FRAG_BALANCE_CHARTS)


def _state():
    """(levers, baseline, scenario, scenario active?, inputs edited?) for this session."""
    levers = current_levers()
    base, scen = run_scenario(levers)
    edited = session_inputs()[0] is not None or session_inputs()[1] is not None
    return levers, base, scen, not levers.is_baseline, edited


@st.fragment(key=state.FRAG_BALANCE)
def numbers() -> None:
    """The indicator in numbers: the first pass of a lever move (see components/follow.py)."""
    model = get_model()
    levers, base, scen, active, edited = _state()
    b, s = base.balance, scen.balance
    # a wrapping row of content-wide numbers, not fixed columns: at 1024x768 the labels were cut
    row = st.container(horizontal=True, gap="medium")
    c1 = c2 = row
    c3 = row.container(width="content", gap=None)
    c1.metric("Balance index (0-100)", f"{(s if active else b).index:.1f}",
              delta_text((s if active else b).index, b.index if active else model.baseline_balance.index, " pts"),
              help="Effective partners on 0-100: 100 = ties spread evenly over all vectors; 0 = all with one "
                   "(other measures under Method and limits). Delta: against the baseline "
                   "(with a scenario) or against the default inputs (after edits). Not coloured: a higher index "
                   "can come from cutting ties as well as from adding them.", delta_color="off", width="content")
    c2.metric("Effective partners", f"{(s if active else b).effective_partners:.2f}",
              delta_text((s if active else b).effective_partners, b.effective_partners if active else
                         model.baseline_balance.effective_partners, "", 2), help=f"1 / HHI; at most {b.n_vectors}.",
              delta_color="off", width="content")
    dom = s if active else b
    c3.metric("Dominant vector", f"{model.vector_names[dom.dominant]}",
              help="The vector with the largest exposure.", width="content")
    c3.caption(f"{dom.dominant_share:.1f}% of weighted ties")
    if active and (note := titles.index_note(base, scen, model.vector_names)):
        st.caption(note)
    if edited:
        st.caption(f"Using your edited inputs (defaults give {model.baseline_balance.index:.1f}). Reset them under "
                   "Edit the inputs.")
    render_index_sentence(model, scen if active else base)
    charts_follow(CHARTS, state.FRAG_BALANCE, key=state.FOLLOW_BALANCE)
    sync_address(model, key=state.ADDRESS_BALANCE)


@st.fragment(key=state.FRAG_BALANCE_BULLET)
def bullet() -> None:
    _, base, scen, active, _ = _state()
    st.caption("Baseline (grey) and scenario (black) on the 0-100 scale")
    st.plotly_chart(present.restyle(charts.build_index_bullet(base.balance.index, scen.balance.index if active else None)),
                    width="stretch", config={"displayModeBar": False}, key=state.BAL_BULLET)


def levers_panel() -> None:
    """The alignment levers. Outside the fragments: a move reruns the numbers, then the charts."""
    model = get_model()
    specs = specs_for(model)
    levers = current_levers()
    # open when a scenario is set (a shared link's levers are in the session before the page runs)
    with st.expander("Alignment levers (the same as on the Scenarios page)",
                     expanded=not levers.is_baseline):
        st.caption("They move the estimated dimensions.")
        a1, a2 = st.columns(2)
        with a1:
            render_lever(specs["western_security_pts"], rerun=HEAD)
            render_lever(specs["brics_pts"], rerun=HEAD)
        with a2:
            render_lever(specs["cultural_pts"], rerun=HEAD)
            render_lever(specs["regional_pts"], rerun=HEAD)
        render_vendor(rerun=HEAD)


@st.fragment(key=state.FRAG_BALANCE_CHARTS)
def balance_charts() -> None:
    """Exposure, ties and contributions: the second pass of a lever move."""
    model = get_model()
    _, base, scen, active, edited = _state()
    b, s = base.balance, scen.balance
    dom = s if active else b
    exp = dom.exposure
    ghost = b.exposure if active else model.baseline_balance.exposure if edited else None
    title = (f"{model.vector_names[dom.dominant]} carries {dom.dominant_share:.0f}% of Kazakhstan's weighted ties; "
             f"index {dom.index:.0f}/100")
    render_figure(charts.build_exposure_chart(exp, model.vector_names, model.vector_colours, ghost, title,
                                              "Exposure by vector: weighted mean of its shares over the dimensions. "
                                              + ("Grey: baseline." if active else "Grey: default inputs." if edited else ""),
                                              data_year=model.inputs_year),
                  "exposure", downloads=False)
    m = scen.matrix if active else base.matrix
    w = scenario_inputs().weights  # the session's, normalised (the data's when not edited)
    h1, h2 = chart_columns(2, "balance_ties")
    with h1:
        render_figure(charts.build_ties_heatmap(m, model.vector_names, model.dimension_names,
                                                 data_year=model.inputs_year), "heatmap",
                      downloads=False)
    with h2:
        contrib = compute_contributions(m, w)
        render_figure(charts.build_contributions_chart(contrib, model.vector_names, model.dimension_names,
                                                       data_year=model.inputs_year),
                      "contrib", downloads=False)
    st.download_button("Exposure, ties and contributions (CSV)", key=state.BAL_RESULTS_CSV, on_click="ignore",
                       data=lambda: results_csv(exp, m, contrib), file_name="balance_results.csv", mime="text/csv",
                       icon=":material/download:")
    st.header("The posture over the years", anchor=False)
    render_posture_over_time(model, base, scen, "bal")


def indicator() -> None:
    top, side = st.columns([4, 1.5])
    levers_box = st.container()
    # the levers run first though drawn below the numbers: a slider holds its session value inside the lever's
    # bounds as it is drawn (render_lever), and the numbers must read the value it keeps
    with levers_box:
        levers_panel()
    with top:
        numbers()
    with side:
        bullet()
    balance_charts()


def results_csv(exposure, matrix, contrib) -> bytes:
    """The indicator's numbers in one long table: exposure, each tie and its weighted contribution."""
    return csv_bytes(results_table(exposure, matrix, contrib))


def inputs_actions(typed_long: pd.DataFrame, typed_weights: pd.DataFrame) -> None:
    """Below the editors (whose problems are named under the ties grid): reset, downloads and uploads."""
    model = get_model()
    b1, b2, b3 = st.columns(3)
    b1.button("Reset to the defaults", on_click=bi.reset, args=(model,), icon=":material/restart_alt:",
              key=state.BAL_RESET)
    with b2:
        csv_button(typed_long, "Download ties (CSV)", "ties.csv", "bal_dl_ties")
    with b3:
        csv_button(typed_weights, "Download weights (CSV)", "weights.csv", "bal_dl_weights")
    st.markdown("**Upload ties or weights (CSV)**")
    u1, u2 = st.columns(2)
    up_t = u1.file_uploader("Ties (CSV, same columns as data/balance/ties.csv)", type=["csv"], key=state.TIES_UPLOAD)
    up_w = u2.file_uploader("Weights (CSV, same columns as data/balance/weights.csv)", type=["csv"],
                            key=state.WEIGHTS_UPLOAD)
    for up, which in ((up_t, "ties"), (up_w, "weights")):
        errs = bi.upload(model, up, which)
        if errs:
            render_problems(errs, f"The uploaded {which} file is not used (the indicator keeps the last valid "
                                  "inputs)")


def render_sensitivity() -> None:
    """What moves the index most, for the session's inputs (edited or the data's)."""
    model = get_model()
    st.header("What would change the picture", anchor=False)
    inputs = scenario_inputs()
    inputs_matrix = ties_matrix(inputs.ties, model.vector_ids, model.dimension_ids)
    sens = sensitivity(inputs_matrix, inputs.weights)
    base_idx = compute_balance(inputs_matrix, inputs.weights).index
    render_figure(charts.build_tornado_chart(sens, base_idx, data_year=model.inputs_year), "tornado", sens,
                  "sensitivity")


def render_changes(typed_long: pd.DataFrame, typed_weights: pd.DataFrame) -> None:
    """What differs from the defaults, and where each cell comes from (its method, reasoning and source)."""
    model = get_model()
    log = bi.change_log(model, typed_long, typed_weights)
    st.markdown("**Changes from the defaults**")
    if log.empty:
        st.caption("None: the inputs are the defaults from data/balance/.")
    else:
        st.dataframe(log, hide_index=True, width="stretch")
    st.markdown("**Where each cell comes from**")
    st.dataframe(named_cells(typed_long, model.vector_names, model.dimension_names), hide_index=True, width="stretch",
                 column_config={"reasoning": st.column_config.TextColumn(width="large"),
                                "source": st.column_config.TextColumn(width="large")})


def render_method() -> None:
    """Method and limits: the formulas, and every measure of spread for the numbers on screen."""
    model = get_model()
    _, base, scen, active, _ = _state()
    st.markdown(METHOD)
    render_measures(model, (scen if active else base).balance)
