"""The ``posture`` logger: loads, validation problems, store errors and slow runs, through the standard library.

Every module logs to a child of ``posture`` (``logging.getLogger(__name__)``). The package adds no handler
of its own (a library's manners): the dashboard shows these lines through Streamlit's logger settings
(``logger.level`` and ``logger.messageFormat`` in .streamlit/config.toml; app.py hands the ``posture``
logger to Streamlit), the command line on stderr with ``-v`` (``-vv`` for debug).
"""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager

NAME = "posture"
SLOW_SECONDS = 1.0  # a run longer than this is logged as slow (a warning)

logger = logging.getLogger(NAME)
logger.addHandler(logging.NullHandler())


@contextmanager
def timed(what: str, log: logging.Logger = logger, slow: float = SLOW_SECONDS):
    """Log ``what`` with its duration: a warning when it took longer than ``slow`` seconds, else debug."""
    start = time.perf_counter()
    try:
        yield
    finally:
        took = time.perf_counter() - start
        if took > slow:
            log.warning("slow: %s took %.2f s (more than %.1f s)", what, took, slow)
        else:
            log.debug("%s took %.3f s", what, took)


def cli_logging(verbosity: int) -> None:
    """The command line's logging: quiet by default (it prints its own problems), ``-v`` info, ``-vv`` debug,
    on stderr, never stdout (which holds the command's output, JSON included)."""
    level = {0: logging.ERROR, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler()  # stderr
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
