"""The sidebar every page shares: which scenario is active, what it moves, and a way back to the baseline."""
from __future__ import annotations

import streamlit as st

from components import state
from components.follow import drawn
from components.pack import render_pack
from components.scenario import current_levers, reset_levers, scenario_name, specs_for
from posture.scenario import VENDORS, Levers
from posture.text import md_text


INLINE_LINES = 1  # moved levers listed in the box itself (one can take three lines); more fold under their count


def render_sidebar(model):
    """Draw the sidebar's frame; return the slot for :func:`scenario_box`, which app.py fills after the page
    has run (a page can change the levers while it runs: a scenario file opened, a saved scenario)."""
    with st.sidebar:
        # the scenario first, right under the page navigation: at 1280x720 it sat below the app's name, half off
        # the screen (tests/test_browser_sidebar_fit.py)
        slot = st.container()
        st.page_link("pages/scenarios.py", label="Open the levers", icon=":material/tune:")
        render_pack(model)  # the briefing pack of the scenario on screen (built on request)
        st.caption(
            "**Kazakhstan's posture**: routes, dependencies and the multi-vector balance, against a baseline. "
            f"Data: {len(model.data.tables)} tables and {len(model.data.routes)} route lines, validated on load. "
            "Works offline: no web map, no CDN."
        )
    return slot


def _reset(model) -> None:
    reset_levers(model)
    st.rerun()  # the whole page: the sliders move back too, not only this box


def moved_lines(model, levers: Levers) -> list[str]:
    """One line per lever that differs from the baseline (the oil price only prices stranded crude)."""
    specs = specs_for(model)
    out = []
    for k, (_, new) in levers.moved().items():
        if k == "nuclear_vendor":
            out.append(f"Nuclear vendor: {VENDORS[new][0]}")
        else:
            s = specs[k]
            out.append(f"{s.label}: {new:g} {s.unit}")
    return out


@st.fragment(key=state.FRAG_SIDEBAR)
def scenario_box(model) -> None:
    """The active scenario, in the sidebar. A keyed fragment that every lever move reruns with the page's
    numbers (components/follow.py), so it never names an older scenario than the one on screen."""
    drawn(state.FRAG_SIDEBAR)
    levers = current_levers()
    lines = moved_lines(model, levers)
    with st.container(border=True, key=state.SIDEBAR_SCENARIO_BOX):
        st.markdown(f"**Scenario:** {md_text(scenario_name(levers, model.presets))}")
        if lines:
            # one caption, a line per lever: compact enough for 1280x720; a long list (a preset of nine levers)
            # folds under its count so the name and the reset stay on screen
            listing = "  \n".join(md_text(line) for line in lines)
            if len(lines) <= INLINE_LINES:
                st.caption(listing)
            else:
                with st.expander(f"The {len(lines)} levers it moves"):
                    st.caption(listing)
            st.button("Reset to the baseline", key=state.SIDEBAR_RESET, on_click=_reset, args=(model,),
                      icon=":material/restart_alt:", help="Every lever back to its default.")
        else:
            st.caption("Every chart shows the baseline. Move a lever on the Scenarios page to compare.")
