"""Speed benchmark: figures and ratios, not pass/fail.

Measures, in one run and on this machine:
1. browser round trip: a slider key press in Debian's Chromium to the updated number on screen
   (median and p95 over N moves), for each page with sliders and for a bare Streamlit app with one
   slider and one number; the ratio page / bare;
2. server rerun time for a slider change (AppTest; it reruns the whole script, so fragment pages are
   measured at their worst), and its ratio to the bare app;
3. bytes sent from the server to the browser per slider move (websocket frames) and at first load
   (websocket frames and HTTP bodies);
4. cold start: process start to the first complete render of the overview and the map page;
5. many users: S concurrent browser sessions moving sliders, against one session.

Writes bench/results.json and bench/results.md.  Usage: scripts/bench.sh [--moves 25] [--sessions 20]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM_ARGS, CHROMIUM, launch, running_app  # noqa: E402

BARE = ROOT / "bench" / "bare_app.py"
BARE_FROZEN = ROOT / "bench" / "bare_app_frozen.py"
# page -> (url path, slider label, metric label, expander to open first)
PAGES = {
    "bare": ("", "Value", "Result", None),
    "bare_frozen": ("", "Value", "Result", None),
    "overview": ("", "Crude rerouted", "Via CPC", None),
    "scenarios": ("scenarios", "Crude rerouted", "Via Russia", None),
    "balance": ("balance", "Western security cooperation", "Balance index (0-100)", "Alignment levers"),
}
SERVER_SLIDERS = {  # AppTest: page script, slider key, values to step through
    "bare": (None, "bare_slider", lambda i: i + 1),
    "bare_frozen": ("frozen", "bare_slider", lambda i: i + 1),
    "overview": ("pages/overview.py", "lv_reroute_mt", lambda i: round(0.1 * (i + 1), 1)),
    "scenarios": ("pages/scenarios.py", "lv_reroute_mt", lambda i: round(0.1 * (i + 1), 1)),
    "balance": ("pages/balance.py", "lv_western_security_pts", lambda i: float(i + 1)),
}

# Time from a slider's key press to the first frame painted after the watched number changed. The DOM
# change alone is not what the user sees: the browser paints nothing until the task that changed the
# number ends, and on a page whose charts redraw in that task the number reaches the screen only after
# them. A requestAnimationFrame callback runs before the next paint; a message posted from it arrives
# after that paint. window.__rt resolves to {dom, paint} in ms, or -1 if the number did not change.
ARM = """(label) => { window.__rt = new Promise(resolve => {
  const find = () => { const m = [...document.querySelectorAll('[data-testid=stMetric]')]
                         .find(e => e.innerText.startsWith(label));
                       return m ? m.innerText : null; };
  const before = find(); let t0 = null;
  document.addEventListener('keydown', () => { t0 = performance.now(); }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const now = find();
    if (t0 !== null && now !== null && now !== before) {
      obs.disconnect();
      const dom = performance.now() - t0;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve({dom: dom, paint: performance.now() - t0});
        ch.port2.postMessage(0);
      });
    }
  });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  setTimeout(() => { obs.disconnect(); resolve(-1); }, 15000);
}); }"""


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "median": round(statistics.median(values), 1) if values else None,
            "p95": round(pct(values, 0.95), 1) if values else None, "min": round(min(values), 1) if values else None}


class Frames:
    """Counts bytes the server sends over the websocket."""

    def __init__(self, page):
        self.bytes = 0
        self.last = time.perf_counter()
        page.on("websocket", self._ws)

    def _ws(self, ws):
        ws.on("framereceived", self._frame)

    def _frame(self, payload):
        self.bytes += len(payload) if isinstance(payload, (bytes, bytearray)) else len(payload.encode())
        self.last = time.perf_counter()

    def settle(self, page, quiet: float = 0.3, limit: float = 5.0):
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            page.wait_for_timeout(50)
            if time.perf_counter() - self.last > quiet:
                return


def ready(page, timeout=60_000):
    page.wait_for_selector("[data-testid=stMetric]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)


def browser_round_trips(moves: int) -> dict:
    """Round trip and bytes per move, each page on a fresh server so no result comes from another page's cache."""
    out = {}
    with sync_playwright() as p:
        browser = launch(p)
        for name, (path, slider, metric, expander) in PAGES.items():
            script = {"bare": BARE, "bare_frozen": BARE_FROZEN}.get(name, ROOT / "app.py")
            with running_app(script) as url:
                page = browser.new_page(viewport={"width": 1500, "height": 1100})
                frames = Frames(page)
                http_bytes = 0

                def on_response(r):
                    nonlocal http_bytes
                    try:
                        http_bytes += len(r.body())
                    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                        pass

                page.on("response", on_response)
                t_nav = time.perf_counter()
                page.goto(f"{url}/{path}")
                ready(page)
                frames.settle(page, quiet=0.5)
                load_ms = (time.perf_counter() - t_nav) * 1000
                first_ws, first_http = frames.bytes, http_bytes
                page.remove_listener("response", on_response)
                if expander:
                    page.locator("[data-testid=stExpander]", has_text=expander).locator("summary").click()
                    page.wait_for_timeout(500)
                thumb = page.locator("[data-testid=stSlider]", has_text=slider).get_by_role("slider").first
                thumb.focus()
                times, dom, sizes = [], [], []
                for _ in range(moves):
                    page.evaluate(ARM, metric)
                    before = frames.bytes
                    page.keyboard.press("ArrowRight")
                    rt = page.evaluate("window.__rt")
                    frames.settle(page)
                    if rt != -1:
                        times.append(rt["paint"])
                        dom.append(rt["dom"])
                        sizes.append(frames.bytes - before)
                out[name] = {"round_trip_ms": summary(times), "dom_change_ms": summary(dom),
                             "bytes_per_move": summary(sizes),
                             "first_load": {"websocket_bytes": first_ws, "http_bytes": first_http,
                                            "ms_to_ready": round(load_ms)}}
                page.close()
        browser.close()
    return out


