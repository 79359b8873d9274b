"""AppTest: the team's saved scenarios on the Scenarios page (components/saved.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import state
from posture.store import dispose_all, open_store

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "team.db"
    monkeypatch.setenv("POSTURE_DB_PATH", str(path))
    yield path
    dispose_all()


def session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/scenarios.py")
    at.session_state[state.SCEN_KEEP_OPEN] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def save(at: AppTest, name: str, author: str = "Ann") -> AppTest:
    at.run()  # a lever move reruns only the numbers' fragments in AppTest: draw the whole page first
    at.text_input(key="scen_save_name").set_value(name)
    at.text_input(key="saved_author").set_value(author)
    at.button(key="saved_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_save_then_open_in_another_session_sets_the_levers_and_names_stay_text(db):
    a = session()
    a.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(4.0).run()
    save(a, "[x](http://evil) ![](http://evil/img)")
    msg = a.success[0].value
    assert "](http" not in msg and r"\[x\]\(http" in msg  # escaped: shows as text, never a link or image
    b = session()
    assert b.session_state[state.LEVER_KEYS["reroute_mt"]] != 4.0
    b.button(key="saved_open").click().run()
    assert b.session_state[state.LEVER_KEYS["reroute_mt"]] == 4.0
    assert any("revision 1, saved by Ann" in t.value for t in b.text)
    shown = [m.value for kind in (b.markdown, b.success, b.warning, b.info, b.caption) for m in kind]
    assert not any("](http" in v for v in shown)


def test_a_stale_save_is_refused_and_offers_a_copy_or_an_overwrite(db):
    a = session()
    save(a, "Briefing")
    b = session()
    b.button(key="saved_open").click().run()
    b.slider(key=state.LEVER_KEYS["brics_pts"]).set_value(5.0).run()
    save(b, "Briefing", author="Bob")  # revision 2, by Bob
    a.slider(key=state.LEVER_KEYS["brics_pts"]).set_value(-5.0).run()
    save(a, "Briefing")  # a started from revision 1
    assert any("changed since you opened it" in w.value and "Bob" in w.value for w in a.warning)
    assert open_store().load("Briefing").levers.brics_pts == 5.0  # Bob's save stands
    a.button(key="saved_copy").click().run()
    names = {s.name for s in open_store().list()}
    assert names == {"Briefing", "Briefing (Ann)"}
    assert open_store().load("Briefing (Ann)").levers.brics_pts == -5.0


def test_overwrite_on_purpose_keeps_the_other_revision(db):
    a = session()
    save(a, "Plan")
    b = session()
    save(b, "plan ", author="Bob")  # a new scenario under a taken name
    assert any("already exists" in w.value for w in b.warning)
    b.button(key="saved_overwrite").click().run()
    assert [r.author for r in open_store().revisions("Plan")] == ["Bob", "Ann"]


def test_delete_asks_first(db):
    a = session()
    save(a, "Gone soon")
    a.button(key="saved_delete").click().run()
    assert open_store().get("Gone soon") is not None
    assert any("Delete" in w.value for w in a.warning)
    a.button(key="saved_delete_yes").click().run()
    assert open_store().get("Gone soon") is None


def test_edited_balance_inputs_are_saved_and_restored(db, model):
    a = session()
    ties = model.ties.copy()
    sec = ties["dimension"] == "security"
    ties.loc[sec & (ties["vector"] == "RUS"), "share"] -= 10
    ties.loc[sec & (ties["vector"] == "EU"), "share"] += 10
    a.session_state[state.TIES_VALID] = ties
    a.run()
    save(a, "Edited ties")
    doc = open_store().load("Edited ties")
    assert list(doc.ties) == ["security"]
    b = session()
    b.button(key="saved_open").click().run()
    restored = b.session_state[state.TIES_VALID]
    got = restored.set_index(["dimension", "vector"])["share"]
    assert got[("security", "EU")] == pytest.approx(ties.set_index(["dimension", "vector"])["share"][("security", "EU")])


def test_a_broken_store_shows_a_message_and_the_page_works(tmp_path, monkeypatch):
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("POSTURE_DB_PATH", str(bad))
    at = session()
    assert any("damaged" in e.value for e in at.error)
    assert any(m.label == "Via Russia" for m in at.metric)
    at.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(4.0).run()
    assert not at.exception
    dispose_all()


def test_compare_two_saved_scenarios(db):
    a = session()
    a.slider(key=state.LEVER_KEYS["reroute_mt"]).set_value(4.0).run()
    save(a, "Reroute")
    a.session_state[state.LEVER_KEYS["reroute_mt"]] = 0.0
    a.session_state[state.LEVER_KEYS["cpc_outage_pct"]] = 100.0
    a.session_state[state.LEVER_KEYS["cpc_outage_months"]] = 2.0
    save(a, "Outage")
    a.session_state[state.SCEN_COMPARE_OPEN] = True
    a.run()
    assert not a.exception, [e.value for e in a.exception]
    table = next(d.value for d in a.dataframe if "B vs baseline" in d.value.columns).set_index("measure")
    assert table.loc["Stranded crude", "A"] > 0 and table.loc["Stranded crude", "B"] == 0  # A: the latest (Outage)
    assert any(t.value.startswith("A: Outage") for t in a.text) and any(t.value.startswith("B: Reroute") for t in a.text)
    assert len([c for c in a.get("plotly_chart")]) >= 4
