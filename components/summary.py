"""The summary strip: what the scenario changes, against the baseline, in five numbers.

The five sit in a horizontal container that wraps: on a narrow shared screen (1024x768, or the
Scenarios page's right column at 1280x720) they flow onto a second row instead of being cut to
"96....". The words and colours come from posture/viz/titles.py.
"""
from __future__ import annotations

import streamlit as st

from components.layout import delta_text
from posture.balance import index_sentence
from posture.scenario import Levers
from posture.text import md_text
from posture.viz import titles


def render_summary_strip(model, base, scen) -> None:
    colour = titles.delta_colours(base, scen)
    row = st.container(horizontal=True, gap="medium", horizontal_alignment="distribute")
    row.metric("Balance index", f"{scen.balance.index:.1f}",
               delta_text(scen.balance.index, base.balance.index, " pts", against=None), delta_color=colour["index"],
               width="content",
               help=f"Baseline {base.balance.index:.1f}. Effective partners on 0-100: 100 = ties spread evenly over "
                    "the vectors; 0 = all with one. "
                    "Not coloured: a higher index can come from cutting ties as well as from adding them.")
    via, bvia = scen.share_via_russia["all_russian_transit"], base.share_via_russia["all_russian_transit"]
    row.metric("Via Russia", f"{via:.1f}%", delta_text(via, bvia, " pts", against=None),
               delta_color=colour["via_russia"], width="content",
               help=f"Share of crude exports on routes whose geometry crosses Russia, {model.latest_year}. "
                    f"Baseline {bvia:.1f}%.")
    cpc, bcpc = scen.share_via_russia["cpc_only"], base.share_via_russia["cpc_only"]
    row.metric("Via CPC", f"{cpc:.1f}%", delta_text(cpc, bcpc, " pts", against=None), delta_color=colour["via_cpc"],
               width="content", help=f"Share of crude exports through the CPC pipeline alone. Baseline {bcpc:.1f}%.")
    row.metric("Stranded", f"{scen.stranded_mt:.1f} Mt",
               f"${scen.revenue_at_risk_usd_bn:.2f}bn at ${scen.levers.oil_price:g}/bbl" if scen.stranded_mt > 0 else None,
               delta_color=colour["stranded"], width="content",
               help="Crude (Mt) that cannot be exported during the CPC outage (baseline 0). Revenue at risk = "
                    "tonnes x 7.33 bbl/t x price.")
    d = (scen.balance.exposure - base.balance.exposure)
    v = d.abs().idxmax()
    row.metric(f"Exposure to {md_text(model.vector_names[v])}", f"{scen.balance.exposure[v]:.1f}%",
               delta_text(scen.balance.exposure[v], base.balance.exposure[v], " pts", against=None),
               delta_color=colour["exposure"], width="content",
               help=f"Exposure to {md_text(model.vector_names[v])}, the vector that moves most; all vectors in the chart.")
    if scen.stranded_mt > titles.SMALL and abs(via - bvia) >= 0.05:
        st.caption(f"The shares via Russia and CPC fall because {scen.stranded_mt:.1f} Mt of crude is not exported "
                   "at all, not because it found another route: not coloured as a gain.")
    st.caption(md_text(index_sentence(scen.balance, scen.matrix, model.dimension_names, model.vector_names)))
    note = titles.index_note(base, scen, model.vector_names)
    if note:
        st.caption(note)
    if not scen.levers.is_baseline:
        st.caption(f"Against the baseline: balance index {base.balance.index:.1f} · crude via Russia "
                   f"{base.share_via_russia['all_russian_transit']:.1f}% · via CPC {base.share_via_russia['cpc_only']:.1f}% "
                   f"· exposure to {model.vector_names[v]} {base.balance.exposure[v]:.1f}% · stranded {base.stranded_mt:.1f} Mt")
