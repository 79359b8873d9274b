"""The transit-time chart (Dependencies page) says what the data say (issue 16): every bar is labelled with its own
row's corridor, period, basis and source, and the title's ranges are computed from the figures. It used to call
every corridor but the Middle Corridor "Northern" (the southern route's 52-60 days included) and to print
"13 to 55 days" whatever the table held."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from posture import dependency as dep
from posture.load import load_dataset
from posture.viz import charts
from posture.viz.style import LAYER_COLOURS, MUTED


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("<br>", " ")).strip()


def _fig(volumes: pd.DataFrame) -> dict:
    return charts.build_transit_time_chart(volumes).to_dict()


def _ranges(volumes: pd.DataFrame) -> pd.DataFrame:
    return volumes[(volumes["kind"] == "transit time") & volumes["value_low"].notna() & volumes["value_high"].notna()]


def test_every_bar_is_labelled_with_its_own_rows_corridor_period_basis_and_source(dataset):
    vol = dataset["corridor_volumes"]
    rows = _ranges(vol)
    d = _fig(vol)
    assert len(d["data"]) == len(rows)
    times = dep.compute_transit_times(vol)
    for trace, r in zip(d["data"], times.itertuples()):
        label = _plain(trace["y"][0])
        assert label.startswith(f"{dep.corridor_label(r.corridor)}, {r.period} ("), label
        assert label.endswith(_plain(r.basis)), label
        assert charts._short_sources([r.source], limit=1) in label
        assert trace["x"] == [r.low, r.high]
        assert trace["name"] == dep.corridor_label(r.corridor)
    # one legend entry per corridor in the table, named as the table names it
    legend = {t["name"] for t in d["data"] if t["showlegend"]}
    assert legend == {dep.corridor_label(c) for c in rows["corridor"].unique()}
    assert len(legend) >= 3  # Middle, Northern and the southern route's KTZ Express service


def test_the_southern_route_is_not_called_northern_and_has_the_southern_colour(dataset):
    d = _fig(dataset["corridor_volumes"])
    south = [t for t in d["data"] if "52-60" in t["text"][1]]
    assert len(south) == 1
    assert _plain(south[0]["y"][0]).startswith("North-south (KZ-TM-IR), Mar 2025")
    assert south[0]["line"]["color"] == LAYER_COLOURS["southern_route"]
    for t in d["data"]:
        if _plain(t["y"][0]).startswith("Northern,"):
            assert t["line"]["color"] == LAYER_COLOURS["northern_corridor"]
        if _plain(t["y"][0]).startswith("Middle"):
            assert t["line"]["color"] == LAYER_COLOURS["middle_corridor"]


def test_the_title_gives_each_corridors_span_from_the_figures(dataset):
    vol = dataset["corridor_volumes"]
    title = _plain(_fig(vol)["layout"]["title"]["text"])
    rows = _ranges(vol)
    mid = rows[rows["corridor"] == "middle (TITR)"]
    nor = rows[rows["corridor"] == "northern"]
    assert title.startswith(f"Middle (TITR): {mid['value_low'].min():g} to {mid['value_high'].max():g} days")
    assert f"Northern {nor['value_low'].min():g} to {nor['value_high'].max():g}" in title


def test_changing_a_row_in_a_copy_of_the_data_changes_the_text(data_copy):
    path = data_copy / "corridors" / "volumes.csv"
    before = _plain(_fig(load_dataset(data_copy)["corridor_volumes"])["layout"]["title"]["text"])
    assert "13 to 55 days" in before
    text = path.read_text(encoding="utf-8")
    # DHL's congestion-period range, 50-55 days, becomes 50-61
    old = "transit time,mid-2024,2024,52.5,50.0,55.0,50-55,days,"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "transit time,mid-2024,2024,55.5,50.0,61.0,50-61,days,"), encoding="utf-8")
    vol = load_dataset(data_copy)["corridor_volumes"]
    d = _fig(vol)
    after = _plain(d["layout"]["title"]["text"])
    assert "13 to 61 days" in after and "55" not in after.split(";")[0]
    assert any("50-61 days" in t["text"][1] for t in d["data"])


def test_a_corridor_the_chart_has_never_seen_is_labelled_and_drawn_grey():
    vol = pd.DataFrame([
        {"corridor": "arctic route", "indicator": "transit time (operator: Murmansk to Rotterdam)", "kind": "transit time",
         "period": "2025", "year": 2025, "value": None, "value_low": 20.0, "value_high": 24.0, "value_text": "20-24",
         "unit": "days", "note": "a note", "source": "Somewhere: a title (2025) | https://example.org/a", "confidence": "low"},
        {"corridor": "middle (TITR)", "indicator": "transit time", "kind": "transit time", "period": "2025",
         "year": 2025, "value": 15.0, "value_low": 13.0, "value_high": 17.0, "value_text": "13-17", "unit": "days",
         "note": "Ministry (official claim); reduced from 28-32 days",
         "source": "Report.az: a title (2026) | https://example.org/b", "confidence": "medium"},
    ])
    d = _fig(vol)
    names = [t["name"] for t in d["data"]]
    assert sorted(names) == ["Arctic route", "Middle (TITR)"]
    arctic = d["data"][names.index("Arctic route")]
    assert _plain(arctic["y"][0]) == "Arctic route, 2025 (Somewhere): operator: Murmansk to Rotterdam"
    assert arctic["line"]["color"] == MUTED
    mid = d["data"][names.index("Middle (TITR)")]
    assert _plain(mid["y"][0]).endswith("Ministry (official claim)")  # a plain 'transit time': its note's first clause
    # one row each: the corridor with the shortest time comes first
    assert _plain(d["layout"]["title"]["text"]) == "Middle (TITR): 13 to 17 days, by source and basis; Arctic route 20 to 24"


@pytest.mark.parametrize("indicator, note, basis", [
    ("transit time (ADY: block trains to European destinations)", "x; y", "ADY: block trains to European destinations"),
    ("transit time", "DHL market overview (congestion period); same report: 28-30 days", "DHL market overview (congestion period)"),
    ("transit time", None, ""),
])
def test_the_basis_is_the_indicators_bracket_or_the_notes_first_clause(indicator, note, basis):
    assert dep.transit_basis(indicator, note) == basis


def test_single_figures_and_ratios_are_not_drawn_but_counted(dataset):
    vol = dataset["corridor_volumes"]
    t = vol[vol["kind"] == "transit time"]
    singles = t[t["value_low"].isna() & (t["unit"] == "days")]
    d = _fig(vol)
    sub = _plain(d["layout"]["title"]["subtitle"]["text"])
    assert f"{len(singles)} single figures (no range)" in sub
    assert "World Bank (2023): Middle (TITR) 3x vs Northern route." in sub
    assert len(d["data"]) == len(_ranges(vol))
