"""Validation: bad input gives file, row, column and reason; never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from posture.catalog import TABLES
from posture.load import load_dataset, read_csv_text, validate_path
from posture.problems import DataError

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posture", *args], cwd=ROOT, capture_output=True, text=True)


def test_every_default_file_is_valid():
    for t in TABLES.values():
        assert validate_path(ROOT / "data" / t.path) == [], t.path


def test_not_a_number_is_named_by_row_and_column():
    csv = "year,period,basis,export_route,volume_mt,source,confidence\n2025,full year,actual,cpc,lots,s,high\n"
    _, problems = read_csv_text(csv, TABLES["oil_exports"], "exports.csv")
    assert [(p.file, p.row, p.column) for p in problems] == [("exports.csv", 2, "volume_mt")]
    assert "'lots' is not a number" in problems[0].reason


def test_out_of_range_unknown_value_and_empty_required_cell():
    csv = ("dimension,vector,share,method,reasoning,source,year,confidence\n"
           "security,RUS,120,estimate,r,s,2024,high\n"
           "security,CHN,5,guess,r,s,2024,high\n"
           "security,EU,,estimate,r,s,2024,high\n")
    _, problems = read_csv_text(csv, TABLES["ties"], "ties.csv")
    got = {(p.row, p.column) for p in problems}
    assert (2, "share") in got and (3, "method") in got
    reasons = " | ".join(p.reason for p in problems)
    assert "120 is out of range: must be between 0 and 100" in reasons
    assert "unknown value 'guess'" in reasons


def test_missing_column_is_reported():
    _, problems = read_csv_text("year,period\n2025,full year\n", TABLES["oil_export_totals"], "totals.csv")
    assert any(p.column == "total_mt" and p.reason == "column is missing" for p in problems)


def test_duplicate_rows_are_reported():
    csv = ("year,period,basis,total_mt,source,confidence\n2025,full year,actual,78.7,s,high\n"
           "2025,full year,actual,79,s,high\n")
    _, problems = read_csv_text(csv, TABLES["oil_export_totals"], "totals.csv")
    assert [(p.row, p.column) for p in problems] == [(3, "period")]


def test_not_utf8_and_not_csv():
    _, p1 = read_csv_text(b"\xff\xfe\x00bad", TABLES["weights"], "w.csv")
    assert p1 and "UTF-8" in p1[0].reason


def test_geojson_wrong_geometry_and_coordinates(tmp_path):
    doc = json.loads((ROOT / "data/routes/oil_routes.geojson").read_text())
    doc["features"][0]["geometry"] = {"type": "Point", "coordinates": [50, 45]}
    doc["features"][1]["geometry"]["coordinates"][0] = [5000000, 4000000]
    doc["features"][2]["properties"]["status"] = "dreaming"
    f = tmp_path / "oil_routes.geojson"
    f.write_text(json.dumps(doc))
    problems = validate_path(f)
    got = {(p.row, p.column) for p in problems}
    assert (1, "geometry") in got and (2, "geometry") in got and (3, "status") in got
    assert any("EPSG:4326" in p.reason for p in problems)


def test_invalid_json_reports_line(tmp_path):
    f = tmp_path / "nodes.geojson"
    f.write_text('{"type": "FeatureCollection",\n "features": [ }')
    problems = validate_path(f)
    assert problems and problems[0].row == 2 and "not valid JSON" in problems[0].reason


def test_cross_table_references(data_copy):
    ex = pd.read_csv(data_copy / "oil/exports.csv", dtype=str)
    ex.loc[0, "export_route"] = "teleport"
    ex.to_csv(data_copy / "oil/exports.csv", index=False)
    routes = pd.read_csv(data_copy / "oil/export_routes.csv", dtype=str)
    routes.loc[0, "segments"] = "cpc;nowhere"
    routes.to_csv(data_copy / "oil/export_routes.csv", index=False)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    msgs = [str(p) for p in err.value.problems]
    assert any("oil/exports.csv, row 2, column 'export_route': unknown export route 'teleport'" in m for m in msgs)
    assert any("unknown route segment 'nowhere'" in m for m in msgs)


def test_cli_validate_exit_codes_and_one_line_per_problem(tmp_path):
    ok = cli("validate", "data/balance/ties.csv", "data/routes/nodes.geojson")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "my_ties.csv"  # an analyst's copy: recognised by its header
    bad.write_text("dimension,vector,share,method,reasoning,source,year,confidence\n"
                   "security,RUS,abc,estimate,r,s,2024,high\nsecurity,XX,20,estimate,r,s,2024,high\n")
    r = cli("validate", str(bad))
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert lines == [f"{bad.as_posix()}, row 2, column 'share': 'abc' is not a number"]
    assert "Traceback" not in r.stdout + r.stderr


def test_cli_validate_reference_rules(tmp_path):
    bad = tmp_path / "ties.csv"
    bad.write_text("dimension,vector,share,method,reasoning,source,year,confidence\n"
                   "security,RUS,50,estimate,r,s,2024,high\nsecurity,XX,20,estimate,r,s,2024,high\n")
    r = cli("validate", str(bad))
    assert r.returncode == 1
    assert "row 3, column 'vector': unknown vector 'XX'" in r.stdout
    assert "dimension 'security' sums to 70.0, not 100" in r.stdout


def test_cli_unknown_file_and_missing_file(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("hello")
    r = cli("validate", str(f), str(tmp_path / "missing.csv"))
    assert r.returncode == 1
    assert "is not a known input table" in r.stdout and "does not exist" in r.stdout
    assert "Traceback" not in r.stderr


def test_cli_with_broken_data_dir_reports_problems(data_copy):
    (data_copy / "balance/weights.csv").write_text("dimension,weight,rationale\ntrade,heavy,x\n")
    r = cli("--data", str(data_copy), "balance", "--json")
    assert r.returncode == 1
    assert "weights.csv, row 2, column 'weight': 'heavy' is not a number" in r.stdout
    assert "Traceback" not in r.stderr


# ---------------------------------------------------------------- decimal commas (European spreadsheets)

def _weights_csv(sep: str, trade: str) -> str:
    rows = [f"trade{sep}{trade}{sep}r"] + [f"{d}{sep}0.1{sep}r" for d in
                                            ("energy_routes", "investment", "security", "political", "cultural")]
    return f"dimension{sep}weight{sep}rationale\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("content, expected", [
    (_weights_csv(";", "0,15"), 0.15),  # semicolon-separated: the comma is the decimal comma
    (_weights_csv(";", "1.234,5"), 1234.5),  # ... and a dot groups thousands
    (_weights_csv(";", "1,234"), 1.234),
    (_weights_csv(",", '"0,15"'), 0.15),  # quoted in a comma-separated file
    (_weights_csv(",", '"5,5"'), 5.5),
    (_weights_csv(",", "0.15"), 0.15),
])
def test_a_decimal_comma_is_read_as_a_decimal_never_as_thousands(content, expected):
    frame, problems = read_csv_text(content, TABLES["weights"], "w.csv")
    assert problems == []
    assert frame.loc[frame["dimension"] == "trade", "weight"].iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("value, reason", [
    ('"1,234"', "'1,234' is ambiguous: a decimal comma or a thousands separator?"),
    ('"1,234,567"', "'1,234,567' has thousands separators: write it without them (1234567)"),
    ('"1,2,3"', "'1,2,3' is not a number"),
])
def test_a_comma_that_could_mean_two_things_is_refused_by_cell(value, reason):
    _, problems = read_csv_text(_weights_csv(",", value), TABLES["weights"], "w.csv")
    assert [(p.row, p.column) for p in problems] == [(2, "weight")]
    assert problems[0].reason.startswith(reason)


def test_cli_reads_a_decimal_comma(tmp_path):
    w = tmp_path / "weights.csv"
    w.write_text(_weights_csv(";", "0,15").replace("cultural;0.1;r\n", "cultural;0.1;r\nenergy_technology;0,05;r\n"))
    r = cli("validate", str(w))
    assert r.returncode == 0, r.stdout
    one = tmp_path / "w1.csv"
    one.write_text(_weights_csv(",", '"5,5"') + "energy_technology,0.05,r\n")
    comma = json.loads(cli("balance", "--weights", str(one), "--json").stdout)["index"]
    one.write_text(_weights_csv(",", "5.5") + "energy_technology,0.05,r\n")
    point = json.loads(cli("balance", "--weights", str(one), "--json").stdout)["index"]
    assert comma == point
