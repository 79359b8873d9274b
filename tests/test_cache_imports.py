"""A start from the model's disk cache imports no pandera (validation ran when the cache was written; the key is
the data's hash, so a changed file is validated again), and brings what the Overview's first run reads."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def test_a_changed_data_file_is_validated_with_its_message(data_copy, cache_dir):
    """The cache is keyed by the data's hash: a file changed after the model was cached is read and checked anew."""
    cache.cached_model(data_copy)
    (data_copy / "balance" / "weights.csv").write_text("dimension,weight\ntrade,heavy\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cache.cached_model(data_copy)
    assert any(p.file.endswith("weights.csv") and "heavy" in p.reason for p in err.value.problems), err.value.problems


def test_the_posture_by_year_comes_pickled_with_the_model(data_copy, cache_dir, model):
    """The Overview's chart of the years (~1.6 s to compute) is read with the model, equal to a fresh computation."""
    from posture.timeline import posture_by_year

    cache.cached_model(data_copy)
    again, hit = cache.cached_model(data_copy)
    assert hit and "default_years" in vars(again)
    fresh = posture_by_year(model)
    assert [y.year for y in again.default_years] == [y.year for y in fresh]
    assert [round(y.balance.index, 6) for y in again.default_years] == [round(y.balance.index, 6) for y in fresh]
