"""The Balance page's inputs as an analyst uses them: type, rescale, upload, and every input used or refused by name.

AppTest reruns the whole page on each interaction; the lever's fragment path (a move reruns only the numbers)
is walked in the browser, tests/test_browser_balance.py.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import state
from posture.balance import compute_balance, normalised_weights, ties_matrix

APP = str(Path(__file__).resolve().parents[1] / "app.py")
INDEX = "Balance index (0-100)"


def open_inputs() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/balance.py")
    at.session_state[state.BAL_INPUTS_OPEN] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def index(at: AppTest) -> float:
    return float(next(m.value for m in at.metric if m.label == INDEX))


def version(at: AppTest) -> int:
    return at.session_state[state.EDITOR_VERSION] if state.EDITOR_VERSION in at.session_state else 0


def type_ties(at: AppTest, dimension: str, cells: dict) -> AppTest:
    """Type ``cells`` (vector -> value) into the ties editor's row ``dimension``, as the grid sends them."""
    row = list(at.session_state["ties_base"].index).index(dimension)
    at.session_state[f"{state.TIES_EDITOR}_{version(at)}"] = {"edited_rows": {row: cells}, "added_rows": [],
                                                              "deleted_rows": []}
    return at.run()


def type_weight(at: AppTest, dimension: str, value) -> AppTest:
    row = list(at.session_state["weights_base"]["dimension"]).index(dimension)
    at.session_state[f"{state.WEIGHTS_EDITOR}_{version(at)}"] = {"edited_rows": {row: {"weight": value}},
                                                                 "added_rows": [], "deleted_rows": []}
    return at.run()


def problems(at: AppTest) -> pd.DataFrame:
    frames = [d.value for d in at.dataframe if list(d.value.columns) == ["file", "row", "column", "reason"]]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["file", "row", "column", "reason"])


def upload(at: AppTest, which: str, name: str, content: str | bytes) -> AppTest:
    data = content.encode() if isinstance(content, str) else content
    key = state.TIES_UPLOAD if which == "ties" else state.WEIGHTS_UPLOAD
    next(u for u in at.get("file_uploader") if u.proto.id.endswith(key) or key in u.proto.id).set_value(
        (name, data, "text/csv"))
    return at.run()


def expected_index(model, ties: pd.DataFrame | None = None, weights: pd.DataFrame | None = None) -> float:
    m = ties_matrix(model.ties if ties is None else ties, model.vector_ids, model.dimension_ids)
    w = model.weights if weights is None else normalised_weights(weights, model.dimension_ids)
    return round(compute_balance(m, w).index, 1)


def ties_csv(model, changes: dict | None = None) -> pd.DataFrame:
    """The default ties table as the page's download gives it, with ``(dimension, vector) -> share`` changes."""
    t = model.ties.copy()
    for (d, v), x in (changes or {}).items():
        t.loc[(t["dimension"] == d) & (t["vector"] == v), "share"] = x
    return t


def test_rescale_scales_the_typed_row_and_the_indicator_uses_it(model):
    at = open_inputs()
    default = index(at)
    type_ties(at, "security", {"RUS": 70.0})  # the row now sums to more than 100
    assert any(p == "sum" for p in problems(at)["column"])
    assert index(at) == default  # not used yet
    next(b for b in at.button if b.label.startswith("Rescale Security")).click().run()
    assert not at.exception
    row = at.session_state["ties_base"].loc["security"]
    assert row.sum() == pytest.approx(100, abs=0.05)
    assert row["RUS"] > 60  # scaled, not back to the default
    assert problems(at).empty
    ties = at.session_state[state.TIES_VALID]
    assert ties is not None and index(at) == expected_index(model, ties)
    assert index(at) != default


