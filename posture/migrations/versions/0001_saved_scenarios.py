"""Saved scenarios with revisions; rows of the old one-table store (``scenarios``) are carried over.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""
import json
import unicodedata
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_scenario",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name_key", sa.String(400), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
    )
    op.create_table(
        "saved_scenario_revision",
        sa.Column("scenario_id", sa.Integer, sa.ForeignKey("saved_scenario.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
    )
    bind = op.get_bind()
    if "scenarios" in sa.inspect(bind).get_table_names():
        _carry_over(bind)


def _carry_over(bind) -> None:
    """The old store's rows (name, levers_json, note, saved_at) become revision 1 of each scenario."""
    old = bind.execute(sa.text("SELECT name, levers_json, note, saved_at FROM scenarios")).all()
    seen = set()
    for name, levers_json, note, saved_at in old:
        key = " ".join(unicodedata.normalize("NFKC", name).split()).casefold()
        if key in seen:
            continue
        seen.add(key)
        when = saved_at if isinstance(saved_at, datetime) else datetime.now(timezone.utc)
        if isinstance(saved_at, str):
            try:
                when = datetime.fromisoformat(saved_at)
            except ValueError:
                pass
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        levers = json.loads(levers_json)
        levers.pop("version", None)
        doc = {"schema": "posture.saved-scenario", "schema_version": 2, "name": name, "note": note or "",
               "author": "", "created": when.isoformat(), "updated": when.isoformat(), "revision": 1,
               "levers": levers}
        text = json.dumps(doc, ensure_ascii=False)
        res = bind.execute(sa.text(
            "INSERT INTO saved_scenario (name_key, name, revision, author, note, created_at, updated_at, document) "
            "VALUES (:k, :n, 1, '', :note, :t, :t, :d)"), {"k": key, "n": name, "note": note or "", "t": when,
                                                           "d": text})
        sid = bind.execute(sa.text("SELECT id FROM saved_scenario WHERE name_key = :k"), {"k": key}).scalar_one()
        bind.execute(sa.text(
            "INSERT INTO saved_scenario_revision (scenario_id, revision, name, author, note, saved_at, document) "
            "VALUES (:s, 1, :n, '', :note, :t, :d)"), {"s": sid, "n": name, "note": note or "", "t": when, "d": text})
        del res


def downgrade() -> None:
    op.drop_table("saved_scenario_revision")
    op.drop_table("saved_scenario")
