"""Recommendations from the analysis brief, each linked to the levers it would move, ranked by effect."""
from __future__ import annotations

import json

import streamlit as st

from components.data import get_model, ranked_recommendations, session_inputs
from components.layout import page_header, render_figure
from components.scenario import set_levers, specs_for
from posture.scenario import VENDORS, Levers, start_levers
from posture.text import md_text
from posture.viz import charts

model = get_model()
page_header("Recommendations", "The analysis brief's recommendations, each tied to the levers it would move, "
            "and ranked by how much those levers alone move the balance index and the crude crossing Russia.")


rk = ranked_recommendations(*session_inputs())
modelled = rk[rk["modelled"]]
render_figure(charts.build_recommendations_chart(modelled, data_year=model.inputs_year), "recs", modelled[["group", "title", "levers", "d_index",
                                                                              "d_russia", "index", "via_russia"]],
              "recommendations_ranked")
st.caption("Each recommendation's lever settings are applied alone to the baseline (your edited balance inputs, if "
           "any). Positive index change = ties more evenly spread. The sizes of the lever moves are the analyst's "
           "illustration of each recommendation, shown below; change them on the Scenarios page.")

specs = specs_for(model)


def describe(levers_json: str) -> str:
    d = json.loads(levers_json)
    if not d:
        return "no lever: not modelled"
    parts = []
    for k, v in d.items():
        if k == "nuclear_vendor":
            parts.append(f"nuclear vendor: {VENDORS[v][0]}")
        else:
            parts.append(f"{specs[k].label}: {v:g} {specs[k].unit}")
    return "; ".join(parts)


def open_in_scenarios(levers_json: str) -> None:
    set_levers(Levers.from_dict({**json.loads(levers_json), "oil_price": start_levers(model.params).oil_price}))


for group, g in rk.groupby("group", sort=False):
    st.subheader(md_text(group), anchor=False)
    for r in g.itertuples():
        with st.container(border=True):
            c1, c2, c3 = st.columns([2.6, 1.4, 1])  # room for "+1.2 pts" at 1024x768
            c1.markdown(f"**{md_text(r.title)}**  \n{md_text(r.text)}  \n"
                        f"<span style='color:#6b7280'>Levers: {md_text(describe(r.levers))}</span>",
                        unsafe_allow_html=True)
            if r.modelled:
                c2.metric("Balance index", f"{r.d_index:+.1f} pts", help=f"index {r.index:.1f} with these levers alone")
                c2.caption(f"Crude via Russia: {r.d_russia:+.1f} pts")
                if c3.button("Open in Scenarios", key=f"rec_{r.id}", icon=":material/tune:",
                             on_click=open_in_scenarios, args=(r.levers,)):
                    st.switch_page("pages/scenarios.py")
            else:
                c2.caption("Not modelled: the indicator counts ties to partners.")
st.caption("Source: the analysis brief (data/analysis_brief.md), Recommendations.")
