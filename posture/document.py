"""The saved-scenario document: one versioned JSON document per saved scenario.

Schema (version 2, the current one)::

    {
      "schema": "posture.saved-scenario",
      "schema_version": 2,
      "name": "Briefing 12 March",        # text, kept as typed (outer spaces trimmed where typed)
      "note": "...", "author": "...",
      "created": "2026-03-12T09:14:03+00:00", "updated": "...",   # UTC, ISO 8601
      "revision": 3,                      # 0 for a document never stored; the store numbers revisions 1, 2, ...
      "levers": {"reroute_mt": 4.0, ...}, # every lever (posture.scenario.Levers)
      "ties": {"security": {"RUS": 40.0, "CHN": 10.0, ...}},   # only the dimensions edited, each a whole row
      "weights": {"trade": {"weight": 1.0, "rationale": "..."}, ...},  # all dimensions, only when edited
      "story": "..."                      # optional: the briefing's story, for the deck
    }

Version 1 is the bare lever file (``Levers.to_dict()``: ``{"version": 1, "reroute_mt": ...}``), which the
old store held and the Scenarios page still downloads; it opens as a document with those levers.

:func:`parse` migrates on read and validates; :func:`Document.to_dict` validates on write. A document of a
newer or unknown schema version is refused with a message naming the version found and those understood.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone

import pandas as pd

from posture.scenario import Levers

SCHEMA = "posture.saved-scenario"
SCHEMA_VERSION = 2
UNDERSTOOD = (1, 2)
MAX_NAME = 200
MAX_AUTHOR = 200
MAX_NOTE = 10_000
MAX_STORY = 50_000
# control characters and bidi overrides (a name that reorders the text around it); text blocks may hold newlines
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BLOCK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class DocumentError(ValueError):
    """A document that cannot be read or written: one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def name_key(name: str) -> str:
    """The identity of a name: 'Briefing', 'Briefing ' and 'briefing' are the same scenario.

    The name itself is kept as typed; only this key is unique in the store, so near-duplicates collide
    visibly (the second save is refused with the first one's details) instead of living side by side."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _read_levers(d: object, specs=None) -> tuple[Levers | None, list[str]]:
    """The levers, through posture.scenario.parse_levers (one rule for files, links and saved scenarios):
    unknown keys, types, NaN, the vendor, and the ranges when ``specs`` gives them; older keys migrate."""
    from posture.scenario import parse_levers

    levers, found = parse_levers(d, specs, source="levers")
    return levers, [f"levers.{p.column}: {p.reason}" if p.column else f"levers: {p.reason}" for p in found]


def _lever_problems(d: object, specs=None) -> list[str]:
    return _read_levers(d, specs)[1]


def _text(d: dict, key: str, limit: int, problems: list[str], *, one_line: bool = True) -> str:
    v = d.get(key, "")
    if v is None:
        v = ""
    if not isinstance(v, str):
        problems.append(f"{key}: expected text, found {type(v).__name__}")
        return ""
    if len(v) > limit:
        problems.append(f"{key}: {len(v)} characters, at most {limit}")
    bad = (_CONTROL if one_line else _CONTROL_BLOCK).search(v)
    if bad:
        problems.append(f"{key}: contains a control character (U+{ord(bad.group()):04X})")
    return v


def _time(d: dict, key: str, problems: list[str]) -> datetime | None:
    v = d.get(key)
    if v in (None, ""):
        return None
    try:
        t = datetime.fromisoformat(str(v))
    except ValueError:
        problems.append(f"{key}: {str(v)[:40]!r} is not an ISO 8601 time")
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _ties(v: object, problems: list[str]) -> dict[str, dict[str, float]] | None:
    if v in (None, {}):
        return None
    if not isinstance(v, dict):
        problems.append("ties: expected an object of dimension -> {vector: share}")
        return None
    out: dict[str, dict[str, float]] = {}
    for dim, row in v.items():
        if not isinstance(row, dict) or not row:
            problems.append(f"ties.{str(dim)[:40]}: expected an object of vector -> share")
            continue
        clean = {}
        for vec, share in row.items():
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not math.isfinite(float(share)) \
                    or not 0 <= float(share) <= 100:
                problems.append(f"ties.{str(dim)[:40]}.{str(vec)[:20]}: expected a share from 0 to 100, "
                                f"found {str(share)[:20]!r}")
                continue
            clean[str(vec)] = float(share)
        total = sum(clean.values())
        if clean and abs(total - 100) > 0.5:
            problems.append(f"ties.{str(dim)[:40]}: shares sum to {total:.1f}, not 100")
        out[str(dim)] = clean
    return out


def _weights(v: object, problems: list[str]) -> dict[str, dict] | None:
    if v in (None, {}):
        return None
    if not isinstance(v, dict):
        problems.append("weights: expected an object of dimension -> {weight, rationale}")
        return None
    out = {}
    for dim, w in v.items():
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            w = {"weight": w}
        if not isinstance(w, dict):
            problems.append(f"weights.{str(dim)[:40]}: expected {{weight, rationale}}")
            continue
        x = w.get("weight")
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(float(x)) or float(x) < 0:
            problems.append(f"weights.{str(dim)[:40]}: expected a weight of 0 or more, found {str(x)[:20]!r}")
            continue
        r = w.get("rationale", "")
        out[str(dim)] = {"weight": float(x), "rationale": r if isinstance(r, str) else ""}
    if out and sum(w["weight"] for w in out.values()) <= 0:
        problems.append("weights: all weights are zero")
    return out


@dataclass(frozen=True)
class Document:
    name: str
    levers: Levers = field(default_factory=Levers)
    note: str = ""
    author: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    revision: int = 0
    ties: dict[str, dict[str, float]] | None = None
    weights: dict[str, dict] | None = None
    story: str | None = None

    @property
    def key(self) -> str:
        return name_key(self.name)

    def replace(self, **kw) -> "Document":
        return replace(self, **kw)

    def problems(self) -> list[str]:
        """Everything wrong with this document (empty when it may be stored)."""
        out = []
        d = asdict(self)
        _text(d, "name", MAX_NAME, out)
        if not self.name.strip():
            out.append("name: a saved scenario needs a name")
        _text(d, "author", MAX_AUTHOR, out)
        _text(d, "note", MAX_NOTE, out, one_line=False)
        if self.story is not None:
            _text(d, "story", MAX_STORY, out, one_line=False)
        if isinstance(self.levers, Levers):
            out += _lever_problems(asdict(self.levers))
        else:
            out.append("levers: expected Levers")
        _ties(self.ties, out)
        _weights(self.weights, out)
        if not isinstance(self.revision, int) or self.revision < 0:
            out.append("revision: expected a whole number of 0 or more")
        return out

    def to_dict(self) -> dict:
        """The JSON document (validated: raises DocumentError)."""
        problems = self.problems()
        if problems:
            raise DocumentError(problems)
        out = {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "name": self.name, "note": self.note,
            "author": self.author, "created": self.created.isoformat() if self.created else None,
            "updated": self.updated.isoformat() if self.updated else None, "revision": self.revision,
            "levers": {k: v for k, v in self.levers.to_dict().items() if k != "version"},
        }
        if self.ties:
            out["ties"] = self.ties
        if self.weights:
            out["weights"] = self.weights
        if self.story is not None:
            out["story"] = self.story
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=False)

    def same_content(self, other: "Document") -> bool:
        """Same scenario (levers, inputs, note, story), whoever saved it and when."""
        a, b = self.to_dict(), other.to_dict()
        skip = ("created", "updated", "revision", "author")
        return {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}


def version_of(d: dict) -> object:
    if "schema_version" in d:
        return d["schema_version"]
    if "version" in d and "levers" not in d:
        return d["version"]
    return None


def migrate(d: object, name: str | None = None) -> dict:
    """Bring a document of any understood schema version to the current one (a dict, not yet validated)."""
    if not isinstance(d, dict):
        raise DocumentError([f"expected a JSON object, found {type(d).__name__}"])
    version = version_of(d)
    if version is None:
        raise DocumentError(["no schema version (expected 'schema_version', or 'version' in a lever file)"])
    if isinstance(version, bool) or version not in UNDERSTOOD:
        raise DocumentError([f"schema version {str(version)[:20]} is not understood: this version of the app "
                             f"reads versions {', '.join(map(str, UNDERSTOOD))}"
                             + (" (the file is from a newer version of the app)"
                                if isinstance(version, int) and version > SCHEMA_VERSION else "")])
    d = dict(d)
    if version == 1:  # a bare lever file: {"version": 1, "reroute_mt": ...} (its own migrations apply)
        d = {"schema": SCHEMA, "schema_version": 2, "name": name or "", "note": "", "author": "",
             "created": None, "updated": None, "revision": 0, "levers": d}
    if d.get("schema", SCHEMA) != SCHEMA:
        raise DocumentError([f"schema {str(d.get('schema'))[:40]!r} is not a saved scenario ({SCHEMA})"])
    return d


def from_dict(d: object, name: str | None = None, specs=None) -> Document:
    """Read a document (migrating older versions); raises DocumentError naming every problem.
    ``specs`` (posture.scenario.specs_by_id) adds the levers' ranges to the checks."""
    d = migrate(d, name)
    problems: list[str] = []
    known = {"schema", "schema_version", "name", "note", "author", "created", "updated", "revision", "levers",
             "ties", "weights", "story"}
    for k in d:
        if k not in known:
            problems.append(f"unknown field {str(k)[:40]!r}")
    if name is not None and not d.get("name"):
        d["name"] = name
    nm = _text(d, "name", MAX_NAME, problems)
    parsed, lever_problems = _read_levers(d.get("levers", {}), specs)
    problems += lever_problems
    levers = parsed or Levers()
    rev = d.get("revision", 0)
    if isinstance(rev, bool) or not isinstance(rev, int) or rev < 0:
        problems.append(f"revision: expected a whole number of 0 or more, found {str(rev)[:20]!r}")
        rev = 0
    story = d.get("story")
    doc = Document(
        name=nm, levers=levers, note=_text(d, "note", MAX_NOTE, problems, one_line=False),
        author=_text(d, "author", MAX_AUTHOR, problems), created=_time(d, "created", problems),
        updated=_time(d, "updated", problems), revision=rev, ties=_ties(d.get("ties"), problems),
        weights=_weights(d.get("weights"), problems),
        story=None if story is None else _text(d, "story", MAX_STORY, problems, one_line=False))
    if not nm.strip():
        problems.append("name: a saved scenario needs a name")
    if problems:
        raise DocumentError(problems)
    return doc


