"""Table validation with pandera, translated into Problems a person can act on.

A table is described by a :class:`TableSchema`: its pandera schema plus which columns are
numeric. Validation runs in two steps so that messages stay clear:

1. every numeric cell is parsed; a cell that is not a number is reported once as
   "not a number" (pandera would report it twice, once for the dtype and once more as a
   confusing type error in the range check);
2. the parsed frame goes through pandera with ``lazy=True`` so that every problem is
   collected, then each failure case becomes a :class:`~posture.problems.Problem`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import pandera.pandas as pa

from posture.problems import Problem

DataFrameCheck = Callable[[pd.DataFrame, str, Callable[[object], int]], list[Problem]]


@dataclass(frozen=True)
class TableSchema:
    """A validated table: pandera schema, numeric columns and extra whole-table checks.

    ``frame_checks`` are functions ``(frame, file, row_of) -> problems`` for rules that
    span rows (for example "each dimension sums to 100"); ``row_of`` turns an index label
    into the row number a person sees.
    """

    schema: pa.DataFrameSchema
    numeric: tuple[str, ...] = ()
    integer: tuple[str, ...] = ()
    frame_checks: tuple[DataFrameCheck, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)

    @property
    def required(self) -> list[str]:
        return [n for n, c in self.schema.columns.items() if c.required]


def csv_row(index_label: object) -> int:
    """Row number in a CSV file as a spreadsheet shows it (header on row 1)."""
    return int(index_label) + 2


def feature_row(index_label: object) -> int:
    """Feature number in a GeoJSON file, counted from 1."""
    return int(index_label) + 1


VALUE = "{value}"  # where a check's message (its ``error=``) puts the failing cell, as the file has it


def checked(check_factory, *args, error: str, **kwargs) -> pa.Check:
    """A pandera check carrying the sentence a person reads when it fails (``error=``), with :data:`VALUE`
    where the cell goes: the message is the check's own, never rebuilt from its name."""
    return check_factory(*args, error=error, **kwargs)


def _cell(value: object) -> str:
    """A failing cell as a message shows it: 120, 0.15, 'guess', or empty."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "empty"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value)


# pandera's own checks (no ``error=`` of ours): what each means for the cell
BUILT_IN = {
    "not_nullable": "is empty; a value is required",
    "field_uniqueness": "duplicate value " + VALUE + ": must be unique",
    "multiple_fields_uniqueness": "duplicate value " + VALUE + ": must be unique",
    "column_in_dataframe": "column is missing",
}


def _reason(check: str, value: object) -> str:
    """The failed check's message with the cell in it."""
    message = BUILT_IN.get(check, check if VALUE in check else f"{VALUE} fails check {check}")
    return message.replace(VALUE, _cell(value))


# A number written with a decimal comma ("0,15", "-5,5"); with exactly three digits after the comma ("1,234") it
# could as well be a thousands separator, and is refused rather than guessed.
DECIMAL_COMMA = r"[+-]?\d*,(?:\d{1,2}|\d{4,})"
AMBIGUOUS_COMMA = r"[+-]?\d{1,3},\d{3}"
THOUSANDS = r"[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|[+-]?\d{1,3}(?:,\d{3})+\.\d+"


def _parse_numeric(frame: pd.DataFrame, cols: Sequence[str], file: str, row_of, integer: Sequence[str]):
    problems: list[Problem] = []
    out = frame.copy()
    for col in cols:
        if col not in out.columns:
            continue
        raw = out[col]
        text = raw.astype("string").str.strip()
        comma = text.notna() & text.str.contains(",", regex=False).fillna(False)
        decimal = comma & text.str.fullmatch(DECIMAL_COMMA).fillna(False)
        ambiguous = comma & text.str.fullmatch(AMBIGUOUS_COMMA).fillna(False)
        # a comma is never dropped: "0,15" is 0.15 (a European spreadsheet's decimal comma), and "1,234" could be
        # either, so it is refused (see read_csv_text for semicolon-separated files, where a comma is always decimal)
        parsed = pd.to_numeric(text.where(~decimal, text.str.replace(",", ".", regex=False)).where(~ambiguous),
                               errors="coerce")
        thousands = comma & text.str.fullmatch(THOUSANDS).fillna(False)
        bad = text.notna() & (text != "") & parsed.isna()
        for label in raw.index[bad]:  # in row order
            if thousands[label]:
                why = f"has thousands separators: write it without them ({text[label].replace(',', '')})"
            elif ambiguous[label]:
                why = ("is ambiguous: a decimal comma or a thousands separator? Write it with a decimal point "
                       f"({text[label].replace(',', '.')}) or without a separator ({text[label].replace(',', '')})")
            else:
                why = "is not a number"
            problems.append(Problem(file, row_of(label), col, f"{raw[label]!r} {why}"))
        if col in integer:
            frac = parsed.notna() & (parsed != np.floor(parsed.fillna(0)))
            for label in raw.index[frac]:
                problems.append(Problem(file, row_of(label), col, f"{raw[label]!r} is not a whole number"))
        out[col] = parsed.astype("float64")
    return out, problems


