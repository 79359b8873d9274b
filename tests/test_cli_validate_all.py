"""``python -m posture validate`` with no path checks every table of the data directory; a directory checks
every known table under it; the stale-series warnings come with it and leave the exit code at 0."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from posture.catalog import TABLES
from posture.cli import main
from posture.load import DATA_DIR


def _run(argv, capsys) -> tuple[int, list[str]]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse-style exits carry their message
        code = 1 if isinstance(exc.code, str) else exc.code
        if isinstance(exc.code, str):
            print(exc.code)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


def test_no_path_validates_every_shipped_table(data_copy, capsys):
    code, lines = _run(["--data", str(data_copy), "validate"], capsys)
    present = [t for t in TABLES.values() if (data_copy / t.path).is_file()]
    assert len(present) == len(TABLES)  # the shipped data has a file for every catalogue table
    assert code == 0, lines
    assert lines[0] == f"{len(present)} file(s) valid"
    assert all(line.startswith("warning: ") for line in lines[1:]), lines


def test_no_path_reports_a_broken_table_by_file_row_and_column(data_copy, capsys):
    f = data_copy / TABLES["oil_exports"].path
    df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df.loc[1, "volume_mt"] = "lots"
    df.to_csv(f, index=False)
    code, lines = _run(["--data", str(data_copy), "validate"], capsys)
    assert code == 1
    assert any("oil/exports.csv, row 3, column 'volume_mt'" in line and "not a number" in line
               for line in lines), lines
    assert not any("file(s) valid" in line for line in lines)


def test_a_directory_validates_the_tables_under_it(data_copy, capsys):
    code, lines = _run(["validate", str(data_copy / "oil")], capsys)
    oil = [t for t in TABLES.values() if t.path.startswith("oil/")]
    assert code == 0 and lines[0] == f"{len(oil)} file(s) valid", lines


def test_a_stale_series_warns_and_keeps_exit_0(data_copy, capsys):
    f = data_copy / TABLES["uranium"].path
    df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df = df[df["indicator"] == df["indicator"].iloc[0]].copy()
    df["year"] = "2001"
    df.to_csv(f, index=False)
    code, lines = _run(["validate", str(data_copy / "nuclear")], capsys)
    assert code == 0
    assert any(line.startswith("warning: ") and "ends in 2001" in line for line in lines), lines


def test_a_directory_without_tables_is_refused_in_one_line(tmp_path, capsys):
    code, lines = _run(["validate", str(tmp_path)], capsys)
    assert code == 1 and len(lines) == 1 and "holds no known input table" in lines[0], lines
