"""The summary strip: what the scenario changes, against the baseline, in five numbers."""
from __future__ import annotations

import streamlit as st

from components.layout import delta_text
from posture.scenario import Levers
from posture.text import md_text


def render_summary_strip(model, base, scen) -> None:
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric("Balance index", f"{scen.balance.index:.1f}", delta_text(scen.balance.index, base.balance.index, " pts"),
              help=f"Baseline {base.balance.index:.1f}. 100 = ties spread evenly over the vectors; 0 = all with one.")
    via, bvia = scen.share_via_russia["all_russian_transit"], base.share_via_russia["all_russian_transit"]
    c2.metric("Via Russia", f"{via:.1f}%", delta_text(via, bvia, " pts"), delta_color="inverse",
              help=f"Share of crude exports on routes whose geometry crosses Russia, {model.latest_year}. "
                   f"Baseline {bvia:.1f}%.")
    cpc, bcpc = scen.share_via_russia["cpc_only"], base.share_via_russia["cpc_only"]
    c3.metric("Via CPC", f"{cpc:.1f}%", delta_text(cpc, bcpc, " pts"), delta_color="inverse",
              help=f"Share of crude exports through the CPC pipeline alone. Baseline {bcpc:.1f}%.")
    c4.metric("Stranded", f"{scen.stranded_mt:.1f} Mt",
              f"${scen.revenue_at_risk_usd_bn:.2f}bn at ${scen.levers.oil_price:g}/bbl" if scen.stranded_mt > 0 else None,
              delta_color="inverse" if scen.stranded_mt > 0 else "off",
              help="Crude (Mt) that cannot be exported during the CPC outage (baseline 0). Revenue at risk = "
                   "tonnes x 7.33 bbl/t x price.")
    d = (scen.balance.exposure - base.balance.exposure)
    v = d.abs().idxmax()
    c5.metric(f"Exposure {md_text(v)}", f"{scen.balance.exposure[v]:.1f}%",
              delta_text(scen.balance.exposure[v], base.balance.exposure[v], " pts"), delta_color="off",
              help=f"Exposure to {md_text(model.vector_names[v])}, the vector that moves most; all vectors in the chart.")
    if scen.levers.differs_from(Levers(oil_price=scen.levers.oil_price)):
        st.caption(f"Baseline: balance index {base.balance.index:.1f} · crude via Russia "
                   f"{base.share_via_russia['all_russian_transit']:.1f}% · via CPC {base.share_via_russia['cpc_only']:.1f}% "
                   f"· exposure to {model.vector_names[v]} {base.balance.exposure[v]:.1f}% · stranded {base.stranded_mt:.1f} Mt")
