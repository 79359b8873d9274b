"""Saved scenarios in SQLite through SQLAlchemy: keep a scenario under a name and open it later.

Scenarios are stored as validated JSON (``Levers.to_dict``, with a schema version) and read
back through ``Levers.from_dict``, which drops unknown keys and fills missing ones with
defaults, so scenarios saved by an older version still open.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import DateTime, String, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from posture.scenario import Levers

DEFAULT_DB = Path(os.environ.get("POSTURE_DB", Path(__file__).resolve().parents[1] / "scenarios.db"))


class Base(DeclarativeBase):
    pass


class SavedScenario(Base):
    __tablename__ = "scenarios"
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    levers_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Saved:
    name: str
    levers: Levers
    note: str
    saved_at: datetime


class ScenarioStore:
    def __init__(self, url: str | None = None):
        self.engine = create_engine(url or f"sqlite:///{DEFAULT_DB}", future=True)
        Base.metadata.create_all(self.engine)

    def save(self, name: str, levers: Levers, note: str = "") -> None:
        name = name.strip()
        if not name:
            raise ValueError("a saved scenario needs a name")
        Levers.from_dict(levers.to_dict())  # validate on write
        with Session(self.engine) as s, s.begin():
            row = s.get(SavedScenario, name) or SavedScenario(name=name)
            row.levers_json = json.dumps(levers.to_dict())
            row.note = note
            row.saved_at = datetime.now(timezone.utc)
            s.add(row)

    def list(self) -> list[Saved]:
        with Session(self.engine) as s:
            rows = s.scalars(select(SavedScenario).order_by(SavedScenario.saved_at.desc())).all()
            return [Saved(r.name, Levers.from_dict(json.loads(r.levers_json)), r.note, r.saved_at) for r in rows]

    def load(self, name: str) -> Levers | None:
        with Session(self.engine) as s:
            row = s.get(SavedScenario, name)
            return Levers.from_dict(json.loads(row.levers_json)) if row else None

    def delete(self, name: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(SavedScenario, name)
            if row:
                s.delete(row)
