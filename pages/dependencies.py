"""Dependencies: how much of Kazakhstan's crude, trade, investment and security ties run through one partner or route."""
from __future__ import annotations

import streamlit as st

from components import state
from components.data import get_model, run_scenario
from components.dependencies_sections import (
    render_concentration,
    render_investment_and_security,
    render_middle_corridor,
    render_uranium,
)
from components.layout import delta_text, page_header, render_figure
from components.scenario import current_levers, scenario_name
from posture import dependency as dep
from posture.text import md_text
from posture.viz import charts, titles

model = get_model()
d = model.data
page_header("Dependencies", "How dependent is Kazakhstan on one partner or one route, and for what? "
            "Every chart is computed from the tables on the Data page.")

levers = current_levers()
active = not levers.is_baseline
base, scen = run_scenario(levers)
latest = dep.latest_full_year_shares(model.shares)

# a wrapping row, not four fixed columns: at 1024x768 the labels and values would be cut
colour = titles.delta_colours(base, scen)
strip = st.container(horizontal=True, gap="medium", horizontal_alignment="distribute")
strip.metric(f"Crude via Russia, {md_text(latest['label'])}", f"{latest['all_russian_transit']:.0f}%",
             delta_text(scen.share_via_russia["all_russian_transit"], base.share_via_russia["all_russian_transit"],
                        " pts", against="baseline, scenario") if active else None, delta_color=colour["via_russia"],
             width="content", help="Share of crude exports on routes whose geometry crosses Russian territory.")
strip.metric(f"Via CPC alone, {md_text(latest['label'])}", f"{latest['cpc_only']:.0f}%",
             delta_text(scen.share_via_russia["cpc_only"], base.share_via_russia["cpc_only"], " pts",
                        against="baseline, scenario") if active else None, delta_color=colour["via_cpc"],
             width="content", help="The figure usually quoted as 'about 80%'.")
top = dep.largest_vector(model.trade_shares.table)
strip.metric(f"Largest trade share, {model.trade_shares.year}: {md_text(model.vector_names[top['vector']])}",
             f"{top['share_pct']:.0f}%", width="content",
             help=f"{md_text(model.vector_names[top['vector']])}: share of turnover by vector (Kazakh statistics).")
arms = d["arms_imports"].set_index("supplier")
strip.metric("Arms imports from Russia", f"{arms.at['RUS', 'share_pct']:.0f}%", width="content",
             help=md_text(arms.at["RUS", "period"]))
if active:
    st.info(f"Scenario active: **{md_text(scenario_name(levers, model.presets))}**. Charts below show the data; the "
            f"{model.latest_year} scenario is added beside the baseline where a lever moves it.", icon=":material/tune:")

# ---------------------------------------------------------------- crude exports
st.header("Crude exports by route", anchor=False)
unit = st.segmented_control("Show", ["mt", "pct"], default="mt", key=state.DEP_UNIT,
                            format_func={"mt": "Million tonnes", "pct": "% of each period"}.get) or "mt"
oil, shares = (dep.with_scenario_year(model.oil, model.shares, scen.oil_year, model.latest_year) if active
               else (model.oil, model.shares))
fig = charts.build_oil_exports_chart(oil, shares, model.vector_colours, unit)
render_figure(fig, "oil_exports", oil[["label", "route", "route_name", "mt", "crosses_russia", "basis", "note", "source"]],
              "crude_exports_by_route")
st.caption("'2024 plan' is the ministry's plan; '2024 Jan-Oct' is a partial year; no 2024 total is published, so "
           "2024's shares divide by the sum of its routes. 'Not attributed' is the published total minus the routes "
           "the sources list; 2023 Atyrau-Samara is an analyst's estimate (the residual). "
           "Definitions of the share via Russia: see the table below the next chart.")
render_figure(charts.build_share_via_russia_chart(model.shares, model.vector_colours["RUS"],
                                                 d["oil_published_shares"]), "share_via_russia",
              model.shares, "share_of_crude_crossing_russia")
