"""A start from the model's disk cache: it imports no pandera, and the model read at the server's start
(components/serve.py, posture.cache.preload) is handed over once and never hides a data file changed since."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from posture import cache
from posture.problems import DataError

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandera", "posture.catalog", "posture.validation", "posture.load")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(d))
    monkeypatch.delenv("POSTURE_NO_CACHE", raising=False)
    return d


def _fresh_python(code: str, cache_dir: Path, data: Path) -> dict:
    env = {**os.environ, "POSTURE_CACHE_DIR": str(cache_dir), "POSTURE_DATA_DIR": str(data)}
    env.pop("POSTURE_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


LOAD = f"""
import json, sys
from posture.cache import cached_model
from posture.paths import data_dir
model, hit = cached_model(data_dir())
print(json.dumps({{"hit": hit, "loaded": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""

APP_IMPORTS = f"""
import json, sys
import components.data, components.sidebar, components.story, components.scenario, components.mapview
import components.summary, components.timeline, posture.viz.charts, posture.viz.deck
print(json.dumps({{"loaded": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def test_reading_the_cached_model_imports_no_pandera(data_copy, cache_dir):
    first = _fresh_python(LOAD, cache_dir, data_copy)
    assert not first["hit"] and "pandera" in first["loaded"]  # a miss validates: pandera is there
    again = _fresh_python(LOAD, cache_dir, data_copy)
    assert again == {"hit": True, "loaded": []}


def test_the_frame_and_the_overview_import_no_pandera(cache_dir):
    """What app.py and the Overview import at the top: the schemas come in only when something validates."""
    assert _fresh_python(APP_IMPORTS, cache_dir, ROOT / "data") == {"loaded": []}


def test_the_preloaded_model_is_handed_over_once(data_copy, cache_dir):
    assert cache.preload(data_copy) is False  # built and stored
    model, hit = cache.cached_model(data_copy)
    assert hit is False  # what the preload found, said by the call that receives it
    assert not cache._preloaded
    again, hit = cache.cached_model(data_copy)
    assert hit and again is not model  # read from disk: nothing kept in memory after the hand-over
    assert cache.preload(data_copy) is True
    assert cache.cached_model(data_copy)[1]


def test_a_file_changed_after_the_preload_is_validated(data_copy, cache_dir):
    cache.preload(data_copy)
    (data_copy / "balance" / "weights.csv").write_text("dimension,weight\ntrade,heavy\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cache.cached_model(data_copy)
    assert any(p.file.endswith("weights.csv") and "heavy" in p.reason for p in err.value.problems), err.value.problems


def test_a_valid_change_after_the_preload_gives_the_new_model(data_copy, cache_dir):
    cache.preload(data_copy)
    p = data_copy / "scenario" / "parameters.csv"
    frame = pd.read_csv(p, dtype=str, keep_default_na=False)
    i = frame.index[frame["id"] == "trans_caspian_physical_mt"][0]
    frame.at[i, "value"] = "9"
    frame.to_csv(p, index=False)
    model, hit = cache.cached_model(data_copy)
    assert not hit and model.params["trans_caspian_physical_mt"] == 9.0
