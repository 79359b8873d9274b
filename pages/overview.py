"""Overview: the briefing on one screen."""
from __future__ import annotations

import streamlit as st

from components import present, state
from components.address import sync_address
from components.data import BASE_URLS, get_model, run_scenario
from components.follow import charts_follow
from components.layout import chart_columns, page_header, render_figure
from components.mapview import route_deck
from components.scenario import current_levers, render_lever, render_preset_picker, specs_for
from components.summary import render_summary_strip
from components.timeline import render_posture_over_time
from posture.scenario import compute_largest_dependencies
from posture.text import md_text
from posture.viz import charts
from posture.viz.deck import MapOptions

model = get_model()
page_header("Kazakhstan's multi-vector posture", "Russia is the security partner and the main export corridor, "
            "China the largest trade partner, the EU the largest oil buyer and investor. How concentrated is each "
            "tie, and what would change it?", lede_size="1.15rem")


HEAD = (state.FRAG_OVERVIEW,)


@st.fragment(key=state.FRAG_OVERVIEW)
def numbers() -> None:
    """What the two levers change: a move reruns this block, not the sliders."""
    levers = current_levers()
    base, scen = run_scenario(levers)
    render_summary_strip(model, base, scen)
    if levers.cpc_outage_pct > 0 and levers.cpc_outage_months == 0:
        st.caption("Set the outage's duration on the Scenarios page (0 months: nothing lost).")
    for w in scen.warnings:
        st.warning(md_text(w), icon=":material/warning:")
    charts_follow((state.FRAG_OVERVIEW_CHARTS, state.FRAG_OVERVIEW_TIMELINE), state.FRAG_OVERVIEW,
                  key=state.FOLLOW_OVERVIEW)
    sync_address(model, key=state.ADDRESS_OVERVIEW)


specs = specs_for(model)
c1, c2, c3 = st.columns([1.3, 1, 1])
with c1:
    render_preset_picker(model, key=state.OVERVIEW_PRESET)
with c2:
    render_lever(specs["reroute_mt"], rerun=HEAD)
with c3:
    render_lever(specs["cpc_outage_pct"], rerun=HEAD)
numbers()

@st.fragment(key=state.FRAG_OVERVIEW_CHARTS)
def dependencies_chart() -> None:
    """The largest dependencies under the scenario on screen (the strip's numbers): the second pass of a move."""
    levers = current_levers()
    base, scen = run_scenario(levers)
    active = not levers.is_baseline
    deps = compute_largest_dependencies(scen, model.investment, model.data["arms_imports"], model.vector_ids,
                                        model.vector_names)
    bdeps = compute_largest_dependencies(base, model.investment, model.data["arms_imports"], model.vector_ids,
                                         model.vector_names) if active else None
    fig = charts.build_largest_dependencies_chart(deps, model.vector_colours, bdeps, data_year=model.dependencies_year)
    render_figure(fig, "ov_deps", downloads=False)  # its title as text: it wraps at 1280x720
    label = scen.oil_year["label"].iloc[0]
    via = scen.share_via_russia
    st.caption(("Under the scenario, crude" if active else "Crude") + f" three ways ({md_text(label)}): through CPC / all "
               f"exports, {via['cpc_only']:.0f}% (the quoted '80%'); every route crossing Russia / all exports, "
               f"{via['all_russian_transit']:.0f}%; of the crude sold to European and Mediterranean markets, "
               f"{via['western_via_russia']:.0f}% crosses Russia.")


left, right = chart_columns([1.1, 1], "overview_charts", gap="large")
with left:
    dependencies_chart()
with right:
    opts = MapOptions(layers=("oil", "middle_corridor", "northern_corridor"), statuses=("operating",),
                      show_nodes=("port", "oil field"), compact=True, labels=False, base_urls=BASE_URLS,
                      high_contrast=present.high_contrast())
    st.pydeck_chart(route_deck(model, opts), height=360, key=state.OV_MAP)
    # the colours named as drawn: the high-contrast map darkens each hue and edges every line in white
    hc = opts.high_contrast
    st.caption(f"Operating oil lines (black), Middle Corridor ({'dark magenta' if hc else 'magenta'}), Northern "
               f"corridor ({'dark slate' if hc else 'slate'}){', each edged in white' if hc else ''}: design "
               "capacity, not the scenario. Full map with filters and scenario widths on the Routes map page.")



@st.fragment(key=state.FRAG_OVERVIEW_TIMELINE)
def posture_over_time() -> None:
    """The index and exposures by year, the scenario as a branch: the second pass of a move."""
    base, scen = run_scenario(current_levers())
    render_posture_over_time(model, base, scen, "ov")


posture_over_time()
st.subheader("Latest events", anchor=False)
ev = model.data["events"].copy()
ev = ev.sort_values("date", ascending=False).head(6)
for r in ev.itertuples():
    lever = " · *opens a scenario on the Events page*" if isinstance(r.scenario, str) and r.scenario else ""
    st.markdown(f"**{md_text(r.date)}** — {md_text(r.title)}{lever}  \n"
                f"<span style='color:#6b7280'>{md_text(r.description)}</span>", unsafe_allow_html=True)
st.page_link("pages/events.py", label="All events", icon=":material/event:")
