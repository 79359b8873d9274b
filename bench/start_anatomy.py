"""Where a cold start's time goes: one server start to a drawn Overview, broken into its steps.

Figures, not pass/fail; for the totals over several runs use bench/coldstart.py. One run per ``--runs``, each a
fresh server (``python -m LAUNCHER run app.py``, ``streamlit`` by default, as scripts/run.sh) with its logger at
debug, written to a file, and a Chromium with a fresh profile. All times in ms from the server process's start:

* ``server_up``: the health endpoint answers;
* ``first_byte`` / ``html_done`` / ``scripts_loaded``: the page's HTML starts and ends arriving, and the last of
  Streamlit's JavaScript files has arrived (Resource Timing);
* ``ws_first_frame``: the first websocket message from the server (the script run has started sending);
* ``script_start`` / ``model_ready`` / ``page_done``: the first script run begins, get_model() has the model,
  the Overview's script is done (the server's debug log);
* ``numbers``, ``charts``, ``map``, ``drawn``: as in bench/coldstart.py.

Usage: .venv/bin/python bench/start_anatomy.py [--runs 3] [--launcher MODULE] [--app PATH]
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.coldstart import DRAWN, PAINT  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

LOG_EVENTS = {  # the first log line matching each, by its timestamp
    "script_start": re.compile(r"Beginning script thread"),
    "model_ready": re.compile(r"model for .* (loaded from the cache|built from the data)"),
    "page_done": re.compile(r"the page .* took"),
}
STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")


def one(p, app: Path, launcher: str) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as prof, tempfile.NamedTemporaryFile("w+", suffix=".log") as logf:
        ctx = p.chromium.launch_persistent_context(prof, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = ctx.new_page()
        page.set_viewport_size({"width": 1500, "height": 1000})
        frames: list[float] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda _: frames.append(time.time())))
        wall0, t0 = time.time(), time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", launcher, "run", str(app), "--server.port", str(port),
                                 "--server.headless", "true", "--logger.level", "debug"],
                                cwd=ROOT, stdout=logf, stderr=subprocess.STDOUT, text=True)
        out: dict[str, int] = {}
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    time.sleep(0.05)
            out["server_up"] = round((time.perf_counter() - t0) * 1000)
            page.goto(url)
            page.wait_for_selector("[data-testid=stMetric]", timeout=120_000)
            out["numbers"] = round((time.perf_counter() - t0) * 1000)
            page.wait_for_function("() => { const p = document.querySelectorAll('.js-plotly-plot'); return p.length"
                                   " && [...p].every(x => x.querySelector('.main-svg')); }", timeout=120_000)
            out["charts"] = round((time.perf_counter() - t0) * 1000)
            page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=120_000)
            out["map"] = round((time.perf_counter() - t0) * 1000)
            page.wait_for_function(DRAWN, timeout=120_000, polling=50)
            page.evaluate(PAINT)
            out["drawn"] = round((time.perf_counter() - t0) * 1000)
            nav = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
                const js = performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'));
                return {origin: performance.timeOrigin, first_byte: n.responseStart, html_done: n.responseEnd,
                        scripts_loaded: Math.max(0, ...js.map(r => r.responseEnd)), scripts: js.length,
                        script_kb: Math.round(js.reduce((s, r) => s + (r.encodedBodySize || 0), 0) / 1024)}; }""")
        finally:
            proc.terminate()
            proc.wait(timeout=15)
            ctx.close()
        for k in ("first_byte", "html_done", "scripts_loaded"):
            out[k] = round(nav["origin"] + nav[k] - wall0 * 1000)
        out["script_kb"] = nav["script_kb"]
        if frames:
            out["ws_first_frame"] = round((frames[0] - wall0) * 1000)
        logf.seek(0)
        for line in logf:
            m = STAMP.match(line)
            if not m:
                continue
            for name, pat in LOG_EVENTS.items():
                if name not in out and pat.search(line):
                    stamp = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()
                    out[name] = round((stamp - wall0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--launcher", default="streamlit", help="the module run with -m to start the server")
    ap.add_argument("--app", type=Path, default=ROOT / "app.py")
    a = ap.parse_args()
    with sync_playwright() as p:
        runs = [one(p, a.app.resolve(), a.launcher) for _ in range(a.runs)]
    keys = sorted({k for r in runs for k in r}, key=lambda k: statistics.median(r.get(k, 0) for r in runs))
    print(json.dumps({"launcher": a.launcher, "median_ms": {k: round(statistics.median(r[k] for r in runs if k in r))
                                                            for k in keys}, "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
