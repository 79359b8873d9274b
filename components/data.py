"""Cached loaders: the only place the app reads data/ or runs the model.

``st.cache_resource`` holds one Model for every session (it is read-only: nothing mutates it).
Scenario results are cached per lever setting and input tables, so moving a slider back to a
value seen before costs nothing, and a preset is computed once for every user.
"""
from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from components import state
from posture.cache import cached_model
from posture.catalog import DATA_DIR, data_dir
from posture.model import Model
from posture.problems import DataError, Problem
from posture.scenario import Levers, ScenarioInputs, ScenarioResult

STATIC_GEO = Path(__file__).resolve().parents[1] / "static" / "geo"
BASE_URLS = {"countries": "app/static/geo/countries.geojson", "water": "app/static/geo/water.geojson"}


@dataclass(frozen=True)
class Loaded:
    model: Model | None
    problems: tuple[Problem, ...]


@st.cache_resource(show_spinner="Loading and validating data/ ...")
def load_model(data_dir: str = str(DATA_DIR)) -> Loaded:
    try:
        loaded = Loaded(cached_model(Path(data_dir))[0], ())  # the validated model from disk when data/ is unchanged
    except DataError as err:
        return Loaded(None, tuple(err.problems))
    _freeze()
    return loaded


_FROZEN_PAGES: set[str] = set()


def _freeze() -> None:
    """Hide the long-lived heap from Python's cyclic garbage collector.

    The server holds a large heap that lives as long as the process (Streamlit, pandas, geopandas,
    plotly's validators, the model). The collector's full collections rescan all of it and land
    inside reruns: tens of milliseconds on a slider move. ``gc.freeze()`` moves everything alive now
    into a permanent generation the collector ignores; later objects are collected as usual.
    Measured with bench/run.py (see bench/README.md).
    """
    gc.collect()
    gc.freeze()


def freeze_after_first_render(page: str) -> None:
    """Freeze once per page, after its first full render has imported and cached what it needs."""
    if page not in _FROZEN_PAGES:
        _FROZEN_PAGES.add(page)
        _freeze()


def ensure_frame() -> None:
    """Run every page through app.py's frame.

    Streamlit treats a folder named ``pages/`` as a legacy (v1) multipage app until the main
    script has called ``st.navigation`` once in the server's life. Until then a deep link such
    as ``/map`` runs ``pages/map.py`` on its own, without the page config and the sidebar. The
    first page script to run that way switches the server to st.navigation and reruns, which
    goes through app.py and lands on the same page; so does any page run in a session that has not
    been through app.py yet (app.py sets ``state.FRAMED``).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    # A session whose first page started as a legacy page while another session was switching the server
    # (20 sessions opening deep links at once) runs it without the frame: no sidebar, and a link's levers never
    # reach the session (app.py seeds them), so its sliders start at the baseline. Rerun through the frame.
    if not st.session_state.get(state.FRAMED):
        st.rerun()


def get_model() -> Model:
    """The model, or an error on the page naming every problem in data/ (and the page stops)."""
    ensure_frame()
    loaded = load_model(str(data_dir()))
    if loaded.model is None:
        st.error("The dashboard's input data has problems, so it cannot compute the picture. Fix these files:")
        st.dataframe(pd.DataFrame([p.as_dict() for p in loaded.problems]), hide_index=True, width="stretch")
        st.stop()
    return loaded.model


def frame_key(df: pd.DataFrame | None) -> str:
    """A short content hash of a small table, for cache keys."""
    if df is None:
        return "default"
    return hashlib.sha1(pd.util.hash_pandas_object(df.astype(str), index=False).values.tobytes()).hexdigest()[:16]


def session_inputs() -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The balance inputs this session works with: the last valid edited tables, or None for the defaults."""
    return st.session_state.get(state.TIES_VALID), st.session_state.get(state.WEIGHTS_VALID)


@st.cache_resource(max_entries=64, show_spinner=False)
def _inputs(ties_key: str, weights_key: str, _ties, _weights) -> ScenarioInputs:
    model = get_model()
    if _ties is None and _weights is None:  # the model's own: its baseline came precomputed from the disk cache
        return model.default_inputs
    return model.scenario_inputs(_ties, _weights)


def scenario_inputs() -> ScenarioInputs:
    ties, weights = session_inputs()
    return _inputs(frame_key(ties), frame_key(weights), ties, weights)


@st.cache_resource(max_entries=512, show_spinner=False)
def _run(levers: Levers, inputs_key: str, _inputs: ScenarioInputs) -> tuple[ScenarioResult, ScenarioResult]:
    return get_model().run(levers, _inputs)


def run_scenario(levers: Levers) -> tuple[ScenarioResult, ScenarioResult]:
    """(baseline, scenario) for the session's inputs; cached across sessions."""
    ties, weights = session_inputs()
    key = frame_key(ties) + frame_key(weights)
    return _run(levers, key, scenario_inputs())
