"""Scenarios: levers that change the input tables, and everything recomputed from the changed tables.

One documented function, :func:`apply_levers`, turns a :class:`Levers` setting into changed
inputs (the crude exports of the scenario year, trade multipliers, the ties matrix); the
dependency metrics and the balance indicator are then recomputed from those tables by the
same functions that compute the baseline. The baseline is simply ``Levers()``.

What each lever does to the tables
----------------------------------
reroute_mt
    Moves crude from the CPC route to Aktau -> Baku -> BTC in the scenario year, capped by
    the trans-Caspian route's physical capacity minus what it already carries.
cpc_outage_pct, cpc_outage_months
    Removes that share of CPC's flow for that many months: the lost volume is stranded (not
    exported); revenue at risk = stranded tonnes x 7.33 bbl/t x oil_price.
russia_restriction_pct
    Cuts trade turnover with Russia by that percentage (the sources give turnover with
    Russia, not the export split, so the lever acts on turnover).
growth_china_pct, growth_eu_pct, growth_turkic_pct
    Scale trade turnover with those vectors; the total moves with them.
western_security_pts
    Moves points of the security dimension from Russia to the US and the EU.
brics_pts
    Moves points of the political dimension to Russia and China (positive) or from them (negative).
cultural_pts
    Moves points of the cultural dimension from Russia to the other vectors in proportion
    (Kazakh-language education and media shrink the Russian-language space).
regional_pts
    Moves points of the political dimension to Central Asia and the Turkic states (summits,
    leadership in Turkic cooperation), from the others in proportion.
nuclear_vendor
    Moves the first plant's share of the nuclear and energy technology dimension from Russia
    (the baseline vendor, Rosatom) to the chosen vendor's vector.
reaction_threshold_pts, reaction_strength_pct
    Illustrative model of Moscow's reaction: when the scenario's exposure to the EU and US
    exceeds the baseline by more than the threshold (points), Russia cuts trade and interrupts
    CPC in proportion to the strength. Applied once, on top of the other levers.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from functools import cached_property

import pandas as pd

from posture.balance import BalanceResult, compute_balance, move_points, ties_matrix
from posture.dependency import (
    CPC,
    TradeShares,
    apply_trade_multipliers,
    compute_energy_route_shares,
    compute_trade_base,
    share_via_russia,
)
from posture.units import revenue_usd_bn

SCHEMA_VERSION = 1
VENDORS = {"RUS": ("Rosatom (Russia)", "RUS"), "CHN": ("CNNC (China)", "CHN"),
           "KOR": ("KHNP (South Korea)", "OTHER"), "FRA": ("EDF (France)", "EU")}
WEST = ("EU", "USA")
BTC_ROUTE = "aktau_btc"


@dataclass(frozen=True)
class Levers:
    reroute_mt: float = 0.0
    cpc_outage_pct: float = 0.0
    cpc_outage_months: float = 0.0
    oil_price: float = 70.0
    russia_restriction_pct: float = 0.0
    growth_china_pct: float = 0.0
    growth_eu_pct: float = 0.0
    growth_turkic_pct: float = 0.0
    western_security_pts: float = 0.0
    brics_pts: float = 0.0
    cultural_pts: float = 0.0
    regional_pts: float = 0.0
    nuclear_vendor: str = "RUS"
    reaction_threshold_pts: float = 5.0
    reaction_strength_pct: float = 0.0

    def to_dict(self) -> dict:
        return {"version": SCHEMA_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, d: dict) -> "Levers":
        """Read a saved scenario: unknown keys are dropped and missing ones take defaults, so
        scenarios saved by older versions still load (migrate on read)."""
        d = dict(d)
        d.pop("version", None)
        names = {f.name: f for f in fields(cls)}
        kw = {}
        for k, v in d.items():
            if k in names:
                kw[k] = str(v) if names[k].type == "str" else float(v)
        return cls(**kw)

    def differs_from(self, other: "Levers") -> dict[str, tuple]:
        a, b = asdict(self), asdict(other)
        return {k: (b[k], a[k]) for k in a if a[k] != b[k]}


@dataclass(frozen=True)
class LeverSpec:
    id: str
    label: str
    unit: str
    min: float
    max: float
    step: float
    help: str
    group: str


def lever_specs(params: dict[str, float], baseline_btc_mt: float) -> list[LeverSpec]:
    """Lever widgets with units and bounds taken from the data."""
    room = max(params["trans_caspian_physical_mt"] - baseline_btc_mt, 0.0)
    return [
        LeverSpec("reroute_mt", "Crude rerouted from CPC to the Middle Corridor", "Mt/yr", 0.0, round(room, 1), 0.1,
                  f"Moves crude from CPC to Caspian tankers Aktau-Baku and BTC. Capped at {room:.1f} Mt/yr: the "
                  f"route's physical capacity ({params['trans_caspian_physical_mt']:g} Mt/yr, Energy Minister) minus "
                  f"the {baseline_btc_mt:g} Mt it already carries.", "oil"),
        LeverSpec("cpc_outage_pct", "CPC outage: capacity lost", "%", 0.0, 100.0, 5.0,
                  "Share of CPC flow lost (storm, court order, drone strike). The lost crude is stranded.", "oil"),
        LeverSpec("cpc_outage_months", "CPC outage: duration", "months", 0.0, 12.0, 0.5,
                  "How long the outage lasts within the year.", "oil"),
        LeverSpec("oil_price", "Oil price", "USD/bbl", 30.0, 130.0, 1.0,
                  "Prices the stranded crude (7.33 barrels per tonne). Start value is illustrative, not a forecast.",
                  "oil"),
        LeverSpec("russia_restriction_pct", "Russian restrictions on Kazakh goods", "% of trade with Russia",
                  0.0, 50.0, 1.0,
                  "Share of trade with Russia cut by Russian restrictions (reference: October 2024 agricultural "
                  "restrictions). The sources give turnover, not the export split.", "trade"),
        LeverSpec("growth_china_pct", "Trade growth with China", "%", -50.0, 100.0, 5.0,
                  "Change in turnover with China against the 2023 reference year.", "trade"),
        LeverSpec("growth_eu_pct", "Trade growth with the EU", "%", -50.0, 100.0, 5.0,
                  "Change in turnover with the EU-27.", "trade"),
        LeverSpec("growth_turkic_pct", "Trade growth with Türkiye and the Turkic states", "%", -50.0, 200.0, 5.0,
                  "Change in turnover with Türkiye and Azerbaijan.", "trade"),
        LeverSpec("western_security_pts", "Western security cooperation", "points", 0.0, 40.0, 1.0,
                  "Exercises with NATO members and arms from Western suppliers: points of the security dimension "
                  "moving from Russia to the US and the EU.", "alignment"),
        LeverSpec("brics_pts", "BRICS partnership depth", "points", -15.0, 15.0, 1.0,
                  "Points of the political dimension moving to Russia and China (deeper partnership) or away "
                  "from them (distance).", "alignment"),
        LeverSpec("cultural_pts", "Cultural sovereignty", "points", 0.0, 30.0, 1.0,
                  "Kazakh language and history education, cultural industries: points of the cultural dimension "
                  "moving from Russia to the other vectors in proportion.", "alignment"),
        LeverSpec("regional_pts", "Regional diplomacy", "points", 0.0, 20.0, 1.0,
                  "Central Asian summits and leadership in Turkic cooperation: points of the political dimension "
                  "moving to Central Asia and the Turkic states.", "alignment"),
        LeverSpec("reaction_threshold_pts", "Moscow's reaction: threshold", "points of EU+US exposure", 0.0, 20.0,
                  0.5, "How far exposure to the EU and US may rise above the baseline before Moscow reacts.",
                  "reaction"),
        LeverSpec("reaction_strength_pct", "Moscow's reaction: strength", "%", 0.0, 100.0, 5.0,
                  f"Illustrative model. Above the threshold, Russia cuts up to "
                  f"{params['reaction_max_trade_cut_pct']:g}% of trade and interrupts up to "
                  f"{params['reaction_max_cpc_cut_pct']:g}% of CPC for up to {params['reaction_max_cpc_months']:g} "
                  f"months, in proportion to this strength.", "reaction"),
    ]


@dataclass(frozen=True)
class ScenarioInputs:
    """What the scenario needs from the data, prepared once (cached by the app).

    Everything a lever does not change is computed here once: the trade turnover by vector
    before multipliers, the ties matrix, which dimensions are computed from data, and the
    baseline itself. A lever move then costs a few small array operations.
    """

    oil_year: pd.DataFrame  # crude exports by route, scenario year (latest full year)
    trade: pd.DataFrame
    partners: pd.DataFrame
    vector_ids: tuple[str, ...]
    dimension_ids: tuple[str, ...]
    ties: pd.DataFrame  # assembled (computed cells filled)
    weights: pd.Series  # normalised
    params: dict[str, float]
    trade_year: int = 2023

    @cached_property
    def trade_base(self) -> TradeShares:
        return compute_trade_base(self.trade, self.partners, list(self.vector_ids), self.trade_year)

    @cached_property
    def base_matrix(self) -> pd.DataFrame:
        return ties_matrix(self.ties, list(self.vector_ids), list(self.dimension_ids))

    @cached_property
    def computed_dims(self) -> frozenset[str]:
        """Dimensions filled from data (every cell 'computed'); an edited dimension is the analyst's."""
        by = self.ties.groupby("dimension")["method"].agg(lambda s: bool((s == "computed").all()))
        return frozenset(by[by].index)

    @cached_property
    def baseline(self) -> "ScenarioResult":
        return apply_levers(self, Levers())


