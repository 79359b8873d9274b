"""Plotly figures (``build_*``): pure functions from computed frames to figures, tested as JSON.

Every figure's title states the finding, computed from the data it shows; the subtitle names
the sources and years. Colours come from the vector palette in data/balance/vectors.csv.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from posture.freshness import latest_year, year_of_label
from posture.dependency import corridor_label, latest_full_year_shares, sort_periods
from posture.text import plotly_text
from posture.viz.titles import number
from posture.viz.style import (
    BASELINE_GHOST,
    INK,
    LAYER_COLOURS,
    MUTED,
    UNKNOWN,
    VECTOR_COLOURS,
    apply_layout,
    figure,
    tick_label,
    wrap,
    layout_spec,
    lighten,
    rgba,
    tonnes_in_ten,
)


def _short_sources(sources, limit: int = 3) -> str:
    titles = []
    for s in sources:
        for part in str(s).split(" ; "):
            t = part.split(" | ")[0].strip()
            t = t.split(" (")[0].split(":")[0]
            if t and t not in titles:
                titles.append(t)
    more = f" and {len(titles) - limit} more" if len(titles) > limit else ""
    return ", ".join(titles[:limit]) + more


def route_colours(oil: pd.DataFrame, vector_colours: dict[str, str]) -> dict[str, str]:
    """One colour per export route: its transit vector's colour, lighter for each further route of that vector."""
    totals: dict[str, float] = {}
    for r, mt in zip(oil["route"].tolist(), oil["mt"].tolist()):
        totals[r] = totals.get(r, 0.0) + float(mt)
    order = sorted(totals, key=lambda r: -totals[r])
    seen: dict[str, int] = {}
    out = {}
    vec = dict(zip(oil["route"].tolist(), oil["vector"].tolist()))
    for r in order:
        v = vec.get(r)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out[r] = UNKNOWN if r != "unattributed" else "#D9D9D9"
            continue
        k = seen.get(v, 0)
        seen[v] = k + 1
        out[r] = lighten(vector_colours.get(v, UNKNOWN), min(0.22 * k, 0.7))
    return out


# --------------------------------------------------------------------------- crude exports


def build_oil_exports_chart(oil: pd.DataFrame, shares: pd.DataFrame, vector_colours: dict[str, str],
                            unit: str = "mt") -> go.Figure:
    """Stacked crude exports by route and period (Mt or % of the period), with both shares via Russia."""
    shares = sort_periods(shares)  # by year, the full year before a part of it or a plan (not by the labels' text)
    labels = shares["label"].tolist()
    colours = route_colours(oil, vector_colours)
    fig = go.Figure()
    totals = oil.groupby("label")["mt"].sum()
    routes = oil.groupby("route")["mt"].sum().sort_values(ascending=False).index.tolist()
    kind = dict(zip(shares["label"], shares["period_kind"]))
    for route in routes:
        g = oil[oil["route"] == route].set_index("label")
        name = g["route_name"].iloc[0]
        y = [float(g.at[l, "mt"]) if l in g.index else 0.0 for l in labels]
        if unit == "pct":
            y = [100 * v / float(totals[l]) for v, l in zip(y, labels)]
        cross = g["crosses_russia"].iloc[0]
        tag = "crosses Russia" if cross is True else "bypasses Russia" if cross is False else "transit unknown"
        fig.add_bar(
            x=labels, y=y, name=name, marker={"color": colours[route],
                                              "line": {"width": 0.5, "color": "white"}},
            customdata=[[tag, kind[l]] for l in labels],
            hovertemplate=("%{x}: %{y:.1f}" + (" Mt" if unit == "mt" else "%") + " · " + name +
                           " (%{customdata[0]}; %{customdata[1]})<extra></extra>"),
        )
    for s in shares.itertuples():
        top = float(totals[s.label]) if unit == "mt" else 100.0
        note = {"plan": "plan", "partial year": "partial year", "full year": ""}[s.period_kind]
        text = f"CPC {s.cpc_only:.0f}% · via Russia {s.all_russian_transit:.0f}%" + (f"<br><i>{note}</i>" if note else "")
        # x as the category's position: a number-like label ('2022') would be read as position 2022
        fig.add_annotation(x=labels.index(s.label), y=top, text=text, showarrow=False, yshift=22,
                           font={"size": 12, "color": INK})
    latest = latest_full_year_shares(shares)
    title = (f"{tonnes_in_ten(latest.all_russian_transit).capitalize()} of crude cross Russia; "
             f"CPC alone carries {latest.cpc_only:.0f}% ({latest.label})")
    sub = (f"Crude exports by route, {'Mt' if unit == 'mt' else '% of each period'}. Routes crossing Russia in red "
           f"shades, computed from route geometry. Sources: {_short_sources(oil['source'].unique())}")
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title_text="Mt" if unit == "mt" else "% of exports", rangemode="tozero")
    if unit == "pct":
        fig.update_yaxes(range=[0, 118])
    else:
        fig.update_yaxes(range=[0, float(totals.max()) * 1.2])
    apply_layout(fig, title, sub, height=500, data_year=latest_year(shares))
    # the routes listed under the chart: at their right they took 250 px, and at 1024x768 the periods' labels
    # were left too little room and ran into each other
    fig.update_layout(legend={"orientation": "h", "xref": "container", "x": 0, "y": -0.12, "yanchor": "top",
                              "font": {"size": 12}}, margin={"b": 10})
    fig.update_layout(height=fig.layout.height + 110)
    return fig


def quoted_figures(published: pd.DataFrame | None, definition: str) -> str:
    """'80% (2023, 2024)' - the figures quoted in the sources that are this definition, for a legend."""
    if published is None or "definition" not in published.columns:
        return ""
    p = published[published["definition"] == definition]
    by_value: dict[float, list[int]] = {}
    for r in p.itertuples():
        by_value.setdefault(float(r.share_pct), []).append(int(r.year))
    return "; ".join(f"{v:g}% ({', '.join(str(y) for y in sorted(set(ys)))})" for v, ys in by_value.items())