def server_reruns(moves: int) -> dict:
    """Time of one rerun after a slider change, through AppTest: for the bare app the whole script; for the
    dashboard's pages the slider's callback and the keyed fragments it reruns (the numbers' pass; the
    charts' pass is in the protocol sessions of the concurrency step).

    After a fragment-only rerun AppTest's element tree holds only what that rerun drew, so for the
    dashboard's pages each move starts from a freshly loaded page (not timed)."""
    from streamlit.testing.v1 import AppTest

    def load(script, page_path):
        at = AppTest.from_file(str(script), default_timeout=120)
        if page_path and page_path != "frozen":
            at.switch_page(page_path)
        return at.run()

    out = {}
    for name, (page_path, key, value) in SERVER_SLIDERS.items():
        script = {None: BARE, "frozen": BARE_FROZEN}.get(page_path, ROOT / "app.py")
        fresh_each_move = script == ROOT / "app.py"
        at = load(script, page_path)
        times = []
        for i in range(moves):
            if fresh_each_move and i:
                at = load(script, page_path)
            t = time.perf_counter()
            at.slider(key=key).set_value(value(i)).run()
            times.append((time.perf_counter() - t) * 1000)
            assert not at.exception, at.exception
        out[name] = summary(times)
    return out


def cold_start() -> dict:
    out = {}
    t0 = time.perf_counter()
    with running_app() as url, sync_playwright() as p:
        t_up = time.perf_counter()
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(url)
        ready(page)
        page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
        out["server_up_ms"] = round((t_up - t0) * 1000)
        out["overview_ms_from_process_start"] = round((time.perf_counter() - t0) * 1000)
        t1 = time.perf_counter()
        page2 = browser.new_page(viewport={"width": 1500, "height": 1000})
        page2.goto(f"{url}/map")
        page2.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
        page2.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')")
        out["map_ms_new_session"] = round((time.perf_counter() - t1) * 1000)
        browser.close()
    return out


