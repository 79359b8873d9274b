"""Every measure of spread offered beside the balance index keeps the properties the index promises (even = 100,
one partner = 0, order and weight-scale invariance, raising the dominant share lowers it), and the reference
cases read as the README's table says."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import assume, given, settings, strategies as st

from posture.balance import (
    DEFAULT_MEASURE,
    SPREAD_MEASURES,
    compute_balance,
    compute_spread_measures,
    dominance_sentence,
    index_sentence,
    reference_cases,
    shift_share,
)

VEC = ["RUS", "CHN", "EU", "USA", "TURKIC", "CA", "OTHER"]
MEASURES = sorted(SPREAD_MEASURES)

shares_row = st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=7, max_size=7).filter(
    lambda r: sum(r) > 1e-3).map(lambda r: [100 * x / sum(r) for x in r])


def matrix(rows):
    return pd.DataFrame(rows, index=[f"d{i}" for i in range(len(rows))], columns=VEC, dtype=float)


def weights(values):
    return pd.Series(values, index=[f"d{i}" for i in range(len(values))], dtype=float)


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("n", [2, 3, 7, 12])
def test_even_is_100_and_one_partner_is_0(measure, n):
    assert compute_spread_measures([1.0] * n)[measure] == pytest.approx(100)
    assert compute_spread_measures([1.0] + [0.0] * (n - 1))[measure] == pytest.approx(0)


@pytest.mark.parametrize("measure", MEASURES)
@given(row=shares_row, rnd=st.randoms(use_true_random=False), k=st.floats(min_value=1e-3, max_value=1e3))
@settings(max_examples=50, deadline=None)
def test_every_measure_is_in_range_order_and_scale_invariant(measure, row, rnd, k):
    m = compute_spread_measures(row)[measure]
    assert 0 <= m <= 100
    shuffled = list(row)
    rnd.shuffle(shuffled)
    assert compute_spread_measures(shuffled)[measure] == pytest.approx(m, abs=1e-9)
    assert compute_spread_measures([x * k for x in row])[measure] == pytest.approx(m, abs=1e-7)


@pytest.mark.parametrize("measure", MEASURES)
@given(rows=st.lists(shares_row, min_size=1, max_size=5), rnd=st.randoms(use_true_random=False),
       k=st.floats(min_value=0.01, max_value=1000))
@settings(max_examples=40, deadline=None)
def test_every_measure_ignores_vector_order_and_weight_scale_through_the_indicator(measure, rows, rnd, k):
    m = matrix(rows)
    w = weights([1.0 + i for i in range(len(rows))])
    base = compute_balance(m, w).measures[measure]
    cols = list(m.columns)
    rnd.shuffle(cols)
    assert compute_balance(m[cols], w).measures[measure] == pytest.approx(base, abs=1e-9)
    assert compute_balance(m, w * k).measures[measure] == pytest.approx(base, abs=1e-9)


@pytest.mark.parametrize("measure", MEASURES)
@given(rows=st.lists(shares_row, min_size=1, max_size=5), bump=st.floats(min_value=0.5, max_value=20))
@settings(max_examples=50, deadline=None)
def test_raising_the_dominant_vectors_share_lowers_every_measure(measure, rows, bump):
    m = matrix(rows)
    w = weights([1.0] * len(rows))
    before = compute_balance(m, w)
    dom = before.dominant
    dim = m[dom].idxmax()
    assume(m.at[dim, dom] + bump <= 100)
    after = compute_balance(shift_share(m, dim, dom, m.at[dim, dom] + bump), w)
    assert after.measures[measure] <= before.measures[measure] + 1e-9


def test_the_index_is_the_default_measure():
    m = matrix([[60, 20, 10, 5, 5, 0, 0], [30, 30, 10, 10, 10, 5, 5]])
    r = compute_balance(m, weights([2, 1]))
    assert DEFAULT_MEASURE == "partners"
    assert r.index == pytest.approx(r.measures["partners"])
    assert r.index == pytest.approx(100 * (r.effective_partners - 1) / (r.n_vectors - 1))


def test_reference_cases_read_as_the_readme_says():
    df = reference_cases().set_index("case")
    # two equal partners of seven: one step above one partner on the default, "58" on the old HHI form
    assert df.at["50/50 between two", "partners"] == pytest.approx(16.7, abs=0.05)
    assert df.at["50/50 between two", "hhi"] == pytest.approx(58.3, abs=0.05)
    assert df.at["70/30 between two", "partners"] < df.at["50/50 between two", "partners"]
    for measure in MEASURES:
        assert df.at["one partner", measure] == 0 and df.at["even over 7", measure] == 100
        assert df.at["70/30 between two", measure] <= df.at["50/50 between two", measure]


def test_kazakhstan_reads_about_half_not_87(model):
    b = model.baseline_balance
    assert 40 < b.index < 60  # 3.9 effective partners of 7
    assert b.measures["hhi"] > 80  # the form that read "87" while Russia holds over two fifths
    assert b.dominant == "RUS" and b.dominant_share > 40


def test_the_index_sentence_names_every_dominated_dimension(model):
    m = model.baseline_balance
    from posture.balance import ties_matrix

    mat = ties_matrix(model.ties, model.vector_ids, model.dimension_ids)
    text = index_sentence(m, mat, model.dimension_names, model.vector_names)
    assert text.startswith(f"Balance {m.index:.0f}/100")
    for dim, row in mat.iterrows():
        named = model.dimension_names[dim] in text
        assert named == bool(row.max() > 50), dim
    even = pd.DataFrame([[100 / 7] * 7], index=["trade"], columns=VEC)
    assert dominance_sentence(even) == "No vector holds more than 50% of any dimension."