st.subheader("Three definitions of 'the share via Russia'", anchor=False)
defs = dep.definitions_table(model.shares, d["oil_published_shares"])
st.dataframe(defs, hide_index=True, width="stretch",
             column_config={**{c: st.column_config.NumberColumn(format="%.1f%%", width="small")
                               for c in defs.columns[1:-2]},
                            "quoted in the sources": st.column_config.TextColumn(width="large")})
st.caption("The 80% in every source is CPC's share of all crude exports. A report that Kazakhstan 'relies on Russian "
           "pipelines for 80% of its oil exports to Western markets' quotes that figure as if it were the third "
           "definition: of the crude on routes to European and Mediterranean markets, nearly all crosses Russia. "
           "Western-market volume of unknown transit (Aktau port, split not given) is left out of that share.")
chk = d["oil_published_shares"]
with st.expander("Cross-check against the shares the sources computed"):
    st.dataframe(chk, hide_index=True, width="stretch")
    st.caption("NUS counted CPC + Atyrau-Samara for 2022 (94%); Reuters counted routes bypassing Russian ports "
               "(3% in 2022, 5.3% in 2023). The computed shares above agree within the unattributed volume.")

st.subheader("Where the crude goes: field, route, transit, market", anchor=False)
periods = [l for l in model.shares["label"]]
period = st.selectbox("Period", periods, index=periods.index(latest["label"]), key=state.DEP_PERIOD)
per = model.oil[model.oil["label"] == period]
flows = dep.compute_oil_flows(per, d["oil_field_flows"], model.transit, model.country_names)
render_figure(charts.build_oil_sankey(flows, period, model.vector_colours, dict(zip(per["route_name"], per["vector"]))),
              "sankey", flows, f"crude_flows_{period}")

# ---------------------------------------------------------------- trade
st.header("Trade by partner", anchor=False)
c1, c2 = st.columns([1, 1])
china = c1.segmented_control("China's figures from", ["kazakh", "chinese"], default="kazakh", key=state.DEP_CHINA_STATS,
                             format_func={"kazakh": "Kazakh statistics", "chinese": "Chinese customs"}.get) or "kazakh"
flow = c2.segmented_control("Flow", ["turnover", "exports", "imports"], default="turnover", key=state.DEP_TRADE_FLOW) or "turnover"
series = dep.compute_trade_series(d["trade"], china, flow)
series = series[~series["partner"].isin(["BRICS"])]
pv = dict(zip(d["partners"]["partner"], d["partners"]["vector"]))
render_figure(charts.build_trade_chart(series, pv, model.vector_colours, china, flow), "trade", series, f"trade_{flow}")
st.caption("Kazakh and Chinese statistics differ a lot (2022: $24.1bn Kazakh vs $31.2bn Chinese), so the chart shows "
           "one or the other, never a mix. EU-27 is an aggregate that includes Italy, the Netherlands, Germany and France.")
ts = scen.trade
tot = model.trade_totals
render_figure(charts.build_vector_share_bars(
    ts.table, model.vector_names, model.vector_colours,
    f"{model.vector_names[top['vector']]} holds {top['share_pct']:.0f}% of trade; Russia "
    f"{model.trade_shares.table.at['RUS', 'share_pct']:.0f}%, China {model.trade_shares.table.at['CHN', 'share_pct']:.0f}%",
    f"Share of turnover by vector, {ts.year}, Kazakh statistics. Total ${model.trade_shares.total_usd_bn:.0f}bn derived "
    "from published partner shares (no official total in the data); Others is the remainder.",
    baseline=model.trade_shares.table["share_pct"] if active else None, data_year=ts.year), "trade_shares", ts.table, "trade_shares_by_vector")
with st.expander("How the trade shares are computed"):
    st.dataframe(ts.table[["vector", "baseline_usd_bn", "value_usd_bn", "share_pct", "basis"]], hide_index=True, width="stretch")
    st.dataframe(tot, hide_index=True, width="stretch")

render_investment_and_security()
render_uranium()
render_middle_corridor()
render_concentration()
