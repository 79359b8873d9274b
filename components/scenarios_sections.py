"""The Scenarios page's sections: the levers, the numbers and charts against the baseline (two keyed fragments,
components/follow.py), and keeping and sharing a scenario (link, file, the team's store)."""
from __future__ import annotations

import json

import streamlit as st

from components import state
from components.address import sync_address
from components.data import get_model, run_scenario
from components.follow import charts_follow, drawn
from components.layout import render_figure
from components.saved import render_saved
from components.scenario import (
    current_levers,
    matching_preset,
    render_lever,
    render_vendor,
    scenario_name,
    set_levers,
    specs_for,
)
from components.summary import render_summary_strip
from posture.compare import against_baseline
from posture.scenario import Levers, parse_levers
from posture.text import csv_bytes, md_text
from posture.viz import charts, titles

HEAD = (state.FRAG_SCENARIOS,)


def levers_panel() -> None:
    """The sliders. Outside any fragment: a move reruns the numbers, then the charts, not this panel."""
    model = get_model()
    specs = specs_for(model)
    with st.container(border=True):
        st.markdown("**Oil routes**")
        for k in ("reroute_mt", "cpc_outage_pct", "cpc_outage_months", "oil_price"):
            render_lever(specs[k], rerun=HEAD)
    with st.container(border=True):
        st.markdown("**Trade**")
        for k in ("russia_restriction_pct", "growth_china_pct", "growth_eu_pct", "growth_turkic_pct"):
            render_lever(specs[k], rerun=HEAD)
    with st.container(border=True):
        st.markdown("**Alignment**")
        for k in ("western_security_pts", "brics_pts", "cultural_pts", "regional_pts"):
            render_lever(specs[k], rerun=HEAD)
        render_vendor(rerun=HEAD)
    with st.container(border=True):
        st.markdown("**Moscow's reaction** · *illustrative model*")
        st.caption("When exposure to the EU and US rises above the baseline by more than the threshold, the model "
                   "applies Russian pressure scaled by the strength: extra trade restrictions and a CPC "
                   "interruption. Its sizes are assumptions, listed on the Data page (scenario/parameters.csv).")
        for k in ("reaction_threshold_pts", "reaction_strength_pct"):
            render_lever(specs[k], rerun=HEAD)


@st.fragment(key=state.FRAG_SCENARIOS)
def numbers() -> None:
    """What a lever changes, in numbers: the first pass of a move (see components/follow.py)."""
    model = get_model()
    levers = current_levers()
    base, scen = run_scenario(levers)
    preset = matching_preset(levers, model.presets)
    if preset:
        st.info(f"**{md_text(preset.name)}.** {md_text(preset.narrative)}", icon=":material/menu_book:")
    render_summary_strip(model, base, scen)
    for w in scen.warnings:
        st.warning(md_text(w), icon=":material/warning:")
    charts_follow((state.FRAG_SCENARIOS_CHARTS,), state.FRAG_SCENARIOS, key=state.FOLLOW_SCENARIOS)
    sync_address(model, key=state.ADDRESS_SCENARIOS)


@st.fragment(key=state.FRAG_SCENARIOS_CHARTS)
def scenario_charts() -> None:
    """The same scenario against the baseline, in charts: the second pass of a move."""
    model = get_model()
    base, scen = run_scenario(current_levers())
    names = model.vector_names
    exp, bexp = scen.balance.exposure, base.balance.exposure
    render_figure(charts.build_exposure_chart(exp, names, model.vector_colours, bexp,
                                              titles.exposure_title(base, scen, names),
                                              "Exposure by vector: scenario (colour) against the baseline (grey).",
                                              data_year=model.inputs_year),
                  "scen_exposure", downloads=False)
    render_figure(charts.build_route_volume_chart(base.oil_year, scen.oil_year, model.vector_colours,
                                                  titles.routes_title(base, scen),
                                                  f"Crude exports by route, {model.latest_year}, Mt: scenario "
                                                  "(colour) against the baseline (grey)."),
                  "scen_routes", downloads=False)
    render_figure(charts.build_vector_share_bars(
        scen.trade.table, names, model.vector_colours, titles.trade_title(base, scen, names),
        f"Share of trade turnover by vector ({scen.trade.year} reference year), scenario against the baseline (grey).",
        baseline=base.trade.table["share_pct"], data_year=scen.trade.year), "scen_trade", downloads=False)
    st.download_button("Scenario against baseline (CSV)", data=lambda: comparison_csv(model, base, scen),
                       file_name="scenario_vs_baseline.csv", mime="text/csv", key=state.SCEN_CSV, on_click="ignore",
                       icon=":material/download:")


