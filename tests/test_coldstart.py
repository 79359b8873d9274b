"""The model's disk cache: a hit gives the same model; any change to the data or the code is a miss; bad data is never cached."""
from __future__ import annotations

import pandas as pd
import pytest

from posture import cache
from posture.problems import DataError
from posture.scenario import Levers


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(d))
    monkeypatch.delenv("POSTURE_NO_CACHE", raising=False)
    return d


def test_a_hit_gives_the_model_that_was_built(data_copy, cache_dir, model):
    built, hit = cache.cached_model(data_copy)
    assert not hit and len(list(cache_dir.glob("model-*.pickle"))) == 1
    again, hit = cache.cached_model(data_copy)
    assert hit
    pd.testing.assert_frame_equal(again.ties, built.ties)
    pd.testing.assert_frame_equal(again.oil, built.oil)
    lev = Levers(reroute_mt=3, cpc_outage_pct=50, cpc_outage_months=2, western_security_pts=10)
    assert again.run(lev)[1].summary() == built.run(lev)[1].summary() == model.run(lev)[1].summary()
    assert dict(again.data.tables).keys() == dict(built.data.tables).keys()


def test_a_changed_data_file_invalidates_the_cache(data_copy, cache_dir):
    first, _ = cache.cached_model(data_copy)
    p = data_copy / "scenario" / "parameters.csv"
    frame = pd.read_csv(p, dtype=str, keep_default_na=False)
    i = frame.index[frame["id"] == "trans_caspian_physical_mt"][0]
    frame.at[i, "value"] = "9"
    frame.to_csv(p, index=False)
    second, hit = cache.cached_model(data_copy)
    assert not hit
    assert first.params["trans_caspian_physical_mt"] != 9 and second.params["trans_caspian_physical_mt"] == 9
    assert cache.cached_model(data_copy)[1]


def test_a_new_file_in_data_changes_the_key(data_copy, cache_dir):
    key = cache.cache_key(data_copy)
    (data_copy / "stories" / "extra.json").write_text("[]", encoding="utf-8")
    assert cache.cache_key(data_copy) != key


def test_changed_code_changes_the_key(data_copy, tmp_path, monkeypatch):
    code = tmp_path / "code"
    code.mkdir()
    (code / "model.py").write_text("X = 1\n")
    monkeypatch.setattr(cache, "CODE_DIR", code)
    key = cache.cache_key(data_copy)
    (code / "model.py").write_text("X = 2\n")
    assert cache.cache_key(data_copy) != key


def test_invalid_data_is_never_cached(data_copy, cache_dir):
    (data_copy / "balance" / "weights.csv").write_text("dimension,weight\ntrade,heavy\n", encoding="utf-8")
    with pytest.raises(DataError):
        cache.cached_model(data_copy)
    assert not list(cache_dir.glob("model-*.pickle"))


def test_a_corrupt_or_unwritable_cache_is_ignored(data_copy, cache_dir, tmp_path, monkeypatch):
    cache.cached_model(data_copy)
    (path,) = cache_dir.glob("model-*.pickle")
    path.write_bytes(b"not a pickle")
    model, hit = cache.cached_model(data_copy)
    assert not hit and model.ties is not None
    assert cache.cached_model(data_copy)[1]  # rewritten
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(blocker / "sub"))  # a folder that cannot be made
    model, hit = cache.cached_model(data_copy)
    assert not hit and model.params


def test_the_app_loads_the_model_through_the_cache(data_copy, cache_dir):
    from components.data import load_model

    loaded = load_model.__wrapped__(str(data_copy)) if hasattr(load_model, "__wrapped__") else None
    if loaded is None:  # st.cache_resource hides the function: call it through the cache
        load_model.clear()
        loaded = load_model(str(data_copy))
    assert loaded.model is not None and not loaded.problems
    assert len(list(cache_dir.glob("model-*.pickle"))) == 1
