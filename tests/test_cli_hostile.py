"""Hostile files on the command line: exit 1 and one line per problem, never a traceback.

GeoJSON that is not UTF-8, nested too deep, with a feature or properties that are not objects, NaN coordinates
or a line that crosses itself; scenario files with an unknown vendor, deep nesting, a directory for a path.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from posture.catalog import DATA_DIR, TABLES
from posture.cli import main
from posture.load import load_dataset, read_geojson
from posture.problems import DataError, Problem

ROOT = Path(__file__).resolve().parents[1]
ROUTES = json.loads((DATA_DIR / "routes" / "oil_routes.geojson").read_text(encoding="utf-8"))


def _doc(edit) -> dict:
    d = copy.deepcopy(ROUTES)
    edit(d)
    return d


def _set_coords(d, coords):
    d["features"][0]["geometry"]["coordinates"] = coords


GEOJSON = {
    # name: (file bytes, a fragment of the one line expected about it)
    "latin1": (json.dumps(ROUTES, ensure_ascii=False).replace("Caspian", "Caspian Türkiye", 1).encode("latin-1"),
               "is not UTF-8 text (byte 0xfc"),
    "deep": (('{"type": "FeatureCollection", "features": ' + "[" * 200_000 + "]" * 200_000 + "}").encode(),
             "nested too deeply"),
    "not_json": (b'{"type": "FeatureCollection", "features": [', "is not valid JSON"),
    "not_a_collection": (b"[1, 2, 3]", "is not a GeoJSON FeatureCollection"),
    "feature_not_object": (json.dumps(_doc(lambda d: d["features"].__setitem__(0, 5))).encode(),
                           "row 1: is a number, not a GeoJSON feature"),
    "properties_list": (json.dumps(_doc(lambda d: d["features"][0].__setitem__("properties", [1, 2]))).encode(),
                        "row 1, column 'properties': is a list, not a JSON object"),
    "geometry_text": (json.dumps(_doc(lambda d: d["features"][0].__setitem__("geometry", "LINESTRING(0 0, 1 1)"))).encode(),
                      "row 1, column 'geometry': is a text, not a GeoJSON geometry"),
    "geometry_no_coords": (json.dumps(_doc(lambda d: d["features"][0].__setitem__("geometry", {"type": "LineString"}))).encode(),
                           "row 1, column 'geometry': cannot be read"),
    "nan": (json.dumps(_doc(lambda d: d["features"][0]["geometry"]["coordinates"][1].__setitem__(0, float("nan")))).encode(),
            "row 1, column 'geometry': coordinate 2 is not a number (NaN or infinite)"),
    "infinite": (json.dumps(_doc(lambda d: d["features"][2]["geometry"]["coordinates"][0].__setitem__(1, float("inf")))).encode(),
                 "row 3, column 'geometry': coordinate 1 is not a number"),
    "self_crossing": (json.dumps(_doc(lambda d: _set_coords(d, [[50, 40], [52, 42], [52, 40], [50, 42]]))).encode(),
                      "row 1, column 'geometry': crosses itself near 51.000, 41.000"),
    "backtracking": (json.dumps(_doc(lambda d: _set_coords(d, [[50, 40], [52, 40], [51, 40]]))).encode(),
                     "row 1, column 'geometry': crosses itself"),
}


def _run(argv, capsys) -> tuple[int, list[str]]:
    code = main(argv)
    out = capsys.readouterr()
    lines = [line for line in (out.out + out.err).splitlines() if line.strip()]
    assert "Traceback" not in out.out + out.err
    return code, lines


@pytest.mark.parametrize("name", sorted(GEOJSON))
def test_validate_hostile_geojson(name, tmp_path, capsys):
    content, expected = GEOJSON[name]
    path = tmp_path / "oil_routes.geojson"
    path.write_bytes(content)
    code, lines = _run(["validate", str(path)], capsys)
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(path.as_posix()) and expected in lines[0], lines


def test_valid_route_files_still_pass(capsys):
    paths = [str(DATA_DIR / TABLES[n].path) for n in ("oil_routes", "gas_pipelines", "corridors", "nodes")]
    code, lines = _run(["validate", *paths], capsys)
    assert (code, lines) == (0, ["4 file(s) valid"])


def test_a_closed_simple_ring_is_not_a_crossing(tmp_path):
    d = _doc(lambda d: _set_coords(d, [[50, 40], [52, 40], [52, 42], [50, 40]]))
    path = tmp_path / "oil_routes.geojson"
    path.write_text(json.dumps(d))
    _, problems = read_geojson(path, TABLES["oil_routes"], "f")
    assert not [p for p in problems if p.column == "geometry"]


def test_nan_node_is_reported(tmp_path):
    d = json.loads((DATA_DIR / "routes" / "nodes.geojson").read_text(encoding="utf-8"))
    d["features"][4]["geometry"]["coordinates"] = [float("nan"), 45.0]
    path = tmp_path / "nodes.geojson"
    path.write_text(json.dumps(d))
    _, problems = read_geojson(path, TABLES["nodes"], "nodes.geojson")
    assert [(p.row, p.column) for p in problems] == [(5, "geometry")]
    assert "not a number" in problems[0].reason


def test_load_dataset_reports_hostile_files_in_a_data_copy(data_copy):
    (data_copy / "routes" / "oil_routes.geojson").write_bytes(GEOJSON["nan"][0])
    (data_copy / "events.csv").unlink()
    (data_copy / "events.csv").mkdir()
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    text = [str(p) for p in err.value.problems]
    assert any("oil_routes.geojson, row 1, column 'geometry': coordinate 2 is not a number" in t for t in text), text
    assert any(t.endswith("events.csv: cannot be read: Is a directory") for t in text), text


# ------------------------------------------------------------------ scenario files

SCENARIOS = {
    "unknown_vendor": (json.dumps({"nuclear_vendor": "ACME"}).encode(), "column 'nuclear_vendor': 'ACME' is not a vendor"),
    "deep": (('{"reroute_mt": ' + "[" * 200_000 + "]" * 200_000 + "}").encode(), "nested too deeply"),
    "deep_but_parsable": (('{"reroute_mt": ' + "[" * 500 + "]" * 500 + "}").encode(),
                          "column 'reroute_mt': a list is not a number"),
    "latin1": ('{"reroute_mt": 2, "note": "Türkiye"}'.encode("latin-1"), "is not UTF-8 text"),
    "list": (b"[1, 2]", "is a list, not a scenario"),
    "not_json": (b"{reroute_mt: 2}", "is not valid JSON"),
    "nan": (b'{"reroute_mt": NaN}', "column 'reroute_mt'"),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_balance_hostile_scenario_file(name, tmp_path, capsys):
    content, expected = SCENARIOS[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    code, lines = _run(["balance", "--scenario", str(path)], capsys)
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(path.as_posix()) and expected in lines[0], lines


def test_balance_scenario_path_is_a_directory(tmp_path, capsys):
    d = tmp_path / "scenario.json"
    d.mkdir()
    code, lines = _run(["balance", "--scenario", str(d)], capsys)
    assert (code, lines) == (1, [f"{d.as_posix()}: is a directory, not a file"])


def test_unreadable_json_file(tmp_path, monkeypatch):
    from posture.load import read_json

    path = tmp_path / "s.json"
    path.write_text("{}")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert read_json(path, "s.json") == (None, [Problem("s.json", None, None, "cannot be read: Permission denied")])


def test_a_good_scenario_file_still_runs(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"reroute_mt": 2.0}))
    code, lines = _run(["balance", "--scenario", str(path)], capsys)
    # each side: its numbers, the sentence with the dominated dimensions, the other measures, the exposure
    assert code == 0 and lines[0].startswith("baseline: balance index") and lines[4].startswith("scenario:")
    assert "more than half" in lines[1] and lines[2].lstrip().startswith("other measures")


def test_ties_override_directory(tmp_path, capsys):
    d = tmp_path / "ties.csv"
    d.mkdir()
    code, lines = _run(["balance", "--ties", str(d)], capsys)
    assert (code, lines) == (1, [f"{d.as_posix()}: cannot be read: Is a directory"])


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    import posture.cli as cli

    def boom(args):
        raise KeyError("surprise")

    monkeypatch.setattr(cli, "cmd_scenarios", boom)
    code, lines = _run(["scenarios"], capsys)
    assert code == 1 and len(lines) == 1 and lines[0].startswith("error: KeyError")


@pytest.mark.parametrize("argv", [["validate", "{geo}"], ["balance", "--scenario", "{scen}"]])
def test_the_real_command_has_no_traceback(argv, tmp_path):
    """The same through ``python -m posture`` (a new process: nothing caught by pytest)."""
    geo = tmp_path / "oil_routes.geojson"
    geo.write_bytes(GEOJSON["deep"][0])
    scen = tmp_path / "s.json"
    scen.mkdir()
    cmd = [sys.executable, "-m", "posture", *[a.format(geo=geo, scen=scen) for a in argv]]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert len((r.stdout + r.stderr).strip().splitlines()) == 1
