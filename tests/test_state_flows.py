"""A briefer's path through the scenario, in AppTest, on the path a lever move really takes.

A lever's callback reruns only keyed fragments (components/follow.py). AppTest takes that path too, except
that it resets Streamlit's legacy-multipage flag on every run, so the first fragment to call get_model()
(components/data.ensure_frame) turned each move into a full rerun and no page test ever saw the fragment
path. The ``fragment_path`` fixture sets the flag as a served app has it after its first st.navigation;
:func:`test_a_lever_move_takes_the_fragment_path` fails loudly if a Streamlit upgrade moves it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import state

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def fragment_path(monkeypatch):
    """AppTest as a served app: the server left legacy multipage mode when app.py first called st.navigation.

    Private Streamlit internal (1.67): ``PagesManager.uses_pages_directory``, reset by AppTest before each run
    and set again by ``PagesManager.__init__``; the test below checks the effect."""
    from streamlit.runtime.pages_manager import PagesManager

    assert hasattr(PagesManager, "uses_pages_directory"), "Streamlit moved PagesManager.uses_pages_directory"
    init = PagesManager.__init__

    def served(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", served)


def open_page(path: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(path)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


_FULL: dict[int, object] = {}  # id(AppTest) -> the element tree of its last full run


def move(at: AppTest, lever: str, value) -> AppTest:
    """Move a lever as the browser does: after a fragment pass the browser still holds every widget of the last
    full run (AppTest's tree holds only what the pass drew), and sends all their values with the move."""
    if at.title:  # a full run: its tree has every widget
        _FULL[id(at)] = at._tree
    tree = _FULL[id(at)]
    key = state.LEVER_KEYS[lever]
    widget = tree.button_group(key=key) if lever == "nuclear_vendor" else tree.slider(key=key)
    widget.set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def sidebar_text(at: AppTest) -> str:
    return " ".join([m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption]).replace("\\", "")


def picker(at: AppTest, key: str = state.PRESET_SELECT):
    return at.selectbox(key=key)


def test_a_lever_move_takes_the_fragment_path(fragment_path):
    at = open_page("pages/scenarios.py")
    assert at.title
    move(at, "reroute_mt", 3.0)
    # a fragment-only pass: AppTest's tree holds only what the fragments drew (no page title), and the
    # numbers answered. If this fails, AppTest reran the whole page and the tests below prove nothing.
    assert not at.title, "the lever move reran the whole page: the fragment_path fixture no longer works"
    assert metric(at, "Via Russia") == "92.5%"


@pytest.mark.parametrize("page, lever, value, line, number", [
    ("pages/overview.py", "reroute_mt", 3.0, "Crude rerouted from CPC to the Middle Corridor: 3 Mt/yr", "Via Russia"),
    ("pages/scenarios.py", "growth_eu_pct", 20.0, "Trade growth with the EU: 20 %", "Balance index"),
    ("pages/balance.py", "western_security_pts", 10.0, "Western security cooperation: 10 points",
     "Balance index (0-100)"),
])
def test_the_sidebar_follows_a_lever_move_on_every_page_with_levers(fragment_path, page, lever, value, line, number):
    at = open_page(page)
    assert "Baseline (no lever moved)" in sidebar_text(at)
    before = {m.label: m.value for m in at.metric}
    move(at, lever, value)
    said = sidebar_text(at)  # was: the sidebar was not redrawn and still said the baseline
    assert "Scenario:** Custom (1 lever moved)" in said and line in said, said
    assert "Every chart shows the baseline" not in said
    assert at.sidebar.button(key="sidebar_reset")
    after = {m.label: m.value for m in at.metric}
    assert after.get(number) is not None and after != before
    move(at, lever, 0.0)  # back to the baseline by hand: the sidebar says so
    assert "Baseline (no lever moved)" in sidebar_text(at)


@pytest.mark.parametrize("page, key", [("pages/scenarios.py", state.PRESET_SELECT),
                                       ("pages/overview.py", "overview_preset")])
def test_the_preset_picker_says_what_the_levers_are(fragment_path, page, key):
    at = open_page(page)
    assert picker(at, key).placeholder.startswith("Baseline (no lever moved) · choose")
    picker(at, key).set_value("western").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.LEVER_KEYS["western_security_pts"]] > 0
    assert picker(at, key).value is None  # an action: it names the scenario in force, holds no state of its own
    assert picker(at, key).placeholder.startswith("Increased Western involvement · choose")
    assert "Scenario:** Increased Western involvement" in sidebar_text(at)
    move(at, "reroute_mt", 1.0)  # a further move leaves the preset: was still showing its name
    assert picker(at, key).placeholder.startswith("Custom (")
    assert "Custom (" in sidebar_text(at)
    assert not [m for m in at.sidebar.markdown if "Western" in m.value]
    move(at, "reroute_mt", 2.0)  # the browser sends the picker's value with each move: it must not choose again
    assert at.session_state[state.LEVER_KEYS["reroute_mt"]] == 2.0
    assert picker(at, key).placeholder.startswith("Custom (")


