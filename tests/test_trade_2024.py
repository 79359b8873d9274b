"""Trade by partner for 2024-2025 (issue 16): the mirror-statistics order, the conflicts kept side by side,
and the rule that keeps the balance's trade reference year at 2023 while China has no 2024 Kazakh figure."""
from __future__ import annotations

import pandas as pd
import pytest

from posture import dependency as dep
from posture.model import TRADE_YEAR


def _rows(*rows):
    cols = ["partner", "year", "period", "months", "flow", "value_usd_bn", "statistics", "preferred"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


def test_a_partner_figure_for_the_year_beats_a_kazakh_figure_carried_from_an_earlier_year():
    t = _rows(("UZB", 2023, "full year", 12, "turnover", 4.4, "kazakh", "True"),
              ("UZB", 2024, "full year", 12, "turnover", 4.27, "partner", "True"))
    pick = dep.pick_partner_value(t, "UZB", 2024)
    assert pick["value"] == 4.27 and "partner statistics" in pick["how"]


def test_a_kazakh_figure_for_the_year_beats_the_partner_figure():
    t = _rows(("UZB", 2024, "Jan-Jun", 6, "turnover", 2.0, "kazakh", "True"),
              ("UZB", 2024, "full year", 12, "turnover", 4.27, "partner", "True"))
    pick = dep.pick_partner_value(t, "UZB", 2024)
    assert pick["value"] == pytest.approx(4.0)  # the Kazakh half-year, annualised, not the mirror full year
    assert "partner" not in pick["how"]


def test_with_no_figure_for_the_year_the_kazakh_side_is_carried_before_the_partner_side():
    t = _rows(("KGZ", 2022, "full year", 12, "turnover", 1.0, "kazakh", "True"),
              ("KGZ", 2023, "full year", 12, "turnover", 1.3, "partner", "True"))
    pick = dep.pick_partner_value(t, "KGZ", 2025)
    assert pick["value"] == 1.0 and pick["how"] == "latest available: 2022"


def test_rows_not_preferred_are_never_picked():
    t = _rows(("TUR", 2024, "full year", 12, "turnover", 6.3, "kazakh", "False"))
    assert dep.pick_partner_value(t, "TUR", 2024) is None


def test_at_most_one_default_per_partner_period_and_statistics(dataset):
    t = dataset["trade"].copy()
    t["default"] = t["preferred"].astype(str).str.lower() == "true"
    n = t.groupby(["partner", "year", "months", "flow", "statistics"])["default"].sum()
    assert (n <= 1).all(), n[n > 1]


def test_conflicting_2024_figures_are_kept_with_the_default_named(dataset):
    t = dataset["trade"]
    tur = t[(t["partner"] == "TUR") & (t["year"] == 2024) & (t["flow"] == "turnover") & (t["months"] == 12)]
    assert sorted(tur["value_usd_bn"]) == [5.0, 6.3]
    assert dep.pick_partner_value(t, "TUR", 2024)["value"] == 5.0  # the President's figure, not the misdated 6.3
    rus = t[(t["partner"] == "RUS") & (t["year"] == 2024) & (t["flow"] == "turnover") & (t["months"] == 12)]
    assert {26.34, 28.0} <= set(rus["value_usd_bn"])
    assert dep.pick_partner_value(t, "RUS", 2024)["value"] == 28.0


def test_every_row_from_2024_on_carries_a_source_with_its_address_and_a_confidence(dataset):
    t = dataset["trade"]
    recent = t[t["year"] >= 2024]
    assert len(recent) >= 25
    assert recent["source"].str.contains(r" \| https?://", regex=True).all()
    assert recent["confidence"].isin(["high", "medium", "low"]).all()


def test_2024_covers_every_vector_but_china_and_the_reference_year_waits_for_it(dataset, model):
    """The baseline's trade year moves to 2024 only when 2024 has a figure of its own for every vector the 2023
    baseline covers. Today China's 2024 figure exists only in Chinese customs statistics (43.82), which the Kazakh
    baseline does not mix in, so 2024 carries China's 2023 Kazakh figure and TRADE_YEAR stays 2023."""
    t, p = dataset["trade"], dataset["partners"]
    base = dep.compute_trade_shares(t, p, model.vector_ids, 2023).table
    assert not base["basis"].str.contains("latest available").any()  # 2023 covers every vector with its own year
    y24 = dep.compute_trade_shares(t, p, model.vector_ids, 2024).table
    carried = sorted(v for v, b in y24["basis"].items() if "latest available" in str(b))
    assert carried == ["CHN"]
    assert TRADE_YEAR == (2023 if carried else 2024)
