"""Shared fixtures: the real data/ loaded once, and a writable copy for tests that break it on purpose."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from posture.catalog import DATA_DIR
from posture.load import load_dataset
from posture.model import build_model

ROOT = Path(__file__).resolve().parents[1]

# Saved scenarios of a test run go to a fresh SQLite file, never the user's store or a team's database
# (posture/store.py reads these when a store is opened; app servers started by tests inherit them).
os.environ.pop("POSTURE_DATABASE_URL", None)
os.environ["POSTURE_DB_PATH"] = str(Path(tempfile.mkdtemp(prefix="posture-test-store-")) / "scenarios.db")


@pytest.fixture(scope="session")
def dataset():
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def model(dataset):
    return build_model(dataset)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


# Browser tests: one app server and one Debian Chromium per test module (a module may override app_url, e.g. to
# serve another data folder, and still use this browser).
@pytest.fixture(scope="module")
def app_url():
    from tests.browser import running_app

    with running_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
