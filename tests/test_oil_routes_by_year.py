"""Crude exports by route, year by year (issue 16): full years 2022-2025, the default figure of each conflict
marked once, the Germany-bound crude split out of Atyrau-Samara consistently, and the partial-year path of the
timeline still working for a year that has no full-year figures."""
from __future__ import annotations

import pandas as pd
import pytest

from posture import dependency as dep
from posture.timeline import MEASURED, PARTIAL, computed_by_year

MAIN_ROUTES = ("cpc", "atyrau_samara", "druzhba_germany", "china_pipeline", "aktau_btc")


def _used(rs: pd.DataFrame) -> pd.Series:
    return rs["used_in_exports"].astype(str).str.lower() == "true"


def test_every_year_2022_to_2025_has_a_full_year_breakdown(dataset):
    ex = dataset["oil_exports"]
    full = ex[ex["period"] == "full year"]
    assert set(full["year"]) >= {2022, 2023, 2024, 2025}
    for year in (2023, 2024, 2025):
        routes = set(full.loc[full["year"] == year, "export_route"])
        assert set(MAIN_ROUTES) <= routes, (year, set(MAIN_ROUTES) - routes)


def test_route_series_default_matches_the_exports_table(dataset):
    """Each (route, year, period) of oil/exports.csv has exactly one figure marked used_in_exports in
    oil/route_series.csv where the series has that period, and it is the same volume."""
    ex, rs = dataset["oil_exports"], dataset["oil_route_series"]
    used = rs[_used(rs)]
    checked = 0
    for r in ex.itertuples():
        same = rs[(rs["export_route"] == r.export_route) & (rs["year"] == r.year) & (rs["period"] == r.period)]
        if same.empty:
            continue
        u = used.loc[used.index.intersection(same.index)]
        assert len(u) == 1, (r.export_route, r.year, r.period, len(u))
        assert float(u["volume_mt"].iloc[0]) == pytest.approx(float(r.volume_mt)), (r.export_route, r.year)
        checked += 1
    assert checked >= 25


@pytest.mark.parametrize("year, germany", [(2024, 1.5), (2025, 2.1)])
def test_germany_is_split_out_of_atyrau_samara(dataset, year, germany):
    """The ministry's Atyrau-Samara figure counts the crude sent on to Germany; the exports table splits it, so
    the two parts add back to the published figure and the Germany part is the default Germany figure."""
    ex, rs = dataset["oil_exports"], dataset["oil_route_series"]
    full = ex[(ex["year"] == year) & (ex["period"] == "full year")].set_index("export_route")
    published = rs[(rs["export_route"] == "atyrau_samara") & (rs["year"] == year) & (rs["period"] == "full year")
                   & ~_used(rs)]
    assert len(published) == 1 and "Germany" in published["note"].iloc[0]
    assert full.at["druzhba_germany", "volume_mt"] == pytest.approx(germany)
    assert full.at["atyrau_samara", "basis"] == "derived"
    assert (full.at["atyrau_samara", "volume_mt"] + full.at["druzhba_germany", "volume_mt"]
            == pytest.approx(float(published["volume_mt"].iloc[0])))


def test_kazakhstan_china_pipeline_and_germany_year_by_year(dataset):
    rs = dataset["oil_route_series"]
    full = rs[(rs["period"] == "full year") & _used(rs)]
    china = full[full["export_route"] == "china_pipeline"].set_index("year")["volume_mt"]
    germany = full[full["export_route"] == "druzhba_germany"].set_index("year")["volume_mt"]
    assert set(china.index) >= {2022, 2023, 2024, 2025}
    assert set(germany.index) >= {2023, 2024, 2025}
    assert germany[2023] < germany[2024] < germany[2025]  # 0.993, 1.5, 2.1 Mt
    # the operator's figures beside the defaults: kept, not used
    kmg = rs[(rs["export_route"] == "china_pipeline") & rs["source"].str.contains("ar2024.kmg.kz")]
    assert set(kmg["year"]) >= {2022, 2023, 2024}
    assert (rs.loc[(rs["export_route"] == "druzhba_germany") & (rs["year"] == 2026), "basis"]
            .isin(["partial", "plan"]).all())


def test_atyrau_samara_2022_figures_side_by_side(dataset):
    rs = dataset["oil_route_series"]
    a22 = rs[(rs["export_route"] == "atyrau_samara") & (rs["year"] == 2022)]
    assert len(a22) >= 3 and _used(rs)[a22.index].sum() == 1
    assert a22.loc[_used(rs)[a22.index], "volume_mt"].iloc[0] == pytest.approx(8.0)


def test_2024_full_year_shares(model):
    """No published 2024 total: the shares divide by the sum of the routes (68.55 Mt, the plan was 68.8)."""
    s = model.shares.set_index("label").loc["2024"]
    assert s["period_kind"] == "full year"
    total = 54.9 + 7.3 + 1.5 + 1.2 + 1.5 + 2.1 + 0.05
    assert s["total_mt"] == pytest.approx(total)
    assert s["cpc_only"] == pytest.approx(100 * 54.9 / total, abs=0.01)
    assert s["all_russian_transit"] == pytest.approx(100 * (54.9 + 7.3 + 1.5 + 2.1) / total, abs=0.01)
    west = 54.9 + 7.3 + 1.5 + 2.1 + 1.5
    assert s["western_via_russia"] == pytest.approx(100 * (west - 1.5) / west, abs=0.01)
    assert s["unattributed"] < 0.1  # only the 50 kt by rail, whose transit is unknown


def test_baseline_stays_2025(model):
    assert model.latest_year == 2025
    assert dep.latest_full_year(model.oil) == 2025


def test_a_year_without_full_year_figures_is_a_partial_year(model):
    """The timeline's partial-year path: take 2024's full-year rows away and 2024 falls back to Jan-Oct."""
    d = model.data
    oil = model.oil[~((model.oil["year"] == 2024) & (model.oil["period"] == "full year"))]
    with_full = computed_by_year(model.oil, d["trade"], d["fdi"], d["partners"], model.vector_ids)
    without = computed_by_year(oil, d["trade"], d["fdi"], d["partners"], model.vector_ids)
    assert with_full["energy_routes"][2024][1] == MEASURED
    shares, status, basis = without["energy_routes"][2024]
    assert status == PARTIAL and "2024 Jan-Oct" in basis
    assert shares.sum() == pytest.approx(100, abs=1)