def comparison_csv(model, base, scen) -> bytes:
    """The download's bytes: made lazily, outside the script run, so it takes the model it needs."""
    return csv_bytes(against_baseline(base, scen, model.vector_names, model.latest_year))


@st.fragment(key=state.FRAG_SCEN_FILE)
def scenario_file() -> None:
    """The scenario file's download, holding the levers on screen: its bytes are made in the run that draws it,
    and every lever move reruns this fragment with the numbers (components/follow.py). (A lazy ``data=``
    callable runs outside any script run and read the baseline.)"""
    model = get_model()
    drawn(state.FRAG_SCEN_FILE)
    levers = current_levers()
    st.download_button("Scenario file (JSON)", data=scenario_file_bytes(levers),
                       file_name="scenario.json", mime="application/json", key=state.SCEN_JSON, on_click="ignore",
                       icon=":material/download:",
                       help=f"{scenario_name(levers, model.presets)}: every lever, to open here or on another server.")


def scenario_file_bytes(levers: Levers) -> bytes:
    return json.dumps(levers.to_dict(), indent=2).encode()


MAX_SCENARIO_FILE = 64_000  # bytes: a scenario is a few hundred


def open_scenario_file(model) -> None:
    """The uploader's callback (before the sliders are drawn, so their state may be set): the file's levers, or
    a message naming each problem; the levers in force stay as they are when the file cannot be used. (A callback
    runs before the page: it takes the model as an argument, as get_model() may rerun the page.)"""
    up = st.session_state.get(state.SCEN_UPLOAD)
    if up is None:
        st.session_state.pop(state.SCEN_UPLOAD_RESULT, None)
        return
    name = up.name
    problems: list[str] = []
    raw = up.getvalue()
    if len(raw) > MAX_SCENARIO_FILE:
        problems.append(f"is {len(raw):,} bytes; a scenario file is a few hundred (at most {MAX_SCENARIO_FILE:,})")
    else:
        try:
            doc = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            problems.append("is not text (UTF-8): not a scenario file")
        except RecursionError:
            problems.append("is nested too deeply to be a scenario file")
        except ValueError as err:
            problems.append(f"is not valid JSON (line {getattr(err, 'lineno', '?')}, column "
                            f"{getattr(err, 'colno', '?')}: {getattr(err, 'msg', err)})")
        else:
            levers, found = parse_levers(doc, specs_for(model), source=name)
            problems += [f"'{p.column}': {p.reason}" if p.column else p.reason for p in found]
            if levers is not None:
                set_levers(levers)
    st.session_state[state.SCEN_UPLOAD_RESULT] = (name, problems)


def render_open_result() -> None:
    model = get_model()
    result = st.session_state.get(state.SCEN_UPLOAD_RESULT)
    if not result:
        return
    name, problems = result
    # the file's name and keys are the user's text: shown as plain text (st.text), never as Markdown
    if problems:
        st.error("This file was not opened, so no lever changed:", icon=":material/error:")
        st.text("\n".join([name, *(f"  - {p}" for p in problems)]))
    else:
        st.success(f"Opened: {scenario_name(current_levers(), model.presets)}. The levers are the file's.",
                   icon=":material/check_circle:")
        st.text(name)


def keep_and_share() -> None:
    """Link, file and the server's store: what a briefer keeps after the meeting."""
    model = get_model()
    c1, c2 = st.columns([1, 2], gap="large")
    with c1:
        st.markdown("**Link**")
        st.caption("The address bar of this page holds every lever that differs from the baseline: copy it to share "
                   "the scenario (works on the same server, no internet needed).")
        scenario_file()
        st.file_uploader("Open a scenario file", type=["json"], key=state.SCEN_UPLOAD, on_change=open_scenario_file,
                         args=(model,),
                         help="A file saved with the button above, here or on another server. Every lever is "
                              "checked; a file that cannot be used changes nothing and says why.")
        render_open_result()
    with c2:
        render_saved(model)


def lever_tables() -> None:
    """The scenario module's own account of what each lever changes, and its parameters."""
    model = get_model()
    import posture.scenario as scenario_module

    st.markdown(scenario_module.__doc__.split("What each lever does to the tables")[1].replace("    ", ""))
    st.dataframe(model.data["parameters"], hide_index=True, width="stretch",
                 column_config={"note": st.column_config.TextColumn(width="large")})