@dataclass(frozen=True)
class ScenarioResult:
    levers: Levers
    oil_year: pd.DataFrame
    share_via_russia: dict
    stranded_mt: float
    revenue_at_risk_usd_bn: float
    trans_caspian_room_mt: float
    trade: TradeShares
    matrix: pd.DataFrame
    balance: BalanceResult
    westward_shift_pts: float
    reaction_triggered: bool
    warnings: tuple[str, ...]

    def summary(self, names: dict[str, str] | None = None) -> dict:
        return {
            "index": round(self.balance.index, 2),
            "effective_partners": round(self.balance.effective_partners, 3),
            "dominant": self.balance.dominant,
            "exposure": {k: round(float(v), 2) for k, v in self.balance.exposure.items()},
            "share_via_russia": {k: round(v, 2) for k, v in self.share_via_russia.items()},
            "stranded_mt": round(self.stranded_mt, 3),
            "revenue_at_risk_usd_bn": round(self.revenue_at_risk_usd_bn, 3),
            "reaction_triggered": self.reaction_triggered,
            "warnings": list(self.warnings),
        }


def _oil_after(oil: pd.DataFrame, reroute: float, outage_pct: float, outage_months: float):
    if not reroute and not (outage_pct and outage_months):
        return oil, 0.0
    routes = oil["route"].to_numpy()
    mt = oil["mt"].to_numpy(dtype=float).copy()
    cpc = routes == CPC
    mt[cpc] -= reroute
    mt[routes == BTC_ROUTE] += reroute
    lost = float(mt[cpc].sum()) * outage_pct / 100.0 * outage_months / 12.0
    mt[cpc] -= lost
    return oil.assign(mt=mt), lost


