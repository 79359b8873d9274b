"""Start the dashboard's server, reading the model while the browser loads its scripts.

``python -m components.serve run app.py [streamlit options]`` is ``streamlit run app.py [options]`` (scripts/run.sh
uses it) with one addition. Streamlit runs app.py only when a browser connects, so on a plain ``streamlit run``
the first page waits, after the browser has loaded Streamlit's JavaScript, for the imports (pandas, geopandas)
and the model from its disk cache. Here a thread does that work at the server's start: the browser's loading
and the server's reading overlap, and the first script run finds the model in hand (posture/cache.py
``preload``). The thread only reads: the first run still computes the cache key from data/ and posture/, so a
file changed since the start is validated as usual, and any failure here is logged and left to that run.
"""
from __future__ import annotations

import logging
import sys
import threading
import time

# Imported first, before the thread starts: Streamlit's own imports are most of the server's start, and the thread
# competing with them for the interpreter would delay the moment the browser can connect.
from streamlit.logger import get_logger
from streamlit.web import cli

from posture.log import NAME, timed
from posture.paths import data_dir

get_logger(NAME)  # the domain's logger through Streamlit's settings, as app.py does, before app.py first runs
log = logging.getLogger(f"{NAME}.serve")


def _server_started(timeout: float = 20.0) -> None:
    """Wait until Streamlit's runtime has started (the server then answers): the thread's imports and unpickling
    would otherwise share the interpreter with the server's own start and delay the browser's first request."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL:
            return
        time.sleep(0.02)


def preload() -> None:
    try:
        _server_started()
        from posture.cache import preload as read_model

        with timed("preloading the model at the server's start", log, slow=30.0):
            read_model(data_dir())
    except Exception as err:  # noqa: BLE001 - bad data or an unreadable cache: the first run reports it
        log.info("model not preloaded (%s): the first page loads it", err)


def main(argv: list[str]) -> None:
    if argv[:1] == ["run"]:  # `streamlit hello`, `config show`, ...: nothing to preload
        threading.Thread(target=preload, name="posture-preload", daemon=True).start()
    sys.argv = ["streamlit", *argv]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