def parse(text: str | bytes, name: str | None = None, specs=None) -> Document:
    """A document from JSON text (a saved scenario, or an older lever file)."""
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise DocumentError([f"not JSON ({err})"]) from None
    return from_dict(raw, name, specs)


# ------------------------------------------------------------------ edited balance inputs <-> the document


def ties_overrides(ties: pd.DataFrame | None, defaults: pd.DataFrame) -> dict[str, dict[str, float]] | None:
    """The edited dimensions of a long ties table (dimension, vector, share), each as its whole row."""
    if ties is None:
        return None
    a = defaults.set_index(["dimension", "vector"])["share"]
    b = ties.set_index(["dimension", "vector"])["share"]
    out = {}
    for dim in ties["dimension"].unique():
        row = b.xs(dim, level="dimension")
        base = a.xs(dim, level="dimension") if dim in a.index.get_level_values(0) else pd.Series(dtype=float)
        joined = pd.concat([row.rename("now"), base.rename("was")], axis=1)
        differs = ((joined["now"] - joined["was"]).abs() > 1e-9) | (joined["now"].isna() != joined["was"].isna())
        if differs.any():
            out[str(dim)] = {str(v): float(s) for v, s in row.items() if pd.notna(s)}
    return out or None


def weights_overrides(weights: pd.DataFrame | None) -> dict[str, dict] | None:
    if weights is None:
        return None
    return {str(r.dimension): {"weight": float(r.weight), "rationale": "" if pd.isna(r.rationale) else str(r.rationale)}
            for r in weights.itertuples()}


