"""Shared fixtures: the real data/ loaded once, and a writable copy for tests that break it on purpose."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from posture.catalog import DATA_DIR
from posture.load import load_dataset
from posture.model import build_model

ROOT = Path(__file__).resolve().parents[1]


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