def _shares(oil: pd.DataFrame) -> dict[str, float]:
    s = share_via_russia(oil)
    return {k: s[k] for k in ("cpc_only", "all_russian_transit", "unattributed", "total_mt")}


def apply_levers(inputs: ScenarioInputs, levers: Levers, baseline: BalanceResult | None = None) -> ScenarioResult:
    """Apply the levers to the input tables and recompute every metric from the changed tables."""
    p = inputs.params
    warnings: list[str] = []
    oil = inputs.oil_year
    btc_base = float(oil.loc[oil["route"] == BTC_ROUTE, "mt"].sum())
    cpc_base = float(oil.loc[oil["route"] == CPC, "mt"].sum())
    room = max(p["trans_caspian_physical_mt"] - btc_base, 0.0)
    reroute = float(levers.reroute_mt)
    if reroute > room + 1e-9:
        warnings.append(f"Rerouting {reroute:g} Mt exceeds the trans-Caspian route's room of {room:.1f} Mt/yr "
                        f"(physical capacity {p['trans_caspian_physical_mt']:g} Mt/yr); capped at {room:.1f}.")
        reroute = room
    reroute = min(max(reroute, 0.0), cpc_base)
    if btc_base + reroute > p["trans_caspian_contract_mt"] + 1e-9:
        warnings.append(f"Aktau-BTC volume {btc_base + reroute:.1f} Mt is above the {p['trans_caspian_contract_mt']:g} "
                        f"Mt/yr contracted with Azerbaijan: plausible only with a new agreement and more tankers.")

    def build(trade_cut: float, outage_pct: float, outage_months: float):
        oil_s, lost = _oil_after(oil, reroute, outage_pct, outage_months)
        mult = {"CHN": 1 + levers.growth_china_pct / 100.0, "EU": 1 + levers.growth_eu_pct / 100.0,
                "TURKIC": 1 + levers.growth_turkic_pct / 100.0, "RUS": max(1 - trade_cut / 100.0, 0.0)}
        trade = apply_trade_multipliers(inputs.trade_base, mult)
        m = inputs.base_matrix.copy()
        computed = inputs.computed_dims
        if "trade" in computed:
            m.loc["trade"] = trade.table["share_pct"].reindex(m.columns).fillna(0.0).values
        if "energy_routes" in computed:
            m.loc["energy_routes"] = compute_energy_route_shares(oil_s, list(m.columns)).values
        if levers.western_security_pts and "security" in m.index:
            us = p["western_to_usa_share"]
            m = move_points(m, "security", {"USA": levers.western_security_pts * us,
                                            "EU": levers.western_security_pts * (1 - us)}, {"RUS": 1.0})
        if levers.brics_pts and "political" in m.index:
            half = levers.brics_pts / 2.0
            m = move_points(m, "political", {"RUS": half, "CHN": half})
        if levers.cultural_pts and "cultural" in m.index:
            others = m.loc["cultural"].drop("RUS")
            if others.sum() > 0:
                to = (others / others.sum() * levers.cultural_pts).to_dict()
                m = move_points(m, "cultural", to, {"RUS": 1.0})
        if levers.regional_pts and "political" in m.index:
            half = levers.regional_pts / 2.0
            m = move_points(m, "political", {"CA": half, "TURKIC": half})
        if levers.nuclear_vendor != "RUS" and "energy_technology" in m.index:
            vec = VENDORS[levers.nuclear_vendor][1]
            m = move_points(m, "energy_technology", {vec: p["nuclear_vendor_points"]}, {"RUS": 1.0})
        return oil_s, lost, trade, m, compute_balance(m, inputs.weights)

    outage_pct, outage_months = levers.cpc_outage_pct, levers.cpc_outage_months
    oil_s, lost, trade, m, bal = build(levers.russia_restriction_pct, outage_pct, outage_months)
    shift = 0.0
    triggered = False
    if baseline is not None:
        shift = float(sum(bal.exposure.get(v, 0.0) - baseline.exposure.get(v, 0.0) for v in WEST))
        if levers.reaction_strength_pct > 0 and shift > levers.reaction_threshold_pts:
            triggered = True
            k = levers.reaction_strength_pct / 100.0
            cut = min(levers.russia_restriction_pct + k * p["reaction_max_trade_cut_pct"], 100.0)
            outage_pct = min(100.0, max(outage_pct, k * p["reaction_max_cpc_cut_pct"]))
            outage_months = max(outage_months, k * p["reaction_max_cpc_months"])
            oil_s, lost, trade, m, bal = build(cut, outage_pct, outage_months)
            warnings.append(f"Moscow's reaction (illustrative model) triggered: EU+US exposure is {shift:.1f} points "
                            f"above the baseline (threshold {levers.reaction_threshold_pts:g}).")
    if levers.cpc_outage_pct > 0 and levers.cpc_outage_months == 0:
        warnings.append("CPC outage share is set but its duration is 0 months: nothing is lost.")
    sums = m.sum(axis=1)
    for dim, s in sums.items():
        if abs(s - 100) > 0.5:
            warnings.append(f"Dimension '{dim}' sums to {s:.1f}, not 100.")
    return ScenarioResult(
        levers=levers, oil_year=oil_s, share_via_russia=_shares(oil_s), stranded_mt=lost,
        revenue_at_risk_usd_bn=revenue_usd_bn(lost, levers.oil_price), trans_caspian_room_mt=room - reroute,
        trade=trade, matrix=m, balance=bal, westward_shift_pts=shift, reaction_triggered=triggered,
        warnings=tuple(warnings),
    )


