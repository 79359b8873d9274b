"""The Dependencies page's uranium section (issue 16): the frames posture/uranium.py prepares, the two charts as
JSON, the page drawing them, and load rejecting a second default share for one year."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from posture import uranium as ura
from posture.load import load_dataset
from posture.problems import DataError
from posture.viz import charts
from tests.test_figures import fig_json

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _row(indicator, year, value, partner="WORLD", period="full year", value_text="", unit="%"):
    return {"indicator": indicator, "year": year, "period": period, "partner": partner, "value": value, "unit": unit,
            "value_text": value_text, "note": "", "source": f"S{year} | https://example.org/{year}",
            "confidence": "high"}


def _table(rows):
    return pd.DataFrame(rows)


def test_share_keeps_defaults_only_one_row_per_year_and_flags_computed():
    t = _table([_row(ura.SHARE, 2021, 45.0, value_text="45%"),
                _row(ura.SHARE, 2020, 40.8, value_text="computed: 19,477 / 47,731 tU"),
                _row(ura.OTHER_ESTIMATES, 2021, 44.0, value_text="about 44%"),
                _row(ura.SALES, 2021, 50.0, partner="ASIA")])
    s = ura.share_by_year(t)
    assert s["year"].tolist() == [2020, 2021]  # oldest first, the other estimate and the sales row left out
    assert s["basis"].tolist() == ["computed", "stated"]
    assert s["share_pct"].tolist() == [40.8, 45.0]
    assert ura.other_share_estimates(t)["share_pct"].tolist() == [44.0]


def test_a_second_default_for_a_year_is_refused():
    t = _table([_row(ura.SHARE, 2021, 45.0), _row(ura.SHARE, 2021, 44.0)])
    assert ura.default_share_problems(t) == [(1, 2021)]
    with pytest.raises(ValueError, match="2021"):
        ura.share_by_year(t)


def test_load_names_the_second_default(data_copy):
    path = data_copy / "nuclear" / "uranium.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    dup = next(l for l in lines if l.startswith(ura.SHARE + ",2024,"))
    path.write_text("\n".join(lines + [dup.replace(",39,%", ",40,%")]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    hits = [p for p in err.value.problems if "second default" in str(p)]
    assert len(hits) == 1 and "2024" in str(hits[0]), [str(p) for p in err.value.problems]
    assert hits[0].row == len(lines) + 1  # the appended line, as an editor counts it (header on line 1)


def test_sales_label_a_part_year_and_merge_asia_pacific():
    t = _table([_row(ura.SALES, 2022, 50, partner="Asia-Pacific"), _row(ura.SALES, 2022, 50, partner="EUROPE"),
                _row(ura.SALES, 2023, 60, partner="ASIA"), _row(ura.SALES, 2023, 40, partner="USA"),
                _row(ura.SALES, 2024, 29, partner="EUROPE", period="latest")])
    s = ura.sales_by_destination(t)
    assert dict(zip(s["year"], s["label"])) == {2022: "2022", 2023: "2023", 2024: "2024: Europe only"}
    assert s.loc[s["year"] == 2022, "destination"].tolist() == ["ASIA", "EUROPE"]
    assert s.loc[s["year"] == 2022, "destination_name"].tolist() == ["Asia-Pacific", "Europe"]
    assert s["partial"].tolist() == [False, False, False, False, True]
    assert s.set_index("destination")["vector"].to_dict()["USA"] == "USA"


def test_the_real_file_prepares(dataset):
    u = ura.prepare(dataset["uranium"])
    assert u.share["year"].is_unique and set(range(2009, 2025)) <= set(u.share["year"])
    assert (u.share["basis"] == "computed").sum() >= 8
    assert set(u.other_buyers["partner"]) >= {"RUS", "CHN"}
    assert u.output["partial"].any()


def test_share_chart_as_json(dataset):
    u = ura.prepare(dataset["uranium"])
    d = fig_json(charts.build_uranium_share_chart(u.share, u.other_estimates))
    title = d["layout"]["title"]["text"].replace("<br>", " ")
    last = u.share.iloc[-1]
    assert f"{last.share_pct:.0f}% of the world's uranium in {int(last.year)}" in title
    assert d["layout"]["title"]["subtitle"]["text"].startswith(f"Data to {int(last.year)}")
    assert d["layout"]["meta"]["data_to"] == int(last.year)
    stated = next(t for t in d["data"] if str(t.get("name", "")).startswith("Share the World Nuclear"))
    computed = next(t for t in d["data"] if str(t.get("name", "")).startswith("Computed"))
    assert computed["marker"]["symbol"] == "circle-open" and stated["marker"]["symbol"] == "circle"
    assert sorted(stated["x"] + computed["x"]) == u.share["year"].tolist()
    assert computed["x"] == u.share.loc[u.share["basis"] == "computed", "year"].tolist()


def test_buyers_chart_as_json(dataset, model):
    u = ura.prepare(dataset["uranium"])
    d = fig_json(charts.build_uranium_buyers_chart(u.sales, model.vector_colours))
    assert d["layout"]["title"]["text"].replace("<br>", " ").startswith("In 2023 Kazatomprom sold 49% to Asia")
    assert d["layout"]["title"]["subtitle"]["text"].startswith("Data to 2024")
    by = {t["name"].split(" (")[0]: t for t in d["data"]}
    assert by["Europe"]["marker"]["color"] == model.vector_colours["EU"]
    assert by["United States"]["marker"]["color"] == model.vector_colours["USA"]
    assert "2024: Europe only" in by["Europe"]["y"]
    rest = next(t for t in d["data"] if t["name"].startswith("Rest"))
    assert rest["y"] == ["2024: Europe only"] and rest["x"] == [71.0]
    assert set(d["layout"]["yaxis"]["categoryarray"]) == {"2022", "2023", "2024: Europe only"}


def test_dependencies_page_shows_the_uranium_section():
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/dependencies.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Uranium: the lever Kazakhstan holds" in [h.value for h in at.header]
    assert any("Rosatom" in str(df.value.get("measure", pd.Series()).tolist()) for df in at.dataframe)
    assert any("World Nuclear Association" in c.value for c in at.caption)
