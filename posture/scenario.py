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

import difflib
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from functools import cached_property

import pandas as pd

from posture.balance import BalanceResult, compute_balance, move_points, ties_matrix
from posture.dependency import (
    CPC,
    TradeShares,
    apply_trade_multipliers,
    compute_concentration_summary,
    compute_energy_route_shares,
    compute_trade_base,
    share_via_russia,
)
from posture.problems import DataError, Problem
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
    def from_dict(cls, d: dict, specs: "Mapping[str, LeverSpec] | None" = None, source: str = "scenario") -> "Levers":
        """Read a saved scenario, strictly: see :func:`parse_levers`. Raises :class:`LeverError` (a
        ``ValueError`` carrying every :class:`Problem`) instead of quietly giving the baseline."""
        levers, problems = parse_levers(d, specs, source=source)
        if problems:
            raise LeverError(problems)
        return levers

    def differs_from(self, other: "Levers") -> dict[str, tuple]:
        a, b = asdict(self), asdict(other)
        return {k: (b[k], a[k]) for k in a if a[k] != b[k]}

    def moved(self) -> dict[str, tuple]:
        """The levers moved from the baseline, as (baseline, now). The oil price is not one: it prices the crude
        a scenario strands, and changes no table (a baseline at another price is still the baseline)."""
        return self.differs_from(Levers(oil_price=self.oil_price))

    @property
    def is_baseline(self) -> bool:
        """No lever moved (whatever the oil price): the pages then show the data without a scenario beside it."""
        return not self.moved()


def start_levers(params: Mapping[str, float]) -> Levers:
    """The levers a session starts from and a reset returns to: the baseline at the oil price the data sets
    (``oil_price_default`` in data/scenario/parameters.csv, an analyst's assumption)."""
    return Levers(oil_price=float(params.get("oil_price_default", Levers.oil_price)))


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
    start: float | None = None  # the value a session starts from (start_levers: the data's oil price)


