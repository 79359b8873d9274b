"""Saved scenarios for a team: versioned documents with revisions, in SQLite or PostgreSQL.

    from posture.store import open_store
    store = open_store()                      # POSTURE_DATABASE_URL, else SQLite at POSTURE_DB_PATH
    doc = store.load("Briefing 12 March")     # -> posture.document.Document (latest revision)
    saved = store.save(doc.replace(note="..."), base_revision=doc.revision)

Guarantees
- One engine per process and database URL; the schema is created and changed by the Alembic migrations in
  posture/migrations, run on first use under a lock that is safe across processes (SQLite: the write lock of
  ``BEGIN IMMEDIATE``; PostgreSQL: ``pg_advisory_xact_lock``).
- A save is one transaction: the scenario's row moves to the new revision and the revision is appended, or
  nothing happens. SQLite runs in WAL mode with ``synchronous=FULL``: an acknowledged save survives the
  process being killed (and a power cut); PostgreSQL's commit is durable by default.
- No silent overwrite: a save names the revision it was based on. A new name that exists already
  (:class:`NameTaken`) or a base older than the stored revision (:class:`StaleRevision`) is refused with
  the stored revision's author and time, unless the caller overwrites on purpose. Every revision is kept
  (:meth:`Store.revisions`, :meth:`Store.restore`).
- Names are unique by :func:`posture.document.name_key` ('Briefing ' and 'briefing' are one scenario)
  and kept as typed.
- Any failure to reach, read or write the database raises :class:`StoreUnavailable` with one clear line
  (which database, and why); the caller shows it and carries on.

Settings, read when a store is opened (never at import): ``POSTURE_DATABASE_URL`` (any SQLAlchemy URL:
``postgresql://user:pass@host/db`` uses psycopg 3), else ``POSTURE_DB_PATH`` (a SQLite file), else
``$XDG_DATA_HOME/posture/scenarios.db`` (``~/.local/share/posture/scenarios.db``).
"""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine, make_url

from posture import document as docmod
from posture.document import Document, DocumentError

log = logging.getLogger(__name__)

ENV_URL = "POSTURE_DATABASE_URL"
ENV_PATH = "POSTURE_DB_PATH"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY = 7_015_202_611  # pg_advisory_xact_lock key of the migrations

meta = sa.MetaData()
scenario_t = sa.Table(
    "saved_scenario", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name_key", sa.String(400), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("document", sa.Text, nullable=False),
)
revision_t = sa.Table(
    "saved_scenario_revision", meta,
    sa.Column("scenario_id", sa.Integer, sa.ForeignKey("saved_scenario.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("document", sa.Text, nullable=False),
)


# ------------------------------------------------------------------------------------------------ errors


class StoreError(Exception):
    """Base of the store's refusals; ``str(err)`` is one line meant for the person who asked."""


class StoreUnavailable(StoreError):
    """The database cannot be reached, read or written."""


class NotFound(StoreError):
    pass


@dataclass(frozen=True)
class Summary:
    name: str
    revision: int
    author: str
    note: str
    created: datetime
    updated: datetime

    def who_when(self) -> str:
        by = f" by {self.author}" if self.author else ""
        return f"revision {self.revision}, saved{by} at {self.updated:%Y-%m-%d %H:%M} UTC"


class NameTaken(StoreError):
    """A new scenario under a name (or a near-identical one) that is already stored."""

    def __init__(self, existing: Summary):
        self.existing = existing
        super().__init__(f"A saved scenario named {existing.name!r} already exists ({existing.who_when()}). "
                         "Open it first to save a new revision, save under another name, or overwrite it on purpose.")


class StaleRevision(StoreError):
    """A save based on an older revision than the one stored: someone else saved in between."""

    def __init__(self, stored: Summary, base: int):
        self.stored, self.base = stored, base
        super().__init__(f"{stored.name!r} changed since you opened it: you started from revision {base}, the store "
                         f"now holds {stored.who_when()}. Save yours as a copy, or overwrite on purpose "
                         "(their revision stays in the history).")


# ------------------------------------------------------------------------------------------------ settings


def default_path() -> Path:
    """The SQLite file when no URL is configured: POSTURE_DB_PATH, else the user's data folder."""
    p = os.environ.get(ENV_PATH) or os.environ.get("POSTURE_DB")  # POSTURE_DB: the old store's variable
    if p:
        return Path(p).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "posture" / "scenarios.db"


def database_url(url: str | None = None) -> str:
    """The URL in force: the argument (``--db``), POSTURE_DATABASE_URL, else SQLite at :func:`default_path`."""
    url = url or os.environ.get(ENV_URL)
    if url:
        if "://" not in url:  # a plain path given to --db
            return f"sqlite:///{Path(url).expanduser().resolve()}"
        u = make_url(url)
        if u.drivername in ("postgresql", "postgres"):
            u = u.set(drivername="postgresql+psycopg")
        return u.render_as_string(hide_password=False)
    path = default_path()
    if not (os.environ.get(ENV_PATH) or os.environ.get("POSTURE_DB")):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # the default folder only: a configured one must exist
        except OSError:
            pass  # reported when the store is used
    return f"sqlite:///{path.resolve()}"


_ENGINES: dict[str, Engine] = {}
_READY: set[str] = set()
_ENGINES_LOCK = threading.Lock()


def _sqlite_engine(url: str) -> Engine:
    engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi, _record):
        dbapi.isolation_level = None  # the driver issues no BEGIN of its own; _begin below does
        cur = dbapi.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA foreign_keys = ON")
        try:
            cur.execute("PRAGMA journal_mode = WAL")
        except Exception:  # noqa: BLE001 - read-only or damaged files: reported on first use
            pass
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # a write takes SQLite's write lock at once: read-then-write is atomic across processes
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("posture_write") else "BEGIN")

    return engine


