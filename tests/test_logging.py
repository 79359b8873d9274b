"""The ``posture`` logger (posture/log.py): loads, validation problems, store errors and slow runs are logged;
the command line shows them on stderr with -v (stdout keeps the output); the dashboard through Streamlit's
logger settings."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from posture import log as plog
from posture.problems import DataError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def caplog_posture(caplog):
    caplog.set_level(logging.DEBUG, logger="posture")
    logging.getLogger("posture").propagate = True  # app.py hands it to Streamlit, which turns propagation off
    return caplog


def test_a_load_is_logged(caplog_posture, tmp_path, monkeypatch):
    from posture.cache import cached_model

    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path / "cache"))
    cached_model(ROOT / "data")
    cached_model(ROOT / "data")
    text = caplog_posture.text
    assert "built from the data" in text and "loaded from the cache" in text


def test_validation_problems_are_logged(caplog_posture, data_copy):
    from posture.load import load_dataset

    import pandas as pd

    ties = data_copy / "balance" / "ties.csv"
    frame = pd.read_csv(ties, dtype=str, keep_default_na=False)
    frame.loc[frame["method"] == "estimate", "share"] = "ten"
    frame.to_csv(ties, index=False)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    warn = [r for r in caplog_posture.records if r.levelno == logging.WARNING and r.name == "posture.load"]
    assert warn and f"{len(err.value.problems)} problem" in warn[0].getMessage()
    assert any("'ten' is not a number" in r.getMessage() for r in caplog_posture.records)


def test_a_store_error_is_logged(caplog_posture, tmp_path):
    from posture.store import StoreUnavailable, open_store

    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{tmp_path / 'nope' / 'store.db'}").list()
    assert any(r.levelno == logging.WARNING and r.name == "posture.store" for r in caplog_posture.records)


def test_a_slow_run_is_a_warning_and_a_quick_one_debug(caplog_posture):
    with plog.timed("something slow", slow=-1):
        pass
    with plog.timed("something quick", slow=3600):
        pass
    by = {r.getMessage().split(" took")[0]: r.levelno for r in caplog_posture.records}
    assert by["slow: something slow"] == logging.WARNING and by["something quick"] == logging.DEBUG


def test_the_cli_logs_to_stderr_with_v_only():
    cmd = [sys.executable, "-m", "posture"]
    quiet = subprocess.run([*cmd, "scenarios", "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    loud = subprocess.run([*cmd, "-v", "scenarios", "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert quiet.returncode == loud.returncode == 0 and quiet.stdout == loud.stdout  # stdout: the JSON alone
    assert quiet.stderr == "" and "INFO posture.cache: model for" in loud.stderr


def test_the_dashboard_hands_the_logger_to_streamlit():
    app = (ROOT / "app.py").read_text()
    assert "get_logger(NAME)" in app and plog.NAME == "posture"
    cfg = (ROOT / ".streamlit/config.toml").read_text()
    assert "[logger]" in cfg and 'level = "info"' in cfg
