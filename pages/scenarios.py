"""Scenarios: levers under the briefer's hand, always against the baseline."""
from __future__ import annotations

import streamlit as st

from components import state
from components.data import get_model
from components.layout import page_header
from components.saved import render_compare
from components.scenario import render_preset_picker
from components.scenarios_sections import keep_and_share, lever_tables, levers_panel, numbers, scenario_charts

model = get_model()
page_header("Scenarios", "Move a lever and every number below answers at once, against the baseline. "
            "Each lever changes the input tables; the metrics are recomputed from them.")

top1, _ = st.columns([2, 3])
with top1:
    render_preset_picker(model)


left, right = st.columns([1.05, 2], gap="large")
with left:
    levers_panel()
with right:
    numbers()
    scenario_charts()

# Below the levers, two sections that draw nothing until opened (a keyed expander with on_change="rerun"
# runs its body lazily). Every element on a page costs the browser time on each lever move, even when the
# move reruns only the numbers: Streamlit's frontend re-renders the page's element tree as each run starts
# and ends (bench/README.md, "Page weight"). Closed, each section is one line.
keep = st.expander("Keep and share this scenario: link, file, saved for the team", key=state.SCEN_KEEP_OPEN,
                   on_change="rerun", icon=":material/share:")
if keep.open:
    with keep:
        keep_and_share()
compare = st.expander("Compare two saved scenarios side by side", key=state.SCEN_COMPARE_OPEN, on_change="rerun",
                      icon=":material/compare:")
if compare.open:
    with compare:
        render_compare(model)
explain = st.expander("What each lever does to the tables", key=state.SCEN_EXPLAIN_OPEN, on_change="rerun",
                      icon=":material/function:")
if explain.open:
    with explain:
        lever_tables()
