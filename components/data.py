"""Cached loaders: where the app loads the model (from posture.catalog.data_dir()) and runs it.

``st.cache_resource`` holds one Model for every session (it is read-only: nothing mutates it).
Scenario results are cached per lever setting and input tables, so moving a slider back to a
value seen before costs nothing, and a preset is computed once for every user. The caches key on the
arguments' content, hashed by Streamlit (the edited tables are a few dozen rows).
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from components import state
from posture.cache import cached_model
from posture.paths import data_dir
from posture.model import Model
from posture.problems import DataError, Problem
from posture.scenario import Levers, ScenarioInputs, ScenarioResult, evaluate_recommendations

BASE_URLS = {"countries": "app/static/geo/countries.geojson", "water": "app/static/geo/water.geojson"}


@dataclass(frozen=True)
class Loaded:
    model: Model | None
    problems: tuple[Problem, ...]


@st.cache_resource(show_spinner="Loading and validating data/ ...")
def load_model(data_dir: str) -> Loaded:
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


def session_inputs() -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The balance inputs this session works with: the last valid edited tables, or None for the defaults."""
    return st.session_state.get(state.TIES_VALID), st.session_state.get(state.WEIGHTS_VALID)


@st.cache_resource(max_entries=64, show_spinner=False)
def inputs_for(ties: pd.DataFrame | None, weights: pd.DataFrame | None) -> ScenarioInputs:
    """The scenario inputs for these balance tables (None: the data's), shared by every session."""
    model = get_model()
    if ties is None and weights is None:  # the model's own: its baseline came precomputed from the disk cache
        return model.default_inputs
    return model.scenario_inputs(ties, weights)


def scenario_inputs() -> ScenarioInputs:
    return inputs_for(*session_inputs())


@st.cache_resource(max_entries=512, show_spinner=False)
def run_with(levers: Levers, ties: pd.DataFrame | None, weights: pd.DataFrame | None,
             ) -> tuple[ScenarioResult, ScenarioResult]:
    """(baseline, scenario) for these levers and balance tables; cached across sessions."""
    return get_model().run(levers, inputs_for(ties, weights))


def run_scenario(levers: Levers) -> tuple[ScenarioResult, ScenarioResult]:
    """(baseline, scenario) for the session's inputs."""
    return run_with(levers, *session_inputs())


@st.cache_data(max_entries=16, show_spinner=False)
def ranked_recommendations(ties: pd.DataFrame | None, weights: pd.DataFrame | None) -> pd.DataFrame:
    """The analysis brief's recommendations, each one's levers applied alone to these inputs, ranked."""
    return evaluate_recommendations(inputs_for(ties, weights), get_model().data["recommendations"])
