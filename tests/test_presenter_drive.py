"""AppTest: the presenter's window drives the story (pages/presenter.py asks, components/story.py takes).

Two sessions share the server's rooms: the audience plays the default story, the presenter's Next leaves a request
in the room, and the audience's next run takes it before its widgets exist and lands on the step as its own Next
does (the step's scenario in the levers, the step's page, the bar). In the browser the audience's poll fragment
starts that run within half a second (tests/test_browser_presenter.py).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import state
from components import story as cs
from posture.store import dispose_all
from posture.text import md_text

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_DB_PATH", str(tmp_path / "team.db"))
    yield
    dispose_all()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def playing() -> tuple[AppTest, str]:
    """An audience window playing the default story from step 1."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/story.py")
    ok(at.run())
    ok(at.button(key=state.STORY_PLAY).click().run())
    return at, at.session_state[cs.PLAY]["room"]


def presenter(room: str) -> AppTest:
    p = AppTest.from_file(APP, default_timeout=120)
    p.switch_page("pages/presenter.py")
    p.query_params["room"] = room
    return ok(p.run())


def lever(at: AppTest, name: str):
    return at.session_state[state.LEVER_KEYS[name]]


def bar_text(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_the_presenters_next_asks_and_the_audience_lands_on_the_step(model):
    audience, room = playing()
    steps = audience.session_state[cs.STORY]["steps"]
    view = presenter(room)
    assert view.button(key=state.PRESENTER_BACK).disabled  # at the first step
    ok(view.button(key=state.PRESENTER_FORWARD).click().run())
    assert cs.rooms().pending(room).index == 1
    assert any("Moving the audience window to step 2" in c.value for c in view.caption)
    ok(view.button(key=state.PRESENTER_FORWARD).click().run())  # a second click before the audience moved
    assert cs.rooms().pending(room).index == 2
    assert cs.rooms().get(room).index == 0  # asked, not moved: only the audience window moves the story

    ok(audience.run())  # the run its poll starts
    assert audience.session_state[cs.PLAY]["index"] == 2
    assert cs.rooms().pending(room) is None and cs.rooms().get(room).index == 2
    western = next(p for p in model.presets if p.id == steps[2].scenario).levers
    for name in ("reroute_mt", "western_security_pts", "cpc_outage_pct", "nuclear_vendor"):
        assert lever(audience, name) == getattr(western, name)
    assert any(f"Step 3 of {len(steps)}" in t for t in bar_text(audience))
    assert audience.slider(key=state.LEVER_KEYS["reroute_mt"]).value == western.reroute_mt  # the Scenarios page
    ok(audience.run())  # taken once: a later run stays on the step
    assert audience.session_state[cs.PLAY]["index"] == 2

    ok(view.run())  # the presenter's next second shows where the audience is
    assert [s.value for s in view.subheader] == [md_text(steps[2].title)]
    assert not any("Moving the audience" in c.value for c in view.caption)


def test_a_goto_and_the_presenters_back_move_the_audience_between_pages(model):
    audience, room = playing()
    steps = audience.session_state[cs.STORY]["steps"]
    cs.rooms().request(room, "goto", index=4)  # the CPC outage, on the routes map
    ok(audience.run())
    assert audience.session_state[cs.PLAY]["index"] == 4 and steps[4].page == "map"
    assert lever(audience, "cpc_outage_pct") == 100
    assert not audience.get("slider") or state.LEVER_KEYS["reroute_mt"] not in [s.key for s in audience.slider]
    view = presenter(room)
    ok(view.button(key=state.PRESENTER_BACK).click().run())
    ok(audience.run())
    assert audience.session_state[cs.PLAY]["index"] == 3
    assert lever(audience, "cpc_outage_pct") == 0  # step 4's scenario (isolation) has no outage
    assert any(f"Step 4 of {len(steps)}" in t for t in bar_text(audience))


def test_the_last_step_has_no_next_and_a_stopped_room_refuses(model):
    audience, room = playing()
    n = len(audience.session_state[cs.STORY]["steps"])
    cs.rooms().request(room, "goto", index=n - 1)
    ok(audience.run())
    view = presenter(room)
    assert view.button(key=state.PRESENTER_FORWARD).disabled
    ok(audience.button(key=state.STORY_STOP).click().run())
    assert cs.rooms().request(room, "next") is None
    ok(view.run())
    assert any("No story is playing" in w.value for w in view.warning)


def test_without_a_story_the_audience_draws_no_timer(monkeypatch):
    """A lever move's speed: no story playing, no polling fragment (run_every) in the audience window's runs."""
    rooms_drawn: list[str] = []
    watch = cs._watch_room
    monkeypatch.setattr(cs, "_watch_room", lambda room: (rooms_drawn.append(room), watch(room)))
    audience = AppTest.from_file(APP, default_timeout=120)
    audience.switch_page("pages/scenarios.py")
    ok(audience.run())
    ok(audience.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(5.0).run())
    assert rooms_drawn == []
    audience.switch_page("pages/story.py")
    ok(audience.run())
    ok(audience.button(key=state.STORY_PLAY).click().run())
    room = audience.session_state[cs.PLAY]["room"]
    assert rooms_drawn == [room]  # while the story plays, each run draws it
    ok(audience.button(key=state.STORY_STOP).click().run())
    assert rooms_drawn == [room] and cs.PLAY not in audience.session_state