def test_a_link_with_a_presets_levers_shows_the_preset(fragment_path):
    from components.address import lever_params
    from components.data import get_model
    from components.scenario import specs_for

    model = get_model()
    preset = next(p for p in model.presets if p.id == "isolation")
    at = open_page("pages/scenarios.py", **lever_params(preset.levers, specs_for(model)))
    assert picker(at).placeholder.startswith(f"{preset.name} · choose")  # was: "Choose..."
    assert f"Scenario:** {preset.name}" in sidebar_text(at)


def open_keep(at: AppTest) -> AppTest:
    at.session_state[state.SCEN_KEEP_OPEN] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key=state.SCEN_UPLOAD).upload(name, content, "application/json").run()
    return at


def slider(at: AppTest, lever: str):
    return at.slider(key=state.LEVER_KEYS[lever]).value


def test_opening_a_valid_scenario_file_gives_its_scenario():
    at = open_keep(open_page("pages/scenarios.py"))
    doc = {"version": 1, "reroute_mt": 3.0, "growth_eu_pct": 20.0, "nuclear_vendor": "KOR"}
    upload(at, "briefing.json", json.dumps(doc).encode())
    # was: StreamlitWidgetAlreadyInstantiatedError (the levers were set after their sliders were drawn)
    assert not at.exception, [e.value for e in at.exception]
    assert slider(at, "reroute_mt") == 3.0 and slider(at, "growth_eu_pct") == 20.0
    assert at.button_group(key=state.LEVER_KEYS["nuclear_vendor"]).value == "KOR"
    assert any("Opened: Custom (3 levers moved)" in s.value for s in at.success)
    assert "Trade growth with the EU: 20 %" in sidebar_text(at)
    assert metric(at, "Via Russia") == "92.5%"


@pytest.mark.parametrize("content, says", [
    (b'{"reroute_MT": 3}', "'reroute_MT': is not a lever (did you mean 'reroute_mt'?)"),
    (b'{"reroute_mt": NaN}', "'reroute_mt': nan is not a number a lever can take"),
    (b'{"cultural_pts": 999}', "'cultural_pts': 999 is outside the lever's range, 0 to 30 points"),
    (b'{"growth_eu_pct": "20"}', "'growth_eu_pct': '20' is not a number (write it without quotes)"),
    (b'{"nuclear_vendor": "XYZ"}', "'nuclear_vendor': 'XYZ' is not a vendor"),
    (b'[1, 2]', "is a list, not a scenario"),
    (b'{"reroute_mt": 3', "is not valid JSON (line 1, column 17"),
    (b'\xff\xfe\x00garbage', "is not text (UTF-8)"),
    (b'[' * 100_000, "a scenario file is a few hundred"),
    (b'[' * 20_000 + b']' * 20_000, "is nested too deeply"),
    (b'{"version": 7}', "written by a newer program"),
    (b'{"[link](http://example.com)": 1}', "'[link](http://example.com)': is not a lever"),
])
def test_a_scenario_file_that_cannot_be_used_says_why_and_changes_nothing(content, says):
    at = open_page("pages/scenarios.py")
    at.slider(key=state.LEVER_KEYS["growth_china_pct"]).set_value(10.0).run()
    open_keep(at)
    upload(at, "bad.json", content)
    assert not at.exception, [e.value for e in at.exception]
    assert any("not opened, so no lever changed" in e.value for e in at.error)
    shown = " ".join(t.value for t in at.text)  # plain text: a name from the file is never Markdown
    assert "bad.json" in shown and says in shown, shown
    assert slider(at, "growth_china_pct") == 10.0 and slider(at, "reroute_mt") == 0.0


