"""The balance indicator: properties (not just examples), validation of every kind of bad input, editing helpers."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings, strategies as st

from posture.scenario import Levers
from posture.balance import (
    compute_balance,
    compute_balance_from_exposure,
    compute_contributions,
    compute_dominance_flags,
    compute_exposure,
    compute_sensitivity,
    move_points,
    shift_share,
    ties_matrix,
)
from posture.balance_inputs import (
    diff_from_defaults,
    long_to_matrix,
    matrix_to_long,
    prepare_ties,
    rescale_dimension,
    rescale_matrix_row,
    validate_matrix,
    validate_ties,
    validate_weights,
)

ROOT = Path(__file__).resolve().parents[1]
VEC = ["RUS", "CHN", "EU", "USA", "TURKIC", "CA", "OTHER"]
DIMS = ["a", "b", "c"]


def matrix(rows: list[list[float]], vectors=VEC, dims=None) -> pd.DataFrame:
    dims = dims or [f"d{i}" for i in range(len(rows))]
    return pd.DataFrame(rows, index=dims, columns=vectors, dtype=float)


def weights(values, dims=None) -> pd.Series:
    dims = dims or [f"d{i}" for i in range(len(values))]
    return pd.Series(values, index=dims, dtype=float)


shares_row = st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=7, max_size=7).filter(
    lambda r: sum(r) > 1e-3).map(lambda r: [100 * x / sum(r) for x in r])


def test_even_spread_scores_100():
    m = matrix([[100 / 7] * 7] * 3)
    r = compute_balance(m, weights([1, 2, 3]))
    assert r.index == pytest.approx(100)
    assert r.effective_partners == pytest.approx(7)


def test_all_with_one_vector_scores_0():
    m = matrix([[100, 0, 0, 0, 0, 0, 0]] * 3)
    r = compute_balance(m, weights([1, 1, 1]))
    assert r.index == pytest.approx(0)
    assert r.effective_partners == pytest.approx(1)
    assert r.dominant == "RUS" and r.dominant_share == pytest.approx(100)


@given(st.lists(shares_row, min_size=1, max_size=6), st.data())
@settings(max_examples=60, deadline=None)
def test_index_is_between_0_and_100_and_matches_effective_partners(rows, data):
    w = data.draw(st.lists(st.floats(min_value=0.01, max_value=10), min_size=len(rows), max_size=len(rows)))
    r = compute_balance(matrix(rows), weights(w))
    assert -1e-9 <= r.index <= 100 + 1e-9
    assert 1 - 1e-9 <= r.effective_partners <= 7 + 1e-9
    assert r.exposure.sum() == pytest.approx(100)
    n = 7
    # the index is the effective partners on 0-100 (the default since December 2026); the old index stays a measure
    assert r.index == pytest.approx(100 * (r.effective_partners - 1) / (n - 1))
    assert r.measures["hhi"] == pytest.approx(100 * (1 - (1 / r.effective_partners - 1 / n) / (1 - 1 / n)))


@given(st.lists(shares_row, min_size=1, max_size=5), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_reordering_vectors_does_not_change_the_index(rows, rnd):
    m = matrix(rows)
    w = weights([1.0 + i for i in range(len(rows))])
    cols = list(m.columns)
    rnd.shuffle(cols)
    assert compute_balance(m[cols], w).index == pytest.approx(compute_balance(m, w).index)


@given(st.lists(shares_row, min_size=1, max_size=5), st.floats(min_value=0.01, max_value=1000))
@settings(max_examples=60, deadline=None)
def test_scaling_all_weights_does_not_change_the_index(rows, k):
    m = matrix(rows)
    w = weights([1.0 + i for i in range(len(rows))])
    assert compute_balance(m, w * k).index == pytest.approx(compute_balance(m, w).index)


@given(st.lists(shares_row, min_size=1, max_size=5), st.floats(min_value=0.5, max_value=20))
@settings(max_examples=60, deadline=None)
def test_raising_the_dominant_vectors_share_lowers_the_index(rows, bump):
    m = matrix(rows)
    w = weights([1.0] * len(rows))
    before = compute_balance(m, w)
    dom = before.dominant
    dim = m[dom].idxmax()
    assume(m.at[dim, dom] + bump <= 100)
    after = compute_balance(shift_share(m, dim, dom, m.at[dim, dom] + bump), w)
    assert after.index <= before.index + 1e-9


def test_exposure_is_the_weighted_mean():
    m = matrix([[60, 40, 0, 0, 0, 0, 0], [0, 0, 100, 0, 0, 0, 0]])
    e = compute_exposure(m, weights([3, 1]))
    assert e["RUS"] == pytest.approx(45) and e["CHN"] == pytest.approx(30) and e["EU"] == pytest.approx(25)
    contrib = compute_contributions(m, weights([3, 1]))
    assert contrib.sum(axis=0)["RUS"] == pytest.approx(45)


def test_dominance_flags():
    m = matrix([[51, 49, 0, 0, 0, 0, 0], [50, 50, 0, 0, 0, 0, 0]], dims=["x", "y"])
    f = compute_dominance_flags(m)
    assert f["dimension"].tolist() == ["x"]


def test_shift_and_move_keep_rows_at_100():
    m = matrix([[40, 20, 20, 10, 5, 5, 0]])
    assert shift_share(m, "d0", "RUS", 70).loc["d0"].sum() == pytest.approx(100)
    moved = move_points(m, "d0", {"USA": 10, "EU": 5}, {"RUS": 1})
    assert moved.loc["d0"].sum() == pytest.approx(100)
    assert moved.at["d0", "RUS"] == pytest.approx(25) and moved.at["d0", "USA"] == pytest.approx(20)
    back = move_points(m, "d0", {"RUS": -10})
    assert back.loc["d0"].sum() == pytest.approx(100) and back.at["d0", "RUS"] == pytest.approx(30)
    capped = move_points(m, "d0", {"USA": 80}, {"RUS": 1})  # cannot take more than Russia has
    assert capped.loc["d0"].min() >= 0 and capped.loc["d0"].sum() == pytest.approx(100)


def test_sensitivity_ranks_by_swing(model):
    m = long_to_matrix(model.ties, model.vector_ids, model.dimension_ids)
    s = compute_sensitivity(m, model.weights)
    assert (s["swing"].diff().dropna() <= 1e-9).all()
    assert len(s) == m.size + len(m.index)
    assert s.iloc[0]["swing"] > 0


# ---------------------------------------------------------------- validation of the ties and weights tables

def ties_frame(rows):
    return pd.DataFrame(rows, columns=["dimension", "vector", "share", "method", "reasoning", "source", "year",
                                       "confidence"])


def test_valid_default_ties(model):
    assert validate_ties(model.ties, model.vector_ids, model.dimension_ids) == []


@pytest.mark.parametrize("share, reason", [
    (120, "out of range"), (-5, "out of range"), ("", "is empty"), ("ten", "is not a number"),
])
def test_bad_cells(share, reason):
    df = ties_frame([["a", "RUS", share, "estimate", "r", "s", 2024, "low"],
                     ["a", "CHN", 50, "estimate", "r", "s", 2024, "low"]])
    problems = validate_ties(df, VEC, DIMS)
    assert any(p.row == 2 and p.column == "share" and reason in p.reason for p in problems), problems


def test_unknown_vector_and_dimension():
    df = ties_frame([["a", "MARS", 100, "estimate", "r", "s", 2024, "low"],
                     ["zz", "RUS", 100, "estimate", "r", "s", 2024, "low"]])
    problems = validate_ties(df, VEC, DIMS)
    assert any(p.column == "vector" and "MARS" in p.reason for p in problems)
    assert any(p.column == "dimension" and "zz" in p.reason for p in problems)


def test_dimension_not_summing_to_100_and_rescale():
    # a complete table (every dimension has every vector: a missing cell is refused, not counted as 0)
    df = ties_frame([["a", v, 60 if v in ("RUS", "CHN") else 0, "estimate", "r", "s", 2024, "low"] for v in VEC])
    problems = validate_ties(df, VEC, ["a"])
    assert any("sums to 120.0, not 100" in p.reason for p in problems)
    fixed = rescale_dimension(df, "a")
    assert fixed["share"].sum() == pytest.approx(100) and validate_ties(fixed, VEC, ["a"]) == []


def test_weights_validation():
    ok = pd.DataFrame({"dimension": ["a", "b", "c"], "weight": [1, 0, 2], "rationale": ["", "", ""]})
    assert validate_weights(ok, DIMS) == []
    zero = pd.DataFrame({"dimension": DIMS, "weight": [0, 0, 0], "rationale": ["", "", ""]})
    assert "all weights are zero" in validate_weights(zero, DIMS)[0].reason
    neg = pd.DataFrame({"dimension": ["a", "q"], "weight": [-1, "x"], "rationale": ["", ""]})
    reasons = " | ".join(str(p) for p in validate_weights(neg, DIMS))
    assert "row 2, column 'weight'" in reasons and "'x' is not a number" in reasons


def test_matrix_editor_rules_name_cells():
    names_v = dict(zip(VEC, VEC))
    names_d = {"a": "Alpha", "b": "Beta"}
    m = pd.DataFrame([[50, 60, 0, 0, 0, 0, 0], [np.nan, 100, 0, 0, 0, 0, 0]], index=["a", "b"], columns=VEC)
    problems = validate_matrix(m, names_v, names_d)
    assert any(p.row == "Alpha" and p.column == "sum" and "sums to 110.0" in p.reason for p in problems)
    assert any(p.row == "Beta" and p.column == "RUS" and "is empty" in p.reason for p in problems)
    assert rescale_matrix_row(m, "a").loc["a"].sum() == pytest.approx(100)


def test_matrix_round_trip_keeps_derivation(model):
    m = long_to_matrix(model.ties, model.vector_ids, model.dimension_ids)
    back = matrix_to_long(m, model.ties)
    assert diff_from_defaults(back, model.ties, ["dimension", "vector"], "share").empty
    assert set(back[back["dimension"] == "trade"]["method"]) == {"computed"}
    m.at["trade", "RUS"] += 5
    m.at["trade", "CHN"] -= 5
    edited = matrix_to_long(m, model.ties)
    assert set(edited[edited["dimension"] == "trade"]["method"]) == {"estimate"}  # an override now
    assert "override" in edited[(edited["dimension"] == "trade")]["reasoning"].iloc[0]
    log = diff_from_defaults(edited, model.ties, ["dimension", "vector"], "share")
    assert len(log) == 2 and set(log["change"]) == {"changed"}


def test_balance_from_exposure_single_vector():
    assert compute_balance_from_exposure(pd.Series({"A": 100.0})).index == 0


# ---------------------------------------------------------------- command line

def cli(*args):
    return subprocess.run([sys.executable, "-m", "posture", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_balance_json():
    r = cli("balance", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"index", "effective_partners", "dominant", "exposure"} <= set(d)
    assert sum(d["exposure"].values()) == pytest.approx(100, abs=0.05)
    assert d["dominant"] == "RUS"


def test_cli_balance_with_files(tmp_path, model):
    ties = model.data["ties"].copy()
    ties.loc[(ties["dimension"] == "security") & (ties["vector"] == "RUS"), "share"] = 30
    ties.loc[(ties["dimension"] == "security") & (ties["vector"] == "USA"), "share"] = 40
    f = tmp_path / "my_ties.csv"
    ties.to_csv(f, index=False)
    w = tmp_path / "w.csv"
    model.data["weights"].assign(weight=1).to_csv(w, index=False)
    base = json.loads(cli("balance", "--json").stdout)["index"]
    r = cli("balance", "--ties", str(f), "--weights", str(w), "--json")
    assert r.returncode == 0, r.stdout
    assert json.loads(r.stdout)["index"] != base


def test_cli_balance_invalid_files(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("dimension,vector,share,method,reasoning,source,year,confidence\nsecurity,RUS,x,estimate,r,s,2024,high\n")
    r = cli("balance", "--ties", str(bad), "--json")
    assert r.returncode == 1
    assert r.stdout.strip().splitlines() == [f"{bad.as_posix()}, row 2, column 'share': 'x' is not a number"]
    missing = cli("balance", "--weights", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "cannot be read" in missing.stdout and "Traceback" not in missing.stderr


def test_an_analyst_can_add_a_vector_and_a_dimension(data_copy):
    """Vectors and dimensions are rows of data: add one of each and the indicator counts them."""
    from posture.load import load_dataset
    from posture.model import build_model

    with open(data_copy / "balance/vectors.csv", "a") as f:
        f.write("GULF,Gulf states,#A0522D,8,UAE and the Gulf\n")
    with open(data_copy / "balance/dimensions.csv", "a") as f:
        f.write("education,Education,estimate,Students abroad by destination,8\n")
    with open(data_copy / "balance/weights.csv", "a") as f:
        f.write("education,0.05,students shape long-run ties,analyst's test,2026,low\n")
    ties = pd.read_csv(data_copy / "balance/ties.csv", dtype=str)
    extra = []
    for dim in ties.loc[ties["method"] == "estimate", "dimension"].unique():
        extra.append({"dimension": dim, "vector": "GULF", "share": "0", "method": "estimate",
                      "reasoning": "Analyst's estimate: test row", "source": "test", "year": "2026", "confidence": "low"})
    shares = {"RUS": 40, "CHN": 10, "EU": 10, "USA": 10, "TURKIC": 20, "CA": 5, "OTHER": 3, "GULF": 2}
    for v, x in shares.items():
        extra.append({"dimension": "education", "vector": v, "share": str(x), "method": "estimate",
                      "reasoning": "Analyst's estimate: test row", "source": "test", "year": "2026", "confidence": "low"})
    for dim in ties.loc[ties["method"] == "computed", "dimension"].unique():
        extra.append({"dimension": dim, "vector": "GULF", "share": "", "method": "computed", "reasoning": "computed",
                      "source": "", "year": "", "confidence": ""})
    pd.concat([ties, pd.DataFrame(extra)]).to_csv(data_copy / "balance/ties.csv", index=False)
    model = build_model(load_dataset(data_copy))
    assert "GULF" in model.vector_ids and "education" in model.dimension_ids
    r = model.baseline_balance
    assert r.n_vectors == 8 and len(r.exposure) == 8
    assert r.exposure.sum() == pytest.approx(100)
    base, scen = model.run(Levers(western_security_pts=5))
    assert scen.matrix.shape == (8, 8)


# ---------------------------------------------------------------- files from analysts: used, or refused by cell


def test_cli_header_only_ties_file_is_refused(tmp_path):
    f = tmp_path / "ties.csv"
    f.write_text("dimension,vector,share,method,reasoning,source,year,confidence\n")
    for args in (("balance", "--ties", str(f)), ("validate", str(f))):
        r = cli(*args)
        assert r.returncode == 1, r.stdout
        assert r.stdout.strip() == f"{f.as_posix()}: has no rows: the ties table needs one row per dimension and vector"
        assert "nan" not in r.stdout


def test_cli_ties_file_missing_a_cell_is_refused(tmp_path, model):
    ties = model.data["ties"]
    f = tmp_path / "ties.csv"
    ties[~((ties["dimension"] == "security") & (ties["vector"] == "OTHER"))].to_csv(f, index=False)
    r = cli("balance", "--ties", str(f))
    assert r.returncode == 1
    assert "dimension 'security' has no row for OTHER" in r.stdout


def test_cli_weights_missing_a_dimension_or_absurd_are_refused(tmp_path, model):
    w = model.data["weights"]
    f = tmp_path / "w.csv"
    w[w["dimension"] != "security"].to_csv(f, index=False)
    r = cli("balance", "--weights", str(f))
    assert r.returncode == 1
    assert r.stdout.strip() == (f"{f.as_posix()}, column 'dimension': no row for dimension 'security': every "
                                "dimension needs a weight (0 to leave it out)")
    for value, reason in (("1e308", "1e+308 is too large"), ("inf", "inf is not a finite number")):
        big = w.astype({"weight": object}).copy()
        big.loc[0, "weight"] = value
        big.to_csv(f, index=False)
        for args in (("balance", "--weights", str(f)), ("validate", str(f))):
            r = cli(*args)
            assert r.returncode == 1 and f"row 2, column 'weight': {reason}" in r.stdout, (args, r.stdout)


def test_cli_a_share_in_a_computed_cell_is_used_and_said(tmp_path, model):
    t = model.ties.copy()  # as the page's download gives it: computed cells carry their shares
    t.loc[(t["dimension"] == "trade") & (t["vector"] == "RUS"), "share"] += 10
    t.loc[(t["dimension"] == "trade") & (t["vector"] == "EU"), "share"] -= 10
    f = tmp_path / "ties.csv"
    t.to_csv(f, index=False)
    r = cli("balance", "--ties", str(f), "--json")
    assert r.returncode == 0, r.stdout
    out = json.loads(r.stdout)
    assert out["notes"] == ["dimension 'trade': the file's shares replace the computed ones (method is now 'estimate')"]
    assert "replace the computed ones" in r.stderr
    m = ties_matrix(t, model.vector_ids, model.dimension_ids)
    assert out["index"] == pytest.approx(compute_balance(m, model.weights).index, abs=0.01)
    unchanged = tmp_path / "same.csv"
    model.ties.to_csv(unchanged, index=False)
    same = cli("balance", "--ties", str(unchanged), "--json")
    assert "notes" not in json.loads(same.stdout) and same.stderr == ""
    assert json.loads(same.stdout)["index"] == json.loads(cli("balance", "--json").stdout)["index"]


def test_cli_one_share_in_a_computed_dimension_is_refused_not_dropped(tmp_path):
    raw = pd.read_csv(ROOT / "data/balance/ties.csv", dtype=str, keep_default_na=False)
    raw.loc[(raw["dimension"] == "trade") & (raw["vector"] == "RUS"), "share"] = "40"
    f = tmp_path / "ties.csv"
    raw.to_csv(f, index=False)
    r = cli("balance", "--ties", str(f))
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{f.as_posix()}, row 2, column 'share': 40 is given for a "
                                                    "computed cell, but dimension 'trade' has empty shares")


def test_prepare_ties_keeps_the_files_reasoning_and_source(model):
    t = model.ties.copy()
    sel = (t["dimension"] == "security") & (t["vector"] == "RUS")
    t.loc[sel, "source"] = "My notes"
    out, problems, notes = prepare_ties(t, model.computed_shares, model.vector_ids, model.dimension_ids)
    assert problems == [] and notes == []
    assert out.loc[(out["dimension"] == "security") & (out["vector"] == "RUS"), "source"].iloc[0] == "My notes"
    assert set(out.loc[out["dimension"] == "trade", "method"]) == {"computed"}
