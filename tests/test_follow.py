"""How a lever move reaches the screen (components/follow.py): which fragments each callback asks to rerun.

The browser cannot order these for a test: under load, the "painted" signal of one move reaches the server
folded into the next move's pass, and a callback's ``st.rerun`` replaces the pass it runs in. In CI this left the
sidebar and the numbers one move behind (tests/test_browser_state.py::test_the_sidebar_follows_each_move). The
callbacks are called here with Streamlit's session state and ``st.rerun`` replaced by stand-ins.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from components import follow, state

HEAD = (state.FRAG_SCENARIOS,)
CHARTS = (state.FRAG_SCENARIOS_CHARTS,)
KEY = state.FOLLOW_SCENARIOS


class Rerun(Exception):
    def __init__(self, scope):
        super().__init__(scope)
        self.scope = list(scope)


@pytest.fixture
def fake_st(monkeypatch):
    session: dict = {state.VIEWS_DRAWN: {state.FRAG_PICKER: None, state.FRAG_SIDEBAR: None}}

    def rerun(scope):
        raise Rerun(scope)

    monkeypatch.setattr(follow, "st", SimpleNamespace(session_state=session, rerun=rerun))
    return session


def asked(fn, *args) -> list[str]:
    with pytest.raises(Rerun) as caught:
        fn(*args)
    return caught.value.scope


def test_a_move_reruns_the_numbers_the_sidebar_and_the_picker(fake_st):
    fake_st[state.LEVER_TOKEN] = 4
    assert asked(follow.lever_moved, HEAD) == [state.FRAG_SCENARIOS, state.FRAG_PICKER, state.FRAG_SIDEBAR]
    assert fake_st[state.LEVER_TOKEN] == 5
    assert fake_st[state.HEAD_PASS] == HEAD


def test_the_painted_signal_of_the_last_move_reruns_the_charts(fake_st):
    fake_st[state.LEVER_TOKEN] = 5
    fake_st[KEY] = {"painted": 5}
    assert asked(follow._rerun_charts, CHARTS, HEAD, KEY) == list(CHARTS)


def test_a_stale_painted_signal_keeps_the_newer_moves_pass(fake_st):
    """The signal of move 4 arrives in the pass of move 5: rerunning only the charts there dropped the numbers,
    the sidebar and the picker of move 5 (they showed move 4 until the next move)."""
    fake_st[state.LEVER_TOKEN] = 5
    fake_st[KEY] = {"painted": 4}
    assert asked(follow._rerun_charts, CHARTS, HEAD, KEY) == [
        state.FRAG_SCENARIOS, state.FRAG_PICKER, state.FRAG_SIDEBAR]


def test_a_signal_without_a_token_reruns_the_charts(fake_st):
    fake_st[state.LEVER_TOKEN] = 2
    assert asked(follow._rerun_charts, CHARTS, HEAD, KEY) == list(CHARTS)
