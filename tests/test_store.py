"""The team's scenario store and its document: SQLite here; tests/test_store_postgres.py runs the store tests
against a real PostgreSQL server with the same functions (they take the ``store_url`` fixture).

What a team relies on: no save lost or clobbered when many save at once, a stale save refused, an
acknowledged save surviving kill -9, a crash mid-save leaving the old revision whole, a broken database
giving one clear message, older documents opening, and names kept as text.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from posture import document as docmod
from posture.document import Document, DocumentError
from posture.scenario import Levers
from posture.store import (
    NameTaken,
    NotFound,
    StaleRevision,
    StoreUnavailable,
    dispose_all,
    open_store,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def store(store_url):
    yield open_store(store_url)
    dispose_all()


# ------------------------------------------------------------------ the document


def test_document_round_trip_keeps_everything():
    doc = Document("Briefing 12 March", Levers(reroute_mt=4.0, nuclear_vendor="KOR"), note="two\nlines",
                   author="Ann", revision=3, ties={"security": {"RUS": 40.0, "CHN": 10.0, "EU": 20.0, "USA": 20.0,
                                                                "TURKIC": 5.0, "CA": 5.0, "OTHER": 0.0}},
                   weights={"trade": {"weight": 2.0, "rationale": "why"}}, story="First, the pipeline.")
    back = docmod.parse(doc.to_json())
    assert back == doc
    d = json.loads(doc.to_json())
    assert d["schema_version"] == docmod.SCHEMA_VERSION and d["levers"]["reroute_mt"] == 4.0


def test_version_1_lever_file_migrates_on_read():
    old = json.dumps({"version": 1, "growth_eu_pct": 30, "nuclear_vendor": "FRA"})
    doc = docmod.parse(old, name="from file")
    assert doc.name == "from file" and doc.levers == Levers(growth_eu_pct=30.0, nuclear_vendor="FRA")
    assert doc.revision == 0 and doc.ties is None


@pytest.mark.parametrize("version", [3, 99, "2", "two", True])
def test_newer_or_unknown_version_is_refused_naming_the_versions(version):
    with pytest.raises(DocumentError) as e:
        docmod.from_dict({"schema_version": version, "name": "x", "levers": {}})
    msg = str(e.value)
    assert f"schema version {version}" in msg and "reads versions 1, 2" in msg


@pytest.mark.parametrize("raw, problem", [
    ({"version": 1, "growth_eu_pct": "lots"}, "levers.growth_eu_pct: 'lots' is not a number"),
    ({"version": 1, "growth_eu_pct": float("nan")}, "levers.growth_eu_pct: nan is not a number"),
    ({"version": 1, "grwth_eu_pct": 3}, "levers.grwth_eu_pct: is not a lever (did you mean 'growth_eu_pct'?)"),
    ({"version": 1, "nuclear_vendor": "XYZ"}, "levers.nuclear_vendor"),
    ({"schema_version": 2, "name": "x", "levers": {"cpc_outage_pct": 400}}, "levers.cpc_outage_pct"),
    ({"schema_version": 2, "name": "x", "levers": {}, "ties": {"trade": {"RUS": 80}}}, "sum to 80.0, not 100"),
    ({"schema_version": 2, "name": "x", "levers": {}, "weights": {"trade": {"weight": -1}}}, "weight of 0 or more"),
    ({"schema_version": 2, "name": "a\nb", "levers": {}}, "name: contains a control character"),
    ({"schema_version": 2, "name": "evil\u202eexe", "levers": {}}, "control character (U+202E)"),
    ({"schema_version": 2, "name": "   ", "levers": {}}, "needs a name"),
    ({"schema_version": 2, "name": "x" * 201, "levers": {}}, "at most 200"),
    ({"schema_version": 2, "name": "x", "levers": {}, "revision": -1}, "revision"),
    ({"schema_version": 2, "name": "x", "levers": {}, "colour": "red"}, "unknown field 'colour'"),
    ([1, 2], "expected a JSON object"),
])
def test_bad_documents_name_each_problem(raw, problem, model):
    from posture.scenario import specs_by_id

    with pytest.raises(DocumentError) as e:
        docmod.from_dict(raw, name="file", specs=specs_by_id(model.params, model.oil_latest))
    assert any(problem in p for p in e.value.problems), e.value.problems


def test_names_collide_by_key_but_are_kept_as_typed():
    assert docmod.name_key("Briefing ") == docmod.name_key("briefing") == docmod.name_key("Briefing")
    assert docmod.name_key("Brief  ing") == docmod.name_key("brief ing")
    assert docmod.name_key("Briefing 1") != docmod.name_key("Briefing 2")
    assert Document("[x](http://evil)").name == "[x](http://evil)"


def test_balance_inputs_round_trip_through_the_document(model):
    from posture.balance_inputs import matrix_to_long

    ties = model.ties.copy()
    sec = ties["dimension"] == "security"
    ties.loc[sec & (ties["vector"] == "RUS"), "share"] -= 10
    ties.loc[sec & (ties["vector"] == "EU"), "share"] += 10
    over = docmod.ties_overrides(ties, model.ties)
    assert list(over) == ["security"] and abs(sum(over["security"].values()) - 100) < 0.5
    doc = Document("t", ties=over)
    m = docmod.ties_matrix_from(doc, model.ties, model.vector_ids, model.dimension_ids)
    back = matrix_to_long(m, model.ties)
    assert docmod.ties_overrides(back, model.ties) == over
    assert docmod.ties_overrides(model.ties, model.ties) is None
    assert docmod.input_problems(Document("t", ties={"nope": {"RUS": 100.0}}), model.vector_ids,
                                 model.dimension_ids) == ["ties: unknown dimension 'nope'"]


# ------------------------------------------------------------------ the store, one person


def test_save_open_revisions_restore_rename_delete(store):
    first = store.save(Document("Briefing", Levers(growth_eu_pct=20), note="v1", author="Ann"))
    assert first.revision == 1 and first.created is not None
    second = store.save(first.replace(levers=Levers(growth_eu_pct=30), note="v2", author="Bob"), base_revision=1)
    assert second.revision == 2 and second.created == first.created
    assert store.load("briefing").levers == Levers(growth_eu_pct=30)
    assert store.load("Briefing", 1).levers == Levers(growth_eu_pct=20)
    assert [(r.revision, r.author, r.note) for r in store.revisions("Briefing")] == [(2, "Bob", "v2"), (1, "Ann", "v1")]
    restored = store.restore("Briefing", 1, base_revision=2, author="Cy")
    assert restored.revision == 3 and restored.levers == Levers(growth_eu_pct=20) and restored.author == "Cy"
    renamed = store.rename("Briefing", "Briefing (final)", base_revision=3)
    assert renamed.revision == 4 and store.get("Briefing") is None
    assert store.revisions("Briefing (final)")[-1].name == "Briefing"  # the history keeps the old name
    store.delete("Briefing (final)")
    assert store.list() == []
    with pytest.raises(NotFound):
        store.load("Briefing (final)")


def test_a_near_duplicate_name_is_refused_not_overwritten(store):
    store.save(Document("Briefing", Levers(growth_eu_pct=20), author="Ann"))
    with pytest.raises(NameTaken) as e:
        store.save(Document("briefing ", Levers(growth_eu_pct=99)))
    assert "'Briefing' already exists" in str(e.value) and "Ann" in str(e.value)
    assert store.load("Briefing").levers == Levers(growth_eu_pct=20)


def test_a_stale_save_is_refused_then_overwritten_on_purpose(store):
    opened = store.save(Document("Plan", Levers(brics_pts=5), author="Ann"))
    store.save(opened.replace(levers=Levers(brics_pts=6), author="Bob"), base_revision=1)  # Bob saves first
    with pytest.raises(StaleRevision) as e:
        store.save(opened.replace(levers=Levers(brics_pts=7), author="Ann"), base_revision=1)
    assert "revision 1" in str(e.value) and "revision 2" in str(e.value) and "Bob" in str(e.value)
    assert store.load("Plan").levers == Levers(brics_pts=6)
    forced = store.save(opened.replace(levers=Levers(brics_pts=7)), base_revision=1, overwrite=True)
    assert forced.revision == 3 and store.load("Plan", 2).levers == Levers(brics_pts=6)  # Bob's is kept


def test_rename_to_a_taken_name_is_refused(store):
    store.save(Document("A"))
    store.save(Document("B"))
    with pytest.raises(NameTaken):
        store.rename("A", "b", base_revision=1)
    assert store.rename("A", "a", base_revision=1).name == "a"  # its own name, another case: fine


def test_import_refuses_a_stale_copy_unless_forced(store):
    saved = store.save(Document("Plan", Levers(brics_pts=5)))
    exported = docmod.parse(saved.to_json())
    store.save(saved.replace(levers=Levers(brics_pts=9)), base_revision=1)
    with pytest.raises(StaleRevision):
        store.import_document(exported)
    assert store.import_document(exported, force=True).revision == 3
    same = store.import_document(docmod.parse(store.load("Plan").to_json()))
    assert same.revision == 3  # the same content: nothing new stored


def test_invalid_document_is_not_stored(store):
    with pytest.raises(DocumentError):
        store.save(Document("", Levers()))
    with pytest.raises(DocumentError):
        store.save(Document("x", Levers(growth_eu_pct=float("inf"))))
    assert store.list() == []


# ------------------------------------------------------------------ many at once

N_SESSIONS = 50


def _at_once(n, fn):
    """Run fn(i) in n threads released together (Streamlit's sessions are threads of one server)."""
    barrier, results = threading.Barrier(n), [None] * n

    def run(i):
        barrier.wait()
        try:
            results[i] = ("ok", fn(i))
        except Exception as err:  # noqa: BLE001 - counted by the test
            results[i] = (type(err).__name__, str(err))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def test_many_sessions_opening_a_new_store_at_once(store_url):
    for _ in range(3):
        dispose_all()
        results = _at_once(N_SESSIONS, lambda i: open_store(store_url).list())
        assert all(r[0] == "ok" for r in results), {r for r in results if r[0] != "ok"}


def test_many_first_saves_of_one_name_one_wins_the_rest_are_told(store_url):
    open_store(store_url).list()
    results = _at_once(N_SESSIONS, lambda i: open_store(store_url).save(Document("Briefing", Levers(brics_pts=i % 15))))
    kinds = [r[0] for r in results]
    assert kinds.count("ok") == 1 and kinds.count("NameTaken") == N_SESSIONS - 1, set(kinds)
    assert [r.revision for r in open_store(store_url).revisions("Briefing")] == [1]


def test_many_saves_over_one_revision_one_wins_none_silently_replaced(store_url):
    store = open_store(store_url)
    store.save(Document("Briefing"))
    results = _at_once(N_SESSIONS, lambda i: open_store(store_url).save(
        Document("Briefing", Levers(brics_pts=i % 15), note=str(i)), base_revision=1))
    kinds = [r[0] for r in results]
    assert kinds.count("ok") == 1 and kinds.count("StaleRevision") == N_SESSIONS - 1, set(kinds)
    winner = next(r[1] for r in results if r[0] == "ok")
    assert store.load("Briefing").note == winner.note and store.load("Briefing").revision == 2


def test_many_processes_saving_at_once_lose_and_clobber_nothing(store_url):
    from tests.store_load import hammer

    report = hammer(store_url, procs=4, saves=5)
    assert report["errors"] == [] and report["lost"] == 0 and report["clobbered"] == 0, report
    assert report["shared_revisions"] == report["shared_acked"] == 20, report


# ------------------------------------------------------------------ crashes and broken databases


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_an_acknowledged_save_survives_kill_9(store_url):
    open_store(store_url).save(Document("Kept", Levers(brics_pts=1)))
    child = _child(f"""
import time
from posture.store import open_store
from posture.document import Document
from posture.scenario import Levers
s = open_store({store_url!r})
for i in range(2, 6):
    d = s.save(Document("Kept", Levers(brics_pts=i)), base_revision=i - 1)
    print("ACK", d.revision, flush=True)
time.sleep(60)
""")
    last = None
    for line in child.stdout:
        last = int(line.split()[1])
        if last == 5:
            os.kill(child.pid, signal.SIGKILL)  # right after the acknowledgement
            break
    child.wait(timeout=30)
    assert last == 5, child.stderr.read()
    dispose_all()
    doc = open_store(store_url).load("Kept")
    assert doc.revision == 5 and doc.levers == Levers(brics_pts=5)


def test_a_crash_in_the_middle_of_a_save_leaves_the_old_revision_whole(store_url):
    open_store(store_url).save(Document("Whole", Levers(brics_pts=1), note="old"))
    child = _child(f"""
import time
from posture.store import open_store
from posture.document import Document
from posture.scenario import Levers
s = open_store({store_url!r})
def stop():
    print("MID", flush=True)
    time.sleep(60)
s.save(Document("Whole", Levers(brics_pts=2), note="new"), base_revision=1, _before_commit=stop)
""")
    assert child.stdout.readline().strip() == "MID", child.stderr.read()
    os.kill(child.pid, signal.SIGKILL)  # the row is updated and the revision appended, not committed
    child.wait(timeout=30)
    dispose_all()
    store = open_store(store_url)
    doc = store.load("Whole")
    assert (doc.revision, doc.note) == (1, "old") and [r.revision for r in store.revisions("Whole")] == [1]
    assert store.save(doc.replace(note="after"), base_revision=1).revision == 2  # and it can be saved again


def test_a_corrupt_database_file_gives_one_clear_message(tmp_path):
    bad = tmp_path / "store.db"
    bad.write_bytes(b"this is not a database, it is a briefing note" * 100)
    with pytest.raises(StoreUnavailable) as e:
        open_store(f"sqlite:///{bad}").list()
    assert str(bad) in str(e.value) and "damaged or is not a SQLite database" in str(e.value)
    assert "\n" not in str(e.value)


def test_a_missing_folder_gives_one_clear_message(tmp_path):
    with pytest.raises(StoreUnavailable) as e:
        open_store(f"sqlite:///{tmp_path / 'nope' / 'store.db'}").list()
    assert "folder" in str(e.value) and "does not exist" in str(e.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_a_read_only_database_opens_but_refuses_to_save(tmp_path):  # pragma: no cover - root in CI
    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_store(url).save(Document("Kept"))
    dispose_all()
    for f in tmp_path.iterdir():
        f.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StoreUnavailable) as e:
            open_store(url).save(Document("New"))
        assert "read-only" in str(e.value) or "cannot be used" in str(e.value)
    finally:
        tmp_path.chmod(0o755)


def test_a_read_only_database_refuses_to_save_with_a_message(tmp_path):
    """As root file modes do not bind, so SQLite's own read-only mode stands in for a read-only file."""
    path = tmp_path / "store.db"
    open_store(f"sqlite:///{path}").save(Document("Kept"))
    dispose_all()
    store = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert [s.name for s in store.list()] == ["Kept"]
    with pytest.raises(StoreUnavailable) as e:
        store.save(Document("New"))
    assert "read-only" in str(e.value)


def test_the_old_one_table_store_is_carried_over(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE scenarios (name VARCHAR(120) PRIMARY KEY, levers_json TEXT, note TEXT, saved_at DATETIME)")
        c.execute("INSERT INTO scenarios VALUES (?, ?, ?, ?)",
                  ("Old briefing", json.dumps({"version": 1, "growth_eu_pct": 25.0}), "kept", "2025-03-12 09:00:00"))
    store = open_store(f"sqlite:///{path}")
    doc = store.load("Old briefing")
    assert doc.levers == Levers(growth_eu_pct=25.0) and doc.note == "kept" and doc.revision == 1


def test_settings_are_read_when_used(monkeypatch, tmp_path):
    from posture.store import database_url

    monkeypatch.delenv("POSTURE_DATABASE_URL", raising=False)
    monkeypatch.setenv("POSTURE_DB_PATH", str(tmp_path / "x.db"))
    assert database_url() == f"sqlite:///{(tmp_path / 'x.db').resolve()}"
    monkeypatch.setenv("POSTURE_DATABASE_URL", "postgresql://u:p@127.0.0.1:5999/team")
    assert database_url().startswith("postgresql+psycopg://u:p@127.0.0.1:5999/team")
    assert database_url(str(tmp_path / "y.db")).endswith("y.db")  # --db wins


def test_server_down_gives_one_clear_message():
    with pytest.raises(StoreUnavailable) as e:
        open_store("postgresql://nobody@127.0.0.1:9/none").list()
    assert "cannot be reached" in str(e.value) and "127.0.0.1:9" in str(e.value)


# ------------------------------------------------------------------ the compare table


def test_comparison_table_sets_each_scenario_against_the_baseline(model):
    from posture.compare import comparison_table, lever_table

    a = model.run(Levers(reroute_mt=4.0))
    b = model.run(Levers(cpc_outage_pct=100, cpc_outage_months=2))
    t = comparison_table(a, b, model.vector_names).set_index("measure")
    assert list(t.columns) == ["unit", "baseline", "A", "A vs baseline", "B", "B vs baseline"]
    via = t.loc["Crude via Russia (all transit)"]
    assert via["A"] < via["baseline"] and abs(via["A vs baseline"] - (via["A"] - via["baseline"])) < 1e-9
    assert t.loc["Stranded crude", "A"] == 0 and t.loc["Stranded crude", "B"] > 0
    assert t.loc["Balance index", "baseline"] == pytest.approx(a[0].balance.index)
    levers = lever_table(Levers(reroute_mt=4.0), Levers(cpc_outage_pct=100, cpc_outage_months=2))
    assert set(levers["lever"]) == {"reroute_mt", "cpc_outage_pct", "cpc_outage_months"}
    assert levers.set_index("lever").loc["reroute_mt", "A"] == "4"


def test_comparison_table_gives_b_its_own_baseline_when_its_inputs_differ(model):
    from posture.compare import comparison_table

    w = model.data["weights"][["dimension", "weight", "rationale"]].copy()
    w.loc[w["dimension"] == "trade", "weight"] *= 5
    b = model.run(Levers(), model.scenario_inputs(None, w))
    t = comparison_table(model.run(Levers()), b, model.vector_names)
    assert "baseline (B's inputs)" in t.columns
    assert (t["B vs baseline"].abs() < 1e-9).all()  # B is its own baseline


# ------------------------------------------------------------------ the command line


def cli(*args, db: str):
    r = subprocess.run([sys.executable, "-m", "posture", "saved", *args, "--db", db], cwd=ROOT, capture_output=True,
                       text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    return r.returncode, r.stdout, r.stderr


def test_cli_save_list_export_import_delete(tmp_path, store_url):
    db = store_url
    assert cli("save", "Briefing", "--scenario", "cpc_outage", "--note", "n", "--author", "Ann", db=db)[0] == 0
    rc, out, err = cli("save", "briefing ", "--scenario", "western", db=db)
    assert rc == 1 and len(err.strip().splitlines()) == 1 and "already exists" in err and "Traceback" not in err
    assert cli("save", "Briefing", "--scenario", "western", "--overwrite", db=db)[0] == 0
    rc, out, _ = cli("list", "--json", db=db)
    assert rc == 0 and [(r["name"], r["revision"]) for r in json.loads(out)] == [("Briefing", 2)]
    old = tmp_path / "rev1.json"
    assert cli("export", "Briefing", "--out", str(old), db=db)[0] == 0
    assert json.loads(old.read_text())["revision"] == 2
    assert cli("save", "Briefing", "--scenario", "isolation", "--overwrite", db=db)[0] == 0
    rc, _, err = cli("import", str(old), db=db)
    assert rc == 1 and "--force" in err and len(err.strip().splitlines()) == 1
    assert cli("import", str(old), "--force", db=db)[0] == 0
    rc, out, _ = cli("export", "Briefing", db=db)
    assert json.loads(out)["revision"] == 4
    assert cli("delete", "Briefing", db=db)[0] == 0
    rc, _, err = cli("delete", "Briefing", db=db)
    assert rc == 1 and "No saved scenario" in err


def test_cli_saves_edited_ties_and_weights(tmp_path, store_url, model):
    ties = (ROOT / "data" / "balance" / "ties.csv").read_text()
    lines = ties.splitlines()
    header = lines[0].split(",")
    iv, ish, idim = header.index("vector"), header.index("share"), header.index("dimension")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(ties)))
    sec = [r for r in rows[1:] if r[idim] == "security"]
    a, b = sec[0], sec[1]
    a[ish], b[ish] = str(float(a[ish]) - 5), str(float(b[ish]) + 5)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    f = tmp_path / "ties.csv"
    f.write_text(buf.getvalue())
    rc, out, err = cli("save", "Edited", "--scenario", "western", "--ties", str(f), db=store_url)
    assert rc == 0, err
    doc = open_store(store_url).load("Edited")
    assert list(doc.ties) == ["security"] and doc.ties["security"][a[iv]] == pytest.approx(float(a[ish]))
    del iv


@pytest.mark.parametrize("content, expected", [
    ('{"schema_version": 9, "name": "x", "levers": {}}', "schema version 9 is not understood"),
    ('{"version": 1, "growth_eu_pct": "a", "bogus": 1}', "levers.growth_eu_pct"),
    ("not json", "not JSON"),
])
def test_cli_bad_import_exit_1_one_line_per_problem(tmp_path, store_url, content, expected):
    f = tmp_path / "doc.json"
    f.write_text(content)
    rc, out, err = cli("import", str(f), db=store_url)
    assert rc == 1 and expected in err and "Traceback" not in err + out
    assert all(line.startswith(str(f)) for line in err.strip().splitlines())


def test_cli_broken_store_exit_1_one_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("garbage" * 100)
    rc, out, err = cli("list", db=f"sqlite:///{bad}")
    assert rc == 1 and len(err.strip().splitlines()) == 1 and "damaged" in err and "Traceback" not in err


def test_concurrent_processes_opening_a_new_store_migrate_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code = f"from posture.store import open_store; open_store({url!r}).list(); print('ok')"
    ps = [_child(code) for _ in range(6)]
    outs = [p.communicate(timeout=300) for p in ps]
    assert all(p.returncode == 0 for p in ps), [o[1][-500:] for o in outs]
    with sqlite3.connect(tmp_path / "new.db") as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    time.sleep(0)