async def _protocol_session(base: str, query: str, moves: int, pace: float, seed: int, results: list,
                            gate: asyncio.Event) -> None:
    """A session that speaks Streamlit's websocket protocol directly (the messages a browser sends when a
    slider moves) but renders nothing: server load without a renderer's CPU. Each move is the two passes
    a browser causes (components/follow.py): the slider's change, which reruns the numbers, then the
    follow component's trigger, which the browser sends once it has painted the numbers and whose
    callback reruns the charts. Records the time from sending the move to the charts' 'script finished'
    message."""
    import websockets
    # the trigger widget's id as the frontend forms it (Streamlit's own helper; private, check on upgrades)
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    done = (0, 3)  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None) as ws:

        async def until_finished():
            while True:
                f = ForwardMsg()
                f.ParseFromString(await ws.recv())
                if f.WhichOneof("type") == "script_finished" and f.script_finished in done:
                    return

        first = BackMsg()
        first.rerun_script.query_string = query
        first.rerun_script.page_name = "scenarios"
        await ws.send(first.SerializeToString())
        slider = follow = page_hash = None
        while True:
            f = ForwardMsg()
            f.ParseFromString(await ws.recv())
            kind = f.WhichOneof("type")
            if kind == "new_session":
                page_hash = f.new_session.page_script_hash  # without it a move looks like a page change
            if kind == "delta" and f.delta.WhichOneof("type") == "new_element":
                el = f.delta.new_element
                if el.WhichOneof("type") == "slider" and el.slider.label.startswith("Oil price"):
                    slider = (el.slider.id, (list(el.slider.value) or list(el.slider.default))[0])
                if el.WhichOneof("type") == "bidi_component" and el.bidi_component.component_name.endswith(
                        "posture_charts_follow"):  # not the address component beside it
                    follow = (el.bidi_component.id, f.delta.fragment_id)
            if kind == "script_finished" and f.script_finished in done:
                break
        assert slider and follow, "the scenarios page has no oil-price slider or no follow component"
        rnd = random.Random(seed)
        await gate.wait()
        await asyncio.sleep(rnd.uniform(0, pace))
        for i in range(moves):
            b = BackMsg()
            b.rerun_script.query_string = query
            b.rerun_script.page_name = "scenarios"
            b.rerun_script.page_script_hash = page_hash
            w = b.rerun_script.widget_states.widgets.add()
            w.id = slider[0]
            w.double_array_value.data.append(slider[1] + i + 1)
            t = time.perf_counter()
            await ws.send(b.SerializeToString())
            await until_finished()
            c = BackMsg()
            c.rerun_script.query_string = query
            c.rerun_script.page_name = "scenarios"
            c.rerun_script.page_script_hash = page_hash
            c.rerun_script.fragment_id = follow[1]
            trig = c.rerun_script.widget_states.widgets.add()
            trig.id = _make_trigger_id(follow[0], "events")
            trig.json_trigger_value = json.dumps([{"event": "painted", "value": i + 1}])
            await ws.send(c.SerializeToString())
            await until_finished()
            results.append((time.perf_counter() - t) * 1000)
            await asyncio.sleep(rnd.uniform(0.75, 1.25) * pace)


def _mixed(base: str, link: str, sessions: int, moves: int, pace: float,
           failures: list | None = None) -> tuple[list[float], list[float]]:
    """One measured Chromium session plus sessions - 1 protocol sessions, all moving sliders at the pace."""
    query = link.split("?", 1)[1]

    async def main():
        browser_rt: list[float] = []
        load_rt: list[float] = []
        gate = asyncio.Event()
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tasks = [asyncio.create_task(_session_link(browser, f"{base}/{link}", moves, browser_rt, gate, 0, pace,
                                                       failures))]
            tasks += [asyncio.create_task(_protocol_session(base, query, moves, pace, i, load_rt, gate))
                      for i in range(1, sessions)]
            for _ in range(600):
                await asyncio.sleep(0.5)
                if len(browser.contexts) == 1:
                    break
            await asyncio.sleep(3.0 + 0.2 * sessions)
            gate.set()
            await asyncio.gather(*tasks)
            await browser.close()
        return browser_rt, load_rt

    return asyncio.run(main())


def concurrency(sessions: int, moves: int, pace: float) -> dict:
    """Many users on the scenarios page, each moving the oil-price slider (a CPC outage is set, so the
    revenue at risk changes on every move) about once every ``pace`` seconds (randomised +-25%).

    * all_browsers: every session is a real Chromium page on this machine, so the browsers and the
      server share its two cores (the renderers take most of the CPU);
    * mixed: one measured Chromium session plus sessions - 1 protocol sessions that send the same
      websocket messages without rendering: the server's load without 19 renderers on the same cores.
    Both against one Chromium session alone. Then all_browsers again on the bare app (one slider, one
    number): what the same number of renderers on this machine does to any Streamlit app.
    """
    out: dict = {"pace_s": pace, "sessions": sessions}
    link = "scenarios?lv_cpc_outage_pct=50&lv_cpc_outage_months=3"
    with running_app() as url:
        out["single_browser"] = summary(_concurrency_link(url, link, 1, moves, pace))
    mixed_failed: list[str] = []
    with running_app() as url:
        b, load = _mixed(url, link, sessions, moves, pace, mixed_failed)
        out["mixed_browser"] = summary(b)
        out["mixed_browser"]["failed"] = mixed_failed
        out["mixed_protocol_sessions"] = summary(load)
    failed: list[str] = []
    with running_app() as url:
        out["all_browsers"] = summary(_concurrency_link(url, link, sessions, moves, pace, failed))
    out["all_browsers"]["failed_sessions"] = len(failed)
    s1 = out["single_browser"]["median"]
    m1, a1 = out["mixed_browser"]["median"], out["all_browsers"]["median"]
    out["ratio_mixed"] = round(m1 / s1, 2) if s1 and m1 else None
    out["ratio_all_browsers"] = round(a1 / s1, 2) if s1 and a1 else None
    # the same all-Chromium test with the bare app: what 20 renderers on this machine do to any Streamlit app
    bare = ("Value", "Result")
    with running_app(BARE) as url:
        out["bare_single_browser"] = summary(_concurrency_link(url, "", 1, moves, pace, labels=bare))
    bare_failed: list[str] = []
    with running_app(BARE) as url:
        out["bare_all_browsers"] = summary(_concurrency_link(url, "", sessions, moves, pace, bare_failed, bare))
    out["bare_all_browsers"]["failed_sessions"] = len(bare_failed)
    b1 = out["bare_single_browser"]["median"]
    ba = out["bare_all_browsers"]["median"]
    out["ratio_bare_all_browsers"] = round(ba / b1, 2) if b1 and ba else None
    return out