def test_a_typed_150_is_named_not_clamped():
    at = open_inputs()
    default = index(at)
    type_ties(at, "political", {"CHN": 150.0})
    p = problems(at)
    assert p.iloc[0][["row", "column"]].tolist() == ["Political and diplomatic", "China"]
    assert "150 is out of range" in p.iloc[0]["reason"]
    assert not any(p["column"] == "sum"), "the cell is named, not the row sum"
    assert index(at) == default
    type_ties(at, "political", {"CHN": -5.0})
    assert "-5 is out of range" in problems(at).iloc[0]["reason"]


@pytest.mark.parametrize("value, reason", [
    (float("inf"), "not a finite number"), (1e308, "too large"), (-1.0, "too small"),
])
def test_an_absurd_weight_is_refused_by_name_and_the_page_stands(value, reason):
    at = open_inputs()
    type_ties(at, "security", {"RUS": 40.0, "USA": 30.0})
    edited = index(at)
    type_weight(at, "trade", value)
    assert not at.exception, [e.value for e in at.exception]
    p = problems(at)
    assert len(p) == 1 and p.iloc[0]["column"] == "weight" and p.iloc[0]["row"] == 2, p
    assert reason in p.iloc[0]["reason"]
    assert index(at) == edited  # the last valid inputs stay in use


def test_a_valid_ties_upload_is_used_with_its_reasoning_and_source(model):
    at = open_inputs()
    default = index(at)
    t = ties_csv(model, {("security", "RUS"): 30.0, ("security", "USA"): 40.0})
    sel = (t["dimension"] == "security") & (t["vector"].isin(["RUS", "USA"]))
    t.loc[sel, "reasoning"] = "My reading of the 2025 exercises"
    t.loc[sel, "source"] = "My own notes, 2026"
    upload(at, "ties", "my_ties.csv", t.to_csv(index=False))
    assert not at.exception, [e.value for e in at.exception]
    assert problems(at).empty
    assert at.session_state["ties_base"].at["security", "USA"] == 40.0
    assert index(at) == expected_index(model, t) != default
    assert any("my\\_ties.csv" in c.value for c in at.caption), "the page says which file the editor started from"
    used = at.session_state[state.TIES_VALID]
    cell = used[(used["dimension"] == "security") & (used["vector"] == "USA")].iloc[0]
    assert cell["reasoning"] == "My reading of the 2025 exercises" and cell["source"] == "My own notes, 2026"
    # the cell's derivation is on the page, under "where each cell comes from"
    at.session_state[state.BAL_SOURCES_OPEN] = True
    at.run()
    detail = next(d.value for d in at.dataframe if "reasoning" in d.value.columns and "share" in d.value.columns)
    assert "My own notes, 2026" in set(detail["source"])
    # an edit after the upload keeps the file's derivation and says what it replaced
    type_ties(at, "security", {"RUS": 35.0, "USA": 35.0})
    cell = at.session_state[state.TIES_VALID].query("dimension == 'security' and vector == 'USA'").iloc[0]
    assert cell["source"] == "My own notes, 2026" and "my_ties.csv: 40" in cell["reasoning"]


def test_an_invalid_upload_is_named_and_the_last_valid_inputs_stay(model):
    at = open_inputs()
    type_ties(at, "security", {"RUS": 40.0, "USA": 30.0})
    edited = index(at)
    header_only = "dimension,vector,share,method,reasoning,source,year,confidence\n"
    upload(at, "ties", "empty.csv", header_only)
    assert not at.exception
    assert "has no rows" in " ".join(problems(at)["reason"])
    assert any("not used" in e.value for e in at.error)
    assert index(at) == edited
    assert at.session_state[state.TIES_WORKING].at["security", "RUS"] == 40.0  # what was typed is still there