def lever_specs(params: dict[str, float], baseline_btc_mt: float) -> list[LeverSpec]:
    """Lever widgets with units and bounds taken from the data."""
    room = max(params["trans_caspian_physical_mt"] - baseline_btc_mt, 0.0)
    start = start_levers(params)
    specs = [
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
    return [replace(sp, start=getattr(start, sp.id)) for sp in specs]


def specs_by_id(params: dict[str, float], oil_latest: pd.DataFrame) -> dict[str, LeverSpec]:
    """Every lever's spec by id, with the bounds the data gives (the trans-Caspian room from the latest year)."""
    btc = float(oil_latest.loc[oil_latest["route"] == BTC_ROUTE, "mt"].sum())
    return {s.id: s for s in lever_specs(params, btc)}


# --------------------------------------------------------------------------- reading a scenario file


class LeverError(DataError, ValueError):
    """A scenario that cannot be used: every problem found, each naming its lever."""


# Keys of older schema versions, renamed or retired: {version: {old key: new key or None (retired)}}.
# Version 0 and 1 share the keys of today's Levers; a future rename goes here, so old files still load.
MIGRATIONS: dict[int, dict[str, str | None]] = {0: {}}


def _number_text(v) -> str:
    """A value from a file, for a message: short, quoted if text."""
    text = f"{v:g}" if isinstance(v, float) else repr(v) if isinstance(v, str) else str(v)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_levers(d, specs: Mapping[str, LeverSpec] | None = None,
                 source: str = "scenario") -> tuple[Levers | None, list[Problem]]:
    """Read a scenario's levers (a saved file, a stored row, a preset) and say what is wrong with it.

    Returns ``(levers, [])`` when every key is a lever and every value is usable, else ``(None, problems)``
    with one :class:`~posture.problems.Problem` per fault (``file`` = ``source``, ``column`` = the key):

    * not a JSON object, or a ``version`` newer than this program's (:data:`SCHEMA_VERSION`);
    * an unknown key (a typo such as ``reroute_MT`` names the lever it resembles), never dropped quietly;
    * a wrong type: a number lever given text, a boolean, a list or null; the vendor given a non-string;
    * a number that is NaN or infinite;
    * a value outside the lever's range, when ``specs`` (:func:`specs_by_id`) gives the ranges;
    * a nuclear vendor not in :data:`VENDORS`.

    Missing keys take the baseline's value, and keys an older version used are migrated
    (:data:`MIGRATIONS`), so scenarios saved by older versions still load.
    """
    problems: list[Problem] = []

    def bad(column, reason):
        problems.append(Problem(source, None, column, reason))

    if not isinstance(d, Mapping):
        kind = {list: "a list", str: "a text", type(None): "null"}.get(type(d), f"a {type(d).__name__}")
        bad(None, f"is {kind}, not a scenario (a JSON object of levers such as {{\"reroute_mt\": 2.0}})")
        return None, problems
    d = dict(d)
    version = d.pop("version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        bad("version", f"{_number_text(version)} is not a schema version (a whole number, {SCHEMA_VERSION} today)")
        version = SCHEMA_VERSION
    elif version > SCHEMA_VERSION:
        bad("version", f"version {version} was written by a newer program (this one reads up to "
                       f"{SCHEMA_VERSION}): update it to open this scenario")
        return None, problems
    for old, new in MIGRATIONS.get(version, {}).items():
        if old in d:
            value = d.pop(old)
            if new is not None and new not in d:
                d[new] = value
    names = {f.name: f for f in fields(Levers)}
    kw = {}
    for k, v in d.items():
        if not isinstance(k, str) or k not in names:
            near = difflib.get_close_matches(str(k).lower(), list(names), n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else f" (levers: {', '.join(names)})"
            bad(_number_text(k).strip("'") if isinstance(k, str) else str(k), f"is not a lever{hint}")
            continue
        if k == "nuclear_vendor":
            if not isinstance(v, str):
                bad(k, f"{_number_text(v)} is not a vendor: one of {', '.join(VENDORS)}")
            elif v not in VENDORS:
                bad(k, f"'{v}' is not a vendor: one of {', '.join(f'{c} ({n})' for c, (n, _) in VENDORS.items())}")
            else:
                kw[k] = v
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            kind = ("null" if v is None else "true" if v is True else "false" if v is False
                    else "a list" if isinstance(v, list) else "an object" if isinstance(v, dict) else type(v).__name__)
            bad(k, f"{_number_text(v) if isinstance(v, str) else kind} is not a number"
                   + (" (write it without quotes)" if isinstance(v, str) and _is_number(v) else ""))
            continue
        value = float(v)
        if not math.isfinite(value):
            bad(k, f"{value} is not a number a lever can take (NaN or infinite)")
            continue
        spec = (specs or {}).get(k)
        if spec is not None and not spec.min - 1e-9 <= value <= spec.max + 1e-9:
            bad(k, f"{value:g} is outside the lever's range, {spec.min:g} to {spec.max:g} {spec.unit}")
            continue
        kw[k] = value
    if problems:
        return None, problems
    return Levers(**kw), []


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


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

    def headline(self, names: dict[str, str] | None = None) -> dict:
        """One side of a scenario-against-baseline comparison, rounded for JSON: the balance indicator, the
        shares via Russia, stranded crude and revenue at risk (``balance --json`` prints one per side)."""
        return {**self.balance.as_dict(names),
                "share_via_russia": {k: round(v, 2) for k, v in self.share_via_russia.items()},
                "stranded_mt": round(self.stranded_mt, 3),
                "revenue_at_risk_usd_bn": round(self.revenue_at_risk_usd_bn, 3)}

    def summary(self, names: dict[str, str] | None = None) -> dict:
        """The headline numbers with what the levers set off (Moscow's reaction, the warnings)."""
        return {**self.headline(names), "reaction_triggered": self.reaction_triggered, "warnings": list(self.warnings)}


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
    return {k: s[k] for k in ("cpc_only", "all_russian_transit", "western_via_russia", "unattributed", "total_mt")}


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


def compute_largest_dependencies(result: ScenarioResult, investment: pd.DataFrame, arms: pd.DataFrame,
                                 vector_ids: list[str], vector_names: dict[str, str]) -> pd.DataFrame:
    """The largest single partner or route per dimension, under a scenario (the baseline: ``inputs.baseline``).

    Columns: ``label``, ``share_pct``, ``vector`` (for the colour), ``moves`` (whether a lever can move it:
    crude routes and trade do; investment and arms are the data's, whatever the levers). The crude rows are
    the scenario's own shares via Russia, the same numbers as its summary strip.
    """
    label = str(result.oil_year["label"].iloc[0])
    via = result.share_via_russia
    rows = [{"label": f"Crude crossing Russia ({label})", "share_pct": via["all_russian_transit"], "vector": "RUS",
             "moves": True},
            {"label": f"Crude through CPC ({label})", "share_pct": via["cpc_only"], "vector": "RUS", "moves": True},
            {"label": f"Crude sold west, via Russia ({label})", "share_pct": via["western_via_russia"],
             "vector": "RUS", "moves": True}]
    conc = compute_concentration_summary(result.oil_year, result.trade, investment, arms, vector_ids, vector_names)
    by_name = {n: v for v, n in vector_names.items()}
    for r in conc.itertuples():
        if r.dimension.startswith("Crude"):
            continue
        rows.append({"label": f"{r.dimension.split(' by ')[0].split(' (')[0]}: {r.largest}",
                     "share_pct": float(r.largest_share_pct), "vector": by_name.get(r.largest, "OTHER"),
                     "moves": r.dimension.startswith("Trade")})
    return pd.DataFrame(rows).sort_values("share_pct").reset_index(drop=True)


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
