"""The store's tests against a real PostgreSQL server (Debian's postgresql, a fresh cluster on 127.0.0.1).

The same test functions as tests/test_store.py: here ``store_url`` is the PostgreSQL database, emptied
before each test. Missing PostgreSQL skips locally and fails in CI (tests/servers.py).
"""
from __future__ import annotations

import pytest

from posture.document import Document
from posture.scenario import Levers
from posture.store import StoreUnavailable, dispose_all, open_store
from tests.servers import postgres_server, reset_database
from tests.test_store import (  # noqa: F401 - collected here, against PostgreSQL
    test_a_crash_in_the_middle_of_a_save_leaves_the_old_revision_whole,
    test_a_near_duplicate_name_is_refused_not_overwritten,
    test_a_stale_save_is_refused_then_overwritten_on_purpose,
    test_an_acknowledged_save_survives_kill_9,
    test_cli_save_list_export_import_delete,
    test_import_refuses_a_stale_copy_unless_forced,
    test_invalid_document_is_not_stored,
    test_many_first_saves_of_one_name_one_wins_the_rest_are_told,
    test_many_processes_saving_at_once_lose_and_clobber_nothing,
    test_many_saves_over_one_revision_one_wins_none_silently_replaced,
    test_many_sessions_opening_a_new_store_at_once,
    test_rename_to_a_taken_name_is_refused,
    test_save_open_revisions_restore_rename_delete,
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url
    dispose_all()


@pytest.fixture
def store_url(pg_url):
    reset_database(pg_url)
    yield pg_url
    dispose_all()


@pytest.fixture
def store(store_url):
    yield open_store(store_url)
    dispose_all()


def test_it_is_really_postgresql(store_url):
    store = open_store(store_url)
    assert store.engine.dialect.name == "postgresql" and "PostgreSQL" in store.where
    store.save(Document("Here", Levers(brics_pts=3)))
    assert open_store(store_url).load("here").levers == Levers(brics_pts=3)


def test_a_wrong_database_name_gives_one_clear_message(pg_url):
    with pytest.raises(StoreUnavailable) as e:
        open_store(pg_url.rsplit("/", 1)[0] + "/nosuchdb").list()
    assert "nosuchdb" in str(e.value) and "\n" not in str(e.value)
