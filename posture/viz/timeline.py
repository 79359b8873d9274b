"""The posture over time: the balance index and the exposure by vector, year by year, with the main events on
the time axis and the active scenario as a branch after the latest year. A plain-dict figure (tested as JSON).
"""
from __future__ import annotations

import pandas as pd

from posture.text import plotly_text
from posture.timeline import CARRIED, YearPosture
from posture.viz.style import GRID, INK, MUTED, figure, layout_spec, rgba

# the events marked on the time axis: (date in data/events.csv, short label); a date missing from the file is
# skipped, so the marks always come from the data
MAIN_EVENTS = (
    ("2014-05-29", "EAEU treaty"),
    ("2015", "C5+1"),
    ("2020-03", "EU EPCA"),
    ("2022-01-06", "CSTO troops"),
    ("2022-02-24", "Russia invades Ukraine"),
    ("2024-10-16", "No BRICS bid"),
    ("2025-06-14", "Rosatom chosen"),
)
COMPUTED_DIMS = ("trade", "energy_routes", "investment")


def event_x(date: str) -> float:
    """'2022-02-24' -> 2022.08 (the month's start on a year axis; a bare year sits on its tick)."""
    parts = str(date).split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    return round(year + (month - 1) / 12.0, 3)


def main_events(events: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """The marked events found in ``events`` between ``first`` and ``last`` (inclusive): date, label, title, x."""
    rows = []
    for date, label in MAIN_EVENTS:
        hit = events[events["date"].astype(str) == date]
        if hit.empty:
            continue
        x = event_x(date)
        if first <= x < last + 1:
            rows.append({"date": date, "label": label, "title": str(hit["title"].iloc[0]), "x": x})
    return pd.DataFrame(rows, columns=["date", "label", "title", "x"])


def _carried_computed(yp: YearPosture) -> list[str]:
    c = yp.cells
    return c.loc[(c["status"] == CARRIED) & c["dimension"].isin(COMPUTED_DIMS), "dimension"].tolist()


def build_balance_timeline(years: list[YearPosture], events: pd.DataFrame, vector_names: dict[str, str],
                           vector_colours: dict[str, str], dimension_names: dict[str, str] | None = None,
                           scenario=None, baseline=None, scenario_name: str | None = None,
                           narrow: bool = False):
    """Top: the balance index a year (hollow markers where a computed dimension is carried over from another
    year); bottom: exposure to each vector. Vertical lines: :data:`MAIN_EVENTS`. ``scenario``/``baseline``:
    the active scenario's and the baseline's :class:`~posture.balance.BalanceResult`, drawn at the year after
    the latest (dashed from the latest year)."""
    dn = dimension_names or {}
    xs = [y.year for y in years]
    first, last = xs[0], xs[-1]
    branch_x = last + 1
    idx = [round(y.balance.index, 2) for y in years]
    carried = [_carried_computed(y) for y in years]
    hover = []
    for y, c in zip(years, carried):
        lines = [f"<b>{y.year}</b>: balance {y.balance.index:.1f}/100, {y.balance.effective_partners:.2f} "
                 f"effective partners of {y.balance.n_vectors}"]
        for r in y.cells.itertuples():
            how = r.status if r.status != CARRIED else f"carried over from {r.from_year}"
            lines.append(f"{plotly_text(dn.get(r.dimension, r.dimension))}: {how}")
        hover.append("<br>".join(lines))
    traces: list[dict] = [{
        "type": "scatter", "x": xs, "y": idx, "mode": "lines+markers", "name": "Balance index",
        "line": {"color": INK, "width": 3},
        "marker": {"size": 10, "color": [("white" if c else INK) for c in carried],
                   "line": {"color": INK, "width": 2}, "symbol": "circle"},
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>", "xaxis": "x", "yaxis": "y",
        "legendgroup": "index", "showlegend": False,
    }]
    vectors = list(years[-1].balance.exposure.index)
    for v in vectors:
        ys = [round(float(y.balance.exposure[v]), 2) for y in years]
        traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": plotly_text(vector_names.get(v, v)),
                       "line": {"color": vector_colours.get(v, "#8C8C8C"), "width": 2.5},
                       "hovertemplate": f"{plotly_text(vector_names.get(v, v))} %{{x}}: %{{y:.1f}}%<extra></extra>",
                       "xaxis": "x", "yaxis": "y2", "legendgroup": v})
    if baseline is not None:
        traces.append({"type": "scatter", "x": [branch_x], "y": [round(baseline.index, 2)], "mode": "markers",
                       "name": "baseline", "marker": {"size": 11, "color": "#9ca3af", "symbol": "diamond"},
                       "hovertemplate": f"today's baseline: {baseline.index:.1f}/100<extra></extra>",
                       "xaxis": "x", "yaxis": "y", "showlegend": False})
    if scenario is not None:
        label = plotly_text(scenario_name or "scenario")
        traces.append({"type": "scatter", "x": [last, branch_x], "y": [idx[-1], round(scenario.index, 2)],
                       "mode": "lines+markers+text", "name": f"Scenario: {label}",
                       "line": {"color": INK, "width": 3, "dash": "dash"},
                       "marker": {"size": [0, 12], "color": INK, "symbol": "diamond"},
                       "text": ["", f"{scenario.index:.0f}"], "textposition": "top center",
                       "hovertemplate": f"{label}: {scenario.index:.1f}/100<extra></extra>",
                       "xaxis": "x", "yaxis": "y", "showlegend": False})
        for v in vectors:
            traces.append({"type": "scatter", "x": [last, branch_x],
                           "y": [round(float(years[-1].balance.exposure[v]), 2), round(float(scenario.exposure[v]), 2)],
                           "mode": "lines+markers", "line": {"color": vector_colours.get(v, "#8C8C8C"), "width": 2,
                                                             "dash": "dash"},
                           "marker": {"size": [0, 8], "color": vector_colours.get(v, "#8C8C8C")},
                           "hovertemplate": f"{plotly_text(vector_names.get(v, v))}, {label}: %{{y:.1f}}%<extra></extra>",
                           "xaxis": "x", "yaxis": "y2", "legendgroup": v, "showlegend": False})
    ev = main_events(events, first, last)
    shapes, notes = [], []
    for i, r in enumerate(ev.itertuples()):
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": r.x, "x1": r.x, "y0": 0, "y1": 1,
                       "line": {"color": MUTED, "width": 1, "dash": "dot"}, "layer": "below"})
        right = r.x > last - 0.6  # near the right edge: the label runs left of its line
        notes.append({"x": r.x, "y": (0.95, 0.905, 0.86)[i % 3], "xref": "x", "yref": "paper",
                      "text": plotly_text(r.label), "showarrow": False, "xanchor": "right" if right else "left",
                      "yanchor": "bottom",
                      "font": {"size": 12, "color": MUTED}, "hovertext": plotly_text(f"{r.date}: {r.title}")})
    carried_years = [x for x, c in zip(xs, carried) if set(c) == set(COMPUTED_DIMS)]
    if carried_years:
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": min(carried_years) - 0.4,
                       "x1": max(carried_years) + 0.4, "y0": 0, "y1": 1, "fillcolor": rgba("#9ca3af", 0.12),
                       "line": {"width": 0}, "layer": "below"})
    if scenario is not None or baseline is not None:
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": last + 0.5, "x1": branch_x + 0.5,
                       "y0": 0, "y1": 1, "fillcolor": rgba("#1f5aa6", 0.06), "line": {"width": 0}, "layer": "below"})
    ticks = xs + ([branch_x] if (scenario is not None or baseline is not None) else [])
    ticktext = [str(x) for x in xs] + (["scenario" if scenario is not None else "today"]
                                       if len(ticks) > len(xs) else [])
    # the trend is read from the first year whose trade and crude routes are both the year's own figures
    measured = [y for y, c in zip(years, carried) if not {"trade", "energy_routes"} & set(c)]
    lb = years[-1].balance
    if measured and measured[0].year < last:
        d = lb.index - measured[0].balance.index
        moved = (f"{d:+.1f} points since {measured[0].year}, the first year with trade and crude-route figures")
    else:
        moved = "too few measured years to read a trend"
    title = (f"Balance {lb.index:.0f}/100 in {last} (as spread as {lb.effective_partners:.1f} equal partners of "
             f"{lb.n_vectors}): {moved}")
    sub = ("Top: the balance index (hollow: a computed dimension is carried over from another year; shaded: no "
           "trade, crude-route or investment figures for those years in data/, all three carried over). Bottom: "
           "exposure by vector, %. Dotted: main events (data/events.csv)."
           + (" Dashed: the scenario after the latest year." if scenario is not None else ""))
    layout = layout_spec(title, sub, height=560, legend=True, narrow=narrow, data_year=last)
    axis = {"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True}
    layout["xaxis"] = {**axis, "tickvals": ticks, "ticktext": ticktext, "range": [first - 0.5, ticks[-1] + 0.5],
                       "anchor": "y2"}
    layout["yaxis"] = {**axis, "domain": [0.5, 0.84], "range": [0, 100], "title": {"text": "balance (0-100)"}}
    layout["yaxis2"] = {**axis, "domain": [0, 0.44], "rangemode": "tozero", "ticksuffix": "%",
                        "title": {"text": "exposure"}}
    layout["shapes"] = shapes
    layout["annotations"] = notes
    layout["hovermode"] = "closest"
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.08, "yanchor": "top",
                        "font": {"size": 13}}
    layout["height"] += 50
    return figure(traces, layout)
