"""The sidebar every page shares: which scenario is active, what it moves, and a way back to the baseline."""
from __future__ import annotations

import streamlit as st

from components.pack import render_pack
from components.scenario import current_levers, reset_levers, scenario_name, specs_for
from posture.scenario import VENDORS, Levers


def render_sidebar(model):
    """Draw the sidebar's frame; return the slot for :func:`scenario_box`, which app.py fills after the page
    has run (a page can change the levers while it runs: a scenario file opened, a saved scenario)."""
    with st.sidebar:
        st.markdown("### Kazakhstan's posture")
        st.caption("Routes, dependencies and the multi-vector balance, against a baseline.")
        slot = st.container()
        st.page_link("pages/scenarios.py", label="Open the levers", icon=":material/tune:")
        render_pack(model)  # the briefing pack of the scenario on screen (built on request)
        st.caption(
            f"Data: {len(model.data.tables)} tables and {len(model.data.routes)} route lines, validated on load. "
            "Works offline: no web map, no CDN."
        )
    return slot


def scenario_box(model) -> None:
    """The active scenario. Redrawn on full reruns: a keyed rerun of a fragment drawn by app.py (rather
    than the page) lost its key under concurrent sessions ("No fragment found for target", 4 browsers)."""
    levers = current_levers()
    name = scenario_name(levers, model.presets)
    moved = levers.differs_from(Levers(oil_price=levers.oil_price))
    with st.container(border=True):
        st.markdown(f"**Scenario:** {name}")
        if moved:
            specs = specs_for(model)
            for k, (_, new) in moved.items():
                if k == "nuclear_vendor":
                    st.caption(f"Nuclear vendor: {VENDORS[new][0]}")
                else:
                    s = specs[k]
                    st.caption(f"{s.label}: {new:g} {s.unit}")
            st.button("Reset to the baseline", key="sidebar_reset", on_click=reset_levers, args=(model,),
                      icon=":material/restart_alt:", help="Every lever back to its default.")
        else:
            st.caption("Every chart shows the baseline. Move a lever on the Scenarios page to compare.")
