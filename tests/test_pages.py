"""AppTest: every page runs without an exception; the interactions that matter change what they should."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import state
from components.registry import PAGES

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(path)
    at.run()
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", [p.path for p in PAGES], ids=[p.title for p in PAGES])
def test_every_page_runs(page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"
    assert any("Scenario:" in m.value for m in at.sidebar.markdown), "the shared sidebar is drawn"


def test_registry_pages_exist():
    root = Path(APP).parent
    for p in PAGES:
        assert (root / p.path).exists()
    assert sum(p.default for p in PAGES) == 1


def test_scenario_slider_changes_the_summary_strip():
    at = open_page("pages/scenarios.py")
    before = metric(at, "Via Russia")
    at.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(4.0).run()
    assert not at.exception
    after = metric(at, "Via Russia")
    assert after != before and float(after.rstrip("%")) < float(before.rstrip("%"))
    assert any("contracted with Azerbaijan" in w.value for w in at.warning)
    at.slider(key=state.LEVER_KEYS["cpc_outage_pct"]).set_value(100.0).run()
    at.slider(key=state.LEVER_KEYS["cpc_outage_months"]).set_value(2.0).run()
    assert metric(at, "Stranded") != "0.0 Mt"


def test_preset_sets_the_levers_and_shows_its_narrative():
    at = open_page("pages/scenarios.py")
    at.selectbox(key=state.PRESET_SELECT).set_value("isolation").run()
    assert not at.exception
    assert at.slider(key=state.LEVER_KEYS["reaction_strength_pct"]).value == 100
    assert any("Threats from isolation" in i.value for i in at.info)
    assert any("Moscow's reaction (illustrative model) triggered" in w.value for w in at.warning)
    assert any("Threats from isolation" in m.value for m in at.sidebar.markdown)


def test_overview_slider_updates_the_strip():
    at = open_page("pages/overview.py")
    before = metric(at, "Via CPC")
    at.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(5.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Via CPC") != before


def test_balance_lever_moves_the_index():
    at = open_page("pages/balance.py")
    before = metric(at, "Balance index (0-100)")
    at.slider(key=state.LEVER_KEYS["western_security_pts"]).set_value(20.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Balance index (0-100)") != before


def open_balance_inputs() -> AppTest:
    at = open_page("pages/balance.py")
    at.session_state[state.BAL_INPUTS_OPEN] = True
    at.run()
    return at


def edit_ties(at: AppTest, dimension: str, cells: dict[str, float]) -> AppTest:
    """Type ``cells`` (vector -> share) into the ties editor's row ``dimension``, as a user would, and rerun."""
    row = list(at.session_state["ties_base"].index).index(dimension)
    at.session_state[f"{state.TIES_EDITOR}_0"] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_balance_edit_changes_the_indicator_and_invalid_keeps_last_valid():
    at = open_balance_inputs()
    default = metric(at, "Balance index (0-100)")
    edit_ties(at, "security", {"RUS": 40.0, "USA": 30.0})
    assert not at.exception
    edited = metric(at, "Balance index (0-100)")
    assert edited != default and float(edited) > float(default)
    # an invalid cell: the page names it, and the indicator keeps the last valid value
    edit_ties(at, "security", {"RUS": 140.0, "USA": 30.0})
    assert not at.exception
    assert metric(at, "Balance index (0-100)") == edited
    errors = " ".join(e.value for e in at.error)
    assert "not used yet" in errors
    problems = next(d.value for d in at.dataframe if list(d.value.columns) == ["file", "row", "column", "reason"])
    assert problems.iloc[0][["row", "column"]].tolist() == ["Security", "Russia"]
    assert "140 is out of range" in problems.iloc[0]["reason"]
    # a row that no longer sums to 100 offers to rescale it
    edit_ties(at, "security", {"RUS": 70.0})
    assert any(b.label.startswith("Rescale Security") for b in at.button)


