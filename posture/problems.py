"""Problems found in input data, reported as file, row, column and reason.

Every loader and validator in posture returns or raises these, never a bare traceback,
so the command line prints one line per problem and the pages name the cell.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of an input.

    ``row`` is the line number a person sees when opening the file: for a CSV the
    header is line 1, so the first data row is 2; for GeoJSON it is the feature
    number counted from 1. ``None`` when the problem is about the whole file or column.
    """

    file: str
    row: int | str | None  # a line/feature number, or a row label (e.g. a dimension in an editor)
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason}


class DataError(Exception):
    """Raised when an input cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid data")