def build_share_via_russia_chart(shares: pd.DataFrame, russia_colour: str,
                                 published: pd.DataFrame | None = None) -> go.Figure:
    """The three definitions of the share via Russia over time (posture.dependency.DEFINITIONS), each named with
    the figures quoted in the sources that are that definition, and the unattributed part as a band above
    all Russian transit."""
    from posture.dependency import DEFINITIONS

    fig = go.Figure()
    shares = sort_periods(shares)  # by year, the full year before a part of it or a plan (not by the labels' text)
    x = shares["label"]
    fig.add_scatter(x=x, y=shares["all_russian_transit"] + shares["unattributed"], mode="lines",
                    line={"width": 0}, showlegend=False, hoverinfo="skip")
    styles = {"all_russian_transit": {"color": russia_colour, "width": 3},
              "cpc_only": {"color": russia_colour, "dash": "dot", "width": 3},
              "western_via_russia": {"color": INK, "dash": "dash", "width": 3}}
    for key in ("all_russian_transit", "cpc_only", "western_via_russia"):
        label = DEFINITIONS[key][0]
        quoted = quoted_figures(published, key)
        if quoted:
            name = f"{label}: quoted as {quoted}"
        elif key == "western_via_russia":  # the seed report's '80% of oil exports to Western markets'
            name = f"{label}: no source gives it;<br>'80% to Western markets' would have to mean this"  # wraps at 1024
        else:
            name = f"{label}: no figure quoted in the sources"
        extra = {"fill": "tonexty", "fillcolor": rgba(russia_colour, 0.12)} if key == "all_russian_transit" else {}
        fig.add_scatter(x=x, y=shares[key], mode="lines+markers", line=styles[key], name=name,
                        hovertemplate=f"%{{x}}: %{{y:.1f}}% ({label})<extra></extra>", **extra)
    latest = latest_full_year_shares(shares)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(x))
    # automargin: the ticks and the axis title stay inside the figure when the legend is drawn inside it (1024x768)
    fig.update_yaxes(range=[50, 102], title_text="% of the crude each divides", ticksuffix="%", automargin=True)
    apply_layout(
        fig, f"Three definitions in {latest.label}: {latest.cpc_only:.0f}% (CPC only), "
             f"{latest.all_russian_transit:.0f}% (all Russian transit), {latest.western_via_russia:.0f}% "
             f"(crude to Western markets via Russia)",
        "CPC only and all Russian transit divide all crude exports; Western markets via Russia divides the crude "
        "on routes to European and Mediterranean markets. Shaded band: volume the sources do not attribute to a "
        "route (upper bound if it all crossed Russia). Computed from data/oil/exports.csv and route geometry.",
        height=380, data_year=latest_year(shares))
    # three long names: inside the plot, in the empty band under the lines (50-75%), where nothing is drawn
    return fig.update_layout(legend={"orientation": "v", "x": 0.01, "xanchor": "left", "y": 0.02, "yanchor": "bottom",
                                     "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 13}})


def _node_text(name: str, stage: str) -> str:
    """A sankey node's label: transit countries as a comma list (they wrap two to a line)."""
    return name.replace(" - ", ", ") if stage == "transit" else name


def build_oil_sankey(flows: pd.DataFrame, label: str, vector_colours: dict[str, str],
                     route_vectors: dict[str, str | None], data_year: int | None = None) -> go.Figure:
    """Field or region -> export route -> transit countries -> terminal, for one period."""
    nodes: list[str] = []
    stage_of: list[str] = []

    def idx(name: str, stage: str) -> int:
        key = f"{stage}:{name}"
        if key not in nodes:
            nodes.append(key)
            stage_of.append(stage)
        return nodes.index(key)

    src, tgt, val, col = [], [], [], []
    for r in flows.itertuples():
        s = idx(r.source, r.source_stage)
        t = idx(r.target, r.target_stage)
        src.append(s)
        tgt.append(t)
        val.append(round(float(r.mt), 3))
        route = r.target if r.target_stage == "route" else r.source if r.source_stage == "route" else None
        v = route_vectors.get(route) if route else None
        if route is None:  # transit -> market: colour by whether the transit includes Russia
            v = "RUS" if "Russia" in r.source else None
        col.append(rgba(vector_colours.get(v, UNKNOWN), 0.45) if v else "rgba(150,150,150,0.35)")
    x_of = {"field": 0.01, "route": 0.34, "transit": 0.62, "market": 0.99}
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        # labels wrapped: at 1280x720 a label runs into the next column's labels otherwise. Transit labels list the
        # countries with commas, wrapped at 16, so that three or four countries take two lines: with ' - ' they took
        # four, and two small neighbouring transit nodes (Druzhba to Germany, BTC) stacked their labels into each other
        node={"label": [wrap(_node_text(n.split(":", 1)[1], s), {"field": 18, "route": 18, "transit": 16}.get(s, 14))
                        for n, s in zip(nodes, stage_of)],
              "pad": 34, "thickness": 16,
              "color": ["#5b6270"] * len(nodes), "x": [x_of[s] for s in stage_of],
              "line": {"width": 0}},
        link={"source": src, "target": tgt, "value": val, "color": col,
              "hovertemplate": "%{source.label} → %{target.label}: %{value:.2f} Mt<extra></extra>"},
        valueformat=".1f", valuesuffix=" Mt", textfont={"size": 12},
    ))
    total = sum(v for v, s in zip(val, src) if stage_of[s] == "field")
    apply_layout(fig, f"Where {total:.0f} Mt of crude went in {label}: field, route, transit, market",
                        "Stages left to right: field or region, export route, countries crossed after Kazakhstan, "
                        "market. CPC split by field from CPC's 2025 throughput (all shippers, scaled to Kazakh "
                        "supply); other routes start from the region their source names.", height=720, legend=False,
                 data_year=data_year if data_year is not None else year_of_label(label))
    fig.update_layout(margin={"b": 50})  # a bottom node's wrapped label hangs below it
    return fig


# --------------------------------------------------------------------------- trade, investment, security