def validate_frame(
    frame: pd.DataFrame, table: TableSchema, file: str, row_of: Callable[[object], int] = csv_row
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate ``frame`` against ``table``; return the typed frame and every problem found.

    Empty strings count as missing. The returned frame has numeric columns as float64
    (integer columns as nullable Int64) and is only meant to be used when there are no problems.
    """
    frame = frame.replace(r"^\s*$", np.nan, regex=True).infer_objects()
    frame, problems = _parse_numeric(frame, table.numeric + table.integer, file, row_of, table.integer)
    already = {(p.row, p.column) for p in problems}
    try:
        typed = table.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        typed = frame
        fc = err.failure_cases
        for _, case in fc.iterrows():
            col = case["column"] if isinstance(case["column"], str) else None
            check = str(case["check"])
            label = case["index"]
            if check == "column_in_dataframe":
                problems.append(Problem(file, None, str(case["failure_case"]), "column is missing"))
                continue
            if check.startswith("coerce_dtype") or check.startswith("dtype("):
                continue  # numeric parsing already reported these
            row = row_of(label) if label is not None and not (isinstance(label, float) and np.isnan(label)) else None
            if (row, col) in already:
                continue
            if check == "column_in_schema":
                problems.append(Problem(file, None, str(case["failure_case"]), "unexpected column"))
                continue
            problems.append(Problem(file, row, col, _reason(check, case["failure_case"])))
            already.add((row, col))
    for name, col in table.schema.columns.items():
        if name not in typed.columns and not col.required:
            typed[name] = np.nan
    for col in table.integer:
        if col in typed.columns:
            typed[col] = pd.to_numeric(typed[col], errors="coerce").round().astype("Int64")
    if not problems:
        for check in table.frame_checks:
            problems.extend(check(typed, file, row_of))
    return typed, problems


# --------------------------------------------------------------------------- schema helpers

CONFIDENCE = ["high", "medium", "low"]


def text(nullable: bool = True, isin: Sequence[str] | None = None, required: bool | None = None, unique: bool = False):
    """A text column. Columns that may be empty may also be left out of a file (``required`` defaults
    to ``not nullable``); the loader adds them back empty."""
    checks = [one_of(isin)] if isin else []
    required = (not nullable) if required is None else required
    return pa.Column(None, checks=checks, nullable=nullable, required=required, unique=unique, coerce=False)


def one_of(allowed: Sequence, error: str | None = None) -> pa.Check:
    """The cell is one of ``allowed`` (pandera's ``isin``); ``error`` names the list for a reader."""
    allowed = list(allowed)
    return checked(pa.Check.isin, allowed, error=error or f"unknown value {VALUE}: expected one of {allowed}")


def number(
    nullable: bool = True,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    required: bool | None = None,
):
    checks = []
    if ge is not None and le is not None:
        checks.append(checked(pa.Check.in_range, ge, le, error=f"{VALUE} is out of range: must be between {ge:g} and {le:g}"))
    elif ge is not None:
        checks.append(checked(pa.Check.ge, ge, error=f"{VALUE} is too small: must be at least {ge:g}"))
    elif le is not None:
        checks.append(checked(pa.Check.le, le, error=f"{VALUE} is too large: must be at most {le:g}"))
    if gt is not None:
        checks.append(checked(pa.Check.gt, gt, error=f"{VALUE} is too small: must be more than {gt:g}"))
    required = (not nullable) if required is None else required
    return pa.Column(float, checks=checks, nullable=nullable, required=required, coerce=True)


def provenance(confidence_nullable: bool = False) -> dict[str, pa.Column]:
    """The columns every sourced table carries."""
    return {
        "source": text(nullable=False),
        "confidence": text(nullable=confidence_nullable, isin=CONFIDENCE),
    }
