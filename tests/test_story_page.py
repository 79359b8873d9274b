"""AppTest: the Briefing story page (pages/story.py) and the story in the session (components/story.py).

Reorder, edit (a refused edit names the step and field, and the story stays), remove, "Add this view" from another
page, play (each step sets its scenario and its page), the team's store, and the pack carrying the session's story.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import state
from components import story as cs
from posture.store import dispose_all

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_DB_PATH", str(tmp_path / "team.db"))
    yield
    dispose_all()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def editor() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/story.py")
    return ok(at.run())


def titles(at: AppTest) -> list[str]:
    return [s.title for s in at.session_state[cs.STORY]["steps"]]


def lever(at: AppTest, name: str):
    return at.session_state[state.LEVER_KEYS[name]]


def test_the_page_lists_the_default_story_and_reorders_and_removes():
    at = editor()
    first = titles(at)
    assert first[0] == "The posture today" and len(first) == 6
    assert [m.value for m in at.markdown if m.value.startswith("**1. ")] == ["**1. The posture today**"]
    ok(at.button(key="story_down_0").click().run())
    assert titles(at)[:2] == [first[1], first[0]]
    ok(at.button(key="story_up_5").click().run())
    assert titles(at)[4:] == [first[5], first[4]]
    ok(at.button(key="story_remove_0").click().run())
    assert len(titles(at)) == 5 and first[1] not in titles(at)
    assert any("Removed step 1" in i.value for i in at.info)


def test_an_edit_is_checked_and_a_refused_one_changes_nothing():
    at = editor()
    before = list(at.session_state[cs.STORY]["steps"])
    ver = at.session_state[cs.VERSION] if cs.VERSION in at.session_state else 0
    at.text_input(key=f"story_title_{ver}_1").set_value("   ")
    save = [b for b in at.button if b.label == "Save the step"]
    ok(save[1].click().run())
    assert at.session_state[cs.STORY]["steps"] == before  # the last valid story stays
    assert any("Step 2 was not changed" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert (problems["row"].tolist(), problems["column"].tolist()) == ([2], ["title"])
    ver = at.session_state[cs.VERSION] if cs.VERSION in at.session_state else 0
    at.text_input(key=f"story_title_{ver}_1").set_value("[Western](http://evil) at last")
    at.text_area(key=f"story_notes_{ver}_1").set_value("New notes")
    at.selectbox(key=f"story_section_{ver}_1").set_value("routes")
    ok([b for b in at.button if b.label == "Save the step"][1].click().run())
    step = at.session_state[cs.STORY]["steps"][1]
    assert (step.title, step.notes, step.section, step.scenario) == (
        "[Western](http://evil) at last", "New notes", "routes", before[1].scenario)
    shown = [m.value for m in at.markdown if "evil" in m.value]
    assert shown and all(r"\[Western\]" in v for v in shown)  # titles shown as text: escaped, never a link


def test_add_this_view_from_another_page_and_play_it():
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/scenarios.py")
    at.session_state[cs.ADD_OPEN] = True
    ok(at.run())
    ok(at.selectbox(key=state.PRESET_SELECT).set_value("cpc_outage").run())
    ok(at.run())
    at.selectbox(key=cs.ADD_SECTION).set_value("routes")
    at.text_input(key=cs.ADD_TITLE).set_value("What the outage strands")
    ok(at.button(key="story_add").click().run())
    step = at.session_state[cs.STORY]["steps"][-1]
    assert (step.page, step.scenario, step.section, step.title) == ("scenarios", "cpc_outage", "routes",
                                                                   "What the outage strands")
    assert len(at.session_state[cs.STORY]["steps"]) == 7
    # play from the new step: its levers are set before the page's widgets exist, the bar names it
    ok(at.switch_page("pages/story.py").run())
    ok(at.button(key="story_play_6").click().run())
    assert at.session_state[cs.PLAY]["index"] == 6
    assert lever(at, "cpc_outage_pct") == 100 and lever(at, "cpc_outage_months") == 1
    assert any("Step 7 of 7" in p.proto.text for p in at.get("progress"))
    ok(at.button(key="story_back").click().run())  # step 6: the recommendations, on the baseline
    assert at.session_state[cs.PLAY]["index"] == 5 and lever(at, "cpc_outage_pct") == 0
    ok(at.button(key="story_stop").click().run())
    assert cs.PLAY not in at.session_state and not at.get("progress")


def test_playing_sets_each_steps_scenario_and_the_presenter_reads_the_room(model):
    at = editor()
    ok(at.button(key="story_play").click().run())
    room = at.session_state[cs.PLAY]["room"]
    steps = at.session_state[cs.STORY]["steps"]
    presets = {p.id: p for p in model.presets}
    for k in range(1, len(steps)):
        ok(at.button(key="story_next").click().run())
        want = presets[steps[k].scenario].levers if steps[k].scenario else None
        for name in ("reroute_mt", "cpc_outage_pct", "western_security_pts", "nuclear_vendor"):
            assert lever(at, name) == (getattr(want, name) if want else getattr(type(want or presets["western"]
                                                                                    .levers)(), name))
        assert cs.rooms().get(room).index == k
    presenter = AppTest.from_file(APP, default_timeout=120)
    presenter.switch_page("pages/presenter.py")
    presenter.query_params["room"] = room
    ok(presenter.run())
    assert any(steps[-1].title in s.value for s in presenter.subheader)
    assert any("The end of the story" in m.value for m in presenter.markdown)


def test_a_story_saved_for_the_team_opens_in_another_session():
    a = editor()
    ok(a.button(key="story_remove_0").click().run())
    a.text_input(key="story_store_name").set_value("March briefing")
    ok(a.button(key="story_store_save").click().run())
    assert any("Saved the story" in s.value for s in a.success)
    b = editor()
    assert len(titles(b)) == 6
    assert b.selectbox(key="story_store_pick").value == "March briefing"
    ok(b.button(key="story_store_open").click().run())
    assert titles(b) == titles(a) and b.session_state[cs.STORY]["name"] == "March briefing"


def test_the_pack_carries_the_sessions_story(monkeypatch):
    import posture.brief

    seen = {}

    def fake_pack(model, levers, inputs=None, story=None, fmt="pptx", **kw):
        seen["story"] = story
        return b"PK"

    monkeypatch.setattr(posture.brief, "build_pack", fake_pack)
    at = editor()
    ok(at.button(key="story_remove_0").click().run())
    at.session_state[state.PACK_OPEN] = True
    ok(at.run())
    ok(at.button(key=state.PACK_BUTTON).click().run())
    name, steps = seen["story"]
    assert [s.title for s in steps] == titles(at) and len(steps) == 5
    offered = lambda: [d for d in at.get("download_button") if d.proto.label.startswith("Download PPTX")]  # noqa: E731
    assert offered()
    ok(at.button(key="story_remove_0").click().run())  # the story changed: that pack no longer holds it
    assert not offered()
    assert any("prepare it again" in c.value for c in at.sidebar.caption)


def test_opening_a_saved_scenario_that_keeps_a_story_makes_it_the_sessions_story():
    a = editor()
    ok(a.button(key="story_remove_0").click().run())
    ok(a.button(key="story_remove_0").click().run())
    a.text_input(key="story_store_name").set_value("With a story")
    ok(a.button(key="story_store_save").click().run())
    b = AppTest.from_file(APP, default_timeout=120)
    b.switch_page("pages/scenarios.py")
    b.session_state[state.SCEN_KEEP_OPEN] = True
    ok(b.run())
    ok(b.button(key="saved_open").click().run())
    assert titles(b) == titles(a) and len(titles(b)) == 4
    assert any("briefing story is the session" in s.value for s in b.success)
