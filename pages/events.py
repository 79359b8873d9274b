"""Events 2014-2026 on a timeline; an event with a lever opens its scenario."""
from __future__ import annotations

import streamlit as st

from components import state
from components.data import get_model
from components.layout import csv_button, linkify_sources, page_header, render_figure
from components.scenario import apply_preset
from posture.text import md_text
from posture.viz import charts

model = get_model()
page_header("Events", "What happened, when, and with whom: the record the scenarios are calibrated against.")

ev = model.data["events"].copy()
code_to_vector = {"EU": "EU", "CA": "CA", **dict(zip(model.data["partners"]["partner"], model.data["partners"]["vector"]))}


def vector_of_code(code: str) -> str:
    return code_to_vector.get(code, "OTHER")


ev["vector_ids"] = ev["vectors"].fillna("").map(lambda s: sorted({vector_of_code(c) for c in s.split(";") if c}))
c1, c2 = st.columns(2)
vec = c1.multiselect("Vectors", model.vector_ids, key=state.EVENTS_VECTORS, format_func=model.vector_names.get,
                     placeholder="All vectors")
cats = sorted(ev["category"].unique())
cat = c2.multiselect("Categories", cats, key=state.EVENTS_CATEGORIES, placeholder="All categories")
view = ev
if vec:
    view = view[view["vector_ids"].map(lambda vs: bool(set(vs) & set(vec)))]
if cat:
    view = view[view["category"].isin(cat)]
if view.empty:
    st.info("No event matches these filters.")
    st.stop()
render_figure(charts.build_events_timeline(view, model.vector_colours, vector_of_code, model.vector_names), "events",
              view.drop(columns=["vector_ids"]), "events")

presets = {p.id: p for p in model.presets}
for r in view.sort_values("date", ascending=False).itertuples():
    with st.container(border=True):
        a, b = st.columns([4, 1])
        names = ", ".join(model.vector_names.get(v, v) for v in r.vector_ids) or "—"
        # Every cell is data text: escaped (md_text), sources as links only for http(s) URLs (linkify_sources).
        a.markdown(f"**{md_text(r.date)} · {md_text(r.title)}**  \n{md_text(r.description)}  \n"
                   f"<span style='color:#6b7280'>{md_text(r.category)} · {md_text(names)} · "
                   f"{md_text(r.confidence)} confidence · {linkify_sources(r.source)}</span>", unsafe_allow_html=True)
        if isinstance(r.scenario, str) and r.scenario in presets:
            p = presets[r.scenario]
            if b.button("Open its scenario", key=f"ev_{r.Index}", icon=":material/tune:", help=md_text(p.name),
                        on_click=apply_preset, args=(p,)):
                st.switch_page("pages/scenarios.py")
csv_button(view.drop(columns=["vector_ids"]), "Events (CSV)", "events.csv", "events_csv")
