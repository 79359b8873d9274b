"""Briefing stories: the format is validated, every problem named by step and field; the default story walks the analysis."""
from __future__ import annotations

import json

import pytest

from components.registry import PAGES as REGISTRY
from posture.problems import DataError
from posture.scenario import Levers
from posture.story import PAGES, Step, load_story, parse_story


def problems_of(doc) -> list:
    with pytest.raises(DataError) as err:
        parse_story(doc, "s.json")
    return err.value.problems


def test_story_pages_are_the_dashboards_pages():
    # the story's own pages (its editor, the presenter's window) are not views a step can show
    assert set(PAGES) == {p.url_path for p in REGISTRY} - {"story", "presenter"}


def test_default_story_walks_the_analysis(model):
    name, steps = load_story("default")
    assert name == "default"
    assessments = {p.id for p in model.presets if p.kind == "assessment"}
    assert len(assessments) == 3
    scenarios = [s.scenario for s in steps if s.scenario]
    assert steps[0].page == "overview" and steps[0].scenario is None and steps[0].levers is None  # the posture today
    assert assessments <= set(scenarios)
    assert "cpc_outage" in scenarios
    assert steps[-1].page == "recommendations"
    preset_ids = {p.id for p in model.presets}
    assert set(scenarios) <= preset_ids, "every scenario the default story names is a preset"
    assert all(s.title and s.notes for s in steps)


def test_a_step_with_levers_keeps_the_other_defaults():
    (step,) = parse_story([{"page": "scenarios", "title": "Outage", "levers": {"cpc_outage_pct": 50,
                                                                               "cpc_outage_months": 2}}])
    assert step.levers == Levers(cpc_outage_pct=50, cpc_outage_months=2)
    assert parse_story([step.as_dict()]) == [step]


@pytest.mark.parametrize("doc, row, column, words", [
    ({"page": "overview"}, None, None, "list of steps"),
    ([], None, None, "no steps"),
    (["overview"], 1, None, "object"),
    ([{"page": "front", "title": "t"}], 1, "page", "not a page"),
    ([{"page": "overview"}], 1, "title", "non-empty"),
    ([{"page": "overview", "title": "  "}], 1, "title", "non-empty"),
    ([{"page": "overview", "title": "t", "notes": 3}], 1, "notes", "text"),
    ([{"page": "overview", "title": "t", "colour": "red"}], 1, "colour", "unknown field"),
    ([{"page": "overview", "title": "t", "scenario": "western", "levers": {}}], 1, "levers", "not both"),
    ([{"page": "overview", "title": "t", "levers": {"reroute": 3}}], 1, "levers", "unknown lever"),
    ([{"page": "overview", "title": "t", "levers": {"reroute_mt": "3"}}], 1, "levers", "number"),
    ([{"page": "overview", "title": "t", "levers": {"reroute_mt": True}}], 1, "levers", "number"),
    ([{"page": "overview", "title": "t", "levers": {"nuclear_vendor": "USA"}}], 1, "levers", "one of"),
    ([{"page": "overview", "title": "t", "levers": [1]}], 1, "levers", "object"),
    ([{"page": "overview", "title": "x" * 3000}], 1, "title", "longer"),
])
def test_invalid_stories_name_the_step_and_field(doc, row, column, words):
    (p,) = problems_of(doc)
    assert (p.file, p.row, p.column) == ("s.json", row, column)
    assert words in p.reason


def test_every_problem_is_named_not_only_the_first():
    probs = problems_of([{"page": "overview", "title": "ok"}, {"page": "nowhere"}, {"page": "map", "title": "t",
                                                                                   "levers": {"oil_price": "x"}}])
    assert [(p.row, p.column) for p in probs] == [(2, "page"), (2, "title"), (3, "levers")]


def test_story_files_bad_json_and_unknown_names(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"page": "overview",\n "title": }]', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_story(str(bad))
    (p,) = err.value.problems
    assert p.row == 2 and "not valid JSON" in p.reason
    with pytest.raises(DataError) as err:
        load_story("no_such_story")
    assert "default" in err.value.problems[0].reason  # names the stories there are
    good = tmp_path / "mine.json"
    good.write_text(json.dumps([{"page": "balance", "title": "Weights"}]), encoding="utf-8")
    assert load_story(str(good)) == ("mine", [Step(page="balance", title="Weights")])