def build_trade_chart(series: pd.DataFrame, partner_vectors: dict[str, str], vector_colours: dict[str, str],
                      china_statistics: str, flow: str = "turnover") -> go.Figure:
    fig = go.Figure()
    partners = series.groupby("partner")["value_usd_bn"].max().sort_values(ascending=False).index
    seen: dict[str, int] = {}
    for p in partners:
        g = series[series["partner"] == p].sort_values(["year", "months"])
        v = partner_vectors.get(p, "OTHER")
        k = seen.get(v, 0)
        seen[v] = k + 1
        colour = lighten(vector_colours.get(v, UNKNOWN), min(0.25 * k, 0.7))
        full = g[~g["partial"]]
        part = g[g["partial"]]
        name = g["partner_name"].iloc[0]
        fig.add_scatter(x=full["year"], y=full["value_usd_bn"], mode="lines+markers", name=name,
                        line={"color": colour, "width": 3 if k == 0 else 2}, legendgroup=p,
                        customdata=np.stack([full["period"], full["basis"]], axis=-1) if len(full) else None,
                        hovertemplate=f"{name} %{{x}} (%{{customdata[0]}}): $%{{y:.1f}}bn<br>%{{customdata[1]}}<extra></extra>")
        if len(part):
            fig.add_scatter(x=part["year"], y=part["value_usd_bn"], mode="markers", name=f"{name} (partial year)",
                            marker={"symbol": "circle-open", "size": 11, "color": colour, "line": {"width": 2}},
                            legendgroup=p, showlegend=False,
                            customdata=np.stack([part["period"], part["basis"]], axis=-1),
                            hovertemplate=f"{name} %{{x}} %{{customdata[0]}} only: $%{{y:.1f}}bn<br>%{{customdata[1]}}<extra></extra>")
    cn = "Chinese customs (mirror)" if china_statistics == "chinese" else "Kazakh statistics"
    countries = series[series["partner"].str.len() == 3]
    latest = countries[(countries["months"] == 12)].sort_values("year").groupby("partner").tail(1)
    top = latest.sort_values("value_usd_bn", ascending=False).iloc[0] if len(latest) else None
    title = (f"{top['partner_name']} is the largest single country partner: ${top['value_usd_bn']:.1f}bn in "
             f"{int(top['year'])}; the EU-27 together trade more" if top is not None else "Trade by partner")
    fig.update_xaxes(dtick=1, title_text="")
    fig.update_yaxes(title_text=f"{flow}, USD bn", rangemode="tozero")
    return apply_layout(fig, title, f"Trade {flow} by partner, USD bn. China from {cn}; open circles are "
                        f"partial years (not annualised). Sources: {_short_sources(series['source'].unique())}",
                        height=470, data_year=latest_year(series))


def build_vector_share_bars(shares: pd.DataFrame, vector_names: dict[str, str], vector_colours: dict[str, str],
                            title: str, subtitle: str, value_col: str = "share_pct",
                            baseline: pd.Series | None = None, suffix: str = "%", narrow: bool = False,
                            data_year: int | None = None) -> go.Figure:
    """Horizontal bars per vector (share of a dimension), optional baseline ghost. Rows whose ``basis``
    says there is no figure are labelled as a gap, not as zero. Built as a dict: it is redrawn on slider moves."""
    s = shares.sort_values(value_col)
    vectors = s["vector"].tolist()
    names = [vector_names.get(v, v) for v in vectors]
    values = [round(float(x), 3) for x in s[value_col]]
    bases = s["basis"].tolist() if "basis" in s.columns else [""] * len(s)
    traces = []
    top = max(values) if values else 1.0
    if baseline is not None:
        b = [round(float(baseline.get(v, 0.0)), 3) for v in vectors]
        top = max(top, max(b) if b else 0)
        traces.append({"type": "bar", "y": names, "x": b, "orientation": "h", "name": "Baseline",
                       "marker": {"color": BASELINE_GHOST}, "width": 0.8,
                       "hovertemplate": "Baseline %{y}: %{x:.1f}" + suffix + "<extra></extra>"})
    traces.append({"type": "bar", "y": names, "x": values, "orientation": "h",
                   "name": "Scenario" if baseline is not None else "Share",
                   "marker": {"color": [vector_colours.get(v, UNKNOWN) for v in vectors]},
                   "width": 0.5 if baseline is not None else 0.7,
                   "text": ["no figure in the data" if "no figure" in str(bs) else f"{x:.1f}{suffix}"
                            for x, bs in zip(values, bases)],
                   "textposition": "outside", "hovertemplate": "%{y}: %{x:.1f}" + suffix + "<extra></extra>"})
    layout = layout_spec(title, subtitle, height=360, legend=baseline is not None, narrow=narrow,
                         data_year=data_year, barmode="overlay", xaxis={"ticksuffix": suffix, "range": [0, top * 1.25]})
    return figure(traces, layout)


