"""The Dependencies page's sections below the crude and trade charts: investment and security, uranium, the Middle
Corridor, concentration and what stops if one route or country stops."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.data import get_model
from components.layout import csv_button, linkify_sources, render_figure
from posture import dependency as dep
from posture import uranium as ura
from posture.model import FDI_YEAR
from posture.text import source_parts
from posture.viz import charts
from posture.viz.style import LAYER_COLOURS


def render_investment_and_security() -> None:
    """Investment by source, arms imports, security ties and memberships."""
    model = get_model()
    d = model.data
    st.header("Investment and security", anchor=False)
    inv = model.investment
    lead = dep.largest_vector(inv)
    render_figure(charts.build_vector_share_bars(
        inv, model.vector_names, model.vector_colours,
        f"{model.vector_names[lead['vector']]} sources {lead['share_pct']:.0f}% of gross FDI inflow (2022)",
        "Gross FDI inflow by source, 2022 ($28bn in all). The Netherlands ($8.3bn) is partly holding-company "
        "('phantom') investment; Türkiye, Central Asia and most others have no figure in the data and sit in Others.",
        data_year=FDI_YEAR), "fdi", inv, "fdi_by_vector")
    with st.expander("Cumulative FDI and officials' statements (different bases: do not add up)"):
        st.dataframe(d["fdi"], hide_index=True, width="stretch")
    render_figure(charts.build_arms_chart(d["arms_imports"], model.vector_colours), "arms", d["arms_imports"], "arms_imports")
    sec = d["security_ties"].copy()
    sec["vector"] = sec["vector"].map(lambda v: model.vector_names.get(v, v))
    mem = d["memberships"].copy()
    mem["vectors"] = mem["vectors"].map(lambda v: ", ".join(model.vector_names.get(x, x) for x in str(v).split(";")))
    st.markdown("**Security ties: alliances, deployments, exercises, defence industry**")
    st.dataframe(sec[["vector", "kind", "item", "value", "year"]], hide_index=True, width="stretch")
    st.markdown("**Memberships and formats**")
    st.dataframe(mem[["name", "vectors", "status", "year"]], hide_index=True, width="stretch")
    st.caption("Gaps: no supplier split beyond Russia in the arms data; no count of exercises per partner; no Chinese arms "
               "transfers reported. These are shown as gaps, not zeros.")


@st.cache_data(max_entries=4, show_spinner=False)
def uranium_frames(table: pd.DataFrame) -> ura.UraniumFrames:
    """The uranium section's frames from the validated table (a few dozen rows: hashed by content)."""
    return ura.prepare(table)


def _sources(frame: pd.DataFrame) -> str:
    """'Sources: [title](url); ...' for a caption: each source once, titles escaped, only http(s) links."""
    return "Sources: " + linkify_sources(" ; ".join(source_parts(frame["source"])))


def render_uranium() -> None:
    """Kazakhstan's share of world uranium output by year, and who buys the uranium."""
    model = get_model()
    u = uranium_frames(model.data["uranium"])
    # keyed: a story step's "uranium" section (posture/story.py SECTIONS) scrolls to and outlines it
    with st.container(key=state.DEP_URANIUM):
        st.header("Uranium: the lever Kazakhstan holds", anchor=False)
        st.markdown("Kazakhstan mines more uranium than any other country. Here the dependence runs the other way: the "
                    "buyers depend on Kazakhstan, and who gets the uranium is a choice it makes.")
        render_figure(charts.build_uranium_share_chart(u.share, u.other_estimates), "uranium_share", u.share,
                      "uranium_share_of_world_output")
        st.caption("Hollow markers: the years no source states a share for, computed from the World Nuclear "
                   "Association's production table (WNA revises it between editions by up to 0.3 point). "
                   + _sources(pd.concat([u.share, u.other_estimates])))
        render_figure(charts.build_uranium_buyers_chart(u.sales, model.vector_colours), "uranium_buyers", u.sales,
                      "uranium_sales_by_destination")
        st.caption("No 2024 or 2025 split by destination in the sources beyond Europe's share; Kazatomprom names regions, "
                   "not countries. " + _sources(u.sales))
        st.markdown("**Who else takes the uranium (each on its own basis: these do not add up with the split above)**")
        st.dataframe(u.other_buyers[["measure", "partner", "year", "period", "value_text", "note", "confidence"]],
                     hide_index=True, width="stretch", column_config={"year": st.column_config.NumberColumn(format="%d")})
        st.caption("Rosatom's 20% is its joint ventures' offtake of the country's output, beside (not inside) "
                   "Kazatomprom's sales. " + _sources(u.other_buyers))
        with st.expander("Output, 100% basis (tU), and the sources of every uranium row"):
            st.dataframe(u.output[["year", "period", "tU", "value_text", "note", "source", "confidence"]], hide_index=True,
                         width="stretch", column_config={"year": st.column_config.NumberColumn(format="%d"),
                                                         "tU": st.column_config.NumberColumn(format="%d")})
            st.caption("A part-year (Jan-Jun) is not annualised. " + _sources(u.output))


