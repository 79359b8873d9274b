"""Balance indicator: how evenly Kazakhstan's ties are spread over its partners, from tables the analyst can edit."""
from __future__ import annotations

import streamlit as st

from components import balance_inputs as bi
from components import state
from components.balance_sections import indicator, render_method, inputs_actions, render_changes, render_sensitivity
from components.data import get_model
from components.layout import page_header

model = get_model()


page_header("Balance indicator", "One number, and its reasons, for how evenly Kazakhstan's ties are spread over "
            "Russia, China, the EU, the US, Türkiye and the Turkic states, Central Asia and others.")
bi.init(model)


indicator_box, sens_box = st.container(), st.container()
# Below the indicator and its sensitivity, three sections that run only when opened (keyed expanders with
# on_change="rerun"): every element on a page costs the browser time on each lever move, even one that reruns
# only the numbers, because Streamlit's frontend re-renders the page's element tree as each run starts and
# ends (bench/README.md, "Page weight"). Lazy tabs were tried and were slower: the open tab's content is
# redrawn at every run (the sensitivity chart in a tab cost ~25 ms a move). The editors' section is in the
# address (bind), so a link can open the page on its inputs.
inputs_sec = st.expander("Edit the inputs", key=state.BAL_INPUTS_OPEN, on_change="rerun", bind="query-params",
                         icon=":material/edit:")
changes_sec = st.expander("Changes from the defaults, and where each cell comes from", key=state.BAL_SOURCES_OPEN,
                          on_change="rerun", icon=":material/source:")
method_sec = st.expander("Method and limits", key=state.BAL_METHOD_OPEN, on_change="rerun",
                         icon=":material/function:")
# Run order: the editors (when open) before the indicator, so an edit is validated before the indicator reads
# the session's inputs (otherwise it would lag one edit behind); draw order: indicator, sensitivity, then the sections.
if inputs_sec.open:
    with inputs_sec:
        st.markdown("Edit a cell and the indicator follows. Cells computed from data (trade, energy export routes, "
                    "investment) become your override once edited. An invalid table is named cell by cell below, "
                    "and the indicator keeps the last valid inputs until it is fixed.")
        problems, typed_long, typed_weights = bi.render_editors(model)
else:
    problems, typed_long, typed_weights = bi.typed(model)
with indicator_box:
    indicator()
    if problems and not inputs_sec.open:
        st.warning(f"Your edited inputs have {len(problems)} problem{'s' if len(problems) != 1 else ''} and are "
                   "not used yet: the indicator shows the last valid ones. Fix them under **Edit the inputs**.",
                   icon=":material/error:")

with sens_box:
    render_sensitivity()

if inputs_sec.open:
    with inputs_sec:
        inputs_actions(typed_long, typed_weights)

if changes_sec.open:
    with changes_sec:
        render_changes(typed_long, typed_weights)

if method_sec.open:
    with method_sec:
        render_method()