def ties_matrix_from(doc: Document, defaults: pd.DataFrame, vectors: list[str], dimensions: list[str]) -> pd.DataFrame:
    """The dimension x vector matrix of the document's ties: the defaults with its edited rows."""
    from posture.balance_inputs import long_to_matrix

    m = long_to_matrix(defaults, vectors, dimensions)
    for dim, row in (doc.ties or {}).items():
        if dim not in m.index:
            continue
        m.loc[dim] = [row.get(v, 0.0) for v in m.columns]
    return m


def weights_frame_from(doc: Document, defaults: pd.DataFrame) -> pd.DataFrame | None:
    """The weights table (dimension, weight, rationale) of the document, or None for the defaults."""
    if not doc.weights:
        return None
    d = defaults[["dimension", "weight", "rationale"]].reset_index(drop=True).copy()
    for i, dim in enumerate(d["dimension"]):
        if dim in doc.weights:
            d.at[i, "weight"] = doc.weights[dim]["weight"]
            if doc.weights[dim].get("rationale"):
                d.at[i, "rationale"] = doc.weights[dim]["rationale"]
    return d


def input_problems(doc: Document, vectors: list[str], dimensions: list[str]) -> list[str]:
    """Edited inputs naming a vector or dimension the data does not have."""
    out = []
    for dim, row in (doc.ties or {}).items():
        if dim not in dimensions:
            out.append(f"ties: unknown dimension {dim[:40]!r}")
        out += [f"ties.{dim[:40]}: unknown vector {v[:20]!r}" for v in row if v not in vectors]
    out += [f"weights: unknown dimension {d[:40]!r}" for d in (doc.weights or {}) if d not in dimensions]
    return out