def render_middle_corridor() -> None:
    """The Middle Corridor's volumes and transit times against its targets."""
    model = get_model()
    d = model.data
    st.header("Middle Corridor against its targets", anchor=False)
    vol = d["corridor_volumes"]
    render_figure(charts.build_corridor_chart(vol, LAYER_COLOURS["middle_corridor"]), "corridor", vol, "middle_corridor_volumes")
    render_figure(charts.build_transit_time_chart(vol),
                  "transit", vol[vol["kind"] == "transit time"], "transit_times")
    st.caption("Sources disagree on growth and definitions (2024: 4.48 Mt in the ministry series vs 3.3 Mt via seaports); "
               "the ministry series is the default and the alternatives are on the Data page (corridors/volumes.csv).")


def render_concentration() -> None:
    """Concentration per dimension, and what stops if one route or one transit country stops."""
    model = get_model()
    d = model.data
    inv = model.investment
    st.header("Concentration: what stops if one partner or route stops", anchor=False)
    conc = dep.compute_concentration_summary(model.oil_latest, model.trade_shares, inv, d["arms_imports"], model.vector_ids,
                                             model.vector_names)
    st.dataframe(conc.rename(columns={"largest_share_pct": "largest share, %", "hhi": "HHI (0-10,000)"}), hide_index=True,
                 width="stretch", column_config={"largest share, %": st.column_config.NumberColumn(format="%.1f"),
                                                  "HHI (0-10,000)": st.column_config.NumberColumn(format="%.0f")})
    st.caption("HHI above 2,500 is 'highly concentrated' in antitrust practice; 10,000 means a single partner.")
    w1, w2 = st.columns(2)
    stops_r = dep.compute_what_stops_routes(model.oil_latest)
    w1.markdown(f"**If one export route stops ({model.latest_year})**")
    # the route's name, not its id (renaming route_name onto the id's column name, then dropping it, lost both)
    w1.dataframe(stops_r.drop(columns=["route"]).rename(columns={"route_name": "route", "mt": "crude at risk, Mt",
                                                                 "share_pct": "% of exports"}), hide_index=True, width="stretch",
                 column_config={"% of exports": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f%%")})
    stops_c = dep.compute_what_stops_countries(model.oil_latest, model.transit, model.trade_shares, d["partners"],
                                               model.country_names)
    trade_by_vec = model.trade_shares.table.set_index("vector")
    # text, so that a country without its own trade figure says so instead of showing "None"
    stops_c["trade at risk, $bn (vector)"] = [
        f"{trade_by_vec.at[v, 'value_usd_bn']:.1f} ({model.vector_names.get(v, v)})" if v in trade_by_vec.index and v != "OTHER"
        else "no figure (in Others)" for v in stops_c["vector"]]
    w2.markdown("**If one transit country closes its territory**")
    w2.dataframe(stops_c[["country", "crude_mt", "crude_share_pct", "trade at risk, $bn (vector)"]]
                 .rename(columns={"crude_mt": "crude at risk, Mt", "crude_share_pct": "% of exports"}), hide_index=True,
                 width="stretch", column_config={"% of exports": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f%%")})
    csv_button(conc, "Concentration summary (CSV)", "concentration.csv", "dep_conc_csv")
