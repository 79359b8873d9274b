"""Briefing stories: the order in which a briefer walks the dashboard, as a validated JSON file.

A story is a JSON list of steps (``data/stories/NAME.json``, or any file)::

    [
      {"page": "overview", "title": "The posture today", "notes": "...", "focus": "balance index"},
      {"page": "scenarios", "scenario": "western", "title": "...", "notes": "..."},
      {"page": "scenarios", "levers": {"cpc_outage_pct": 100, "cpc_outage_months": 1}, "title": "...", "notes": "..."}
    ]

Each step has:

page      required; one of :data:`PAGES` (the dashboard's page addresses)
title     required; a short heading, shown as text (never as markup)
notes     optional; what to say at this step, shown as text
focus     optional; what to point at on the page (free text, e.g. "balance index" or a chart's title)
scenario  optional; a preset id or name, or a saved scenario's name, resolved when the story is used
levers    optional; lever settings (the keys of :class:`~posture.scenario.Levers`); the others keep
          their defaults

A step has at most one of ``scenario`` and ``levers``; with neither it shows the baseline.
:func:`parse_story` returns the steps or raises :class:`~posture.problems.DataError` naming every
problem (file, step number as the row, field as the column, and why).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

from posture.catalog import DATA_DIR
from posture.problems import DataError, Problem
from posture.scenario import VENDORS, Levers

STORIES_DIR = "stories"
# the dashboard's page addresses (components/registry.py; tests/test_story.py checks they agree)
PAGES = ("overview", "scenarios", "map", "dependencies", "balance", "recommendations", "events", "data")
FIELDS = {"page", "title", "notes", "focus", "scenario", "levers"}
MAX_TEXT = 2000


@dataclass(frozen=True)
class Step:
    page: str
    title: str
    notes: str = ""
    focus: str = ""
    scenario: str | None = None
    levers: Levers | None = None

    def as_dict(self) -> dict:
        out: dict = {"page": self.page, "title": self.title}
        if self.notes:
            out["notes"] = self.notes
        if self.focus:
            out["focus"] = self.focus
        if self.scenario is not None:
            out["scenario"] = self.scenario
        if self.levers is not None:
            out["levers"] = {k: v for k, (_, v) in self.levers.differs_from(Levers()).items()}
        return out


def _lever_problems(raw, file: str, row: int) -> list[Problem]:
    if not isinstance(raw, dict):
        return [Problem(file, row, "levers", "must be an object of lever settings")]
    problems = []
    kinds = {f.name: f.type for f in fields(Levers)}
    for k, v in raw.items():
        if k == "version":
            continue
        if k not in kinds:
            problems.append(Problem(file, row, "levers", f"unknown lever '{k}'"))
        elif kinds[k] == "str":
            if v not in VENDORS:
                problems.append(Problem(file, row, "levers", f"{k} must be one of {', '.join(VENDORS)}, not {v!r}"))
        elif isinstance(v, bool) or not isinstance(v, (int, float)) or v != v or v in (float("inf"), float("-inf")):
            problems.append(Problem(file, row, "levers", f"{k} must be a number, not {v!r}"))
    return problems


def parse_story(doc, file: str = "story") -> list[Step]:
    """Validate a story document (the parsed JSON); return its steps or raise DataError with every problem."""
    if not isinstance(doc, list):
        raise DataError([Problem(file, None, None, "a story is a JSON list of steps")])
    if not doc:
        raise DataError([Problem(file, None, None, "the story has no steps")])
    problems: list[Problem] = []
    steps: list[Step] = []
    for i, raw in enumerate(doc, start=1):
        if not isinstance(raw, dict):
            problems.append(Problem(file, i, None, "a step is an object with page, title and notes"))
            continue
        found = []
        for k in sorted(set(raw) - FIELDS):
            found.append(Problem(file, i, k, f"unknown field (a step has {', '.join(sorted(FIELDS))})"))
        page = raw.get("page")
        if page not in PAGES:
            found.append(Problem(file, i, "page", f"{page!r} is not a page ({', '.join(PAGES)})"))
        for k in ("title", "notes", "focus", "scenario"):
            v = raw.get(k)
            if v is None and k != "title":
                continue
            if not isinstance(v, str) or (k in ("title", "scenario") and not v.strip()):
                found.append(Problem(file, i, k, "must be a non-empty text" if k in ("title", "scenario")
                                     else "must be a text"))
            elif len(v) > MAX_TEXT:
                found.append(Problem(file, i, k, f"is longer than {MAX_TEXT} characters"))
        if "levers" in raw:
            found += _lever_problems(raw["levers"], file, i)
            if "scenario" in raw:
                found.append(Problem(file, i, "levers", "a step has a scenario or levers, not both"))
        problems += found
        if not found:
            steps.append(Step(page=page, title=raw["title"].strip(), notes=raw.get("notes") or "",
                              focus=raw.get("focus") or "", scenario=raw.get("scenario"),
                              levers=Levers.from_dict(raw["levers"]) if "levers" in raw else None))
    if problems:
        raise DataError(problems)
    return steps


def story_path(name_or_file: str, data_dir: Path | str = DATA_DIR) -> Path:
    """A story's file: an existing path as given, else ``data/stories/NAME.json``."""
    p = Path(name_or_file)
    if p.suffix == ".json" and p.exists():
        return p
    return Path(data_dir) / STORIES_DIR / f"{name_or_file}.json"


def load_story(name_or_file: str, data_dir: Path | str = DATA_DIR) -> tuple[str, list[Step]]:
    """(name, steps) of a story given by name (``data/stories/NAME.json``) or by file; DataError if invalid."""
    path = story_path(name_or_file, data_dir)
    label = name_or_file if Path(name_or_file).exists() else path.as_posix()
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in (Path(data_dir) / STORIES_DIR).glob("*.json"))) or "none"
        raise DataError([Problem(name_or_file, None, None, f"is neither a story file nor a story name (stories: {known})")])
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise DataError([Problem(label, None, None, f"cannot be read: {err.strerror}")]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(label, None, None, "is not UTF-8 text")]) from None
    except json.JSONDecodeError as err:
        raise DataError([Problem(label, err.lineno, None, f"is not valid JSON: {err.msg}")]) from None
    return path.stem, parse_story(doc, label)


def default_story(data_dir: Path | str = DATA_DIR) -> tuple[str, list[Step]] | None:
    """The shipped story (``data/stories/default.json``), or None when there is none."""
    if not (Path(data_dir) / STORIES_DIR / "default.json").exists():
        return None
    return load_story("default", data_dir)
