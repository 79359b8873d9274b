"""Dependency metrics: how much of Kazakhstan's crude, trade and investment runs through one partner or route.

Everything is computed from the tables in data/ and the route geometry:

* whether an export route crosses Russia comes from the countries its segments cross
  (``posture.geo``), never from a typed flag;
* the share of crude crossing Russia is given under three definitions:
  ``cpc_only`` (the CPC pipeline alone / all crude exports: the figure quoted as "about 80%"),
  ``all_russian_transit`` (every route whose geometry crosses Russian territory / all crude exports) and
  ``western_via_russia`` (of the crude on routes to Western, i.e. European and Mediterranean, markets, the part
  whose route crosses Russia: what "80% of its oil exports to Western markets" would have to mean);
* the gap between a year's published total and the sum of its routes is kept as
  "not attributed to a route" rather than spread over the routes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

UNATTRIBUTED = "unattributed"
CPC = "cpc"
WESTERN = "western"

# the three definitions of the share via Russia, in the order shown, with the label and what each divides
DEFINITIONS = {
    "cpc_only": ("CPC only", "CPC volume / all crude exports: the figure quoted as 'about 80%'"),
    "all_russian_transit": ("All Russian transit", "volume on every route whose geometry crosses Russia / all crude exports"),
    "western_via_russia": ("Western markets via Russia",
                           "of the crude on routes to European and Mediterranean markets, the part crossing Russia"),
}


# --------------------------------------------------------------------------- crude exports


def period_label(year: int, period: str) -> str:
    """'2023', '2024 plan', '2024 Jan-Oct'."""
    return str(year) if period == "full year" else f"{year} {period}"


def period_kind(period: str) -> str:
    if period == "full year":
        return "full year"
    if period == "plan":
        return "plan"
    return "partial year"


def vector_of(partner: str | None, partners: pd.DataFrame) -> str:
    """Vector id of a partner code (ISO3 or aggregate); unknown partners belong to OTHER."""
    if partner is None:
        return "OTHER"
    m = partners.loc[partners["partner"] == partner, "vector"]
    return str(m.iloc[0]) if len(m) else "OTHER"


def compute_export_route_transit(export_routes: pd.DataFrame, route_metrics: pd.DataFrame,
                                 partners: pd.DataFrame, origin: str = "KAZ") -> pd.DataFrame:
    """For each crude export route: countries crossed (ordered), whether it crosses Russia, the first
    foreign country on it (the neighbour through which the crude leaves) and that country's vector.

    Routes without segments have unknown transit: ``crosses_russia`` is None.
    """
    rows = []
    for _, r in export_routes.iterrows():
        segs = [] if pd.isna(r["segments"]) else [s for s in str(r["segments"]).split(";") if s]
        countries: list[str] = []
        length = 0.0
        for s in segs:
            m = route_metrics.loc[s]
            length += float(m["length_km"])
            for c in m["countries"]:
                if c not in countries:
                    countries.append(c)
        known = bool(segs)
        region = r.get("market_region") if "market_region" in r.index else None
        region = None if region is None or pd.isna(region) or str(region) in ("", "unknown") else str(region)
        foreign = [c for c in countries if c != origin]
        first = foreign[0] if foreign else None
        rows.append({
            "export_route": r["id"], "name": r["name"], "segments": segs, "countries": countries,
            "crosses_russia": ("RUS" in countries) if known else None,
            "first_foreign": first, "vector": vector_of(first, partners) if first else None,
            "length_km": round(length, 1) if known else None, "terminal": r["terminal"], "market": r["market"],
            "market_region": region, "western_market": (region == WESTERN) if region else None,
            "origin": r["origin"],
        })
    return pd.DataFrame(rows).set_index("export_route", drop=False)


def compute_oil_exports(exports: pd.DataFrame, totals: pd.DataFrame, transit: pd.DataFrame) -> pd.DataFrame:
    """Crude exports by route and period with computed transit, plus an 'unattributed' row per period
    where the published total exceeds the sum of the routes."""
    df = exports.copy()
    df["period_kind"] = df["period"].map(period_kind)
    df["label"] = [period_label(y, p) for y, p in zip(df["year"], df["period"])]
    df["route"] = df["export_route"]
    df["mt"] = df["volume_mt"].astype(float)
    df["route_name"] = df["route"].map(transit["name"])
    df["crosses_russia"] = df["route"].map(transit["crosses_russia"])
    df["vector"] = df["route"].map(transit["vector"])
    western = transit["western_market"] if "western_market" in transit.columns else pd.Series(dtype=object)
    df["western_market"] = df["route"].map(western)
    extra = []
    for _, t in totals.iterrows():
        sel = (df["year"] == t["year"]) & (df["period"] == t["period"])
        gap = float(t["total_mt"]) - float(df.loc[sel, "mt"].sum())
        if gap > 0.005:
            extra.append({
                "year": t["year"], "period": t["period"], "period_kind": period_kind(t["period"]),
                "label": period_label(t["year"], t["period"]), "route": UNATTRIBUTED, "export_route": UNATTRIBUTED,
                "route_name": "Not attributed to a route in the sources", "mt": round(gap, 3),
                "crosses_russia": None, "western_market": None, "vector": None, "basis": "derived",
                "note": f"published total {t['total_mt']} Mt minus the routes listed",
                "source": t["source"], "confidence": t["confidence"],
            })
    if extra:
        df = pd.concat([df, pd.DataFrame(extra)], ignore_index=True)
    for c in ("crosses_russia", "western_market"):
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    cols = ["year", "period", "period_kind", "label", "route", "route_name", "mt", "crosses_russia", "western_market",
            "vector", "basis", "note", "source", "confidence"]
    return df[cols].sort_values(["year", "period", "mt"], ascending=[True, True, False]).reset_index(drop=True)


def compute_share_via_russia(oil: pd.DataFrame) -> pd.DataFrame:
    """Per period: total, and the share of crude crossing Russia under the three definitions.

    ``cpc_only``: CPC volume / total. ``all_russian_transit``: volume of every route whose
    geometry crosses Russia / total. ``unattributed``: volume whose transit the sources do
    not give (routes without geometry and the gap to the published total); it is in the
    denominator but not the numerator, so ``all_russian_transit`` is a lower bound and
    ``all_russian_transit + unattributed`` an upper bound. ``western_via_russia``: volume on
    routes to Western (European and Mediterranean) markets that cross Russia / volume on routes
    to Western markets whose transit is known; ``western_unattributed`` is the Western-market
    volume of unknown transit, as a share of all Western-market volume (left out of that
    denominator). Volume whose market is not stated counts in neither.
    """
    rows = []
    for (label, year, period), g in oil.groupby(["label", "year", "period"], sort=False):
        s = share_via_russia(g)
        rows.append({
            "label": label, "year": int(year), "period": period, "period_kind": period_kind(period),
            "total_mt": round(s["total_mt"], 3), "via_russia_mt": round(s["via_russia_mt"], 3),
            "cpc_mt": round(s["cpc_mt"], 3), "cpc_only": s["cpc_only"],
            "all_russian_transit": s["all_russian_transit"], "unattributed": s["unattributed"],
            "bypassing_russia": s["bypassing_russia"], "western_mt": round(s["western_mt"], 3),
            "western_via_russia_mt": round(s["western_via_russia_mt"], 3),
            "western_via_russia": s["western_via_russia"], "western_unattributed": s["western_unattributed"],
        })
    return pd.DataFrame(rows).sort_values(["year", "period"]).reset_index(drop=True)


def share_via_russia(oil_period: pd.DataFrame) -> dict[str, float]:
    """The three definitions for one period's routes (the rule of :func:`compute_share_via_russia`).

    Plain Python over a handful of rows: the scenario engine calls it on every slider move.
    """
    total = via = unknown = cpc = 0.0
    w_known = w_via = w_unknown = 0.0
    western = (oil_period["western_market"].tolist() if "western_market" in oil_period.columns
               else [None] * len(oil_period))
    for route, mt, crosses, west in zip(oil_period["route"].tolist(), oil_period["mt"].tolist(),
                                        oil_period["crosses_russia"].tolist(), western):
        total += mt
        known = crosses is True or crosses is False
        if crosses is True:
            via += mt
        elif not known:
            unknown += mt
        if route == CPC:
            cpc += mt
        if west is True:
            if known:
                w_known += mt
                if crosses is True:
                    w_via += mt
            else:
                w_unknown += mt

    def pct(x: float, of: float = total) -> float:
        return 100 * x / of if of else np.nan

    return {"total_mt": total, "via_russia_mt": via, "cpc_mt": cpc, "cpc_only": pct(cpc),
            "all_russian_transit": pct(via), "unattributed": pct(unknown),
            "bypassing_russia": pct(total - via - unknown),
            "western_mt": w_known + w_unknown, "western_via_russia_mt": w_via,
            "western_via_russia": pct(w_via, w_known), "western_unattributed": pct(w_unknown, w_known + w_unknown)}


def definitions_table(shares: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The three definitions side by side: one row each, with what it divides, its value in every full year
    (and the latest partial period), and the figures quoted in the sources that are that definition."""
    cols = shares[shares["period_kind"] != "plan"]
    rows = []
    for key, (label, means) in DEFINITIONS.items():
        row = {"definition": label}
        for r in cols.itertuples():
            v = getattr(r, key)
            row[r.label] = None if v is None or (isinstance(v, float) and np.isnan(v)) else round(float(v), 1)
        quoted = []
        if published is not None and "definition" in published.columns:
            for p in published[published["definition"] == key].itertuples():
                quoted.append(f"{p.share_pct:g}% ({int(p.year)}): {p.measure}")
        row["quoted in the sources"] = "; ".join(quoted)
        row["what it divides"] = means
        rows.append(row)
    return pd.DataFrame(rows)


