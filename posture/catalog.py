"""The catalogue of input tables: where each lives in data/, its schema, and what it holds.

The catalogue is data, not prose scattered over pages: the loaders, the ``validate``
command, the Data page and the test that checks data/README.md all read it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from posture.paths import DATA_DIR, DATA_DIR_ENV, data_dir  # noqa: F401 - re-exported: where the tables live
from posture.problems import Problem
from posture.scenario import Levers
from posture.validation import CONFIDENCE, VALUE, TableSchema, checked, number, provenance, text


STATUSES = ["operating", "under construction", "proposed"]
LAYERS = ["oil", "gas", "middle_corridor", "northern_corridor", "southern_route"]
MODES = ["pipeline", "tanker", "rail", "sea"]
NODE_KINDS = ["port", "border crossing", "rail hub", "oil field", "terminal"]
# 'estimate' = an analyst's estimate, with its reasoning in 'note' and confidence low
# where an export route's crude is sold: 'western' = European and Mediterranean markets (the third definition of
# the share via Russia counts these routes only)
MARKET_REGIONS = ["western", "china", "unknown"]
EXPORT_BASES = ["actual", "plan", "partial", "derived", "estimate"]
SHARE_TOLERANCE = 0.5  # percentage points a dimension may be off 100 before it is flagged


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # relative to the data directory
    title: str
    description: str
    units: str
    table: TableSchema
    kind: str = "csv"  # or "geojson"

    @property
    def filename(self) -> str:
        return Path(self.path).name


def _year(nullable: bool = False):
    return number(nullable=nullable, ge=1900, le=2100)


def _unique_rows(cols: list[str]):
    def check(frame: pd.DataFrame, file: str, row_of) -> list[Problem]:
        dup = frame.duplicated(subset=cols, keep="first")
        return [
            Problem(file, row_of(i), cols[-1], f"duplicate entry for {', '.join(str(frame.at[i, c]) for c in cols)}")
            for i in frame.index[dup]
        ]

    return check


def _estimates_need_shares(frame: pd.DataFrame, file: str, row_of) -> list[Problem]:
    out = []
    for i, r in frame.iterrows():
        if r["method"] == "estimate" and pd.isna(r["share"]):
            out.append(Problem(file, row_of(i), "share", "is empty; an estimate needs a value (0-100)"))
        if r["method"] == "estimate" and (pd.isna(r.get("reasoning")) or not str(r.get("reasoning")).strip()):
            out.append(Problem(file, row_of(i), "reasoning", "is empty; an estimate needs its reasoning"))
    return out


def _levers_json(frame: pd.DataFrame, file: str, row_of) -> list[Problem]:
    known = {f.name for f in fields(Levers)}
    out = []
    for i, r in frame.iterrows():
        try:
            d = json.loads(r["levers"])
        except (TypeError, ValueError) as err:
            out.append(Problem(file, row_of(i), "levers", f"is not valid JSON: {err}"))
            continue
        if not isinstance(d, dict):
            out.append(Problem(file, row_of(i), "levers", "must be a JSON object of lever: value"))
            continue
        for k in d:
            if k not in known:
                out.append(Problem(file, row_of(i), "levers", f"unknown lever {k!r}"))
    return out


def _schema(columns: dict, numeric=(), integer=(), frame_checks=(), unique=None) -> TableSchema:
    return TableSchema(
        pa.DataFrameSchema(columns, strict=False, unique=unique),
        numeric=tuple(numeric),
        integer=tuple(integer),
        frame_checks=tuple(frame_checks),
    )


ROUTE_PROPERTIES = _schema(
    {
        "id": text(nullable=False, unique=True),
        "name": text(nullable=False),
        "layer": text(nullable=False, isin=LAYERS),
        "mode": text(nullable=False, isin=MODES),
        "commodity": text(nullable=False, isin=["oil", "gas", "freight"]),
        "status": text(nullable=False, isin=STATUSES),
        "start_year": _year(nullable=True),
        "operator": text(),
        "capacity_value": number(ge=0),
        "capacity_unit": text(isin=["Mt/yr", "mb/d", "bcm/yr"]),
        "capacity_note": text(),
        "throughput_value": number(ge=0),
        "throughput_unit": text(isin=["Mt/yr", "bcm/yr", "Mt", "bcm"]),
        "throughput_year": _year(nullable=True),
        "throughput_note": text(),
        "published_length_km": number(gt=0),
        "length_basis": text(isin=["published", "routing measurement", "derived"]),
        "length_note": text(),
        "published_km_by_country": text(),  # "ISO3:km;ISO3:km" where a source gives a country's section
        "countries_expected": text(nullable=False),
        "from_node": text(),
        "to_node": text(),
        "source": text(nullable=False),
        "year": _year(nullable=True),
        "confidence": text(nullable=False, isin=CONFIDENCE),
        "geometry_source": text(nullable=False),
        "geometry_confidence": text(nullable=False, isin=CONFIDENCE),
        "geometry_note": text(),
    },
    numeric=("capacity_value", "throughput_value", "published_length_km"),
    integer=("start_year", "throughput_year", "year"),
)

NODE_PROPERTIES = _schema(
    {
        "id": text(nullable=False, unique=True),
        "name": text(nullable=False),
        "label": text(),
        "kind": text(nullable=False, isin=NODE_KINDS),
        "country_iso3": text(nullable=False),
        "corridor": text(),
        "capacity_note": text(),
        "source": text(nullable=False),
        "year": _year(nullable=True),
        "confidence": text(nullable=False, isin=CONFIDENCE),
    },
    integer=("year",),
)

TABLES: dict[str, Table] = {}


def _register(t: Table) -> None:
    TABLES[t.name] = t


_register(Table(
    "oil_routes", "routes/oil_routes.geojson", "Oil pipelines and tanker links",
    "Crude oil pipelines and Caspian tanker links that carry Kazakh oil or feed its export routes; "
    "one LineString per route with capacity, throughput, status, operator and the published length.",
    "capacity in the source's unit (Mt/yr or mb/d, normalised to Mt/yr on load); lengths in km",
    ROUTE_PROPERTIES, kind="geojson"))
_register(Table(
    "gas_pipelines", "routes/gas_pipelines.geojson", "Gas pipelines",
    "Gas pipelines across and around Kazakhstan (Central Asia-China, Beineu-Bozoi-Shymkent, Central Asia-Center, "
    "Bukhara-Ural) and the Southern Gas Corridor it could feed (SCP, TANAP, TAP, proposed Trans-Caspian).",
    "capacity in bcm/yr; lengths in km", ROUTE_PROPERTIES, kind="geojson"))
_register(Table(
    "corridors", "routes/corridors.geojson", "Trade corridor legs",
    "Rail and sea legs of the Middle Corridor (Trans-Caspian), the Northern corridor through Russia and Belarus, "
    "and the southern route through Turkmenistan and Iran.",
    "lengths in km", ROUTE_PROPERTIES, kind="geojson"))
_register(Table(
    "nodes", "routes/nodes.geojson", "Ports, border crossings, hubs, fields and terminals",
    "Points on the routes: sea ports, border crossings, rail hubs, oil fields and oil terminals, with capacities as "
    "the sources state them.", "capacities as text in the source's units", NODE_PROPERTIES, kind="geojson"))
_register(Table(
    "map_labels", "geo/map_labels.csv", "Map label positions",
    "Where the routes map writes country, sea and lake names: country anchors computed from the Natural Earth "
    "polygons by tools/build_base_geo.py (min_zoom: the zoom from which the name fits inside the country), sea and "
    "lake anchors placed by hand inside the Natural Earth water polygons. ' | ' in a name is a line break.",
    "degrees (WGS84 lon/lat); zoom levels",
    _schema({
        "kind": text(nullable=False, isin=["country", "sea", "lake"]), "name": text(nullable=False), "iso3": text(),
        "lon": number(nullable=False, ge=-180, le=180), "lat": number(nullable=False, ge=-90, le=90),
        "min_zoom": number(nullable=False, ge=0, le=20), "method": text(nullable=False), **provenance(),
    }, numeric=("lon", "lat", "min_zoom"), integer=("year",), frame_checks=(_unique_rows(["kind", "name"]),))))

_register(Table(
    "export_routes", "oil/export_routes.csv", "Crude export routes",
    "How Kazakh crude leaves the country: each export route is a chain of the oil route segments it uses "
    "(ids in routes/oil_routes.geojson). Whether a route crosses Russia is computed from that geometry, not typed.",
    "none",
    _schema({
        "id": text(nullable=False, unique=True), "name": text(nullable=False), "segments": text(),
        "origin": text(), "terminal": text(), "market": text(),
        "market_region": text(isin=MARKET_REGIONS), "market_basis": text(), "note": text(), **provenance(),
    })))
_register(Table(
    "oil_exports", "oil/exports.csv", "Crude exports by route",
    "Kazakh crude and condensate exports by export route and year: full years 2022-2025, the 2024 plan and "
    "January-October 2024. 'derived' rows are arithmetic on published figures (formula in note); 'estimate' is an "
    "analyst's estimate (2023 Atyrau-Samara, reasoning in note).",
    "Mt (million tonnes) per period",
    _schema({
        "year": _year(), "period": text(nullable=False),
        "basis": text(nullable=False, isin=EXPORT_BASES),
        "export_route": text(nullable=False), "volume_mt": number(nullable=False, ge=0),
        "volume_text": text(), "share_pct_published": number(ge=0, le=100), "note": text(), **provenance(),
    }, numeric=("volume_mt", "share_pct_published"), integer=("year",),
        frame_checks=(_unique_rows(["year", "period", "export_route"]),))))
_register(Table(
    "oil_export_totals", "oil/export_totals.csv", "Total crude exports",
    "Published total crude exports per year and period; the gap between this total and the sum of routes is shown "
    "as 'not attributed to a route'.", "Mt per period",
    _schema({
        "year": _year(), "period": text(nullable=False),
        "basis": text(nullable=False, isin=["actual", "plan", "partial", "derived"]),
        "total_mt": number(nullable=False, gt=0), "note": text(), **provenance(),
    }, numeric=("total_mt",), integer=("year",), frame_checks=(_unique_rows(["year", "period"]),))))
_register(Table(
    "oil_field_flows", "oil/field_flows.csv", "Crude by field into CPC",
    "CPC throughput by field of origin (all shippers), used for the first stage of the flow diagram.", "Mt per year",
    _schema({
        "year": _year(), "export_route": text(nullable=False), "field": text(nullable=False),
        "volume_mt": number(nullable=False, ge=0), "note": text(), **provenance(),
    }, numeric=("volume_mt",), integer=("year",))))
_register(Table(
    "oil_route_series", "oil/route_series.csv", "Crude by route, year by year, with conflicting figures",
    "Each route's volumes year by year (full years, plans, partial periods) and the figures that disagree with them, "
    "side by side; 'used_in_exports' marks the figure oil/exports.csv uses, the others are kept to show the spread.",
    "Mt per period",
    _schema({
        "export_route": text(nullable=False), "year": _year(), "period": text(nullable=False),
        "months": number(nullable=False, ge=1, le=12), "volume_mt": number(nullable=False, ge=0),
        "value_text": text(), "basis": text(nullable=False, isin=EXPORT_BASES),
        "used_in_exports": text(nullable=False, isin=["True", "False", "true", "false", True, False]),
        "note": text(), **provenance(),
    }, numeric=("volume_mt", "months"), integer=("year",))))
_register(Table(
    "oil_published_shares", "oil/published_shares.csv", "Published shares via and around Russia",
    "Shares of crude exports that the sources themselves computed (Reuters, NUS), kept to cross-check the shares "
    "this dashboard computes from routes and geometry.", "Mt and % of exports",
    _schema({
        "year": _year(), "measure": text(nullable=False),
        "definition": text(isin=["cpc_only", "all_russian_transit", "western_via_russia", "bypassing"]),
        "volume_mt": number(ge=0), "share_pct": number(ge=0, le=100), "note": text(), **provenance(),
    }, numeric=("volume_mt", "share_pct"), integer=("year",))))
_register(Table(
    "trade", "trade/partners.csv", "Trade by partner",
    "Kazakhstan's bilateral trade (exports, imports, turnover) with its main partners, as officials and statistics "
    "agencies quoted them. 'statistics' says whose figures they are: Kazakh, Chinese customs, or a partner's mirror "
    "statistics. Where sources disagree, both rows are kept and 'preferred' marks the default.",
    "USD billion per period; share_pct in % of Kazakhstan's total turnover",
    _schema({
        "partner": text(nullable=False), "partner_name": text(), "year": _year(), "period": text(nullable=False),
        "months": number(nullable=False, ge=1, le=12),
        "flow": text(nullable=False, isin=["exports", "imports", "turnover"]),
        "value_usd_bn": number(ge=0), "value_text": text(), "share_pct": number(ge=0, le=100), "share_text": text(),
        "statistics": text(nullable=False, isin=["kazakh", "chinese", "partner"]), "basis": text(),
        "preferred": text(nullable=False, isin=["True", "False", "true", "false", True, False]),
        "note": text(), **provenance(),
    }, numeric=("value_usd_bn", "share_pct"), integer=("year", "months"))))
_register(Table(
    "partners", "partners.csv", "Partner to vector",
    "Which foreign-policy vector each partner country or aggregate belongs to.", "none",
    _schema({"partner": text(nullable=False, unique=True), "name": text(), "vector": text(nullable=False),
             "note": text()})))
_register(Table(
    "fdi", "investment/fdi.csv", "Foreign direct investment by source",
    "Gross FDI inflows by source country (2022), cumulative stocks (1993 to mid-2019) and officials' cumulative "
    "statements. Netherlands and Swiss figures partly reflect holding-company ('phantom') investment.",
    "USD billion",
    _schema({
        "partner": text(nullable=False), "year": _year(), "measure": text(nullable=False),
        "value_usd_bn": number(nullable=False, ge=0), "value_text": text(), "note": text(), **provenance(),
    }, numeric=("value_usd_bn",), integer=("year",))))
_register(Table(
    "uranium", "nuclear/uranium.csv", "Uranium: share of world output and buyers",
    "Kazakhstan's share of world uranium mine production by year, output, Kazatomprom's own share, and who buys "
    "the uranium (sales by destination, share of China's imports).", "as in 'unit' (%, kt U)",
    _schema({
        "indicator": text(nullable=False), "year": _year(), "period": text(nullable=False),
        "partner": text(nullable=False), "value": number(nullable=False, ge=0), "unit": text(nullable=False),
        "value_text": text(), "note": text(), **provenance(),
    }, numeric=("value",), integer=("year",))))
_register(Table(
    "arms_imports", "security/arms_imports.csv", "Arms imports by supplier",
    "Shares of Kazakhstan's arms imports by supplier from press summaries of SIPRI data.", "% of arms imports",
    _schema({
        "supplier": text(nullable=False), "period": text(nullable=False), "share_pct": number(nullable=False, ge=0, le=100),
        "note": text(), **provenance(),
    }, numeric=("share_pct",))))
_register(Table(
    "security_ties", "security/ties.csv", "Security ties",
    "Alliances, deployments, exercises and defence-industry ties by vector.", "none",
    _schema({"vector": text(nullable=False), "kind": text(nullable=False), "item": text(nullable=False),
             "value": text(), "year": _year(nullable=True), **provenance()}, integer=("year",))))
_register(Table(
    "memberships", "security/memberships.csv", "Memberships and formats",
    "International organisations and summit formats Kazakhstan belongs to, with the vector that leads each.", "none",
    _schema({"id": text(nullable=False, unique=True), "name": text(nullable=False), "vectors": text(nullable=False),
             "status": text(), "year": _year(nullable=True), **provenance()}, integer=("year",))))
_register(Table(
    "corridor_volumes", "corridors/volumes.csv", "Corridor volumes, capacity, targets and transit times",
    "Middle Corridor (TITR) cargo volumes 2019-2025 (Kazakh Ministry of Transport series, the default) and "
    "alternative reports, containers, capacity, targets (World Bank 2023, Aktau roadmap, Ministry of Transport), "
    "transit times, and Northern-corridor volumes for comparison.",
    "as in 'unit' (Mt, TEU, days, %)",
    _schema({
        "corridor": text(nullable=False), "indicator": text(nullable=False), "kind": text(nullable=False),
        "period": text(nullable=False), "year": _year(nullable=True), "value": number(), "value_low": number(),
        "value_high": number(), "value_text": text(nullable=False), "unit": text(nullable=False), "note": text(),
        **provenance(),
    }, numeric=("value", "value_low", "value_high"), integer=("year",))))
_register(Table(
    "corridor_comparison", "corridors/comparison.csv", "Corridor comparison",
    "Middle, Northern and southern corridors side by side: the legs of each main path (distance and countries are "
    "computed from their geometry), transit days, capacity and latest volume, each with its source.",
    "days; Mt/yr; Mt",
    _schema({
        "id": text(nullable=False, unique=True), "name": text(nullable=False), "legs": text(nullable=False),
        "path_note": text(), "transit_days_text": text(), "transit_days_low": number(ge=0),
        "transit_days_high": number(ge=0), "transit_source": text(), "transit_confidence": text(),
        "capacity_text": text(), "capacity_mt": number(ge=0), "capacity_source": text(), "capacity_confidence": text(),
        "volume_text": text(), "volume_mt": number(ge=0), "volume_year": _year(nullable=True), "volume_source": text(),
        "volume_confidence": text(), "distance_published_text": text(), "distance_source": text(),
    }, numeric=("transit_days_low", "transit_days_high", "capacity_mt", "volume_mt"), integer=("volume_year",))))
_register(Table(
    "events", "events.csv", "Events 2014-2026",
    "Timeline of events with category and the vectors involved (ISO3, EU, CA = Central Asia); 'scenario' names "
    "the scenario preset an event corresponds to, where there is one.", "none",
    _schema({
        "date": text(nullable=False), "year": _year(), "title": text(nullable=False),
        "category": text(nullable=False), "vectors": text(), "description": text(), "scenario": text(),
        **provenance(),
    }, integer=("year",))))
_register(Table(
    "vectors", "balance/vectors.csv", "Vectors",
    "The partners the balance indicator spreads ties over, with the one colour each has on every chart and map. "
    "Add a row to add a vector.", "none",
    _schema({
        "id": text(nullable=False, unique=True), "name": text(nullable=False),
        "colour": pa.Column(None, checks=[checked(pa.Check.str_matches, r"^#[0-9A-Fa-f]{6}$", error=f"{VALUE} is not "
                                                  "in the expected format ^#[0-9A-Fa-f]{6}$ (a colour: #RRGGBB)")],
                            nullable=False),
        "order": number(nullable=False), "note": text(),
    }, numeric=("order",))))
_register(Table(
    "dimensions", "balance/dimensions.csv", "Dimensions",
    "The kinds of ties the balance indicator weighs; 'computed' dimensions are filled from the data tables, "
    "'estimate' dimensions from the analyst's estimates in balance/ties.csv. Add a row to add a dimension.", "none",
    _schema({
        "id": text(nullable=False, unique=True), "name": text(nullable=False),
        "method": text(nullable=False, isin=["computed", "estimate"]), "description": text(),
        "order": number(nullable=False),
    }, numeric=("order",))))
_register(Table(
    "ties", "balance/ties.csv", "Ties by dimension and vector",
    "For each dimension and vector, the share (0-100) of Kazakhstan's ties in that dimension held by that vector; "
    "each dimension sums to 100. Cells marked 'computed' are filled from the data tables; 'estimate' cells are the "
    "analyst's, with reasoning and sources.", "% of the dimension",
    _schema({
        "dimension": text(nullable=False), "vector": text(nullable=False), "share": number(ge=0, le=100),
        "method": text(nullable=False, isin=["computed", "estimate"]), "reasoning": text(), "source": text(),
        "year": _year(nullable=True), "confidence": text(isin=CONFIDENCE),
    }, numeric=("share",), integer=("year",),
        frame_checks=(_unique_rows(["dimension", "vector"]), _estimates_need_shares))))
def _ties_by_year_checks(frame: pd.DataFrame, file: str, row_of) -> list[Problem]:
    """Each estimate covers years ``year_from``..``year_to`` (in order, the estimate's ``year`` inside them);
    the seven shares of one dimension's estimate sum to 100; one dimension's periods do not overlap."""
    out: list[Problem] = []
    for i, r in frame.iterrows():
        a, b, y = r.get("year_from"), r.get("year_to"), r.get("year")
        if pd.notna(a) and pd.notna(b) and a > b:
            out.append(Problem(file, row_of(i), "year_to", f"{b:g} is before year_from {a:g}"))
        elif pd.notna(a) and pd.notna(b) and pd.notna(y) and not a <= y <= b:
            out.append(Problem(file, row_of(i), "year", f"{y:g} is outside the years it covers ({a:g}-{b:g})"))
    if out or frame.empty:
        return out
    for (dim, a), g in frame.groupby(["dimension", "year_from"]):
        s = float(g["share"].sum())
        if abs(s - 100.0) > SHARE_TOLERANCE:
            out.append(Problem(file, row_of(g.index[0]), "share",
                               f"dimension '{dim}' from {a:g} sums to {s:.1f}, not 100"))
        if g["year_to"].nunique() > 1 or g["year"].nunique() > 1:
            out.append(Problem(file, row_of(g.index[0]), "year_to",
                               f"dimension '{dim}' from {a:g}: every vector's row needs the same year_to and year"))
    for dim, g in frame.groupby("dimension"):
        periods = g.drop_duplicates("year_from").sort_values("year_from")
        for (i, p), (_, q) in zip(periods.iterrows(), list(periods.iterrows())[1:]):
            if q["year_from"] <= p["year_to"]:
                out.append(Problem(file, row_of(q.name), "year_from", f"dimension '{dim}': {q['year_from']:g}-"
                                   f"{q['year_to']:g} overlaps {p['year_from']:g}-{p['year_to']:g}"))
    return out


_register(Table(
    "ties_by_year", "balance/ties_by_year.csv", "Estimated ties in earlier years",
    "For an estimated dimension, the analyst's shares in earlier years, one set of seven per documented change "
    "(a new security tie, the nuclear vendor decision, a new partnership format): the estimate is for 'year' and "
    "is carried over to the other years 'year_from'..'year_to' (shown as carried over). Years no row covers carry "
    "balance/ties.csv's estimate. Each row with the event, its reasoning and sources.", "% of the dimension",
    _schema({
        "dimension": text(nullable=False), "vector": text(nullable=False), "year_from": _year(),
        "year_to": _year(), "share": number(nullable=False, ge=0, le=100), "event": text(nullable=False),
        "reasoning": text(nullable=False), "source": text(nullable=False), "year": _year(),
        "confidence": text(nullable=False, isin=CONFIDENCE),
    }, numeric=("share", "year_from", "year_to", "year"), integer=("year_from", "year_to", "year"),
        frame_checks=(_unique_rows(["dimension", "year_from", "vector"]), _ties_by_year_checks))))
_register(Table(
    "weights", "balance/weights.csv", "Dimension weights",
    "How much each dimension counts in the balance indicator, with a short rationale. Weights are normalised to sum "
    "to 1, so only their ratios matter.", "relative weight",
    _schema({"dimension": text(nullable=False, unique=True), "weight": number(nullable=False, ge=0),
             "rationale": text(), "source": text(), "year": _year(nullable=True), "confidence": text(isin=CONFIDENCE)},
            numeric=("weight",), integer=("year",))))


def table_for_path(path: Path) -> Table | None:
    """The catalogue entry a file belongs to, by its path under data/ or failing that by its file name."""
    p = Path(path).as_posix()
    for t in TABLES.values():
        if p.endswith(t.path):
            return t
    matches = [t for t in TABLES.values() if t.filename == Path(path).name]
    return matches[0] if len(matches) == 1 else None


def table_for_columns(columns: list[str]) -> Table | None:
    """Best catalogue match for a CSV whose name says nothing (for example an analyst's edited copy)."""
    cols = set(columns)
    best, best_score = None, 0.0
    for t in TABLES.values():
        if t.kind != "csv":
            continue
        known = set(t.table.columns)
        if not set(t.table.required) <= cols:
            continue
        score = len(known & cols) / max(len(known | cols), 1)
        if score > best_score:
            best, best_score = t, score
    return best if best_score >= 0.6 else None


_register(Table(
    "parameters", "scenario/parameters.csv", "Scenario parameters",
    "Numbers the scenario levers need: capacities that bound the levers (sourced) and the assumptions of the "
    "illustrative models (labelled 'assumption', with reasoning).", "as in 'unit'",
    _schema({
        "id": text(nullable=False, unique=True), "value": number(nullable=False), "unit": text(nullable=False),
        "label": text(nullable=False), "kind": text(nullable=False, isin=["sourced", "assumption", "convention"]),
        "note": text(), "source": text(nullable=False), "year": _year(nullable=True),
        "confidence": text(nullable=False, isin=CONFIDENCE),
    }, numeric=("value",), integer=("year",))))
_register(Table(
    "presets", "scenario/presets.csv", "Scenario presets",
    "The three strategic assessments of the analysis brief and reference cases (CPC outage, agricultural "
    "restrictions, BRICS partnership, Middle Corridor push) as named lever settings with a two-sentence narrative.",
    "lever units (see the Scenarios page)",
    _schema({"id": text(nullable=False, unique=True), "name": text(nullable=False),
             "kind": text(nullable=False, isin=["assessment", "case"]), "narrative": text(nullable=False),
             "levers": text(nullable=False), "source": text(nullable=False)}, frame_checks=(_levers_json,))))
_register(Table(
    "recommendations", "recommendations.csv", "Recommendations",
    "The analysis brief's recommendations, grouped, each with the lever settings it would move.", "lever units",
    _schema({"id": text(nullable=False, unique=True), "group": text(nullable=False), "title": text(nullable=False),
             "text": text(), "levers": text(nullable=False), "source": text(nullable=False)},
            frame_checks=(_levers_json,))))