def engine_for(url: str | None = None) -> Engine:
    """One engine per process and URL."""
    url = database_url(url)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                engine = _sqlite_engine(url)
            else:
                engine = sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                                          connect_args={"connect_timeout": 5})
            _ENGINES[url] = engine
        return engine


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)


def _summary(row) -> Summary:
    return Summary(row.name, row.revision, row.author, row.note, _utc(row.created_at), _utc(row.updated_at))


# ------------------------------------------------------------------------------------------------ the store


class Store:
    def __init__(self, url: str | None = None):
        self.url = database_url(url)
        self.engine = engine_for(self.url)
        self.sqlite = self.engine.dialect.name == "sqlite"

    # -- where, and why it failed
    @property
    def sqlite_path(self) -> Path:
        db = self.engine.url.database or ""
        if db.startswith("file:"):  # a SQLite URI (?mode=ro&uri=true)
            db = db[len("file:"):].split("?", 1)[0]
        return Path(db)

    @property
    def where(self) -> str:
        u = self.engine.url
        if self.sqlite:
            return f"SQLite file {self.sqlite_path}"
        return f"PostgreSQL database {u.database or ''} at {u.host or 'localhost'}:{u.port or 5432}"

    def _explain(self, err: Exception) -> str:
        orig = getattr(err, "orig", None) or err
        text = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        low = text.lower()
        if self.sqlite:
            path = self.sqlite_path
            if "not a database" in low or "malformed" in low or "disk image" in low:
                why = "the file is damaged or is not a SQLite database (restore it from a backup, or move it away)"
            elif "readonly" in low or "read-only" in low:
                why = "the file or its folder is read-only, so scenarios cannot be saved"
            elif "unable to open" in low:
                why = ("its folder does not exist" if not path.parent.exists()
                       else "it cannot be opened (check the folder's permissions)")
            elif "locked" in low or "busy" in low:
                why = "another process has held it for more than 30 seconds"
            else:
                why = text
        else:
            if "connection refused" in low or "could not connect" in low or "timeout" in low \
                    or "server closed" in low or "terminating connection" in low or "no such host" in low:
                why = "the server cannot be reached (is it running?)"
            elif "password authentication failed" in low or "authentication" in low:
                why = "the server refused the login (check the user and password in the URL)"
            elif "does not exist" in low:
                why = text
            else:
                why = text
        return f"The scenario store ({self.where}) cannot be used: {why}."

    @contextmanager
    def _guard(self):
        try:
            yield
        except StoreUnavailable as err:
            log.warning("scenario store unavailable: %s", err)
            raise
        except (StoreError, DocumentError):
            raise  # a refusal (a name taken, a stale revision), said to the person who asked: not an error
        except (exc.DBAPIError, exc.SQLAlchemyError, OSError) as err:
            log.warning("scenario store %s: %s: %s", self.where, type(err).__name__, err)
            raise StoreUnavailable(self._explain(err)) from None
        except Exception as err:  # noqa: BLE001 - e.g. alembic's own errors: still one line, never a traceback
            if type(err).__module__.startswith("alembic"):
                log.warning("scenario store %s: migration: %s", self.where, err)
                raise StoreUnavailable(f"The scenario store ({self.where}) cannot be used: {err}.") from None
            log.exception("scenario store %s: unexpected error", self.where)
            raise

    def _ready(self) -> None:
        """Bring the schema to the current migration, once per process and database."""
        if self.url in _READY:
            return
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        head = head_revision()
        with self._guard():
            if self.sqlite:
                path = self.sqlite_path
                if not path.parent.exists():
                    raise StoreUnavailable(f"The scenario store ({self.where}) cannot be used: its folder "
                                           f"{path.parent} does not exist.")
            with self.engine.connect() as c:
                current = MigrationContext.configure(c).get_current_revision()
            if current != head:
                from alembic.script import ScriptDirectory

                known = {s.revision for s in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()}
                if current is not None and current not in known:
                    raise StoreUnavailable(f"The scenario store ({self.where}) was prepared by a newer version of "
                                           f"the app (schema {current}); this version knows up to {head}.")
                with self._write() as c:
                    if not self.sqlite:
                        c.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
                    command.upgrade(_alembic_config(c), "head")  # re-reads the version under the lock
        _READY.add(self.url)

    @contextmanager
    def _write(self):
        with self.engine.connect().execution_options(posture_write=True) as c, c.begin():
            yield c

    @contextmanager
    def _read(self):
        with self.engine.connect() as c, c.begin():
            yield c

    def ping(self) -> None:
        """Raise StoreUnavailable unless the store can be read (and its schema is current)."""
        self._ready()
        with self._guard(), self._read() as c:
            c.execute(sa.select(sa.func.count()).select_from(scenario_t)).scalar_one()

    # -- reading
    def list(self) -> list[Summary]:
        """Every saved scenario, the most recently saved first."""
        self._ready()
        with self._guard(), self._read() as c:
            rows = c.execute(sa.select(scenario_t).order_by(scenario_t.c.updated_at.desc(), scenario_t.c.id.desc())).all()
        return [_summary(r) for r in rows]

    def _row(self, c, name: str):
        return c.execute(sa.select(scenario_t).where(scenario_t.c.name_key == docmod.name_key(name))).first()

    def get(self, name: str, revision: int | None = None) -> Document | None:
        self._ready()
        with self._guard(), self._read() as c:
            row = self._row(c, name)
            if row is None:
                return None
            text = row.document
            if revision is not None and revision != row.revision:
                text = c.execute(sa.select(revision_t.c.document).where(
                    revision_t.c.scenario_id == row.id, revision_t.c.revision == revision)).scalar()
                if text is None:
                    raise NotFound(f"{row.name!r} has no revision {revision} (latest: {row.revision}).")
        return docmod.parse(text)

    def load(self, name: str, revision: int | None = None) -> Document:
        """The latest revision (or the one asked for) of a saved scenario; NotFound when there is none."""
        doc = self.get(name, revision)
        if doc is None:
            raise NotFound(f"No saved scenario is named {name!r}.")
        return doc

    def revisions(self, name: str) -> list[Summary]:
        """Every revision of one scenario, the latest first."""
        self._ready()
        with self._guard(), self._read() as c:
            row = self._row(c, name)
            if row is None:
                raise NotFound(f"No saved scenario is named {name!r}.")
            revs = c.execute(sa.select(revision_t).where(revision_t.c.scenario_id == row.id)
                             .order_by(revision_t.c.revision.desc())).all()
        return [Summary(r.name, r.revision, r.author, r.note, _utc(row.created_at), _utc(r.saved_at)) for r in revs]

    # -- writing
    def save(self, doc: Document, base_revision: int | None = None, *, overwrite: bool = False,
             _before_commit=None) -> Document:
        """Store ``doc`` as the next revision of its name and return it as stored (revision, times).

        ``base_revision``: the revision the person started from (None for a new scenario). Refused with
        NameTaken (new scenario, name taken) or StaleRevision (the stored revision is newer) unless
        ``overwrite``. ``_before_commit`` is for tests (a crash inside the transaction)."""
        problems = doc.problems()
        if problems:
            raise DocumentError(problems)
        self._ready()
        t = docmod.now()
        with self._guard():
            try:
                with self._write() as c:
                    row = self._row(c, doc.name)
                    if row is None:
                        new = doc.replace(revision=1, created=t, updated=t)
                        sid = c.execute(scenario_t.insert().values(
                            name_key=new.key, name=new.name, revision=1, author=new.author, note=new.note,
                            created_at=t, updated_at=t, document=new.to_json(None))).inserted_primary_key[0]
                    else:
                        if not overwrite and base_revision != row.revision:
                            if base_revision is None:
                                raise NameTaken(_summary(row))
                            raise StaleRevision(_summary(row), base_revision)
                        sid = row.id
                        new = doc.replace(revision=row.revision + 1, created=_utc(row.created_at), updated=t)
                        done = c.execute(scenario_t.update().where(
                            scenario_t.c.id == row.id, scenario_t.c.revision == row.revision).values(
                            name=new.name, revision=new.revision, author=new.author, note=new.note, updated_at=t,
                            document=new.to_json(None)))
                        if done.rowcount != 1:  # another writer moved it between our read and write
                            raise StaleRevision(_summary(self._row(c, doc.name)), base_revision or row.revision)
                    c.execute(revision_t.insert().values(scenario_id=sid, revision=new.revision, name=new.name,
                                                         author=new.author, note=new.note, saved_at=t,
                                                         document=new.to_json(None)))
                    if _before_commit:
                        _before_commit()
            except exc.IntegrityError:
                # PostgreSQL: two first saves of one name at once; the other one committed first
                with self._read() as c:
                    row = self._row(c, doc.name)
                if row is None:
                    raise
                raise NameTaken(_summary(row)) from None
        return new

    def rename(self, name: str, new_name: str, base_revision: int, author: str = "") -> Document:
        """Rename as a new revision (the history keeps the old name); refused when the new name is taken."""
        doc = self.load(name)
        if docmod.name_key(new_name) != doc.key:
            with self._guard(), self._read() as c:
                taken = self._row(c, new_name)
            if taken is not None:
                raise NameTaken(_summary(taken))
        renamed = doc.replace(name=new_name, author=author or doc.author)
        problems = renamed.problems()
        if problems:
            raise DocumentError(problems)
        self._ready()
        t = docmod.now()
        with self._guard():
            try:
                with self._write() as c:
                    row = self._row(c, name)
                    if row is None:
                        raise NotFound(f"No saved scenario is named {name!r}.")
                    if row.revision != base_revision:
                        raise StaleRevision(_summary(row), base_revision)
                    new = renamed.replace(revision=row.revision + 1, created=_utc(row.created_at), updated=t)
                    c.execute(scenario_t.update().where(scenario_t.c.id == row.id).values(
                        name_key=new.key, name=new.name, revision=new.revision, author=new.author,
                        updated_at=t, document=new.to_json(None)))
                    c.execute(revision_t.insert().values(scenario_id=row.id, revision=new.revision, name=new.name,
                                                         author=new.author, note=new.note, saved_at=t,
                                                         document=new.to_json(None)))
            except exc.IntegrityError:
                raise NameTaken(self._summary_of(new_name)) from None
        return new

    def _summary_of(self, name: str) -> Summary:
        with self._read() as c:
            return _summary(self._row(c, name))

    def restore(self, name: str, revision: int, base_revision: int, author: str = "") -> Document:
        """Make an earlier revision the latest again (as a new revision: nothing is lost)."""
        old = self.load(name, revision)
        current = self.load(name)
        note = old.note or f"Restored revision {revision}"
        return self.save(old.replace(name=current.name, author=author or old.author, note=note),
                         base_revision=base_revision)

    def delete(self, name: str, base_revision: int | None = None) -> None:
        """Delete a scenario and its history; with ``base_revision``, only if nobody saved since."""
        self._ready()
        with self._guard(), self._write() as c:
            row = self._row(c, name)
            if row is None:
                raise NotFound(f"No saved scenario is named {name!r}.")
            if base_revision is not None and row.revision != base_revision:
                raise StaleRevision(_summary(row), base_revision)
            c.execute(revision_t.delete().where(revision_t.c.scenario_id == row.id))
            c.execute(scenario_t.delete().where(scenario_t.c.id == row.id))

    def import_document(self, doc: Document, *, force: bool = False, author: str | None = None) -> Document:
        """Store an exported document. A stale copy (the store holds a newer revision than the file's) is
        refused unless ``force``; the same content as stored is a no-op."""
        current = self.get(doc.name)
        if author is not None:
            doc = doc.replace(author=author)
        if current is None:
            return self.save(doc)
        if current.same_content(doc):
            return current
        if doc.revision < current.revision and not force:
            raise StaleRevision(Summary(current.name, current.revision, current.author, current.note,
                                        current.created, current.updated), doc.revision)
        return self.save(doc, base_revision=current.revision, overwrite=force)


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (``--db``), else POSTURE_DATABASE_URL, else the SQLite file (see module doc)."""
    return Store(url)


def dispose_all() -> None:
    """Close every pooled connection (tests; a forked child)."""
    with _ENGINES_LOCK:
        for e in _ENGINES.values():
            e.dispose()
        _ENGINES.clear()
        _READY.clear()
