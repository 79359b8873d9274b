"""Two saved scenarios side by side, each against its baseline: the levers and the headline numbers.

The tables name the scenarios "A" and "B" (column headers are fixed text); the page shows the names the
analysts typed as plain text above them.
"""
from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd

from posture.scenario import Levers, ScenarioResult

SIDES = ("A", "B")


def headline(base: ScenarioResult, scen: ScenarioResult, vector_names: dict[str, str]) -> list[tuple[str, str, float, float]]:
    """(measure, unit, baseline, scenario) for the numbers a briefing leads with."""
    rows = [("Balance index", "0-100", base.balance.index, scen.balance.index),
            ("Effective partners", "", base.balance.effective_partners, scen.balance.effective_partners),
            ("Crude via Russia (all transit)", "%", base.share_via_russia["all_russian_transit"],
             scen.share_via_russia["all_russian_transit"]),
            ("Crude via CPC", "%", base.share_via_russia["cpc_only"], scen.share_via_russia["cpc_only"]),
            ("Stranded crude", "Mt", base.stranded_mt, scen.stranded_mt),
            ("Revenue at risk", "USD bn", base.revenue_at_risk_usd_bn, scen.revenue_at_risk_usd_bn)]
    rows += [(f"Exposure: {vector_names.get(v, v)}", "%", float(base.balance.exposure[v]), float(scen.balance.exposure[v]))
             for v in scen.balance.exposure.index]
    return [(m, u, float(b), float(s)) for m, u, b, s in rows]


def against_baseline(base: ScenarioResult, scen: ScenarioResult, vector_names: dict[str, str],
                     year: int) -> pd.DataFrame:
    """Every number the scenario changes, baseline beside scenario, in one table (measure, unit, baseline,
    scenario, and the levers as JSON): the Scenarios page's CSV. ``year`` is the crude exports' year."""
    rows = [("balance index", "", base.balance.index, scen.balance.index),
            ("effective partners", "", base.balance.effective_partners, scen.balance.effective_partners)]
    rows += [(f"share via Russia: {k}", "%", base.share_via_russia[k], scen.share_via_russia[k])
             for k in ("cpc_only", "all_russian_transit", "unattributed")]
    rows += [("stranded crude", "Mt", base.stranded_mt, scen.stranded_mt),
             ("revenue at risk", "USD bn", base.revenue_at_risk_usd_bn, scen.revenue_at_risk_usd_bn)]
    rows += [(f"exposure: {vector_names[v]}", "%", base.balance.exposure[v], scen.balance.exposure[v])
             for v in scen.balance.exposure.index]
    rows += [(f"trade: {vector_names[v]}", "USD bn", base.trade.table.at[v, "value_usd_bn"],
              scen.trade.table.at[v, "value_usd_bn"]) for v in scen.trade.table.index]
    bo = base.oil_year.groupby("route_name")["mt"].sum()
    so = scen.oil_year.groupby("route_name")["mt"].sum()
    rows += [(f"crude {year}: {r}", "Mt", bo[r], so.get(r, 0.0)) for r in bo.index]
    df = pd.DataFrame(rows, columns=["measure", "unit", "baseline", "scenario"])
    df.insert(0, "levers", json.dumps(scen.levers.to_dict()))
    return df


def comparison_table(a: tuple[ScenarioResult, ScenarioResult], b: tuple[ScenarioResult, ScenarioResult],
                     vector_names: dict[str, str]) -> pd.DataFrame:
    """One row per headline measure: the baseline, A and its change, B and its change.

    When the two scenarios carry different balance inputs (edited ties or weights), their baselines differ:
    each change is against its own baseline, and B's baseline gets its own column."""
    ha, hb = headline(*a, vector_names), headline(*b, vector_names)
    same_base = all(abs(x[2] - y[2]) < 1e-9 for x, y in zip(ha, hb))
    rows = []
    for (m, u, base_a, va), (_, _, base_b, vb) in zip(ha, hb):
        row = {"measure": m, "unit": u, "baseline": base_a, "A": va, "A vs baseline": va - base_a}
        if not same_base:
            row["baseline (B's inputs)"] = base_b
        row |= {"B": vb, "B vs baseline": vb - base_b}
        rows.append(row)
    return pd.DataFrame(rows)


def lever_table(a: Levers, b: Levers, labels: dict[str, str] | None = None, *, all_levers: bool = False) -> pd.DataFrame:
    """The levers of A and B beside the baseline's; by default only those that either moves."""
    base, da, db = asdict(Levers()), asdict(a), asdict(b)
    labels = labels or {}
    rows = []

    def fmt(v) -> str:
        return v if isinstance(v, str) else f"{float(v):g}"

    for k in base:
        if all_levers or da[k] != base[k] or db[k] != base[k]:
            rows.append({"lever": labels.get(k, k), "baseline": fmt(base[k]), "A": fmt(da[k]), "B": fmt(db[k])})
    return pd.DataFrame(rows, columns=["lever", "baseline", "A", "B"])
