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
section   optional; the section of the page the step scrolls to and highlights: one of :data:`SECTIONS`
          for its page (e.g. "numbers", "exposure", "map")
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

from posture.paths import DATA_DIR
from posture.problems import DataError, Problem
from posture.scenario import VENDORS, Levers

STORIES_DIR = "stories"
# the dashboard's page addresses (components/registry.py; tests/test_story.py checks they agree)
PAGES = ("overview", "scenarios", "map", "dependencies", "balance", "recommendations", "events", "data")
FIELDS = {"page", "title", "notes", "focus", "section", "scenario", "levers"}
PAGE_TITLES = {"overview": "Overview", "scenarios": "Scenarios", "map": "Routes map", "dependencies": "Dependencies",
               "balance": "Balance indicator", "recommendations": "Recommendations", "events": "Events",
               "data": "Data and sources"}
# What a step can point at on each page: id -> label. components/story.py maps each id to the element the page
# draws it in (tests/test_story_logic.py checks every id has one).
SECTIONS: dict[str, dict[str, str]] = {
    "overview": {"numbers": "Headline numbers", "dependencies": "The largest dependencies chart"},
    "scenarios": {"numbers": "Headline numbers", "exposure": "Exposure by vector chart",
                  "routes": "Crude exports by route chart", "trade": "Trade by vector chart"},
    "map": {"map": "The routes map", "via_russia": "Crude via Russia (the map's number)"},
    "dependencies": {"oil_exports": "Crude exports by route", "share_via_russia": "The share via Russia over time",
                     "sankey": "Where the crude goes", "arms": "Arms imports", "uranium": "Uranium: the lever Kazakhstan holds",
                     "corridor": "Middle Corridor volumes"},
    "balance": {"numbers": "The balance index", "exposure": "Exposure by vector chart",
                "tornado": "Sensitivity to the weights"},
    "recommendations": {"ranking": "The ranking of recommendations"},
    "events": {"timeline": "The events timeline"},
    "data": {},
}
MAX_TEXT = 2000


@dataclass(frozen=True)
class Step:
    page: str
    title: str
    notes: str = ""
    focus: str = ""
    section: str = ""
    scenario: str | None = None
    levers: Levers | None = None

    def as_dict(self) -> dict:
        out: dict = {"page": self.page, "title": self.title}
        if self.notes:
            out["notes"] = self.notes
        if self.focus:
            out["focus"] = self.focus
        if self.section:
            out["section"] = self.section
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


def check_step(raw, file: str = "story", row: int | None = 1) -> tuple[Step | None, list[Problem]]:
    """One step of a story: (the step, []) or (None, every problem with it, named by ``row`` and field)."""
    if not isinstance(raw, dict):
        return None, [Problem(file, row, None, "a step is an object with page, title and notes")]
    found = []
    for k in sorted(set(raw) - FIELDS):
        found.append(Problem(file, row, k, f"unknown field (a step has {', '.join(sorted(FIELDS))})"))
    page = raw.get("page")
    if page not in PAGES:
        found.append(Problem(file, row, "page", f"{page!r} is not a page ({', '.join(PAGES)})"))
    for k in ("title", "notes", "focus", "section", "scenario"):
        v = raw.get(k)
        if v is None and k != "title":
            continue
        if not isinstance(v, str) or (k in ("title", "scenario") and not v.strip()):
            found.append(Problem(file, row, k, "must be a non-empty text" if k in ("title", "scenario")
                                 else "must be a text"))
        elif len(v) > MAX_TEXT:
            found.append(Problem(file, row, k, f"is longer than {MAX_TEXT} characters"))
    section = raw.get("section")
    if isinstance(section, str) and section and page in PAGES and section not in SECTIONS[page]:
        known = ", ".join(SECTIONS[page]) or "none"
        found.append(Problem(file, row, "section", f"{section!r} is not a section of the {page} page ({known})"))
    if "levers" in raw:
        found += _lever_problems(raw["levers"], file, row)
        if "scenario" in raw:
            found.append(Problem(file, row, "levers", "a step has a scenario or levers, not both"))
    if found:
        return None, found
    return Step(page=page, title=raw["title"].strip(), notes=raw.get("notes") or "", focus=raw.get("focus") or "",
                section=raw.get("section") or "", scenario=raw.get("scenario"),
                levers=Levers.from_dict(raw["levers"]) if "levers" in raw else None), []


def parse_story(doc, file: str = "story") -> list[Step]:
    """Validate a story document (the parsed JSON); return its steps or raise DataError with every problem."""
    if not isinstance(doc, list):
        raise DataError([Problem(file, None, None, "a story is a JSON list of steps")])
    if not doc:
        raise DataError([Problem(file, None, None, "the story has no steps")])
    problems: list[Problem] = []
    steps: list[Step] = []
    for i, raw in enumerate(doc, start=1):
        step, found = check_step(raw, file, i)
        problems += found
        if step is not None:
            steps.append(step)
    if problems:
        raise DataError(problems)
    return steps