def latest_full_year(oil: pd.DataFrame) -> int:
    """The last year with a full year of crude exports (not a plan, not a partial year): the scenarios' year."""
    return int(oil.loc[oil["period"] == "full year", "year"].max())


def latest_full_year_shares(shares: pd.DataFrame) -> pd.Series:
    """The row of :func:`compute_share_via_russia` for :func:`latest_full_year`: the shares the pages quote."""
    full = shares[shares["period_kind"] == "full year"]
    return full.loc[full["year"].idxmax()]


def select_period(oil: pd.DataFrame, year: int | None = None, period: str = "full year") -> pd.DataFrame:
    year = latest_full_year(oil) if year is None else year
    return oil[(oil["year"] == year) & (oil["period"] == period)]


def with_scenario_year(oil: pd.DataFrame, shares: pd.DataFrame, scenario_oil: pd.DataFrame,
                       year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The export series with the scenario's year added as one more period ("2025 scenario"), and its shares via
    Russia: the crude chart shows the scenario beside the years of the data."""
    s_oil = scenario_oil.assign(label=f"{year} scenario", period="scenario")
    s_share = compute_share_via_russia(s_oil).assign(period_kind="full year")
    return pd.concat([oil, s_oil], ignore_index=True), pd.concat([shares, s_share], ignore_index=True)


def compute_energy_route_shares(oil_period: pd.DataFrame, vector_ids: list[str]) -> pd.Series:
    """Share (%) of attributed crude exports leaving through each vector's territory (first foreign country).

    Volume whose transit is unknown is left out of the denominator, so the shares sum to 100.
    """
    acc = dict.fromkeys(vector_ids, 0.0)
    total = 0.0
    for v, mt in zip(oil_period["vector"].tolist(), oil_period["mt"].tolist()):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        acc[v if v in acc else "OTHER"] += float(mt)
        total += float(mt)
    return pd.Series({v: (100 * x / total if total else 0.0) for v, x in acc.items()}, dtype=float)


# --------------------------------------------------------------------------- trade


def compute_trade_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """Kazakhstan's total turnover per year, implied by published partner shares (value / share), annualised.

    The sources give partner values and some partner shares but no total; each (value, share)
    pair implies a total, annualised by 12 / months for partial periods. The year's total is the
    median of these estimates. This is an analyst's derivation and is labelled as one.
    """
    t = trade[(trade["flow"] == "turnover") & trade["share_pct"].notna() & trade["value_usd_bn"].notna()]
    t = t[t["statistics"] == "kazakh"]
    rows = []
    for year, g in t.groupby("year"):
        est = (g["value_usd_bn"] / (g["share_pct"] / 100.0) * 12.0 / g["months"]).astype(float)
        parts = [f"{r.partner_name} {r.value_usd_bn:g} / {r.share_pct:g}% ({r.period})" for r in g.itertuples()]
        rows.append({"year": int(year), "total_usd_bn": round(float(est.median()), 1), "estimates": len(est),
                     "basis": "derived (annualised, median): " + "; ".join(parts),
                     "source": " ; ".join(sorted(set(g["source"])))})
    return pd.DataFrame(rows)


def _is_true(v) -> bool:
    return str(v).strip().lower() == "true"


def pick_partner_value(trade: pd.DataFrame, partner: str, year: int, flow: str = "turnover",
                       statistics: str = "kazakh") -> dict | None:
    """The value to use for one partner in one year, with how it was chosen.

    Order: the year's full-year figure; else the year's longest partial period, annualised;
    else the latest earlier full-year figure. Rows not marked preferred are never used.
    Partner mirror statistics are used only where the Kazakh side gives none for the year: a
    partner's figure for the year itself comes before a Kazakh figure carried from an earlier
    year (a mirror figure is marked "(partner statistics)" in ``how``).
    """
    g = trade[(trade["partner"] == partner) & (trade["flow"] == flow) & trade["value_usd_bn"].notna()
              & trade["preferred"].map(_is_true)]
    stats = [statistics, "partner"] if statistics == "kazakh" else [statistics]
    by_stats = [(s, g[g["statistics"] == s]) for s in stats]

    def tag(s: str) -> str:
        return " (partner statistics)" if s == "partner" and statistics != "partner" else ""

    for s, gs in by_stats:
        full = gs[(gs["year"] == year) & (gs["months"] == 12)]
        if len(full):
            r = full.iloc[0]
            return {"value": float(r["value_usd_bn"]), "how": f"{year} {r['period']}{tag(s)}", "row": r}
        part = gs[gs["year"] == year].sort_values("months", ascending=False)
        if len(part):
            r = part.iloc[0]
            return {"value": float(r["value_usd_bn"]) * 12.0 / float(r["months"]),
                    "how": f"{year} {r['period']} ({r['value_usd_bn']:g}) annualised x12/{int(r['months'])}{tag(s)}",
                    "row": r}
    for s, gs in by_stats:
        earlier = gs[(gs["year"] < year) & (gs["months"] == 12)].sort_values("year", ascending=False)
        if len(earlier):
            r = earlier.iloc[0]
            return {"value": float(r["value_usd_bn"]), "how": f"latest available: {int(r['year'])}{tag(s)}", "row": r}
    return None


@dataclass(frozen=True)
class TradeShares:
    year: int
    total_usd_bn: float
    total_basis: str
    table: pd.DataFrame  # vector, value_usd_bn, share_pct, basis


def compute_trade_base(trade: pd.DataFrame, partners: pd.DataFrame, vector_ids: list[str],
                       year: int = 2023) -> TradeShares:
    """Turnover by vector in ``year`` (Kazakh statistics), before any scenario.

    Vectors with an aggregate partner (EU27) use the aggregate, otherwise the sum of their
    member countries found in the data; OTHER is the remainder of the implied total.
    """
    totals = compute_trade_totals(trade)
    trow = totals[totals["year"] == year]
    if trow.empty:
        raise ValueError(f"no total turnover can be derived for {year}")
    total = float(trow["total_usd_bn"].iloc[0])
    rows = []
    for v in vector_ids:
        if v == "OTHER":
            continue
        members = partners[partners["vector"] == v]["partner"].tolist()
        aggregates = [m for m in members if len(m) != 3]
        use = aggregates if aggregates else members
        value, how = 0.0, []
        for p in use:
            pick = pick_partner_value(trade, p, year)
            if pick:
                value += pick["value"]
                how.append(f"{p}: {pick['how']}")
        rows.append({"vector": v, "baseline_usd_bn": value, "basis": "; ".join(how) or "no figure in the data"})
    df = pd.DataFrame(rows)
    other_base = total - float(df["baseline_usd_bn"].sum())
    df = pd.concat([df, pd.DataFrame([{"vector": "OTHER", "baseline_usd_bn": max(other_base, 0.0),
                                       "basis": f"remainder of the {year} total ({total:g})"}])], ignore_index=True)
    df["value_usd_bn"] = df["baseline_usd_bn"]
    df["share_pct"] = 100 * df["value_usd_bn"] / float(df["value_usd_bn"].sum())
    return TradeShares(year=year, total_usd_bn=float(df["value_usd_bn"].sum()), total_basis=str(trow["basis"].iloc[0]),
                       table=df.set_index("vector", drop=False))


def apply_trade_multipliers(base: TradeShares, multipliers: dict[str, float] | None) -> TradeShares:
    """Scale turnover with some vectors (scenario levers); the total moves with them."""
    if not multipliers or all(v == 1.0 for v in multipliers.values()):
        return base
    vectors = base.table.index.tolist()
    baseline = base.table["baseline_usd_bn"].to_numpy(dtype=float)
    values = baseline * np.array([multipliers.get(v, 1.0) for v in vectors], dtype=float)
    total = float(values.sum())
    df = pd.DataFrame({"vector": vectors, "baseline_usd_bn": baseline, "basis": base.table["basis"].to_numpy(),
                       "value_usd_bn": values, "share_pct": 100 * values / total if total else 0.0 * values},
                      index=pd.Index(vectors, name="vector"))
    return TradeShares(year=base.year, total_usd_bn=total, total_basis=base.total_basis, table=df)


def compute_trade_shares(trade: pd.DataFrame, partners: pd.DataFrame, vector_ids: list[str],
                         year: int = 2023, multipliers: dict[str, float] | None = None) -> TradeShares:
    """Share of Kazakhstan's turnover by vector in ``year``, with optional scenario multipliers."""
    return apply_trade_multipliers(compute_trade_base(trade, partners, vector_ids, year), multipliers)


def compute_trade_series(trade: pd.DataFrame, china_statistics: str = "kazakh", flow: str = "turnover") -> pd.DataFrame:
    """Partner values over the years for the chart, with China's figures from one statistics source only.

    ``china_statistics`` is 'kazakh' or 'chinese'. Aggregates (EU-27, Europe, BRICS) are kept;
    only preferred rows are used. Partial periods are kept and flagged, not annualised.
    """
    t = trade[(trade["flow"] == flow) & trade["value_usd_bn"].notna() & trade["preferred"].map(_is_true)].copy()
    is_cn = t["partner"] == "CHN"
    t = t[~is_cn | (t["statistics"] == china_statistics)]
    t = t[(t["partner"] == "CHN") | (t["statistics"] != "chinese")]
    t["partial"] = t["months"] < 12
    totals = compute_trade_totals(trade).set_index("year")["total_usd_bn"]
    t["share_of_total_pct"] = [
        100 * v * (12.0 / m) / totals[y] if (y in totals.index and s != "chinese") else np.nan
        for v, m, y, s in zip(t["value_usd_bn"], t["months"], t["year"], t["statistics"])
    ]
    return t.sort_values(["partner", "year", "months"]).reset_index(drop=True)


# --------------------------------------------------------------------------- investment


def compute_investment_shares(fdi: pd.DataFrame, partners: pd.DataFrame, vector_ids: list[str],
                              year: int = 2022, measure: str = "gross FDI inflow") -> pd.DataFrame:
    """Share of gross FDI inflow by vector; EU uses the EU-27 figure; OTHER is the remainder of the total."""
    f = fdi[(fdi["year"] == year) & (fdi["measure"] == measure)]
    total = float(f.loc[f["partner"] == "WORLD", "value_usd_bn"].sum())
    rows = []
    for v in vector_ids:
        if v == "OTHER":
            continue
        members = partners[partners["vector"] == v]["partner"].tolist()
        aggregates = [m for m in members if len(m) != 3 and m in set(f["partner"])]
        use = aggregates if aggregates else members
        vals = f[f["partner"].isin(use)]
        rows.append({"vector": v, "value_usd_bn": float(vals["value_usd_bn"].sum()),
                     "basis": ", ".join(f"{p} {x:g}" for p, x in zip(vals["partner"], vals["value_usd_bn"]))
                     or "no figure in the data (counted in Others)"})
    df = pd.DataFrame(rows)
    other = total - float(df["value_usd_bn"].sum())
    df = pd.concat([df, pd.DataFrame([{"vector": "OTHER", "value_usd_bn": max(other, 0.0),
                                       "basis": f"remainder of the {year} total ({total:g})"}])], ignore_index=True)
    df["share_pct"] = 100 * df["value_usd_bn"] / total
    return df.set_index("vector", drop=False)


# --------------------------------------------------------------------------- concentration


def largest_vector(shares: pd.DataFrame, exclude: tuple[str, ...] = ("OTHER",)) -> pd.Series:
    """The row of a by-vector table (``vector``, ``share_pct``) with the largest share, leaving out the
    remainder vector ("Others" is not a partner): the figure a chart's title states."""
    named = shares[~shares["vector"].isin(exclude)]
    return named.loc[named["share_pct"].idxmax()]


def compute_hhi(shares_pct) -> float:
    """Herfindahl-Hirschman index on the 0-10,000 scale from shares in percent."""
    s = pd.Series(shares_pct, dtype=float).fillna(0.0)
    return float((s**2).sum())


def concentration_row(dimension: str, unit: str, shares: pd.Series, names: dict[str, str], basis: str) -> dict:
    s = shares[shares > 0].sort_values(ascending=False)
    return {"dimension": dimension, "largest": names.get(s.index[0], s.index[0]) if len(s) else None,
            "largest_share_pct": float(s.iloc[0]) if len(s) else np.nan, "hhi": compute_hhi(s),
            "unit": unit, "basis": basis}


def compute_what_stops_routes(oil_period: pd.DataFrame) -> pd.DataFrame:
    """If one export route stops: crude volume and share of the period's exports at risk."""
    total = float(oil_period["mt"].sum())
    g = oil_period.groupby(["route", "route_name"], dropna=False)["mt"].sum().reset_index()
    g["share_pct"] = 100 * g["mt"] / total
    return g.sort_values("mt", ascending=False).reset_index(drop=True)


def compute_what_stops_countries(oil_period: pd.DataFrame, transit: pd.DataFrame, trade_shares: TradeShares,
                                 partners: pd.DataFrame, country_names: dict[str, str],
                                 origin: str = "KAZ") -> pd.DataFrame:
    """If one transit country closes its territory: the crude on every route crossing it, and the
    trade with that country's vector, with shares of the totals."""
    total = float(oil_period["mt"].sum())
    rows: dict[str, dict] = {}
    for _, r in oil_period.iterrows():
        if r["route"] not in transit.index:
            continue
        for iso in transit.at[r["route"], "countries"]:
            if iso == origin:
                continue
            d = rows.setdefault(iso, {"iso3": iso, "country": country_names.get(iso, iso), "crude_mt": 0.0,
                                      "routes": []})
            d["crude_mt"] += float(r["mt"])
            d["routes"].append(r["route_name"])
    df = pd.DataFrame(list(rows.values()))
    if df.empty:
        return df
    df["crude_share_pct"] = 100 * df["crude_mt"] / total
    df["vector"] = [vector_of(i, partners) for i in df["iso3"]]
    return df.sort_values("crude_mt", ascending=False).reset_index(drop=True)


# --------------------------------------------------------------------------- flows (sankey)


def compute_oil_flows(oil_period: pd.DataFrame, field_flows: pd.DataFrame, transit: pd.DataFrame,
                      country_names: dict[str, str], origin: str = "KAZ") -> pd.DataFrame:
    """Links for a flow diagram of one period: field or region -> export route -> transit -> market.

    CPC volume is split over fields in proportion to the field table (the rest is 'other Kazakh
    fields'); other routes start from the origin region their table gives.
    """
    links = []
    year = int(oil_period["year"].iloc[0])
    ff = field_flows[field_flows["year"] == year]
    for _, r in oil_period.iterrows():
        route = r["route_name"]
        mt = float(r["mt"])
        if mt <= 0:
            continue
        fields = ff[ff["export_route"] == r["route"]]
        if len(fields):
            fsum = float(fields["volume_mt"].sum())
            scale = min(1.0, mt / fsum) if fsum else 0
            for _, f in fields.iterrows():
                links.append(("field", f["field"], "route", route, float(f["volume_mt"]) * scale))
            rest = mt - fsum * scale
            if rest > 0.005:
                links.append(("field", "Other Kazakh fields", "route", route, rest))
        elif r["route"] in transit.index:
            links.append(("field", transit.at[r["route"], "origin"], "route", route, mt))
        else:
            links.append(("field", "Not stated", "route", route, mt))
        if r["route"] in transit.index and transit.at[r["route"], "countries"]:
            foreign = [country_names.get(c, c) for c in transit.at[r["route"], "countries"] if c != origin]
            via = " - ".join(foreign) if foreign else "Kazakhstan only"
            market = transit.at[r["route"], "market"]
        else:
            via, market = "Transit unknown", "Market not stated"
        links.append(("route", route, "transit", via, mt))
        links.append(("transit", via, "market", market, mt))
    df = pd.DataFrame(links, columns=["source_stage", "source", "target_stage", "target", "mt"])
    return df.groupby(["source_stage", "source", "target_stage", "target"], as_index=False, sort=False)["mt"].sum()


# --------------------------------------------------------------------------- corridors


def compute_corridor_comparison(comparison: pd.DataFrame, route_metrics: pd.DataFrame,
                                country_names: dict[str, str]) -> pd.DataFrame:
    """Corridor comparison with distance and countries computed from the legs' geometry. A text cell left empty in
    the table is "" here, not NaN (a table showed "None" for the Middle Corridor's published distance)."""
    rows = []
    text_cols = [k for k in comparison.columns if not pd.api.types.is_numeric_dtype(comparison[k])]
    comparison = comparison.assign(**{k: comparison[k].where(comparison[k].notna(), "") for k in text_cols})
    for _, c in comparison.iterrows():
        legs = [l for l in str(c["legs"]).split(";") if l]
        km = sum(float(route_metrics.at[l, "length_km"]) for l in legs)
        countries: list[str] = []
        for l in legs:
            for iso in route_metrics.at[l, "countries"]:
                if iso not in countries:
                    countries.append(iso)
        rows.append({**c.to_dict(), "distance_km": round(km), "countries": countries,
                     "countries_text": ", ".join(country_names.get(i, i) for i in countries)})
    return pd.DataFrame(rows)


def compute_segment_volumes(oil_period: pd.DataFrame, transit: pd.DataFrame) -> dict[str, float]:
    """Kazakh crude on each oil route segment in one period (an export route's volume counts on every
    segment it uses), for drawing the map's widths by volume."""
    out: dict[str, float] = {}
    for _, r in oil_period.iterrows():
        if r["route"] not in transit.index:
            continue
        for seg in transit.at[r["route"], "segments"]:
            out[seg] = out.get(seg, 0.0) + float(r["mt"])
    return out


def compute_concentration_summary(oil_period: pd.DataFrame, trade: TradeShares, investment: pd.DataFrame,
                                  arms: pd.DataFrame, vector_ids: list[str], vector_names: dict[str, str]) -> pd.DataFrame:
    """For each dimension: the largest partner or route, its share, and the HHI (0-10,000)."""
    label = str(oil_period["label"].iloc[0])
    by_route = oil_period.groupby("route")["mt"].sum()
    rows = [
        concentration_row("Crude exports by route", "% of crude exports", by_route / by_route.sum() * 100,
                          dict(zip(oil_period["route"], oil_period["route_name"])), label),
        concentration_row("Crude exports by first transit country", "% of attributed crude exports",
                          compute_energy_route_shares(oil_period, vector_ids), vector_names,
                          f"{label}; vector of the first foreign country on the route"),
        concentration_row("Trade turnover by vector", "% of turnover", trade.table["share_pct"], vector_names,
                          f"{trade.year}, Kazakh statistics; total derived from published partner shares"),
        concentration_row("Investment (gross FDI inflow) by vector", "% of inflow", investment["share_pct"],
                          vector_names, "2022"),
        concentration_row("Arms imports by supplier", "% of arms imports",
                          arms.set_index("supplier")["share_pct"], {"RUS": "Russia", "OTHER": "all others"},
                          "SIPRI 2020-24 via press; others not split, so the HHI is a lower bound"),
    ]
    return pd.DataFrame(rows)
