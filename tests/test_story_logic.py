"""The story's editing logic (posture/story.py): add, reorder, edit, remove, a step from the view on screen, files
and the rooms the presenter's window reads; every section a step can name is one the page draws."""
from __future__ import annotations

import json

import pytest

from components.story import SELECTORS
from posture import story as sto
from posture.problems import DataError
from posture.scenario import Levers
from posture.story import Step


def story():
    return [Step("overview", "One"), Step("scenarios", "Two", scenario="western"), Step("map", "Three")]


def titles(steps):
    return [s.title for s in steps]


def test_add_move_remove_return_new_lists_and_keep_the_original():
    s = story()
    assert titles(sto.add_step(s, Step("data", "Four"))) == ["One", "Two", "Three", "Four"]
    assert titles(sto.add_step(s, Step("data", "New"), after=0)) == ["One", "New", "Two", "Three"]
    assert titles(sto.move_step(s, 2, 0)) == ["Three", "One", "Two"]
    assert titles(sto.move_step(s, 0, 9)) == ["Two", "Three", "One"]  # held inside the story
    assert titles(sto.remove_step(s, 1)) == ["One", "Three"]
    assert titles(s) == ["One", "Two", "Three"]
    with pytest.raises(IndexError):
        sto.remove_step(s, 3)
    with pytest.raises(IndexError):
        sto.move_step(s, -1, 0)


def test_edit_changes_only_the_step_and_a_bad_edit_names_step_and_field_and_changes_nothing():
    s = story()
    out = sto.edit_step(s, 1, title="  Western  ", notes="Say this", section="exposure")
    assert out[1] == Step("scenarios", "Western", notes="Say this", section="exposure", scenario="western")
    assert out[0] is s[0] and out[2] is s[2]
    assert sto.edit_step(out, 1, notes="", section="")[1] == Step("scenarios", "Western", scenario="western")
    with pytest.raises(DataError) as err:
        sto.edit_step(s, 2, file="this story", title=" ", section="ranking")
    assert [(p.file, p.row, p.column) for p in err.value.problems] == [("this story", 3, "title"),
                                                                        ("this story", 3, "section")]
    assert "not a section of the map page" in err.value.problems[1].reason
    assert titles(s) == ["One", "Two", "Three"]


def test_a_section_must_belong_to_its_page():
    (step,) = sto.parse_story([{"page": "map", "title": "t", "section": "map"}])
    assert step.section == "map" and step.as_dict()["section"] == "map"
    with pytest.raises(DataError) as err:
        sto.parse_story([{"page": "overview", "title": "t", "section": "tornado"}], "s.json")
    (p,) = err.value.problems
    assert (p.row, p.column) == (1, "section") and "numbers" in p.reason


def test_every_section_has_an_element_on_its_page():
    named = {(page, sec) for page, secs in sto.SECTIONS.items() for sec in secs}
    assert named == set(SELECTORS)
    assert set(sto.SECTIONS) == set(sto.PAGES)


def test_view_step_names_the_preset_the_baseline_or_the_levers(model):
    western = next(p for p in model.presets if p.id == "western")
    step = sto.view_step("scenarios", western.levers, model.presets, section="exposure")
    assert (step.scenario, step.levers, step.section) == ("western", None, "exposure")
    assert step.title == "Scenarios: Increased Western involvement"
    base = sto.view_step("overview", Levers(), model.presets, title="Today")
    assert (base.scenario, base.levers, base.title) == (None, None, "Today")
    custom = Levers(reroute_mt=2.5, oil_price=80)
    step = sto.view_step("map", custom, model.presets)
    assert step.levers == custom and step.scenario is None and "2 levers moved" in step.title
    assert sto.view_step("map", custom, model.presets, saved="Briefing 12 March").scenario == "Briefing 12 March"
    with pytest.raises(DataError):
        sto.view_step("map", custom, model.presets, section="ranking")


def test_preset_levers_by_id_or_name(model):
    cpc = next(p for p in model.presets if p.id == "cpc_outage")
    assert sto.preset_levers(Step("map", "t", scenario="cpc_outage"), model.presets) == cpc.levers
    assert sto.preset_levers(Step("map", "t", scenario=cpc.name.upper()), model.presets) == cpc.levers
    assert sto.preset_levers(Step("map", "t", scenario="A saved one"), model.presets) is None
    assert sto.preset_levers(Step("map", "t"), model.presets) is None


def test_story_json_round_trips_and_bad_files_say_why():
    s = sto.add_step(story(), Step("scenarios", "Levers", levers=Levers(cpc_outage_pct=50), section="numbers"))
    assert sto.parse_story_text(sto.story_json(s)) == s
    assert sto.parse_story_text(sto.story_json(s).encode("utf-8")) == s
    for blob, words in ((b"\xff\xfe[", "UTF-8"), (b"[{", "not valid JSON"), (b"{}", "list of steps"),
                        (b"[" * 100_000, "")):
        with pytest.raises(DataError) as err:
            sto.parse_story_text(blob, "up.json")
        assert err.value.problems[0].file == "up.json" and words in err.value.problems[0].reason


def test_default_story_sections_are_valid_and_point_where_the_assessments_show():
    name, steps = sto.default_story()
    assert [s.section for s in steps] == ["numbers", "exposure", "exposure", "numbers", "map", "ranking"]
    assert json.loads(sto.story_json(steps))[4]["scenario"] == "cpc_outage"


def test_rooms_publish_read_close_and_stay_bounded():
    rooms = sto.Rooms(limit=2)
    pos = rooms.publish("a", "default", story(), 1, started=100.0, now=105.0)
    assert rooms.get("a") == pos and pos.current["title"] == "Two" and pos.next["title"] == "Three"
    again = rooms.publish("a", "default", story(), 2, started=100.0, now=110.0)
    assert again.seq == pos.seq + 1 and again.next is None and again.started == 100.0
    rooms.publish("b", "x", story(), 0, 0, 0)
    rooms.publish("c", "x", story(), 0, 0, 0)
    assert rooms.get("a") is None and rooms.get("c") is not None  # the oldest went first
    rooms.close("c")
    assert rooms.get("c") is None