def parse_story_text(text: str | bytes, file: str = "story") -> list[Step]:
    """A story from a file's bytes or text (an upload, a saved document's story): DataError when it is not UTF-8,
    not JSON, or not a valid story, naming every problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError([Problem(file, None, None, "is not UTF-8 text")]) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError([Problem(file, err.lineno, None, f"is not valid JSON: {err.msg}")]) from None
    except RecursionError:
        raise DataError([Problem(file, None, None, "is nested too deeply to be a story")]) from None
    return parse_story(doc, file)


def story_json(steps: list[Step]) -> str:
    """The story as the JSON a story file holds (what :func:`parse_story_text` reads back)."""
    return json.dumps([s.as_dict() for s in steps], indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------ editing (each returns a new list)


def add_step(steps: list[Step], step: Step, after: int | None = None) -> list[Step]:
    """The story with ``step`` after position ``after`` (0-based), or at the end."""
    out = list(steps)
    out.insert(len(out) if after is None else max(0, min(after + 1, len(out))), step)
    return out


def move_step(steps: list[Step], i: int, to: int) -> list[Step]:
    """Step ``i`` moved to position ``to`` (both 0-based; ``to`` held inside the story)."""
    if not 0 <= i < len(steps):
        raise IndexError(f"no step {i + 1} in a story of {len(steps)}")
    out = list(steps)
    step = out.pop(i)
    out.insert(max(0, min(to, len(out))), step)
    return out


def remove_step(steps: list[Step], i: int) -> list[Step]:
    if not 0 <= i < len(steps):
        raise IndexError(f"no step {i + 1} in a story of {len(steps)}")
    return steps[:i] + steps[i + 1:]


def edit_step(steps: list[Step], i: int, file: str = "story", **changes) -> list[Step]:
    """Step ``i`` with ``changes`` (title, notes, focus, section, page, scenario, levers), validated as a story
    file's step is: DataError naming step ``i + 1`` and the field; the story is unchanged then."""
    if not 0 <= i < len(steps):
        raise IndexError(f"no step {i + 1} in a story of {len(steps)}")
    raw = steps[i].as_dict()
    for k, v in changes.items():
        if isinstance(v, Levers):
            v = {name: new for name, (_, new) in v.differs_from(Levers()).items()}
        if v is None or (k in ("notes", "focus", "section") and v == ""):
            raw.pop(k, None)
        else:
            raw[k] = v
    step, problems = check_step(raw, file, i + 1)
    if problems:
        raise DataError(problems)
    return steps[:i] + [step] + steps[i + 1:]


def view_step(page: str, levers: Levers, presets, section: str = "", title: str = "",
              saved: str | None = None) -> Step:
    """A step from what is on screen: the page, the levers in force (as the preset they are, when they are one;
    no levers for the baseline), the section to point at. ``saved``: the saved scenario the levers came from."""
    preset = next((p for p in presets if p.levers == levers), None)
    if saved:
        scenario, lv, what = saved, None, saved
    elif preset is not None:
        scenario, lv, what = preset.id, None, preset.name
    elif levers == Levers():
        scenario, lv, what = None, None, "the baseline"
    else:
        moved = len(levers.differs_from(Levers()))
        scenario, lv, what = None, levers, f"{moved} lever{'s' if moved != 1 else ''} moved"
    title = title.strip() or f"{PAGE_TITLES.get(page, page)}: {what}"
    step, problems = check_step({"page": page, "title": title[:MAX_TEXT], **({"section": section} if section else {}),
                                 **({"scenario": scenario} if scenario else {}),
                                 **({"levers": {k: v for k, (_, v) in lv.differs_from(Levers()).items()}}
                                    if lv is not None else {})}, "view")
    if problems:
        raise DataError(problems)
    return step


def preset_levers(step: Step, presets) -> Levers | None:
    """The levers of a step whose scenario is a preset (by id or name); None when it names none."""
    if step.scenario is None:
        return None
    for p in presets:
        if p.id == step.scenario or p.name.lower() == step.scenario.strip().lower():
            return p.levers
    return None


# ------------------------------------------------------------------ where a story is playing (shared by windows)


@dataclass(frozen=True)
class Position:
    """A playing story as its windows share it: the steps (as dicts), the step shown, when it started."""
    name: str
    steps: tuple[dict, ...]
    index: int
    started: float
    updated: float
    seq: int = 0

    @property
    def current(self) -> dict | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    @property
    def next(self) -> dict | None:
        return self.steps[self.index + 1] if 0 <= self.index + 1 < len(self.steps) else None


class Rooms:
    """Positions of playing stories, by room token: the audience window publishes, the presenter window reads.

    One instance per server (components/story.py holds it in ``st.cache_resource``); thread-safe, bounded
    (the oldest rooms go first)."""

    def __init__(self, limit: int = 256):
        import threading

        self._lock = threading.Lock()
        self._rooms: dict[str, Position] = {}
        self.limit = limit

    def publish(self, token: str, name: str, steps: list[Step], index: int, started: float, now: float) -> Position:
        with self._lock:
            old = self._rooms.pop(token, None)
            pos = Position(name, tuple(s.as_dict() for s in steps), index, started, now, (old.seq + 1) if old else 1)
            self._rooms[token] = pos
            while len(self._rooms) > self.limit:
                self._rooms.pop(next(iter(self._rooms)))
            return pos

    def get(self, token: str) -> Position | None:
        with self._lock:
            return self._rooms.get(token)

    def close(self, token: str) -> None:
        with self._lock:
            self._rooms.pop(token, None)


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