def run_scenario(inputs: ScenarioInputs, levers: Levers) -> tuple[ScenarioResult, ScenarioResult]:
    """(baseline, scenario), the baseline being the default levers on the same inputs (computed once)."""
    base = inputs.baseline
    return base, apply_levers(inputs, levers, baseline=base.balance)


# --------------------------------------------------------------------------- presets


@dataclass(frozen=True)
class Preset:
    id: str
    name: str
    narrative: str
    levers: Levers
    kind: str  # 'assessment' or 'case'


def parse_presets(frame: pd.DataFrame) -> list[Preset]:
    out = []
    for _, r in frame.iterrows():
        out.append(Preset(r["id"], r["name"], r["narrative"], Levers.from_dict(json.loads(r["levers"])), r["kind"]))
    return out


def evaluate_levers(inputs: ScenarioInputs, items: list[tuple[str, Levers]]) -> pd.DataFrame:
    """Effect of each lever setting alone against the baseline: balance index and share of crude via Russia."""
    base = inputs.baseline
    rows = []
    for key, lv in items:
        s = apply_levers(inputs, lv, baseline=base.balance)
        rows.append({
            "id": key, "index": s.balance.index, "d_index": s.balance.index - base.balance.index,
            "via_russia": s.share_via_russia["all_russian_transit"],
            "d_russia": s.share_via_russia["all_russian_transit"] - base.share_via_russia["all_russian_transit"],
            "warnings": "; ".join(s.warnings),
        })
    return pd.DataFrame(rows)


def evaluate_recommendations(inputs: ScenarioInputs, recs: pd.DataFrame) -> pd.DataFrame:
    """Recommendations ranked by how much their levers move the balance index (then the share via Russia)."""
    items = [(r["id"], Levers.from_dict(json.loads(r["levers"]))) for _, r in recs.iterrows()]
    eff = evaluate_levers(inputs, items)
    out = recs.merge(eff, on="id")
    out["modelled"] = out["levers"].map(lambda s: bool(json.loads(s)))
    out["rank_key"] = out["d_index"].abs() + out["d_russia"].abs() / 10
    return out.sort_values(["modelled", "rank_key"], ascending=[False, False]).reset_index(drop=True)
