"""Numbers first, charts a beat later: how a lever move reaches the screen.

A lever's move reruns two kinds of keyed fragments, in two passes:

1. the *head*: the numbers (summary strip, balance index). Its rerun is what the lever's
   callback asks for (:func:`lever_moved`);
2. the *charts*: the plotly figures that show the same scenario against the baseline. The head
   ends with a tiny invisible component (:func:`charts_follow`) whose script waits until the
   browser has painted the new numbers and then asks the server to rerun the charts.

Why: the browser paints nothing while it redraws plotly figures. In one pass the new numbers
reach the DOM at once but stay off screen until every chart on the block is redrawn (on the
2-core test machine with software rendering, 250-300 ms for three charts; the numbers then
appear after about 490 ms). In two passes the numbers are on screen after about the time of a
bare Streamlit app and the charts follow. Measured with bench/run.py (see bench/README.md).

Full reruns (page load, a preset, a reset, an edit of the balance inputs) draw head and charts
together, as usual; the follow component fires only after a head-only pass, once per move (it
carries the session's count of lever moves). If a newer move interrupts the charts' rerun, that
move's own head pass asks for the charts again, so the last move always reaches the charts.
tests/test_browser.py checks that both passes land.

A "painted" signal that arrives after a newer move is stale, and must not ask for the charts: the browser sends
it with its widget states, Streamlit folds it into the newer move's pending pass (head, sidebar, picker), and a
callback's ``st.rerun`` replaces the pass it runs in. Asking for the charts there dropped the head and the
sidebar of the last move: under load, after two quick moves the charts showed the baseline while the numbers and
the sidebar still named the move before (seen in CI, tests/test_browser_state.py; tests/test_follow.py). A stale
signal asks again for the newer move's own pass, whose head then asks for the charts.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components import state

_JS = """
let last = null;
export default function(component) {
  const { data, setTriggerValue } = component;
  if (!data || !data.stale || data.token === last) return;
  last = data.token;
  // after the frame that shows the new numbers: paint first, then ask for the charts
  requestAnimationFrame(() => setTimeout(() => setTriggerValue("painted", data.token), 0));
}
"""
_CSS = ":host { display: none; }"

_follow = st.components.v2.component("posture_charts_follow", js=_JS, css=_CSS)


def new_full_run() -> None:
    """app.py, at the start of every full run: no scenario view drawn yet in this run (see :func:`drawn`)."""
    st.session_state[state.VIEWS_DRAWN] = {}


def drawn(key: str) -> None:
    """Called by a keyed fragment that shows the scenario outside the page's numbers (the sidebar's box, the
    preset picker, the scenario file): every lever move reruns it with the head, so it never shows an older
    scenario than the numbers. Recorded per full run, as Streamlit keeps a fragment's key only while the last
    full run drew it: a key not drawn (a closed section, a page without a picker) is never asked for."""
    views = st.session_state.setdefault(state.VIEWS_DRAWN, {})
    views[key] = None


def lever_moved(head: Sequence[str]) -> None:
    """A lever's callback: count the move and rerun only the head fragments, with every scenario view drawn
    outside them (:func:`drawn`): the sidebar and the picker say what the numbers show."""
    st.session_state[state.LEVER_TOKEN] = st.session_state.get(state.LEVER_TOKEN, 0) + 1
    st.session_state[state.HEAD_PASS] = tuple(head)
    _rerun_head(head)


def _rerun_head(head: Sequence[str]) -> None:
    """Rerun the head fragments and every scenario view drawn outside them (raises, as ``st.rerun`` does)."""
    views = [k for k in st.session_state.get(state.VIEWS_DRAWN, {}) if k not in head]
    try:
        st.rerun([*head, *views])
    except StreamlitAPIException:  # a view's key unknown to Streamlit (never seen: the record follows its rule)
        st.rerun(list(head))


def _rerun_charts(charts: tuple[str, ...], head: tuple[str, ...], key: str) -> None:
    """The browser painted the numbers of a move: rerun the charts, unless a newer move came since (see the
    module's note): then rerun that move's head pass again, which this callback would otherwise drop."""
    signal = st.session_state.get(key)
    painted = signal.get("painted") if signal is not None else None
    if painted is not None and painted != st.session_state.get(state.LEVER_TOKEN, 0):
        _rerun_head(head)
    st.rerun(list(charts))


def charts_follow(charts: Sequence[str], head: str, key: str) -> None:
    """Call at the end of the head fragment ``head``: after a pass that reran only it, rerun ``charts``
    once the browser has painted the numbers."""
    stale = head in st.session_state.pop(state.HEAD_PASS, ())
    token = st.session_state.get(state.LEVER_TOKEN, 0)
    _follow(data={"token": token, "stale": stale}, key=key, height=0,
            on_painted_change=partial(_rerun_charts, tuple(charts), (head,), key))
