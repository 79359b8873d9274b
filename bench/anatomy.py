"""Anatomy of one slider move in the browser: where the milliseconds of a round trip go.

    .venv/bin/python bench/anatomy.py [--page scenarios] [--moves 12] [--app path/to/app.py]

For each move (ArrowRight on the page's slider, as in bench/run.py) it records, from the key press:
when the browser sends the rerun request, how many React commits the frontend made before sending it,
when the server's first and last messages of the numbers' pass arrive, how many commits in all, how
many elements were marked stale (``data-stale`` false -> true) and when the changed number was painted.
It prints the medians and a few moves in full. Figures, not pass/fail.

This is how the cost of binding the levers to the URL was found (2026-12-01): with
``bind="query-params"`` the request left the browser 40-95 ms after the key press, after four
whole-page commits (the frontend stores the new query string in its top-level state); without, 25-35 ms.
React commits are counted through the hook React DevTools uses (``__REACT_DEVTOOLS_GLOBAL_HOOK__``),
websocket messages by wrapping ``WebSocket`` before the page loads.
"""
from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.run import ARM, PAGES, ready  # noqa: E402
from tests.browser import launch, running_app  # noqa: E402

INIT = """
(() => {
  const rec = () => window.__rec === true;
  window.__log = [];
  const O = window.WebSocket;
  window.WebSocket = function (...a) {
    const w = new O(...a);
    const send = w.send.bind(w);
    w.send = (d) => { if (rec()) window.__log.push(['send', performance.now()]); return send(d); };
    w.addEventListener('message', () => { if (rec()) window.__log.push(['recv', performance.now()]); });
    return w;
  };
  window.WebSocket.prototype = O.prototype;
  Object.assign(window.WebSocket, O);
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false, supportsFiber: true, renderers: new Map(), _id: 0,
    inject(r) { const id = ++this._id; this.renderers.set(id, r); return id; },
    onScheduleFiberRoot() {}, onPostCommitFiberRoot() {}, onCommitFiberUnmount() {}, checkDCE() {},
    onCommitFiberRoot() { if (rec()) window.__log.push(['commit', performance.now()]); },
  };
  new MutationObserver((rs) => {
    if (!rec()) return;
    for (const r of rs) if (r.attributeName === 'data-stale' && r.oldValue === 'false') window.__log.push(['stale', performance.now()]);
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-stale']});
  document.addEventListener('keydown', () => { window.__key = performance.now(); }, {capture: true});
})();
"""


def one_move(page, slider: str, metric: str, key: str) -> dict:
    page.locator("[data-testid=stSlider]", has_text=slider).get_by_role("slider").first.focus()
    page.evaluate("window.__log = []; window.__rec = true;")
    page.evaluate(ARM, metric)
    page.keyboard.press(key)
    rt = page.evaluate("window.__rt")
    log = page.evaluate("(() => { window.__rec = false; return window.__log; })()")
    k = page.evaluate("window.__key")
    ev = [(kind, t - k) for kind, t in log if t <= k + rt["paint"]]
    send = next((t for kind, t in ev if kind == "send"), None)
    recv = [t for kind, t in ev if kind == "recv"]
    return {"paint": rt["paint"], "send": send,
            "commits_before_send": sum(1 for kind, t in ev if kind == "commit" and (send is None or t < send)),
            "commits": sum(1 for kind, _ in ev if kind == "commit"),
            "first_reply": recv[0] if recv else None, "last_reply": recv[-1] if recv else None,
            "messages": len(recv), "stale": sum(1 for kind, _ in ev if kind == "stale"),
            "timeline": _timeline(ev)}


def _timeline(ev: list[tuple[str, float]]) -> str:
    """'17:send 28:recv x3 60:stale x40 ...': events of one kind in the same millisecond counted once."""
    out: list[list] = []
    for kind, t in ev:
        if out and out[-1][0] == kind and round(out[-1][1]) == round(t):
            out[-1][2] += 1
        else:
            out.append([kind, t, 1])
    return " ".join(f"{t:.0f}:{kind}" + (f" x{n}" if n > 1 else "") for kind, t, n in out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", default="scenarios", choices=sorted(PAGES))
    ap.add_argument("--moves", type=int, default=12)
    ap.add_argument("--app", type=Path, default=ROOT / "app.py")
    a = ap.parse_args()
    path, slider, metric, expander = PAGES[a.page]
    script = ROOT / "bench" / ("bare_app_frozen.py" if a.page == "bare_frozen" else "bare_app.py") \
        if a.page.startswith("bare") else a.app
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        browser = launch(p)
        stack.callback(browser.close)
        url = stack.enter_context(running_app(script))
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.add_init_script(INIT)
        page.goto(f"{url}/{path}")
        ready(page)
        if expander:
            page.get_by_text(expander).first.click()
        page.wait_for_timeout(3000)
        moves = []
        for i in range(a.moves):
            moves.append(one_move(page, slider, metric, "ArrowRight" if (i // 10) % 2 == 0 else "ArrowLeft"))
            page.wait_for_timeout(1000)
    print(f"{a.page} ({script}), {len(moves)} moves, medians in ms from the key press:")
    for k in ("send", "commits_before_send", "first_reply", "last_reply", "commits", "messages", "stale", "paint"):
        vals = [m[k] for m in moves if m[k] is not None]
        if vals:
            print(f"  {k:20s} {statistics.median(vals):7.1f}")
    print("last moves in full (commit = a React commit; send/recv = websocket; stale = an element marked stale):")
    for m in moves[-3:]:
        print(f"  paint {m['paint']:.0f}: {m['timeline']}")


if __name__ == "__main__":
    main()
