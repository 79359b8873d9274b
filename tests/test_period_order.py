"""Crude-export periods in time order (issue 16): by year, and within a year the full year before a part of it and
the plan. Sorted as text, '2024 Jan-Oct' came before '2024' and '2024 plan' after it ('J' < 'f' < 'p'), so the
share-via-Russia chart (three definitions side by side) and the crude chart drew a partial year before its own
full year."""
from __future__ import annotations

import pandas as pd

from posture import dependency as dep
from posture.viz import charts


def _labels(pairs):
    return [dep.period_label(y, p) for y, p in sorted(pairs, key=lambda yp: dep.period_sort_key(*yp))]


def test_year_first_then_full_year_partial_and_plan():
    pairs = [(2024, "plan"), (2025, "full year"), (2024, "Jan-Oct"), (2023, "full year"), (2024, "full year"),
             (2022, "full year")]
    assert _labels(pairs) == ["2022", "2023", "2024", "2024 Jan-Oct", "2024 plan", "2025"]
    # what sorting by (year, period text) gave
    assert sorted(pairs)[2:5] == [(2024, "Jan-Oct"), (2024, "full year"), (2024, "plan")]


def test_a_longer_part_of_the_year_comes_before_a_shorter_one_and_a_scenario_comes_last():
    pairs = [(2024, "H1"), (2024, "scenario"), (2024, "Jan"), (2024, "plan"), (2024, "Jan-Oct"), (2024, "full year"),
             (2024, "Q3")]
    assert _labels(pairs) == ["2024", "2024 Jan-Oct", "2024 H1", "2024 Q3", "2024 Jan", "2024 plan", "2024 scenario"]


def test_months_covered():
    assert [dep.months_covered(p) for p in ("Jan-Oct", "January-June", "H2", "Q1", "Mar", "9M", "plan")] == \
        [10, 6, 6, 3, 1, 9, 0]


def test_a_later_year_always_comes_after_an_earlier_years_plan():
    assert dep.period_sort_key(2024, "plan") < dep.period_sort_key(2025, "full year")
    assert dep.period_sort_key(2024, "scenario") < dep.period_sort_key(2025, "Jan")
    assert dep.period_sort_key(2025, "full year") < dep.period_sort_key(2025, "Jan-Oct")


def test_sort_periods_keeps_each_periods_rows_and_orders_them_by_the_columns_given():
    df = pd.DataFrame({"year": [2024, 2024, 2023, 2024, 2024], "period": ["plan", "full year", "full year", "Jan-Oct",
                                                                         "full year"],
                       "mt": [1.0, 2.0, 3.0, 4.0, 5.0]})
    out = dep.sort_periods(df, "-mt")
    assert list(zip(out["year"], out["period"], out["mt"])) == [
        (2023, "full year", 3.0), (2024, "full year", 5.0), (2024, "full year", 2.0), (2024, "Jan-Oct", 4.0),
        (2024, "plan", 1.0)]


def test_the_models_periods_are_in_time_order(model):
    assert model.shares["label"].tolist() == ["2022", "2023", "2024", "2024 Jan-Oct", "2024 plan", "2025"]
    assert list(dict.fromkeys(model.oil["label"])) == model.shares["label"].tolist()


def _text_ordered(shares: pd.DataFrame) -> pd.DataFrame:
    """The shares as the old code ordered them (by year, then the period's text)."""
    return shares.sort_values(["year", "period"]).reset_index(drop=True)


def test_the_share_via_russia_chart_draws_the_periods_in_time_order_whatever_order_it_is_given(model, dataset):
    shares = _text_ordered(model.shares)
    assert shares["label"].tolist()[2:5] == ["2024 Jan-Oct", "2024", "2024 plan"]  # the old order
    d = charts.build_share_via_russia_chart(shares, "#A1080B", dataset["oil_published_shares"]).to_dict()
    want = ["2022", "2023", "2024", "2024 Jan-Oct", "2024 plan", "2025"]
    assert d["layout"]["xaxis"]["categoryarray"] == want
    for trace in d["data"]:
        assert list(trace["x"]) == want


def test_the_crude_chart_draws_the_periods_in_time_order(model):
    d = charts.build_oil_exports_chart(model.oil, _text_ordered(model.shares), model.vector_colours).to_dict()
    assert d["layout"]["xaxis"]["categoryarray"] == ["2022", "2023", "2024", "2024 Jan-Oct", "2024 plan", "2025"]


def test_the_scenario_year_stands_right_after_its_base_year(model):
    oil, shares = dep.with_scenario_year(model.oil, model.shares, dep.select_period(model.oil), model.latest_year)
    d = charts.build_share_via_russia_chart(shares, "#A1080B").to_dict()
    cats = d["layout"]["xaxis"]["categoryarray"]
    assert cats[-2:] == [str(model.latest_year), f"{model.latest_year} scenario"]
