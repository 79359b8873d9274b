"""What a scenario does, in words: the titles of the scenario charts and the notes beside its numbers.

A title states what the scenario does to the chart below it, computed from the baseline and the
scenario results (:class:`posture.scenario.ScenarioResult`). Pure functions, tested without Streamlit
(tests/test_headlines.py); the pages only call them.

Good or bad: a change is coloured only where its direction is unambiguous (:func:`delta_colours`).
A rising balance index is not: cutting ties with one partner raises it without adding any tie, so
:func:`index_note` says so in words whenever the scenario cuts ties.
"""
from __future__ import annotations

import math

import pandas as pd

# a change smaller than this (points of a share, or Mt) reads as "no change" at one decimal
SMALL = 0.05


def _pts(x: float) -> str:
    return f"{abs(x):.1f} point{'' if round(abs(x), 1) == 1 else 's'}"


def _usd_bn(x: float) -> str:
    return f"${x:.1f}bn" if x >= 0.95 else f"${x * 1000:.0f}m"


def ties_cut(base, scen, vector_names: dict[str, str]) -> list[str]:
    """Ties the scenario removes outright (not moved elsewhere): trade that falls, crude that cannot be exported."""
    out = []
    if scen.stranded_mt > SMALL:
        out.append(f"{scen.stranded_mt:.1f} Mt of crude stranded")
    bt, st = base.trade.table, scen.trade.table
    for v in st.index:
        if v not in bt.index:
            continue
        b, s = float(bt.at[v, "value_usd_bn"]), float(st.at[v, "value_usd_bn"])
        if b > 0 and s < b - SMALL:
            out.append(f"trade with {vector_names.get(v, v)} down {(b - s) / b * 100:.0f}% "
                       f"({_usd_bn(b - s)})")
    return out


def index_note(base, scen, vector_names: dict[str, str]) -> str | None:
    """A sentence beside the balance index when the scenario cuts ties: its rise then adds no tie."""
    cuts = ties_cut(base, scen, vector_names)
    if not cuts:
        return None
    d = scen.balance.index - base.balance.index
    if d > SMALL:
        return ("The index rises partly because ties are cut, not added: " + "; ".join(cuts) + ".")
    return "Ties cut in this scenario: " + "; ".join(cuts) + "."


def delta_colours(base, scen) -> dict[str, str]:
    """Streamlit ``delta_color`` per summary number: ``inverse`` only where a rise is unambiguously bad.

    The balance index and exposure are ambiguous (see the module's docstring). A lower share of crude
    crossing Russia is good when crude is moved to other routes, not when it is lost: with crude
    stranded the shares fall because less is exported at all, so they are not coloured.
    """
    lost = scen.stranded_mt > SMALL
    return {"index": "off", "via_russia": "off" if lost else "inverse", "via_cpc": "off" if lost else "inverse",
            "stranded": "inverse" if lost else "off", "exposure": "off"}


def exposure_title(base, scen, vector_names: dict[str, str]) -> str:
    """Which vector's exposure moves most, and which way; why it barely moves when crude is only lost."""
    exp, bexp = scen.balance.exposure, base.balance.exposure
    d = (exp - bexp).reindex(exp.index).fillna(0.0)
    order = d.abs().sort_values(ascending=False).index
    v = order[0]
    if abs(d[v]) < 0.5:
        if scen.stranded_mt > SMALL:
            return (f"Exposure barely moves (largest change {abs(d[v]):.1f} points): stranded crude is lost, "
                    f"not moved to another partner")
        return f"Exposure barely moves (largest change {abs(d[v]):.1f} points)"
    title = f"{vector_names.get(v, v)} {'gains' if d[v] > 0 else 'loses'} {_pts(d[v])} of exposure"
    other = next((w for w in order[1:] if d[w] * d[v] < 0 and abs(d[w]) >= 0.5), None)
    if other is not None:
        title += f"; {vector_names.get(other, other)} {'gains' if d[other] > 0 else 'loses'} {_pts(d[other])}"
    if d[v] < 0 and ties_cut(base, scen, vector_names):
        title += ", partly from ties cut, not moved"
    return title


def _route_mt(oil: pd.DataFrame) -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    for r, n, mt in zip(oil["route"].tolist(), oil["route_name"].tolist(), oil["mt"].tolist()):
        out[r] = (n, out.get(r, (n, 0.0))[1] + float(mt))
    return out


def route_changes(base_oil: pd.DataFrame, scen_oil: pd.DataFrame) -> list[tuple[str, float, float]]:
    """(route name, baseline Mt, scenario Mt) for every route whose volume changes, largest change first."""
    b, s = _route_mt(base_oil), _route_mt(scen_oil)
    rows = [(n, mt, s.get(r, (n, 0.0))[1]) for r, (n, mt) in b.items()]
    rows = [x for x in rows if abs(x[2] - x[1]) >= SMALL]
    return sorted(rows, key=lambda x: -abs(x[2] - x[1]))


def routes_title(base, scen) -> str:
    """What the scenario does to crude exports: tonnes lost (and their value) first, tonnes moved, the share via Russia."""
    via, bvia = scen.share_via_russia["all_russian_transit"], base.share_via_russia["all_russian_transit"]
    changes = route_changes(base.oil_year, scen.oil_year)
    moved = "; ".join(f"{n} {b:.1f} → {s:.1f} Mt" for n, b, s in changes)
    if abs(via - bvia) >= 0.5:
        share = f"Crude crossing Russia: {via:.0f}% against {bvia:.0f}% in the baseline"
    elif scen.stranded_mt > SMALL:
        share = f"crude crossing Russia stays near {via:.0f}% of a smaller total"
    else:
        share = f"Crude crossing Russia stays at {via:.0f}%"
    if scen.stranded_mt > SMALL:
        lost = (f"{scen.stranded_mt:.1f} Mt of crude stranded ({_usd_bn(scen.revenue_at_risk_usd_bn)} at "
                f"${scen.levers.oil_price:g}/bbl)")
        return f"{lost}: {moved}; {share[0].lower()}{share[1:]}"
    return f"{share}; {moved}" if moved else share


def trade_title(base, scen, vector_names: dict[str, str]) -> str:
    """Trade shares of the two largest neighbours, and what the scenario changes in trade."""
    tt, bt = scen.trade.table, base.trade.table
    head = (f"Trade: Russia {tt.at['RUS', 'share_pct']:.0f}% and China {tt.at['CHN', 'share_pct']:.0f}% "
            f"of turnover")
    changes = []
    for v in tt.index:
        if v in bt.index and abs(float(tt.at[v, "share_pct"]) - float(bt.at[v, "share_pct"])) >= 0.5:
            changes.append((v, float(bt.at[v, "share_pct"]), float(tt.at[v, "share_pct"])))
    if not changes:
        return head + " (as in the baseline)"
    v, b, s = max(changes, key=lambda c: abs(c[2] - c[1]))
    return head + f"; {vector_names.get(v, v)} {b:.0f}% → {s:.0f}%"


def number(x: float) -> str:
    """A lever or share setting as a briefer reads it: '87', '0.5', '1.5', '100' (never '1e+02')."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    r = round(float(x), 1)
    return f"{r:.0f}" if r == int(r) else f"{r:.1f}"
