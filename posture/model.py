"""The computed picture: everything derived from a Dataset once, for the pages and the command line.

``build_model(dataset)`` computes the route metrics, export-route transit, crude exports with
their shares via Russia, trade, investment and energy shares, and assembles the balance
inputs with the computed dimensions filled in. It is pure (no Streamlit) and cached by the app.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from posture import dependency as dep
from posture.balance import compute_balance, normalised_weights, ties_matrix
from posture.geo import compute_capacity_by_country, compute_route_metrics
from posture.dataset import Dataset
from posture.log import timed
from posture.scenario import Levers, Preset, ScenarioInputs, parse_presets, run_scenario

log = logging.getLogger(__name__)

TRADE_YEAR = 2023
FDI_YEAR = 2022


@dataclass(frozen=True)
class Model:
    data: Dataset
    route_metrics: pd.DataFrame
    transit: pd.DataFrame
    oil: pd.DataFrame
    shares: pd.DataFrame
    trade_totals: pd.DataFrame
    investment: pd.DataFrame
    computed_shares: dict[str, pd.Series]
    ties: pd.DataFrame  # assembled: computed cells filled
    params: dict[str, float]

    # ---- names and orders
    @cached_property
    def vector_ids(self) -> list[str]:
        return self.data["vectors"].sort_values("order")["id"].tolist()

    @cached_property
    def vector_names(self) -> dict[str, str]:
        return dict(zip(self.data["vectors"]["id"], self.data["vectors"]["name"]))

    @cached_property
    def vector_colours(self) -> dict[str, str]:
        return dict(zip(self.data["vectors"]["id"], self.data["vectors"]["colour"]))

    @cached_property
    def dimension_ids(self) -> list[str]:
        return self.data["dimensions"].sort_values("order")["id"].tolist()

    @cached_property
    def dimension_names(self) -> dict[str, str]:
        return dict(zip(self.data["dimensions"]["id"], self.data["dimensions"]["name"]))

    @cached_property
    def country_names(self) -> dict[str, str]:
        names = dict(zip(self.data.countries["iso3"], self.data.countries["name"]))
        names.update({"TUR": "Türkiye"})
        return names

    @cached_property
    def latest_year(self) -> int:
        return dep.latest_full_year(self.oil)

    @cached_property
    def inputs_year(self) -> int | None:
        """The latest year behind the balance inputs (each estimated tie's year; the year of the table each
        computed dimension comes from): what the Balance, Scenarios and Recommendations charts say they run to."""
        from posture.freshness import inputs_latest_year

        return inputs_latest_year(self.data["ties"], {"trade": TRADE_YEAR, "investment": FDI_YEAR,
                                                      "energy_routes": self.latest_year})

    @cached_property
    def dependencies_year(self) -> int | None:
        """The latest year of the largest-dependency figures (crude, trade, investment, arms) on the Overview."""
        from posture.freshness import year_of_label

        arms = [year_of_label(p) for p in self.data["arms_imports"]["period"]]
        return max([self.latest_year, TRADE_YEAR, FDI_YEAR] + [y for y in arms if y])

    @cached_property
    def oil_latest(self) -> pd.DataFrame:
        return dep.select_period(self.oil, self.latest_year)

    @cached_property
    def capacity_by_country(self) -> pd.DataFrame:
        return compute_capacity_by_country(self.data.routes, self.route_metrics)

    @cached_property
    def weights(self) -> pd.Series:
        return normalised_weights(self.data["weights"], self.dimension_ids)

    @cached_property
    def presets(self) -> list[Preset]:
        return parse_presets(self.data["presets"])

    @cached_property
    def trade_shares(self) -> dep.TradeShares:
        return dep.compute_trade_shares(self.data["trade"], self.data["partners"], self.vector_ids, TRADE_YEAR)

    def scenario_inputs(self, ties: pd.DataFrame | None = None, weights: pd.DataFrame | None = None) -> ScenarioInputs:
        """Inputs for the scenario engine; ``ties``/``weights`` replace the defaults (edited on the Balance page)."""
        w = normalised_weights(weights, self.dimension_ids) if weights is not None else self.weights
        return ScenarioInputs(
            oil_year=self.oil_latest, trade=self.data["trade"], partners=self.data["partners"],
            vector_ids=tuple(self.vector_ids), dimension_ids=tuple(self.dimension_ids),
            ties=self.ties if ties is None else ties, weights=w, params=self.params, trade_year=TRADE_YEAR,
        )

    @cached_property
    def default_years(self) -> list:
        """The posture by year on the default ties and weights (:func:`posture.timeline.posture_by_year`): the
        Overview's and the Balance page's chart. Warmed into the disk cache: ~1.6 s of the Overview's first run."""
        from posture.timeline import posture_by_year

        return posture_by_year(self)

    @cached_property
    def default_inputs(self) -> ScenarioInputs:
        return self.scenario_inputs()

    def run(self, levers: Levers, inputs: ScenarioInputs | None = None):
        with timed("a scenario run", log):
            return run_scenario(inputs or self.default_inputs, levers)

    @cached_property
    def baseline_balance(self):
        return compute_balance(ties_matrix(self.ties, self.vector_ids, self.dimension_ids), self.weights)


def build_model(data: Dataset) -> Model:
    # Here, not at the top: balance_inputs imports the catalogue and pandera, which a model read from the disk
    # cache never needs (posture/paths.py; tests/test_cache_imports.py).
    from posture.balance_inputs import assemble_ties

    t = data.tables
    metrics = compute_route_metrics(data.routes, data.countries)
    transit = dep.compute_export_route_transit(t["export_routes"], metrics, t["partners"])
    oil = dep.compute_oil_exports(t["oil_exports"], t["oil_export_totals"], transit)
    shares = dep.compute_share_via_russia(oil)
    vectors = t["vectors"].sort_values("order")["id"].tolist()
    trade_shares = dep.compute_trade_shares(t["trade"], t["partners"], vectors, TRADE_YEAR)
    inv = dep.compute_investment_shares(t["fdi"], t["partners"], vectors, FDI_YEAR)
    latest = dep.select_period(oil, dep.latest_full_year(oil))
    computed = {
        "trade": trade_shares.table["share_pct"],
        "energy_routes": dep.compute_energy_route_shares(latest, vectors),
        "investment": inv["share_pct"],
    }
    ties = assemble_ties(t["ties"], computed)
    params = dict(zip(t["parameters"]["id"], t["parameters"]["value"].astype(float)))
    return Model(data=data, route_metrics=metrics, transit=transit, oil=oil, shares=shares,
                 trade_totals=dep.compute_trade_totals(t["trade"]), investment=inv, computed_shares=computed,
                 ties=ties, params=params)
