"""Routes map: pipelines and corridors on our own base map, with filters, tooltips, a detail card and the
corridor comparison."""
from __future__ import annotations

import streamlit as st

from components import present, state
from components.data import BASE_URLS, get_model, run_scenario
from components.layout import page_header
from components.map_sections import (
    render_capacity_by_country,
    render_corridors,
    render_selection_card,
    render_via_russia,
)
from components.mapview import SCALE_NOTE, render_legend, route_deck
from components.scenario import current_levers
from posture import dependency as dep
from posture.viz.deck import MapOptions
from posture.viz.style import LAYER_NAMES

model = get_model()
page_header("Routes map", "Kazakhstan's oil and gas pipelines and trade corridors, with the countries each crosses. "
            "Line width follows capacity; select a line for its card.")

LAYERS = {**LAYER_NAMES}
NODE_GROUPS = {"ports and border crossings": ("port", "border crossing"), "oil fields and terminals": ("oil field", "terminal")}
STATUSES = ["operating", "under construction", "proposed"]
COMMODITIES = {"oil": "Oil", "gas": "Gas", "freight": "Freight (rail and sea)"}

layers = st.pills("Layers", list(LAYERS) + list(NODE_GROUPS), default=list(LAYERS) + list(NODE_GROUPS),
                  selection_mode="multi", key=state.MAP_LAYERS,
                  format_func=lambda k: LAYERS.get(k, k.capitalize()))
c2, c3 = st.columns(2)
statuses = c2.pills("Status", STATUSES, default=STATUSES, selection_mode="multi", key=state.MAP_STATUS,
                    format_func=str.capitalize)
commodities = c3.pills("Commodity", list(COMMODITIES), default=list(COMMODITIES), selection_mode="multi",
                       key=state.MAP_COMMODITY, format_func=COMMODITIES.get)
t1, t2 = st.columns([1, 1])
highlight = t1.toggle("Highlight routes crossing Russia", key=state.MAP_RUSSIA,
                      help="Routes whose geometry crosses Russian territory in Russia's colour, the rest grey.")
levers = current_levers()
scenario_on = not levers.is_baseline
by_volume = t2.toggle("Oil line widths by scenario volume", key=state.MAP_SCENARIO, value=scenario_on,
                      help="Width by the Kazakh crude each oil line carries in the active scenario, with the baseline "
                           "as a grey ghost. Off: width by design capacity.")

routes = model.data.routes
keep = routes["commodity"].isin(commodities or [])
shown_layers = tuple(l for l in layers or [] if l in LAYERS)
node_kinds = tuple(k for g in layers or [] if g in NODE_GROUPS for k in NODE_GROUPS[g])
base_vol = scen_vol = None
if by_volume:
    base, scen = run_scenario(levers)
    base_vol = dep.compute_segment_volumes(base.oil_year, model.transit)
    scen_vol = dep.compute_segment_volumes(scen.oil_year, model.transit)
selected = st.session_state.get(state.MAP_SELECTED)
opts = MapOptions(layers=shown_layers, statuses=tuple(statuses or ()), show_nodes=node_kinds,
                  highlight_russia=highlight, selected=selected, scenario_volumes=scen_vol,
                  baseline_volumes=base_vol, base_urls=BASE_URLS, present=present.is_on())

left, right = st.columns([3, 1.25], gap="medium")
with left:
    deck = route_deck(model, opts, tuple(sorted(routes.loc[keep, "id"])))
    version = st.session_state.get(state.MAP_DECK_VERSION, 0)
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object",
                            key=f"{state.MAP_DECK}_{version}", height=640)
    picked = (event.selection.get("objects", {}) if event and event.selection else {}) or {}
    objs = picked.get("routes") or picked.get("nodes") or []
    if objs:
        # keep the pick for the card, then give the map a fresh key: Streamlit fades every unselected
        # feature (the base map included) while a selection is active; the picked line is drawn wider instead
        st.session_state[state.MAP_SELECTED] = objs[0].get("id")
        st.session_state[state.MAP_DECK_VERSION] = version + 1
        st.rerun()
    render_legend(model, highlight, by_volume)
    st.caption(SCALE_NOTE)

with right:
    render_selection_card()
    render_via_russia(levers, scenario_on)

render_corridors()
render_capacity_by_country()
