"""The validated model kept on disk, keyed by a hash of the data and of the code that computes it.

Loading and validating data/ and computing the model takes about a second on the meeting-room
laptops (half of it pandera and geometry), on every server start and every command-line call.
:func:`cached_model` keeps the computed :class:`~posture.model.Model` as a pickle in a cache
directory outside the repository, named by :func:`cache_key`: a SHA-256 of every file under the
data directory (relative path and bytes), of every Python file of ``posture/`` and of the Python,
pandas, geopandas and shapely versions. Change one byte of any of them and the key changes, so a
stale model is never read; a cache that cannot be read or written is ignored (the model is then
simply built). Invalid data is never cached: :func:`~posture.load.load_dataset` raises first.

The directory: ``$POSTURE_CACHE_DIR``, else ``$XDG_CACHE_HOME/kz-posture``, else
``~/.cache/kz-posture``. Only this user's own files are read (the directory is created 0700).
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import logging
import os
import pickle
import platform
import tempfile
from pathlib import Path
from types import MappingProxyType

from posture.paths import DATA_DIR  # not the catalogue: reading the cache then imports no pandera
from posture.log import timed

log = logging.getLogger(__name__)

CODE_DIR = Path(__file__).resolve().parent
KEEP = 4  # cached models kept per directory (older keys are deleted)
# What every page's first run reads from the model, computed before it is pickled so that a start from the cache
# does not recompute it (the baseline's trade turnover alone took ~0.45 s of the Overview's first run):
# cached properties of the Model, then of its default ScenarioInputs (the posture by year took ~1.6 s more).
WARM_MODEL = ("vector_ids", "vector_names", "vector_colours", "dimension_ids", "dimension_names", "country_names",
              "latest_year", "oil_latest", "weights", "presets", "trade_shares", "baseline_balance", "default_inputs",
              "default_years", "dependencies_year", "inputs_year")
WARM_INPUTS = ("trade_base", "base_matrix", "computed_dims", "baseline")


def cache_dir() -> Path:
    env = os.environ.get("POSTURE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kz-posture"


def _versions() -> bytes:
    import geopandas
    import pandas
    import shapely

    return f"{platform.python_version()}|{pandas.__version__}|{geopandas.__version__}|{shapely.__version__}".encode()


def cache_key(data_dir: Path | str = DATA_DIR) -> str:
    """SHA-256 of every data file, the domain code and the library versions (see the module's docstring)."""
    h = hashlib.sha256(_versions())
    for root, tag in ((Path(data_dir), b"data"), (CODE_DIR, b"code")):
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and (tag == b"data" or p.suffix == ".py"))
        for p in files:
            h.update(tag + b"\0" + p.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:32]


def _read_only(d: dict) -> MappingProxyType:
    return MappingProxyType(d)


class _Pickler(pickle.Pickler):
    # the Dataset's tables are a read-only mapping, which pickle cannot write as is
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = lambda m: (_read_only, (dict(m),))


def _dumps(obj) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def cached_model(data_dir: Path | str = DATA_DIR, use_cache: bool = True):
    """The model for ``data_dir``: from the disk cache when its key matches, else built and stored.

    Returns ``(model, hit)``. Raises :class:`~posture.problems.DataError` for invalid data (never cached)."""
    from posture.model import Model

    data_dir = Path(data_dir)
    if not use_cache or os.environ.get("POSTURE_NO_CACHE"):
        return _build(data_dir), False
    try:
        key = cache_key(data_dir)
    except OSError as err:
        log.info("model cache key of %s cannot be computed (%s): building without the cache", data_dir, err)
        return _build(data_dir), False
    folder = cache_dir()
    path = folder / f"model-{key}.pickle"
    try:
        with path.open("rb") as fh:
            model = pickle.load(fh)
        if isinstance(model, Model) and Path(model.data.data_dir) == data_dir:
            log.info("model for %s loaded from the cache %s", data_dir, path)
            return model, True
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign cache file: build instead
        pass
    model = _build(data_dir)
    warm(model)
    _store(folder, path, model)
    return model, False


def warm(model) -> None:
    """Compute the model's cached properties a first page reads (:data:`WARM_MODEL`, :data:`WARM_INPUTS`), so
    they are pickled with it. One that fails is left to fail where it is used (a cache is never the error's place)."""
    def touch(obj, names) -> None:
        for name in names:
            try:
                getattr(obj, name)
            except Exception:  # noqa: BLE001
                pass

    touch(model, WARM_MODEL)
    if "default_inputs" in vars(model):
        touch(model.default_inputs, WARM_INPUTS)


def _build(data_dir: Path):
    from posture.load import load_dataset
    from posture.model import build_model

    with timed(f"loading and validating {data_dir}", log, slow=5.0):  # about a second is normal (pandera, geometry)
        model = build_model(load_dataset(data_dir))
    log.info("model for %s built from the data", data_dir)
    return model


def _store(folder: Path, path: Path, model) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        blob = _dumps(model)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".model-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
        old = sorted(folder.glob("model-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for p in old:
            p.unlink(missing_ok=True)
    except Exception as err:  # noqa: BLE001 - a read-only disk or an unpicklable object: run without the cache
        log.warning("model cache %s not written (%s): running without it", folder, err)
        try:
            Path(tmp).unlink(missing_ok=True)  # type: ignore[possibly-undefined]
        except Exception:  # noqa: BLE001
            pass
