"""Where the data lives: the repository's data/ folder, or ``$POSTURE_DATA_DIR``.

Apart from the catalogue (posture/catalog.py, which re-exports these names) so that what a start from the model's
disk cache imports (posture/cache.py, posture/dataset.py) never pulls in pandera and the schemas: validation
already ran when the cache was written, and the cache's key is the data's hash (tests/test_cache_imports.py).
"""
from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DATA_DIR_ENV = "POSTURE_DATA_DIR"


def data_dir() -> Path:
    """The data folder the app and the CLI read: ``$POSTURE_DATA_DIR`` when set, else the repository's data/.

    Read when used (not at import), so a test or a deployment can point a fresh process at a copy.
    """
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)