def build_arms_chart(arms: pd.DataFrame, vector_colours: dict[str, str]) -> go.Figure:
    r = arms.set_index("supplier")
    rus = float(r.at["RUS", "share_pct"])
    fig = go.Figure()
    fig.add_bar(x=[rus], y=["Arms imports"], orientation="h", name="Russia", marker={"color": vector_colours["RUS"]},
                text=[f"Russia {rus:.0f}%"], textposition="inside", insidetextanchor="middle",
                hovertemplate="Russia: %{x:.0f}%<extra></extra>")
    other = float(r.at["OTHER", "share_pct"])
    fig.add_bar(x=[other], y=["Arms imports"], orientation="h", name="All others (not split in the sources)",
                marker={"color": "white", "line": {"color": MUTED, "width": 1.5}, "pattern": {"shape": "/", "fgcolor": MUTED}},
                text=[f"others {other:.0f}% (gap)"], textposition="outside",
                hovertemplate="Others: %{x:.0f}% (France, Spain and others; no split in the press summaries)<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 140], ticksuffix="%")  # room for "others 12% (gap)" at 1024x768
    return apply_layout(fig, f"Russia supplied {rus:.0f}% of Kazakhstan's arms imports ({r.at['RUS', 'period']})",
                        "SIPRI data via press summaries (Eurasianet/Daryo 2025; SIPRI 2019-23 infographic). "
                        "The remaining share is not split by supplier in the sources: a gap, shown hatched.",
                        height=200, legend=False, data_year=max(year_of_label(p) or 0 for p in arms["period"]) or None)


def build_corridor_chart(volumes: pd.DataFrame, middle_colour: str) -> go.Figure:
    """Middle Corridor cargo by year against capacity and the stated targets."""
    v = volumes[(volumes["corridor"] == "middle (TITR)") & (volumes["indicator"] == "cargo volume")
                & volumes["period"].str.fullmatch(r"\d{4}")].sort_values("year")
    fig = go.Figure()
    fig.add_bar(x=v["year"], y=v["value"], name="Cargo (Kazakh Ministry of Transport series)",
                marker={"color": middle_colour}, text=[f"{x:.1f}" for x in v["value"]], textposition="outside",
                hovertemplate="%{x}: %{y:.2f} Mt<extra></extra>")
    cap = volumes[(volumes["corridor"] == "middle (TITR)") & (volumes["kind"] == "capacity")].sort_values("year")
    if len(cap):
        fig.add_scatter(x=cap["year"], y=cap["value"], mode="markers+lines", name="Route capacity (stated)",
                        line={"color": MUTED, "dash": "dot"}, marker={"symbol": "line-ew-open", "size": 18},
                        hovertemplate="capacity %{x}: %{y} Mt/yr<extra></extra>")
    targets = volumes[(volumes["corridor"] == "middle (TITR)") & (volumes["kind"] == "target")
                      & volumes["unit"].str.startswith("Mt")]
    for t in targets.itertuples():
        label = "World Bank 2030" if "World Bank" in t.indicator else "Aktau roadmap 2027"
        fig.add_scatter(x=[t.year], y=[t.value], mode="markers+text", name=f"Target: {label}",
                        marker={"symbol": "star", "size": 16, "color": INK}, text=[f"{label}: {t.value:g} Mt"],
                        textposition="top left", hovertemplate=f"{label}: %{{y}} Mt<extra></extra>")
    last = v.iloc[-1]
    wb = targets[targets["indicator"].str.contains("World Bank")]
    gap = f"; the World Bank sees {wb['value'].iloc[0]:g} Mt possible by 2030" if len(wb) else ""
    fig.update_xaxes(dtick=1, range=[v["year"].min() - 0.6, 2030.8])
    fig.update_yaxes(title_text="Mt", range=[0, max(float(targets["value"].max()) if len(targets) else 0,
                                                      float(v["value"].max())) * 1.3])
    return apply_layout(fig, f"The Middle Corridor carried {last.value:.1f} Mt in {int(last.year)}{gap}",
                        "Trans-Caspian International Transport Route cargo (Kazakh Ministry of Transport, 2026), "
                        "stated capacity and targets (World Bank 2023; Aktau roadmap 2022-2027).", height=430,
                        legend=False, data_year=latest_year(pd.concat([v, cap])))


def corridor_colours(corridors) -> dict[str, str]:
    """The map's colour for each corridor named in the data ('middle (TITR)' the Middle Corridor's, 'northern' the
    Northern corridor's, 'north-south ...' or 'southern ...' the southern route's); any other corridor grey."""
    out = {}
    for c in corridors:
        key = str(c).strip().lower()
        layer = ("middle_corridor" if key.startswith("middle") else "southern_route"
                 if key.startswith(("north-south", "south")) else "northern_corridor" if key.startswith("north")
                 else None)
        out[c] = LAYER_COLOURS.get(layer, MUTED)
    return out


def build_transit_time_chart(volumes: pd.DataFrame, colours: dict[str, str] | None = None) -> go.Figure:
    """Each stated transit-time range as a bar, labelled with its corridor, period, basis and source as the data
    give them (posture.dependency.compute_transit_times); the title's spans are the figures' own."""
    from posture.dependency import compute_transit_times, transit_time_spans

    t = compute_transit_times(volumes)
    colours = {**corridor_colours(t["corridor"].unique()), **(colours or {})}
    fig = go.Figure()
    shown: set[str] = set()
    for r in t.itertuples():
        c = colours[r.corridor]
        who = _short_sources([r.source], limit=1)
        # wrapped at 40 (at most three lines in the data): one line took half of a 1024 px screen
        label = tick_label(plotly_text(f"{r.corridor_label}, {r.period} ({who}): {r.basis}"), 40)
        fig.add_scatter(x=[r.low, r.high], y=[label, label], mode="lines+markers+text", name=r.corridor_label,
                        legendgroup=r.corridor, showlegend=r.corridor not in shown,
                        line={"color": c, "width": 8}, marker={"size": 10, "color": c},
                        text=["", f"{r.value_text} days"], textposition="middle right",
                        hovertemplate=(f"{plotly_text(r.corridor_label)}, {plotly_text(r.period)}: "
                                       f"{plotly_text(r.value_text)} days<br>{plotly_text(r.basis)}<br>"
                                       f"{plotly_text(who)}<extra></extra>"))
        shown.add(r.corridor)
    spans = transit_time_spans(t)
    if spans:
        first, rest = spans[0], spans[1:]
        title = f"{first['corridor_label']}: {first['low']:g} to {first['high']:g} days, by source and basis"
        if rest:
            title += "; " + ", ".join(f"{s['corridor_label']} {s['low']:g} to {s['high']:g}" for s in rest)
        title = plotly_text(title)
    else:
        title = "No transit time is stated as a range"
    ratios = volumes[(volumes["kind"] == "transit time") & volumes["value_low"].isna()
                     & (volumes["unit"].astype(str) != "days")]
    singles = volumes[(volumes["kind"] == "transit time") & volumes["value_low"].isna()
                      & (volumes["unit"].astype(str) == "days")]
    sub = "Ranges in days as each source states them, one line per source and basis."
    for r in ratios.itertuples():
        sub += plotly_text(f" {_short_sources([r.source], limit=1)} ({int(r.year)}): {corridor_label(r.corridor)} "
                           f"{r.value_text} {r.unit}.")
    if len(singles):
        sub += f" {len(singles)} single figures (no range) are in the data, not drawn."
    fig.update_xaxes(title_text="days", range=[0, (float(t["high"].max()) if len(t) else 1.0) * 1.25])
    fig.update_yaxes(autorange="reversed", tickfont={"size": 12})
    # 64 px a bar: a label's three lines (about 48 px at 12 px) stay inside its own band
    apply_layout(fig, title, sub, height=150 + 64 * max(len(t), 1), legend=True, data_year=latest_year(t))
    return fig


# --------------------------------------------------------------------------- balance


def build_exposure_chart(exposure: pd.Series, vector_names: dict[str, str], vector_colours: dict[str, str],
                         baseline: pd.Series | None, title: str, subtitle: str, narrow: bool = False,
                         data_year: int | None = None) -> go.Figure:
    df = pd.DataFrame({"vector": exposure.index, "share_pct": exposure.values})
    fig = build_vector_share_bars(df, vector_names, vector_colours, title, subtitle, baseline=baseline, narrow=narrow,
                                  data_year=data_year)
    fig.layout["showlegend"] = False
    return fig


def build_ties_heatmap(matrix: pd.DataFrame, vector_names: dict[str, str], dimension_names: dict[str, str],
                       narrow: bool = True, data_year: int | None = None) -> go.Figure:
    z = [[round(float(x), 2) for x in row] for row in matrix.to_numpy()]
    trace = {"type": "heatmap", "z": z, "x": [vector_names.get(v, v) for v in matrix.columns],
             "y": [tick_label(dimension_names.get(d, d), 22) for d in matrix.index],
             "colorscale": [[0, "#f7f7f7"], [0.5, "#f4a582"], [1, "#b2182b"]], "zmin": 0, "zmax": 100,
             "text": [[f"{x:.0f}" for x in row] for row in z], "texttemplate": "%{text}", "textfont": {"size": 14},
             "hovertemplate": "%{y} · %{x}: %{z:.1f}%<extra></extra>", "colorbar": {"title": {"text": "%"}, "thickness": 12}}
    top = matrix.stack().idxmax()
    layout = layout_spec(f"Strongest single tie: {vector_names.get(top[1], top[1])} in "
                         f"{dimension_names.get(top[0], top[0]).lower()} ({matrix.loc[top]:.0f}%)",
                         "Share of each dimension's ties held by each vector (each row sums to 100).", height=420,
                         legend=False, narrow=narrow, data_year=data_year, yaxis={"autorange": "reversed", "tickfont": {"size": 13}},
                         # slanted: seven names side by side in a half-width chart ran into each other
                         xaxis={"tickangle": -40, "tickfont": {"size": 13}})
    return figure([trace], layout)


DIMENSION_COLOURS = ["#264653", "#2a9d8f", "#8ab17d", "#e9c46a", "#f4a261", "#e76f51", "#9c6644", "#6d597a", "#b56576"]


def build_contributions_chart(contrib: pd.DataFrame, vector_names: dict[str, str],
                              dimension_names: dict[str, str], narrow: bool = True,
                              data_year: int | None = None) -> go.Figure:
    """Each vector's exposure, stacked by the dimensions it comes from."""
    order = contrib.sum(axis=0).sort_values(ascending=True).index
    y = [tick_label(vector_names.get(v, v), 16) for v in order]
    traces = []
    for i, dim in enumerate(contrib.index):
        name = dimension_names.get(dim, dim)
        traces.append({"type": "bar", "y": y, "x": [round(float(x), 3) for x in contrib.loc[dim, order]],
                       "orientation": "h", "name": name,
                       "marker": {"color": DIMENSION_COLOURS[i % len(DIMENSION_COLOURS)]},
                       "hovertemplate": f"{name} · %{{y}}: %{{x:.1f}} points<extra></extra>"})
    lead = order[-1]
    top_dim = contrib[lead].idxmax()
    layout = layout_spec(f"{vector_names.get(lead, lead)}'s weight comes mostly from "
                         f"{dimension_names.get(top_dim, top_dim).lower()}",
                         "Exposure by vector, split into the weighted contribution of each dimension.", height=440,
                         narrow=narrow, data_year=data_year, barmode="stack",
                         xaxis={"title": {"text": "points of exposure"}})
    # seven dimensions: listed under the chart, where they wrap to its width (at its right they took half of a
    # half-width chart and were cut at 1280x720)
    layout["legend"] = {"orientation": "h", "xref": "container", "x": 0, "xanchor": "left", "y": -0.2,
                        "yanchor": "top", "font": {"size": 12}}
    layout["height"] += 90
    return figure(traces, layout)


def build_tornado_chart(sens: pd.DataFrame, base_index: float, top: int = 12,
                        data_year: int | None = None) -> go.Figure:
    s = sens.head(top).iloc[::-1]
    fig = go.Figure()
    # "87 → 100", never "87→1e+02"; wrapped so that the labels leave the bars room on a 1024-wide screen
    labels = [tick_label(f"{r.input} ({number(r.low_setting)} → {number(r.high_setting)})", 34) for r in s.itertuples()]
    fig.add_bar(y=labels, x=s["index_low"] - base_index, base=base_index, orientation="h", name="input lower",
                marker={"color": "#9bb7d4"}, hovertemplate="%{y}: index %{x:.1f} when lower<extra></extra>")
    fig.add_bar(y=labels, x=s["index_high"] - base_index, base=base_index, orientation="h", name="input higher",
                marker={"color": "#1f5aa6"}, hovertemplate="%{y}: index %{x:.1f} when higher<extra></extra>")
    fig.add_vline(x=base_index, line={"color": INK, "width": 1})
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title_text="balance index")
    fig.update_yaxes(tickfont={"size": 13})
    first = sens.iloc[0]
    return apply_layout(fig, f"What would change the picture most: {first.input} (swing {first.swing:.1f} points)",
                        "Each share moved ±10 points (the rest of its dimension rescaled), each weight ×0.5 and ×1.5; "
                        "bars show the balance index at the low and high setting.", height=140 + 44 * len(s),
                        data_year=data_year)