async def _session_link(browser, url, moves, results, gate, offset, pace, failures=None, labels=("Oil price", "Stranded")):
    try:
        await _session_link_inner(browser, url, moves, results, gate, offset, pace, labels)
    except Exception as err:  # noqa: BLE001 - a session that times out on a saturated machine is counted, not fatal
        if failures is not None:
            failures.append(f"{type(err).__name__}: {str(err)[:120]}")
        if not gate.is_set():
            gate.set()


async def _session_link_inner(browser, url, moves, results, gate, offset, pace, labels=("Oil price", "Stranded")):
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(180_000)
    page = await ctx.new_page()
    await page.goto(url)
    await page.wait_for_selector("[data-testid=stMetric]", timeout=180_000)
    await page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=180_000)
    thumb = page.locator("[data-testid=stSlider]", has_text=labels[0]).get_by_role("slider").first
    await gate.wait()
    rnd = random.Random(offset)
    await asyncio.sleep(rnd.uniform(0, pace))
    await thumb.focus()
    for _ in range(moves):
        await page.evaluate(ARM, labels[1])
        await page.keyboard.press("ArrowRight")
        rt = await page.evaluate("window.__rt")
        if rt != -1:
            results.append(rt["paint"])
        await asyncio.sleep(rnd.uniform(0.75, 1.25) * pace)
    await ctx.close()


def _concurrency_link(base: str, link: str, sessions: int, moves: int, pace: float,
                      failures: list | None = None, labels=("Oil price", "Stranded")) -> list[float]:
    async def main():
        results: list[float] = []
        gate = asyncio.Event()
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tasks = [asyncio.create_task(_session_link(browser, f"{base}/{link}", moves, results, gate, i, pace,
                                                       failures, labels))
                     for i in range(sessions)]
            # let every session load before anyone moves a slider
            for _ in range(600):
                await asyncio.sleep(0.5)
                if all(not t.done() for t in tasks) and len(browser.contexts) == sessions:
                    break
            await asyncio.sleep(1.0 + 0.4 * sessions)
            gate.set()
            await asyncio.gather(*tasks)
            await browser.close()
        return results

    return asyncio.run(main())


def paired_round_trips(moves: int) -> dict:
    """Each dashboard page against the bare app, moves interleaved (bench/paired.py): the steadier ratio."""
    from bench.paired import measure

    return {page: measure(page, [ROOT / "app.py"], moves) for page in ("overview", "scenarios", "balance")}