def test_a_share_typed_into_a_computed_cell_is_taken_and_said(model):
    at = open_inputs()
    share = model.ties.set_index(["dimension", "vector"])["share"]
    rus, eu = share[("trade", "RUS")], share[("trade", "EU")]
    t = ties_csv(model, {("trade", "RUS"): rus + 10, ("trade", "EU"): eu - 10})  # still sums to 100
    upload(at, "ties", "trade.csv", t.to_csv(index=False))
    assert problems(at).empty, problems(at)
    used = at.session_state[state.TIES_VALID]
    trade = used[used["dimension"] == "trade"]
    assert set(trade["method"]) == {"estimate"}
    assert trade.set_index("vector").at["RUS", "share"] == pytest.approx(rus + 10)
    assert f"computed: {rus:.1f}" in trade.set_index("vector").at["RUS", "reasoning"]
    said = " ".join(i.value for i in at.info) + " ".join(c.value for c in at.caption)
    assert "replace the computed ones" in said and "Now your estimate" in said
    assert index(at) == expected_index(model, t)


def test_one_share_in_a_computed_dimension_is_refused_by_cell(model):
    at = open_inputs()
    raw = pd.read_csv(Path(APP).parent / "data/balance/ties.csv", dtype=str, keep_default_na=False)
    raw.loc[(raw["dimension"] == "trade") & (raw["vector"] == "RUS"), "share"] = "40"
    upload(at, "ties", "one.csv", raw.to_csv(index=False))
    p = problems(at)
    assert len(p) == 1 and p.iloc[0]["row"] == 2 and p.iloc[0]["column"] == "share"
    assert "40 is given for a computed cell" in p.iloc[0]["reason"]
    assert at.session_state[state.TIES_VALID] is None


def test_a_downloaded_table_uploads_unchanged(model):
    at = open_inputs()
    default = index(at)
    upload(at, "ties", "ties.csv", model.ties.to_csv(index=False))
    assert problems(at).empty and index(at) == default
    assert at.session_state[state.TIES_VALID] is None  # the defaults: the computed cells stay computed


@pytest.mark.parametrize("text, weight", [
    ("dimension;weight;rationale\n{rows}", "0,4"),  # a European spreadsheet: semicolons and decimal commas
    ("dimension,weight,rationale\n{rows}", '"0,4"'),  # a quoted decimal comma
])
def test_a_decimal_comma_is_a_decimal(model, text, weight):
    at = open_inputs()
    sep = ";" if ";" in text else ","
    rows = "".join(f"{d}{sep}{weight if d == 'trade' else '0.1'}{sep}r\n" for d in model.dimension_ids)
    upload(at, "weights", "w.csv", text.format(rows=rows))
    assert problems(at).empty, problems(at)
    w = at.session_state[state.WEIGHTS_VALID]
    assert w.set_index("dimension").at["trade", "weight"] == pytest.approx(0.4)


def test_a_weights_file_missing_a_dimension_or_absurd_is_refused(model):
    at = open_inputs()
    w = model.data["weights"]
    upload(at, "weights", "w.csv", w[w["dimension"] != "security"].to_csv(index=False))
    assert "no row for dimension 'security'" in " ".join(problems(at)["reason"])
    assert at.session_state.get(state.WEIGHTS_VALID) is None
    big = w.astype({"weight": object}).copy()
    big.loc[0, "weight"] = "1e308"
    upload(at, "weights", "big.csv", big.to_csv(index=False))
    p = problems(at)
    assert p.iloc[0][["row", "column"]].tolist() == [2, "weight"] and "too large" in p.iloc[0]["reason"]


def test_a_weights_upload_keeps_its_source(model):
    at = open_inputs()
    w = model.data["weights"].copy()
    w["weight"] = 1.0
    w["source"] = "Equal weights: my test"
    upload(at, "weights", "equal.csv", w.to_csv(index=False))
    used = at.session_state[state.WEIGHTS_VALID]
    assert set(used["source"]) == {"Equal weights: my test"}
    assert index(at) == expected_index(model, weights=w)


def test_reset_after_an_upload_returns_to_the_defaults(model):
    at = open_inputs()
    default = index(at)
    upload(at, "ties", "t.csv", ties_csv(model, {("security", "RUS"): 30.0, ("security", "USA"): 40.0})
           .to_csv(index=False))
    assert index(at) != default
    at.button(key="bal_reset").click().run()
    assert index(at) == default
    assert not any("t.csv" in c.value for c in at.caption)