def test_balance_reset_returns_to_defaults():
    at = open_balance_inputs()
    default = metric(at, "Balance index (0-100)")
    edit_ties(at, "security", {"RUS": 40.0, "USA": 30.0})
    assert metric(at, "Balance index (0-100)") != default
    at.button(key="bal_reset").click().run()
    assert metric(at, "Balance index (0-100)") == default


def test_dependencies_china_toggle_runs():
    at = open_page("pages/dependencies.py")
    at.button_group(key=state.DEP_CHINA_STATS).set_value("chinese").run()
    assert not at.exception


def test_map_filters_run():
    at = open_page("pages/map.py")
    at.toggle(key=state.MAP_RUSSIA).set_value(True).run()
    assert not at.exception
    at.button_group(key=state.MAP_STATUS).set_value(["proposed"]).run()
    assert not at.exception


def test_event_opens_its_scenario():
    at = open_page("pages/events.py")
    btn = next(b for b in at.button if b.label == "Open its scenario" and "CPC outage" in (b.help or ""))
    btn.click().run()
    assert not at.exception
    assert at.session_state[state.LEVER_KEYS["cpc_outage_pct"]] == 100


def expander(at: AppTest, label: str):
    return next(e for e in at.expander if e.label.startswith(label))


@pytest.mark.parametrize("page, label, key, inside", [
    ("pages/scenarios.py", "Keep and share", state.SCEN_KEEP_OPEN, lambda at: at.text_input(key="scen_save_name")),
    ("pages/scenarios.py", "What each lever does", state.SCEN_EXPLAIN_OPEN, lambda at: at.dataframe[0]),
    ("pages/balance.py", "Edit the inputs", state.BAL_INPUTS_OPEN, lambda at: at.get("file_uploader")[0]),
    ("pages/balance.py", "Changes from the defaults", state.BAL_SOURCES_OPEN,
     lambda at: next(d for d in at.dataframe if "reasoning" in d.value.columns)),
    ("pages/balance.py", "Method and limits", state.BAL_METHOD_OPEN,
     lambda at: next(m for m in at.markdown if "Herfindahl" in m.value)),
])
def test_secondary_sections_draw_nothing_until_opened(page, label, key, inside):
    # closed, a lazy section is one line: its body does not run (page weight, bench/README.md)
    at = open_page(page)
    assert len(expander(at, label).children) == 0
    with pytest.raises((KeyError, IndexError, StopIteration)):
        inside(at)
    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(expander(at, label).children) > 0
    assert inside(at) is not None


def editors(at: AppTest) -> list:
    return [k for k in (f"{state.TIES_EDITOR}_{v}" for v in range(5)) if k in at.session_state]


def test_balance_editors_run_only_when_opened_and_a_link_opens_them():
    at = open_page("pages/balance.py")
    assert not editors(at)
    assert len(at.get("plotly_chart")) == 5  # bullet, exposure, heatmap, contributions and the tornado
    linked = AppTest.from_file(APP, default_timeout=120)
    linked.switch_page("pages/balance.py")
    linked.query_params[state.BAL_INPUTS_OPEN] = "true"
    linked.run()
    assert not linked.exception, [e.value for e in linked.exception]
    assert editors(linked) and expander(linked, "Edit the inputs").proto.expanded


def test_balance_edits_survive_closing_the_editors_and_stay_flagged():
    at = open_balance_inputs()
    default = metric(at, "Balance index (0-100)")
    edit_ties(at, "security", {"RUS": 40.0, "USA": 30.0})
    edited = metric(at, "Balance index (0-100)")
    assert edited != default
    edit_ties(at, "security", {"RUS": 140.0, "USA": 30.0})
    at.session_state[state.BAL_INPUTS_OPEN] = False
    at.session_state[state.BAL_SOURCES_OPEN] = True
    at.run()
    # editors off screen: the last valid inputs still drive the indicator, and the invalid edit is flagged
    assert not editors(at)
    assert metric(at, "Balance index (0-100)") == edited
    assert any("not used yet" in w.value and "Edit the inputs" in w.value for w in at.warning)
    log = next(d.value for d in at.dataframe if "table" in d.value.columns)
    assert 140.0 in log.values  # the change log shows what was typed
    # back on the editors: what was typed is still there (restored into a new editor), still invalid
    at.session_state[state.BAL_INPUTS_OPEN] = True
    at.run()
    assert at.session_state["ties_base"].at["security", "RUS"] == 140.0
    assert "not used yet" in " ".join(e.value for e in at.error)
    assert metric(at, "Balance index (0-100)") == edited