def write_markdown(res: dict, path: Path) -> None:
    b = res["browser"]
    s = res["server"]
    bare_rt = b["bare"]["round_trip_ms"]["median"]
    bare_sv = s["bare"]["median"]
    lines = [
        f"Benchmark of {res['when'][:10]} on {res['machine']['cpus']} cores ({res['machine']['python']}, "
        f"Streamlit {res['machine']['streamlit']}); reproduce with `scripts/bench.sh`.",
        "",
        "Round trip: a slider's key press to the first frame painted after the watched number changed "
        "(the DOM change alone in the next column).",
        "",
        "| page | round trip to paint, median (p95) ms | ratio to bare | to the DOM change, median ms | server rerun ms (AppTest) | ratio | bytes per move, median | first load: websocket / HTTP bytes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in PAGES:
        rt = b[name]["round_trip_ms"]
        sv = s[name]
        dom = b[name].get("dom_change_ms", {}).get("median")
        lines.append(
            f"| {name} | {rt['median']} ({rt['p95']}) | {rt['median'] / bare_rt:.2f} | {dom} | {sv['median']} | "
            f"{sv['median'] / bare_sv:.2f} | {b[name]['bytes_per_move']['median']:,.0f} | "
            f"{b[name]['first_load']['websocket_bytes']:,} / {b[name]['first_load']['http_bytes']:,} |")
    pr = res.get("paired")
    if pr:
        app = "page"
        lines += ["", "Paired (`bench/paired.py`: the bare app and the page on servers running at once, their moves "
                      "alternating in one browser, so the machine's load weighs on both alike): "
                  + "; ".join(f"{page} {r[app]['page_ms']} ms against bare {r['bare_ms']} ms, ratio {r[app]['ratio']}"
                              for page, r in pr.items()
                              if app in r) + "."]
    c = res.get("cold_start")
    if c:
        lines += ["", f"Cold start: server up in {c['server_up_ms']} ms; overview fully drawn (map included) "
                  f"{c['overview_ms_from_process_start']} ms after the process started; map page in a new session "
                  f"{c['map_ms_new_session']} ms."]
    m = res.get("concurrency")  # absent when a step was skipped (--skip concurrency): write what was measured
    if not m:
        path.write_text("\n".join(lines) + "\n")
        return
    lines += [
        f"Many users (scenarios page, each session moving a slider about every {m['pace_s']} s): one Chromium "
        f"session alone {m['single_browser']['median']} ms median (p95 {m['single_browser']['p95']}).",
        f"- {m['sessions']} sessions, one measured Chromium page plus {m['sessions'] - 1} protocol sessions "
        f"(the websocket messages of both passes of a move, no renderer): {m['mixed_browser']['median']} ms median "
        f"(p95 {m['mixed_browser']['p95']}), ratio {m['ratio_mixed']}; the protocol sessions' server round trip "
        f"{m['mixed_protocol_sessions']['median']} ms median (p95 {m['mixed_protocol_sessions']['p95']}).",
        f"- {m['sessions']} Chromium pages on this 2-core machine: {m['all_browsers']['median']} ms median "
        f"(p95 {m['all_browsers']['p95']}), ratio {m['ratio_all_browsers']}, "
        f"{m['all_browsers'].get('failed_sessions', 0)} sessions timed out (the renderers take most of the CPU).",
    ]
    if m.get("bare_all_browsers"):
        lines += [
            f"- the same {m['sessions']} Chromium pages on the bare app (one slider, one number): "
            f"{m['bare_all_browsers']['median']} ms median (p95 {m['bare_all_browsers']['p95']}) against "
            f"{m['bare_single_browser']['median']} ms for one page alone, ratio {m['ratio_bare_all_browsers']}, "
            f"{m['bare_all_browsers'].get('failed_sessions', 0)} sessions timed out.",
    ]
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--moves", type=int, default=25, help="slider moves per page (default 25)")
    ap.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    ap.add_argument("--pace", type=float, default=2.0, help="seconds between one session's moves (default 2)")
    ap.add_argument("--skip", nargs="*", default=[], choices=["browser", "paired", "server", "cold", "concurrency"])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    a = ap.parse_args()
    import streamlit

    prev = json.loads(a.out.read_text()) if a.out.exists() else {}
    res = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "streamlit": streamlit.__version__,
                       "platform": platform.platform()},
           "moves": a.moves, "sessions": a.sessions}
    steps = [("browser", lambda: browser_round_trips(a.moves)), ("paired", lambda: paired_round_trips(a.moves)),
             ("server", lambda: server_reruns(a.moves)),
             ("cold_start", cold_start), ("concurrency", lambda: concurrency(a.sessions, 10, a.pace))]
    for key, fn in steps:
        if key.split("_")[0] in a.skip:
            res[key] = prev.get(key)
            continue
        t = time.perf_counter()
        print(f"[bench] {key} ...", flush=True)
        res[key] = fn()
        print(f"[bench] {key} done in {time.perf_counter() - t:.0f}s: {json.dumps(res[key])[:400]}", flush=True)
        a.out.write_text(json.dumps(res, indent=2) + "\n")  # keep what is measured if a later step fails
    a.out.write_text(json.dumps(res, indent=2) + "\n")
    write_markdown(res, a.out.with_suffix(".md"))
    print(a.out.with_suffix(".md").read_text())


if __name__ == "__main__":
    main()