def build_index_bullet(baseline: float, scenario: float | None = None) -> go.Figure:
    traces = [
        {"type": "bar", "x": [100], "y": [""], "orientation": "h", "marker": {"color": "#eeeeee"}, "hoverinfo": "skip",
         "width": 0.6},
        {"type": "bar", "x": [round(baseline, 2)], "y": [""], "orientation": "h", "marker": {"color": "#9aa3ad"},
         "width": 0.6, "name": "Baseline", "hovertemplate": "Baseline: %{x:.1f}<extra></extra>"},
    ]
    if scenario is not None:
        traces.append({"type": "bar", "x": [round(scenario, 2)], "y": [""], "orientation": "h",
                       "marker": {"color": INK}, "width": 0.25, "name": "Scenario",
                       "hovertemplate": "Scenario: %{x:.1f}<extra></extra>"})
    layout = {"barmode": "overlay", "height": 90, "margin": {"l": 0, "r": 0, "t": 0, "b": 20}, "showlegend": False,
              "plot_bgcolor": "white", "paper_bgcolor": "white",
              "xaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100]}}
    return figure(traces, layout)


# --------------------------------------------------------------------------- scenarios, recommendations, events


def build_route_volume_chart(base_oil: pd.DataFrame, scen_oil: pd.DataFrame, vector_colours: dict[str, str],
                             title: str, subtitle: str, data_year: int | None = None) -> go.Figure:
    """Crude by route, scenario against the baseline (a few routes: plain Python, redrawn on every move)."""
    colours = route_colours(base_oil, vector_colours)
    base: dict[str, float] = {}
    names: dict[str, str] = {}
    for r, n, mt in zip(base_oil["route"].tolist(), base_oil["route_name"].tolist(), base_oil["mt"].tolist()):
        base[r] = base.get(r, 0.0) + float(mt)
        names[r] = n
    scen: dict[str, float] = {}
    for r, mt in zip(scen_oil["route"].tolist(), scen_oil["mt"].tolist()):
        scen[r] = scen.get(r, 0.0) + float(mt)
    order = sorted(base, key=base.get)
    b = [round(base[r], 3) for r in order]
    sv = [round(scen.get(r, 0.0), 3) for r in order]
    # a linear axis: a log axis squeezes CPC's loss of several Mt into a sliver next to routes of 1-2 Mt.
    # The change is written beside each bar that moves, so the small routes' moves stay readable too.
    text = [f"{x:.1f}" + (f" ({x - y:+.1f})" if abs(x - y) >= 0.05 else "") for x, y in zip(sv, b)]
    y = [tick_label(names[r], 26) for r in order]
    top = max(b + sv) if b else 1.0
    traces = [
        {"type": "bar", "y": y, "x": b, "orientation": "h", "name": "Baseline", "marker": {"color": BASELINE_GHOST},
         "width": 0.8, "hovertemplate": "Baseline %{y}: %{x:.1f} Mt<extra></extra>"},
        {"type": "bar", "y": y, "x": sv, "orientation": "h", "name": "Scenario", "width": 0.45,
         "marker": {"color": [colours.get(r, UNKNOWN) for r in order]}, "text": text, "cliponaxis": False,
         "textposition": "outside", "hovertemplate": "Scenario %{y}: %{x:.1f} Mt<extra></extra>"},
    ]
    if data_year is None and "label" in base_oil.columns and len(base_oil):
        data_year = max(year_of_label(x) or 0 for x in base_oil["label"]) or None
    layout = layout_spec(title, subtitle, height=380, legend=False, barmode="overlay", data_year=data_year,
                         xaxis={"title": {"text": "Mt"}, "type": "linear", "range": [0, top * 1.3]})
    return figure(traces, layout)


def build_largest_dependencies_chart(deps: pd.DataFrame, vector_colours: dict[str, str],
                                    baseline: pd.DataFrame | None = None, data_year: int | None = None) -> go.Figure:
    """The Overview's largest dependency per dimension (``compute_largest_dependencies``: label, vector,
    share_pct, moves). With ``baseline`` (the same table for the baseline), a grey mark beside each bar a lever
    moves, as on every scenario chart."""
    fig = go.Figure(go.Bar(x=deps["share_pct"].tolist(), y=[plotly_text(t) for t in deps["label"]], orientation="h",
                           marker={"color": [vector_colours.get(v, "#8C8C8C") for v in deps["vector"]]},
                           text=[f"{v:.0f}%" for v in deps["share_pct"]],
                           textposition="auto", hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    if baseline is not None:
        bdeps = baseline.set_index("label")["share_pct"]
        moved = deps[deps["moves"] & deps["label"].isin(bdeps.index)]
        fig.add_trace(go.Scatter(x=bdeps.reindex(moved["label"]), y=[plotly_text(t) for t in moved["label"]],
                                 mode="markers", marker={"symbol": "line-ns-open", "size": 18, "color": "#6b7280",
                                                         "line": {"width": 2}},
                                 name="baseline", hovertemplate="baseline %{y}: %{x:.1f}%<extra></extra>"))
    fig.update_xaxes(range=[0, 125], ticksuffix="%")  # room for "96%" beside the bar at 1024x768
    return apply_layout(fig, "The largest dependencies: crude routes and arms run through Russia",
                        "Largest partner or route per dimension, %; under the scenario, grey mark: the baseline."
                        if baseline is not None else
                        "Largest single partner or route per dimension, share in %. Details on the Dependencies page.",
                        height=360, legend=False, narrow=True, data_year=data_year)


def build_recommendations_chart(ranked: pd.DataFrame, data_year: int | None = None) -> go.Figure:
    """Each recommendation's two effects side by side, one row per recommendation, tall enough for its label."""
    r = ranked.iloc[::-1]
    titles = [tick_label(t, 30) for t in r["title"]]
    fig = go.Figure()
    fig.add_bar(y=titles, x=r["d_index"], orientation="h", name="Balance index (points)",
                marker={"color": "#1f5aa6"}, text=[f"{x:+.1f}" for x in r["d_index"]], textposition="outside",
                cliponaxis=False, hovertemplate="%{y}: %{x:+.2f} index points<extra></extra>")
    fig.add_bar(y=titles, x=r["d_russia"], orientation="h", name="Crude crossing Russia (points)",
                marker={"color": VECTOR_COLOURS["RUS"]}, text=[f"{x:+.1f}" for x in r["d_russia"]], textposition="outside",
                cliponaxis=False, hovertemplate="%{y}: %{x:+.2f} points of crude via Russia<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.05)
    lo = min(0.0, float(r["d_index"].min()), float(r["d_russia"].min()))
    hi = max(0.0, float(r["d_index"].max()), float(r["d_russia"].max()))
    pad = 0.18 * (hi - lo or 1.0)
    fig.update_xaxes(range=[lo - pad, hi + pad], title_text="points against the baseline", zeroline=True,
                     zerolinecolor=MUTED)
    fig.update_yaxes(tickfont={"size": 13})
    best = ranked.iloc[0]
    # each row as tall as its wrapped label (13 px type, about 17 px a line) and at least two bars of 14 px
    rows = sum(max(t.count("<br>") + 1, 2) * 17 + 16 for t in titles)
    apply_layout(fig, f"'{best['title']}' moves the balance most ({best['d_index']:+.1f} points)",
                 "Effect of each recommendation's levers alone, against the baseline: change in the balance "
                 "index and in the share of crude crossing Russia (all routes).", height=max(360, rows + 150),
                 data_year=data_year)
    # under the chart, laid out across the whole figure (not only the plot area, which is narrow at 1024x768)
    return fig.update_layout(legend={"xref": "container", "x": 0, "y": -0.04, "yanchor": "top"})


def build_events_timeline(events: pd.DataFrame, vector_colours: dict[str, str], vector_of_code,
                          vector_names: dict[str, str] | None = None) -> go.Figure:
    ev = events.copy()
    # Data text goes into ticks and hovers, where Plotly reads HTML (<a href>): shown as text instead.
    for col in ("category", "title", "date", "vectors"):
        ev[col] = ev[col].map(plotly_text, na_action="ignore")
    cats = sorted(ev["category"].unique())
    fig = go.Figure()
    ev["when"] = pd.to_datetime(ev["date"].str.pad(10, side="right", fillchar="-").str.replace("--", "-01", regex=False)
                                .str.replace(r"-$", "", regex=True), errors="coerce")
    ev["when"] = ev["when"].fillna(pd.to_datetime(ev["year"].astype(str) + "-07-01"))
    ev["vector"] = [vector_of_code(str(v).split(";")[0]) if isinstance(v, str) and v else "OTHER" for v in ev["vectors"]]
    for v, g in ev.groupby("vector"):
        fig.add_scatter(x=g["when"], y=g["category"], mode="markers", name=(vector_names or {}).get(v, v),
                        marker={"size": 16, "color": vector_colours.get(v, UNKNOWN), "line": {"width": 1, "color": "white"},
                                "symbol": ["star" if s else "circle" for s in g["scenario"].fillna("")]},
                        customdata=np.stack([g["title"], g["date"], g["vectors"].fillna("")], axis=-1),
                        hovertemplate="%{customdata[1]}: %{customdata[0]}<br>vectors: %{customdata[2]}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=cats)
    n = len(ev)
    return apply_layout(fig, f"{n} events, {int(ev['year'].min())}-{int(ev['year'].max())}; stars open a scenario",
                        "Coloured by the first vector involved. Sources per event in the table below.", height=360,
                        data_year=latest_year(ev))


# --------------------------------------------------------------------------- uranium


URANIUM_LINE = "#264653"  # Kazakhstan's own line: a dark slate that is no vector's colour
ASIA_COLOUR = "#5b6270"  # Asia buys with China, Japan, Korea and India: no one vector, so no vector's colour
NOT_GIVEN = "not broken down in the sources"
SHORT_NAMES = {"USA": "US"}


def _uranium_hover(frame: pd.DataFrame) -> list[list[str]]:
    """Per point: how the source words it, its basis and confidence (data text, escaped for Plotly)."""
    return [[plotly_text(v), plotly_text(c)] for v, c in zip(frame["value_text"], frame["confidence"])]


def build_uranium_share_chart(share: pd.DataFrame, others: pd.DataFrame | None = None) -> go.Figure:
    """Kazakhstan's share of world uranium mine production by year (posture.uranium.share_by_year): filled markers
    where the World Nuclear Association states the share, hollow where it is computed from WNA's production table,
    grey crosses for the other estimates the data keeps beside the default."""
    s = share.sort_values("year")
    years = [int(y) for y in s["year"]]
    vals = [round(float(v), 2) for v in s["share_pct"]]
    traces: list[dict] = [{"type": "scatter", "x": years, "y": vals, "mode": "lines", "showlegend": False,
                           "hoverinfo": "skip", "line": {"color": URANIUM_LINE, "width": 2.5}}]
    styles = {"stated": ("Share the World Nuclear Association states", "circle"),
              "computed": ("Computed from WNA's production table (Kazakh tU / world tU)", "circle-open")}
    for basis, (name, symbol) in styles.items():
        g = s[s["basis"] == basis]
        if not len(g):
            continue
        traces.append({"type": "scatter", "x": [int(y) for y in g["year"]], "y": [round(float(v), 2) for v in g["share_pct"]],
                       "mode": "markers+text", "name": name, "text": [f"{v:.0f}%" for v in g["share_pct"]],
                       "textposition": "top center", "textfont": {"size": 12, "color": INK}, "cliponaxis": False,
                       "marker": {"symbol": symbol, "size": 11, "color": URANIUM_LINE, "line": {"width": 2, "color": URANIUM_LINE}},
                       "customdata": _uranium_hover(g),
                       "hovertemplate": "%{x}: %{y:.1f}% (%{customdata[0]}; " + basis + ", %{customdata[1]} confidence)"
                                        "<extra></extra>"})
    if others is not None and len(others):
        traces.append({"type": "scatter", "x": [int(y) for y in others["year"]],
                       "y": [round(float(v), 2) for v in others["share_pct"]], "mode": "markers",
                       "name": "Other estimates (not the default)",
                       "marker": {"symbol": "x-thin-open", "size": 10, "color": MUTED, "line": {"width": 2, "color": MUTED}},
                       "customdata": _uranium_hover(others),
                       "hovertemplate": "%{x}: %{y:.1f}% (%{customdata[0]}; other estimate, %{customdata[1]} confidence)"
                                        "<extra></extra>"})
    first, last = s.iloc[0], s.iloc[-1]
    peak = s.loc[s["share_pct"].idxmax()]
    title = (f"Kazakhstan mined {last.share_pct:.0f}% of the world's uranium in {int(last.year)}, up from "
             f"{first.share_pct:.0f}% in {int(first.year)} (peak {peak.share_pct:.0f}% in {int(peak.year)})")
    n_comp = int((s["basis"] == "computed").sum())
    sub = ("Share of world uranium mine production, %, one default per year. Filled: the share the World Nuclear "
           f"Association states; hollow ({n_comp} years): computed from WNA's production table, Kazakhstan's tonnes "
           "over the world's; grey crosses: other estimates, kept beside the default. "
           f"Sources: {_short_sources(s['source'].unique())}")
    layout = layout_spec(title, sub, height=400, data_year=latest_year(s),
                         xaxis={"dtick": 1, "range": [min(years) - 0.6, max(years) + 0.6]},
                         yaxis={"range": [0, 52], "ticksuffix": "%", "title": {"text": "% of world mine production"}})
    # inside the plot, in the empty band under the line (0-25%): below it, the long names took the plot's left side
    layout["legend"] = {"orientation": "v", "x": 0.99, "xanchor": "right", "y": 0.03, "yanchor": "bottom",
                        "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 13}}
    return figure(traces, layout)


def build_uranium_buyers_chart(sales: pd.DataFrame, vector_colours: dict[str, str]) -> go.Figure:
    """Kazatomprom's sales by destination per year (posture.uranium.sales_by_destination): one stacked bar a year,
    Europe and the US in their vectors' colours, and for a year the sources split only in part (its label says
    what it holds) the rest hatched as not broken down."""
    from posture.uranium import DESTINATION_NAMES

    labels = list(dict.fromkeys(sales.sort_values("year")["label"]))
    traces: list[dict] = []
    for dest, name in DESTINATION_NAMES.items():
        g = sales[sales["destination"] == dest].set_index("label")
        if not len(g):
            continue
        vec = g["vector"].iloc[0]
        colour = vector_colours.get(vec, UNKNOWN) if isinstance(vec, str) else ASIA_COLOUR
        worded = sorted(set(g["destination_name"]))
        shown = name + (f" ({' / '.join(plotly_text(w) for w in worded)} in the sources)" if worded != [name] else "")
        ys = [l for l in labels if l in g.index]
        traces.append({"type": "bar", "orientation": "h", "y": ys, "x": [round(float(g.at[l, "share_pct"]), 2) for l in ys],
                       "name": shown, "marker": {"color": colour, "line": {"width": 1, "color": "white"}},
                       "text": [f"{SHORT_NAMES.get(dest, name)} {g.at[l, 'share_pct']:.0f}%" for l in ys], "textposition": "inside",
                       "insidetextanchor": "middle", "textfont": {"color": "white", "size": 14},
                       "customdata": [[plotly_text(g.at[l, "destination_name"]), plotly_text(g.at[l, "period"]),
                                       plotly_text(g.at[l, "confidence"])] for l in ys],
                       "hovertemplate": "%{y}: %{customdata[0]} %{x:.0f}% (%{customdata[1]}; "
                                        "%{customdata[2]} confidence)<extra></extra>"})
    part = sales[sales["partial"]].groupby("label")["share_pct"].sum()
    if len(part):
        traces.append({"type": "bar", "orientation": "h", "y": list(part.index), "x": [round(100 - float(v), 2) for v in part],
                       "name": f"Rest of the year's sales: {NOT_GIVEN}",
                       "marker": {"color": "white", "line": {"color": MUTED, "width": 1.5},
                                  "pattern": {"shape": "/", "fgcolor": MUTED}},
                       "text": [f"rest {100 - v:.0f}%: {NOT_GIVEN}" for v in part], "textposition": "inside",
                       "insidetextanchor": "middle", "textfont": {"color": INK, "size": 13},
                       "hovertemplate": "%{y}: %{x:.0f}% not broken down by destination in the sources<extra></extra>"})
    full = sales[~sales["partial"]]
    if len(full):
        y = int(full["year"].max())
        latest = full[full["year"] == y].sort_values("share_pct", ascending=False)
        said = {"ASIA": "Asia", "EUROPE": "Europe", "USA": "the US"}
        parts = [f"{r.share_pct:.0f}% to {said.get(r.destination, r.destination_name)}" for r in latest.itertuples()]
        title = f"In {y} Kazatomprom sold " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])
        later = sales[sales["partial"] & (sales["year"] > y)]
        if len(later):
            r = later.iloc[-1]
            title += f"; {said.get(r.destination, r.destination_name)} {r.share_pct:.0f}% in {int(r.year)}"
    else:
        title = "Kazatomprom's sales by destination"
    sub = ("Kazatomprom's sales by destination, % of the uranium the company sells, not of the country's output. "
           "Regions as the company names them (2022: 'Asia-Pacific'); Europe in the EU's colour, the US in its own; Asia (China the largest "
           "buyer) is no one vector. A year the sources split only in part is labelled with what it holds. "
           f"Sources: {_short_sources(sales['source'].unique())}")
    # every segment is named in its bar, so no legend; the axis is categorical, or plotly reads '2022' as a number
    # and drops '2024: Europe only'
    layout = layout_spec(title, sub, height=130 + 62 * len(labels), legend=False, data_year=latest_year(sales),
                         barmode="stack", bargap=0.3,
                         xaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": "% of Kazatomprom's sales"}},
                         yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels[::-1],
                                "tickfont": {"size": 14}})
    return figure(traces, layout)
