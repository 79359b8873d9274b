"""The corridors table on the Routes map page: an empty cell reads "n/a", never "None" or "nan"."""
from __future__ import annotations

import pandas as pd

from posture import dependency as dep


def test_empty_text_cells_are_empty_strings(model):
    table = model.data["corridor_comparison"]
    assert table["distance_published_text"].isna().any(), "no empty published distance left: this test no longer tells"
    cmp = dep.compute_corridor_comparison(table, model.route_metrics, model.country_names)
    text = cmp[[k for k in cmp.columns if k != "countries" and not pd.api.types.is_numeric_dtype(cmp[k])]]
    assert not text.isna().any().any()
    assert not text.map(lambda v: str(v) in {"None", "nan", "NaN"}).any().any()


def test_the_page_shows_n_a_for_a_distance_not_published():
    from tests.test_pages import open_page

    at = open_page("pages/map.py")
    assert not at.exception
    frames = [d.value for d in at.dataframe if "Published distance" in d.value.columns]
    assert frames, "the corridors table is not on the page"
    shown = frames[0]
    assert "n/a" in set(shown["Published distance"])
    assert not shown.isna().any().any()
    assert not shown.astype(str).isin(["None", "nan"]).any().any()
    assert isinstance(shown, pd.DataFrame)