@pytest.fixture
def downloads(monkeypatch):
    """What each download button was given in the runs so far, by file name (the last one wins).

    Streamlit internal: ``MediaFileManager.add`` (AppTest's runtime is gone when the run returns)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    got: dict[str, bytes] = {}
    add = MediaFileManager.add

    def spy(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            got[file_name] = path_or_data
        return add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    return got


def test_the_scenario_file_holds_the_scenario_on_screen_after_fragment_moves(fragment_path, downloads):
    at = open_keep(open_page("pages/scenarios.py", lv_reroute_mt="3", lv_growth_eu_pct="20"))
    first = json.loads(downloads.pop("scenario.json"))
    assert first["reroute_mt"] == 3.0 and first["growth_eu_pct"] == 20.0  # was: the baseline, reroute_mt 0.0
    move(at, "western_security_pts", 5.0)  # a fragment pass: the file's fragment reruns with the numbers
    assert at.get("download_button") and not at.title  # the file's button, redrawn by the fragment pass
    doc = json.loads(downloads.pop("scenario.json"))
    assert doc["western_security_pts"] == 5.0 and doc["reroute_mt"] == 3.0
    # the file opened in a fresh session gives every number again
    fresh = open_keep(open_page("pages/scenarios.py"))
    upload(fresh, "scenario.json", json.dumps(doc).encode())
    assert not fresh.exception
    same = open_page("pages/scenarios.py", lv_reroute_mt="3", lv_growth_eu_pct="20", lv_western_security_pts="5")
    assert {m.label: m.value for m in fresh.metric} == {m.label: m.value for m in same.metric}


def test_the_overview_shows_one_scenario_in_the_strip_and_the_chart(fragment_path):
    at = open_page("pages/overview.py", lv_reroute_mt="3")
    via = metric(at, "Via Russia")
    deps = next(c for c in at.get("plotly_chart") if "Crude crossing Russia" in c.proto.spec)
    fig = json.loads(deps.proto.spec)
    bars = dict(zip(fig["data"][0]["y"], zip(fig["data"][0]["x"], fig["data"][0]["text"])))
    x, text = next(v for k, v in bars.items() if k.startswith("Crude crossing Russia"))
    # was: the strip said 92.5% and the chart below the baseline's 96%
    assert f"{x:.1f}%" == via == "92.5%" and text == "93%"
    assert fig["data"][1]["name"] == "baseline"


def test_the_map_metric_shows_the_scenario_in_force():
    at = open_page("pages/map.py", lv_reroute_mt="3")
    m = next(m for m in at.metric if m.label.startswith("Via Russia"))
    assert m.value == "92.5%" and m.label.endswith("scenario") and m.delta  # was: the baseline's 96%
    plain = open_page("pages/map.py")
    assert next(m for m in plain.metric if m.label.startswith("Via Russia")).value == "96.3%"


def test_an_open_pack_is_withdrawn_when_a_lever_moves_on_the_fragment_path(fragment_path):
    """The sidebar's pack section, open with a pack built for the baseline: a lever's fragment pass must withdraw
    the download (the pack no longer holds the scenario on screen), not leave it offered until a full run."""
    from dataclasses import asdict

    from posture.scenario import Levers

    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/scenarios.py")
    at.session_state[state.PACK_OPEN] = True
    at.session_state[state.PACK] = {"levers": Levers(**asdict(Levers())), "inputs": (), "fmt": "pptx",
                                    "bytes": b"pack", "name": "Baseline", "file": "briefing_pack_baseline.pptx"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    offered = lambda: [d for d in at.get("download_button") if d.proto.label.startswith("Download PPTX")]  # noqa: E731
    assert offered()
    move(at, "growth_eu_pct", 20.0)
    assert not offered()
    assert any("prepare it again" in c.value for c in at.sidebar.caption)
