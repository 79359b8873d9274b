"""Investment and uranium data current to the latest sources (issue 16): the official cumulative statements on
their two bases, uranium's share of world output for every year with its default, output and buyers."""
from __future__ import annotations

import re

import pandas as pd

from posture import timeline

SHARE = "share of world uranium mine production"


def test_russia_cumulative_statements_keep_both_bases(dataset):
    """The Kazakh side sums NBK gross inflows since 2005; the Russian side gives an 'accumulated' figure about half
    of it. Both stay, each naming its side, and the default is said once."""
    f = dataset["fdi"]
    rus = f[(f["partner"] == "RUS") & f["measure"].str.startswith("cumulative investment")]
    kaz_side = rus[rus["note"].str.contains("Kazakh side|NBK gross-inflow|gross inflow of direct investment", regex=True)]
    ru_side = rus[rus["note"].str.startswith("Russian side")]
    assert {2022, 2024} <= set(ru_side["year"])
    assert {2023, 2024, 2025} <= set(kaz_side["year"])
    kaz = kaz_side.groupby("year")["value_usd_bn"].max().sort_index()
    assert kaz.is_monotonic_increasing, kaz  # a sum of inflows since 2005 can only grow
    ratio = float(ru_side.loc[ru_side["year"] == 2024, "value_usd_bn"].iloc[0]) / float(kaz.loc[2024])
    assert 0.4 < ratio < 0.6  # "about half", as the issue says
    assert rus["note"].str.contains("Default for the cumulative view").sum() == 1


def test_no_partner_only_year_becomes_a_measured_investment_year(model):
    """Rows for single partners after 2022 (Russia, Korea, the UK) have no total: the investment dimension must not
    compute shares for those years from a partial set of partners."""
    t = model.data.tables
    computed = timeline.computed_by_year(model.oil, t["trade"], t["fdi"], t["partners"], model.vector_ids)
    totals = t["fdi"][(t["fdi"]["measure"] == "gross FDI inflow") & (t["fdi"]["partner"] == "WORLD")]
    assert set(computed["investment"]) == set(totals["year"].astype(int))
    partner_years = set(t["fdi"].loc[(t["fdi"]["measure"] == "gross FDI inflow") & (t["fdi"]["partner"] != "WORLD"),
                                     "year"].astype(int))
    assert partner_years - set(computed["investment"])  # there are such years, and they are left out


def test_uranium_share_has_one_default_per_year_2009_to_2024(dataset):
    u = dataset["uranium"]
    share = u[u["indicator"] == SHARE]
    assert not share["year"].duplicated().any(), "one default per year; alternatives go under 'other estimates'"
    assert set(range(2009, 2025)) <= set(share["year"].astype(int))
    assert share["value"].between(25, 50).all()
    assert set(u.loc[u["indicator"] == SHARE + " (other estimates)", "year"]) <= set(share["year"])


def test_computed_shares_match_the_tonnes_they_cite(dataset):
    u = dataset["uranium"]
    computed = u[(u["indicator"] == SHARE) & u["value_text"].astype(str).str.startswith("computed")]
    assert len(computed) >= 8
    for _, r in computed.iterrows():
        kaz, world = (float(x.replace(",", "")) for x in re.findall(r"[\d,]+", r["value_text"]))
        assert abs(100 * kaz / world - r["value"]) < 0.06, r["year"]
        assert "computed" in r["note"] and "World Nuclear Association" in r["source"]


def test_output_reaches_2025_with_partial_periods_marked(dataset):
    u = dataset["uranium"]
    out = u[u["indicator"] == "uranium production (100% basis)"]
    assert {2021, 2022, 2023, 2024, 2025} <= set(out["year"])
    full = out[out["period"] == "full year"].set_index("year")["value"]
    for _, r in out[out["period"] != "full year"].iterrows():  # a part-year is less than the year before it in full
        assert r["value"] < full.loc[r["year"] - 1], r.to_dict()
    assert out.loc[out["year"] == 2024, "value"].iloc[0] > out.loc[out["year"] == 2023, "value"].iloc[0]


def test_full_sales_splits_add_up_to_100(dataset):
    u = dataset["uranium"]
    sales = u[(u["indicator"] == "Kazatomprom sales by destination") & (u["period"] == "full year")]
    by_year = sales.groupby("year")["value"]
    assert {2022, 2023} <= set(sales["year"])
    for year, values in by_year:
        if len(values) >= 3:
            assert abs(values.sum() - 100) <= 1, (year, values.tolist())


def test_every_investment_and_uranium_row_carries_source_year_confidence(dataset):
    for name in ("fdi", "uranium"):
        frame = dataset[name]
        for _, r in frame.iterrows():
            assert " | http" in str(r["source"]), (name, r.to_dict())
            assert r["confidence"] in ("high", "medium", "low"), (name, r.to_dict())
            assert 1990 <= int(r["year"]) <= 2026
        assert not frame.duplicated(subset=[c for c in frame.columns if c not in ("note", "source")]).any(), name


def test_estimates_and_inferences_are_labelled(dataset):
    """A figure whose year or basis is inferred says so, and the analyst's readings are marked as such."""
    f = pd.concat([dataset["fdi"].assign(t="fdi"), dataset["uranium"].assign(t="uranium")])
    text = f["note"].fillna("")
    assert text.str.contains("analyst's", case=False).sum() >= 3
    assert text.str.contains("inferred").sum() >= 2
