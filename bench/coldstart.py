"""How fast the room opens: process start to a fully drawn Overview, and the briefing pack's build time.

Figures, not pass/fail. Each run starts a fresh Streamlit server (``streamlit run app.py``, as
scripts/run.sh does) with a Chromium already open, as a briefer's laptop has one, and times from the
server process's start to:

* ``server_up``: the health endpoint answers;
* ``sidebar``: the app's frame is drawn (the first script run has started sending);
* ``numbers``: the summary strip's metrics are on screen;
* ``charts``: every plotly chart on the page has drawn its SVG;
* ``map``: the deck.gl canvas exists;
* ``drawn``: all of that, the status widget gone (the run finished), and one more animation frame painted.

Two browser states: ``cold_cache`` (a fresh browser profile: every script of Streamlit's frontend is
downloaded and compiled) and ``warm_cache`` (a profile that opened the dashboard before, as a briefer's
browser has; the server is still new). ``--no-model-cache`` empties the model's disk cache before each run
(posture/cache.py), for the figure before it existed.

The pack: ``python -m posture brief --scenario NAME --out FILE`` as a process (wall time, including
Python's start and the model), for PPTX and PDF: ``first`` with no chart drawn before (the PNG cache
emptied), ``again`` with the previous run's charts kept (posture/brief.py ``render_pngs``).

Usage: .venv/bin/python bench/coldstart.py [--runs 3] [--app PATH/app.py] [--skip pack|start] [--no-model-cache]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

DRAWN = """() => {
  if (document.querySelector('[data-testid=stStatusWidget]')) return false;
  if (!document.querySelector('[data-testid=stMetric]')) return false;
  if (!document.querySelector('[data-testid=stDeckGlJsonChart] canvas')) return false;
  const plots = document.querySelectorAll('.js-plotly-plot');
  if (!plots.length) return false;
  for (const p of plots) if (!p.querySelector('.main-svg')) return false;
  return true;
}"""
PAINT = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def _since(t0: float) -> int:
    return round((time.perf_counter() - t0) * 1000)


def one_start(context, app: Path, no_model_cache: bool) -> dict:
    if no_model_cache:
        from posture.cache import cache_dir

        shutil.rmtree(cache_dir(), ignore_errors=True)
    out = {}
    page = context.new_page()
    page.set_viewport_size({"width": 1500, "height": 1000})
    t0 = time.perf_counter()
    with running_app(app) as url:
        out["server_up"] = _since(t0)
        page.goto(url)
        page.wait_for_selector("[data-testid=stSidebar]", timeout=120_000)
        out["sidebar"] = _since(t0)
        page.wait_for_selector("[data-testid=stMetric]", timeout=120_000)
        out["numbers"] = _since(t0)
        page.wait_for_function("() => { const p = document.querySelectorAll('.js-plotly-plot'); return p.length && "
                               "[...p].every(x => x.querySelector('.main-svg')); }", timeout=120_000)
        out["charts"] = _since(t0)
        page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=120_000)
        out["map"] = _since(t0)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        page.evaluate(PAINT)
        out["drawn"] = _since(t0)
    page.close()
    return out


def starts(runs: int, app: Path, no_model_cache: bool) -> dict:
    res: dict[str, list[dict]] = {"cold_cache": [], "warm_cache": []}
    with sync_playwright() as p:
        for _ in range(runs):  # a fresh profile each run: nothing cached in the browser
            with tempfile.TemporaryDirectory() as prof:
                ctx = p.chromium.launch_persistent_context(prof, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                res["cold_cache"].append(one_start(ctx, app, no_model_cache))
                ctx.close()
        with tempfile.TemporaryDirectory() as prof:  # one profile that has seen the dashboard before
            ctx = p.chromium.launch_persistent_context(prof, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            one_start(ctx, app, no_model_cache)
            for _ in range(runs):
                res["warm_cache"].append(one_start(ctx, app, no_model_cache))
            ctx.close()
    return {k: {m: round(statistics.median(r[m] for r in v)) for m in v[0]}
            | {"drawn_min": min(r["drawn"] for r in v), "runs": [r["drawn"] for r in v]} for k, v in res.items()}


def pack(runs: int, scenario: str = "isolation") -> dict:
    """Each format ``runs`` times with no chart drawn before (``first``: the cache's PNG folder emptied, a
    scenario's first pack), then ``runs`` times again with the charts of the previous run kept (``again``: the
    same pack once more, e.g. the PDF after the PPTX). The model comes from its disk cache in both."""
    from posture.cache import cache_dir

    out = {}
    with tempfile.TemporaryDirectory() as d:
        for fmt in ("pptx", "pdf"):
            row = {}
            for mode in ("first", "again"):
                times = []
                for _ in range(runs):
                    if mode == "first":
                        shutil.rmtree(cache_dir() / "png", ignore_errors=True)
                    t0 = time.perf_counter()
                    proc = subprocess.run([sys.executable, "-m", "posture", "brief", "--scenario", scenario,
                                           "--out", str(Path(d) / f"pack.{fmt}")], cwd=ROOT, capture_output=True,
                                          text=True)
                    times.append(_since(t0))
                    if proc.returncode:
                        raise SystemExit(f"brief failed: {proc.stdout}{proc.stderr}")
                row[mode] = {"median_ms": round(statistics.median(times)), "min_ms": min(times), "runs": times}
            row["bytes"] = (Path(d) / f"pack.{fmt}").stat().st_size
            out[fmt] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--app", type=Path, default=ROOT / "app.py")
    ap.add_argument("--skip", nargs="*", default=[], choices=["pack", "start"])
    ap.add_argument("--no-model-cache", action="store_true")
    a = ap.parse_args()
    res: dict = {"load_average": os.getloadavg()}
    if "start" not in a.skip:
        res["start_ms"] = starts(a.runs, a.app.resolve(), a.no_model_cache)
    if "pack" not in a.skip:
        res["pack"] = pack(a.runs)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
