"""components/serve.py: the launcher scripts/run.sh uses reads the model at the server's start and hands it to
the first script run; a failing preload is left to that run, which shows the data's problems as before."""
from __future__ import annotations

import pytest

from components import serve
from posture import cache

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(d))
    monkeypatch.delenv("POSTURE_NO_CACHE", raising=False)
    return d


def test_the_preload_hands_the_model_to_the_first_run(data_copy, cache_dir, monkeypatch):
    monkeypatch.setenv("POSTURE_DATA_DIR", str(data_copy))
    monkeypatch.setattr(serve, "_server_started", lambda: None)
    serve.preload()
    assert list(cache._preloaded) and list(cache._preloaded)[0][0] == data_copy
    model, _ = cache.cached_model(data_copy)
    assert model.data.data_dir == data_copy and not cache._preloaded


def test_a_failing_preload_is_logged_and_left_to_the_first_run(data_copy, cache_dir, monkeypatch, caplog):
    (data_copy / "balance" / "weights.csv").write_text("dimension,weight\ntrade,heavy\n", encoding="utf-8")
    monkeypatch.setenv("POSTURE_DATA_DIR", str(data_copy))
    monkeypatch.setattr(serve, "_server_started", lambda: None)
    caplog.set_level("INFO", logger="posture")
    serve.preload()  # no exception out of the thread's function
    assert not cache._preloaded and "model not preloaded" in caplog.text


def test_without_a_runtime_the_wait_gives_up():
    serve._server_started(timeout=0.1)  # returns (then preloads anyway) rather than waiting for ever


def test_the_overview_draws_through_the_launcher(browser):
    """The start scripts/run.sh makes: the Overview's numbers and map, no exception on the page."""
    from tests.browser import running_app

    with running_app(launcher="components.serve") as url:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("[data-testid=stMetric]", timeout=90_000)
        page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=90_000)
        assert page.locator("[data-testid=stException]").count() == 0
        page.close()
