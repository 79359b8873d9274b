"""The Routes map page's sections: the card of the selected line or point, the share via Russia beside it, the
corridors compared and the capacity crossing each country."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.data import get_model, run_scenario
from components.layout import csv_button, delta_text, linkify_sources
from posture import dependency as dep
from posture.geo import parse_sections, sections_text
from posture.text import md_text
from posture.viz.deck import geometry_for_briefer
from posture.viz.style import LAYER_NAMES


def render_selection_card() -> None:
    """The selected line's or point's card (capacity, length, countries, source), or how to select one."""
    model = get_model()
    routes = model.data.routes
    sel_id = st.session_state.get(state.MAP_SELECTED)
    if sel_id and sel_id in set(routes["id"]):
        r = routes.set_index("id").loc[sel_id]
        m = model.route_metrics.loc[sel_id]
        with st.container(border=True):
            st.subheader(md_text(r["name"]), anchor=False)
            st.caption(f"{LAYER_NAMES[r['layer']]} · {md_text(r['mode'])} · {md_text(r['status'])}")
            cap = "n/a" if pd.isna(r["capacity_value"]) else f"{r['capacity_value']:g} {md_text(r['capacity_unit'])}"
            if m["capacity"] is not None and r["capacity_unit"] == "mb/d":
                cap += f" (about {m['capacity']:.0f} Mt/yr at 7.33 bbl/t)"
            st.markdown(f"**Capacity:** {cap}" + (f" — {md_text(r['capacity_note'])}" if isinstance(r['capacity_note'], str) and r['capacity_note'] else ""))
            if isinstance(r["throughput_note"], str) and r["throughput_note"]:
                st.markdown(f"**Throughput:** {md_text(r['throughput_note'])}")
            pub = "" if pd.isna(r["published_length_km"]) else f"; published {r['published_length_km']:,.0f} km ({md_text(r['length_basis'])})"
            st.markdown(f"**Length:** {m['length_km']:,.0f} km from the geometry{pub}")
            km = m["km_by_country"]
            st.markdown("**Crosses:** " + ", ".join(f"{md_text(model.country_names.get(c, c))} ({km[c]:,.0f} km)" for c in m["countries"]))
            st.markdown("**By country:** " + md_text(sections_text(m["length_km_by_country"], model.country_names, parse_sections(r.get("published_km_by_country")))))
            if isinstance(r["operator"], str) and r["operator"]:
                st.markdown(f"**Operator:** {md_text(r['operator'])}")
            if pd.notna(r["start_year"]):
                st.markdown(f"**In service since:** {int(r['start_year'])}")
            st.markdown(f"**Source** ({md_text(r['confidence'])} confidence, {'' if pd.isna(r['year']) else int(r['year'])}): "
                        f"{linkify_sources(r['source'])}")
            geo = geometry_for_briefer(r.to_dict(), m["length_km"])
            st.markdown("**How the line is drawn:** " + md_text(geo["summary"]))
            with st.expander("Geometry details"):
                st.text(geo["technical"])
            st.button("Clear selection", key=state.MAP_CLEAR, on_click=lambda: st.session_state.pop(state.MAP_SELECTED, None))
    elif sel_id:
        n = model.data.nodes.set_index("id").loc[sel_id] if sel_id in set(model.data.nodes["id"]) else None
        if n is not None:
            with st.container(border=True):
                st.subheader(md_text(n["name"]), anchor=False)
                st.caption(f"{md_text(n['kind'])} · {md_text(model.country_names.get(n['country_iso3'], n['country_iso3']))}")
                if isinstance(n["capacity_note"], str) and n["capacity_note"]:
                    st.markdown(f"**Capacity:** {md_text(n['capacity_note'])}")
                st.markdown(f"**Source** ({md_text(n['confidence'])} confidence): {linkify_sources(n['source'])}")
                st.button("Clear selection", key=state.MAP_CLEAR, on_click=lambda: st.session_state.pop(state.MAP_SELECTED, None))
    else:
        st.info("Select a line or a point on the map for its card: capacity, throughput, length, operator, the "
                "countries it crosses and its source.", icon=":material/touch_app:")


def render_via_russia(levers, scenario_on: bool) -> None:
    """The share of crude crossing Russia under the scenario in force, against the baseline."""
    # the scenario in force, as in the sidebar and every page's strip (the baseline when no lever is moved)
    map_base, map_scen = run_scenario(levers)
    via, bvia = map_scen.share_via_russia["all_russian_transit"], map_base.share_via_russia["all_russian_transit"]
    year = map_scen.oil_year["label"].iloc[0]
    # short: the side column is 128 px wide at 1024x768 and cut "Crude crossing Russia, 2025"
    st.metric(f"Via Russia, {md_text(year)}" + (", scenario" if scenario_on else ""), f"{via:.1f}%",
              delta_text(via, bvia, " pts") if scenario_on else None, delta_color="inverse",
              help="Share of crude exports on every export route whose geometry crosses Russian territory; CPC alone: "
                   f"{map_scen.share_via_russia['cpc_only']:.1f}%."
                   + (f" Baseline {bvia:.1f}% (CPC {map_base.share_via_russia['cpc_only']:.1f}%)." if scenario_on else ""))


def render_corridors() -> None:
    """The corridors compared: distance from the geometry, transit time, capacity, volume, sources."""
    model = get_model()
    st.subheader("Corridors compared", anchor=False)
    cmp = dep.compute_corridor_comparison(model.data["corridor_comparison"], model.route_metrics, model.country_names)
    table = pd.DataFrame({
        "Corridor": cmp["name"],
        "Path": cmp["path_note"],
        "Distance, km (geometry)": cmp["distance_km"],
        "Published distance": cmp["distance_published_text"].replace("", "n/a"),
        "Transit, days": cmp["transit_days_text"],
        "Capacity": cmp["capacity_text"],
        "Latest volume": cmp["volume_text"],
        "Countries crossed (geometry)": cmp["countries_text"],
        "Sources": [f"transit: {t or 'n/a'} | capacity: {c or 'n/a'} | volume: {v or 'n/a'}"
                    for t, c, v in zip(cmp["transit_source"], cmp["capacity_source"], cmp["volume_source"])],
    })
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"Sources": st.column_config.TextColumn(width="large"),
                                "Path": st.column_config.TextColumn(width="medium")})
    st.caption("Distances are the geodesic length of the legs drawn in data/routes/corridors.geojson (Kazakhstan's "
               "border with China to the sea or the EU border); the published figures cover other start and end points.")
    csv_button(table, "Corridor comparison (CSV)", "corridor_comparison.csv", "map_cmp_csv")


def render_capacity_by_country() -> None:
    """The design capacity of the operating lines crossing each country."""
    model = get_model()
    with st.expander("Capacity crossing each country (operating lines)"):
        cap = model.capacity_by_country.copy()
        cap["country"] = cap["iso3"].map(model.country_names)
        cap["routes"] = cap["routes"].map(", ".join)
        cap["routes_without_capacity"] = cap["routes_without_capacity"].map(lambda x: ", ".join(x) or "")
        st.dataframe(cap[["country", "commodity", "capacity", "unit", "routes", "routes_without_capacity"]]
                     .sort_values(["commodity", "capacity"], ascending=[True, False]), hide_index=True, width="stretch")
        st.caption("A line's full design capacity counts in every country it crosses. Corridor legs have no per-leg "
                   "capacity in the sources.")