def test_balance_shared_link_shows_its_scenario_and_opens_the_levers():
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/balance.py")
    at.query_params[state.LEVER_KEYS["western_security_pts"]] = "10"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert expander(at, "Alignment levers").proto.expanded
    assert at.slider(key=state.LEVER_KEYS["western_security_pts"]).value == 10
    plain = open_page("pages/balance.py")
    assert not expander(plain, "Alignment levers").proto.expanded
    # the numbers show the link's scenario at once, with its delta against the baseline
    assert float(metric(at, "Balance index (0-100)")) > float(metric(plain, "Balance index (0-100)"))
    assert next(m for m in at.metric if m.label == "Balance index (0-100)").delta


def test_a_shared_link_sets_its_levers_on_a_page_without_them():
    # the map page draws no lever: the link's values used to be ignored there and the page showed the baseline
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/map.py")
    at.query_params[state.LEVER_KEYS["reroute_mt"]] = "4"
    at.query_params[state.LEVER_KEYS["growth_eu_pct"]] = "1e9"  # out of range: held at the lever's maximum
    at.query_params[state.LEVER_KEYS["nuclear_vendor"]] = "no-such-vendor"  # unreadable: ignored
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")  # lever lines are md_text-escaped
    assert "Crude rerouted from CPC to the Middle Corridor: 4 Mt/yr" in said
    assert "Trade growth with the EU" in said and "1e+09" not in said
    assert "Nuclear vendor" not in said


def test_levers_keep_their_values_on_pages_without_them():
    # the levers are plain widgets (not bound to the URL: components/address.py); a lever moved on the
    # Scenarios page must still be the scenario on the map and back on the Scenarios page
    at = open_page("pages/scenarios.py")
    at.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(4.0).run()
    at.switch_page("pages/map.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Crude rerouted from CPC to the Middle Corridor: 4 Mt/yr" in " ".join(c.value for c in at.sidebar.caption).replace("\\", "")
    at.switch_page("pages/scenarios.py")
    at.run()
    assert at.slider(key=state.LEVER_KEYS["reroute_mt"]).value == 4.0


def test_the_address_holds_each_lever_that_differs_from_its_default():
    from components.address import lever_params
    from components.data import get_model
    from components.scenario import specs_for
    from posture.scenario import Levers

    specs = specs_for(get_model())
    assert lever_params(Levers(), specs) == {}
    moved = Levers(reroute_mt=4.0, western_security_pts=2.5, nuclear_vendor="CHN")
    assert lever_params(moved, specs) == {state.LEVER_KEYS["reroute_mt"]: "4",
                                          state.LEVER_KEYS["western_security_pts"]: "2.5",
                                          state.LEVER_KEYS["nuclear_vendor"]: "CHN"}
    # what the address holds is what a link reads back
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/map.py")
    for k, v in lever_params(moved, specs).items():
        at.query_params[k] = v
    at.run()
    said = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")
    assert "4 Mt/yr" in said and "2.5 points" in said and "Nuclear vendor" in said


def test_clearing_the_vendor_control_means_the_default_vendor():
    # a single-choice segmented control can be cleared by clicking its selected option: the scenario then
    # uses the baseline vendor (it was passed on as no vendor, which the engine cannot place)
    at = open_page("pages/scenarios.py")
    baseline = metric(at, "Balance index")
    at.button_group(key=state.LEVER_KEYS["nuclear_vendor"]).set_value(None).run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Balance index") == baseline
