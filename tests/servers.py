"""A real PostgreSQL cluster and a real nginx for the tests, each in a temporary directory on 127.0.0.1.

Debian's binaries (scripts/setup.sh installs postgresql and nginx for the tests). Missing binaries skip the
tests on a developer's machine and fail them in CI (CI=true): a test that cannot run must not pass.
As root, PostgreSQL runs as the ``postgres`` user (initdb refuses root).
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest


def need(what: str, found) -> None:
    if not found:
        msg = f"{what} not found (scripts/setup.sh installs it: apt-get install postgresql nginx apache2-utils)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120, **kw)


@contextmanager
def postgres_server():
    """Yield a database URL on a fresh cluster; stop and remove it afterwards."""
    binaries = pg_bin()
    need("PostgreSQL (initdb in /usr/lib/postgresql/*/bin)", binaries)
    if os.geteuid() == 0:
        need("the postgres user", shutil.which("runuser") and subprocess.run(["id", "postgres"],
                                                                           capture_output=True).returncode == 0)
    root = Path(tempfile.mkdtemp(prefix="posture-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    try:
        _as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "posture", "-A", "trust", "-E", "UTF8",
                      "--no-instructions"])
        _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60",
                      "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"])
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={port} user=posture dbname=postgres", autocommit=True) as c:
            c.execute("CREATE DATABASE posture")
        yield f"postgresql://posture@127.0.0.1:{port}/posture"
    finally:
        if (data / "postmaster.pid").exists():
            try:
                _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(root, ignore_errors=True)


def reset_database(url: str) -> None:
    """Drop the store's tables so each test starts from an empty database (the migrations run again)."""
    import psycopg

    from posture.store import dispose_all

    dispose_all()
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as c:
        c.execute("DROP TABLE IF EXISTS saved_scenario_revision, saved_scenario, alembic_version CASCADE")


def wait_for(predicate, timeout: float = 60, every: float = 0.2):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return predicate()
