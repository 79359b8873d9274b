"""Paired round trips: the bare app and a dashboard page, moves interleaved in one browser.

The main benchmark (bench/run.py) measures each page on its own, one after another; on this 2-core
machine a page's median moves by ±30 ms from one run to the next, more than many changes worth making.
Here the bare app and each page run on their own servers at the same time and their moves alternate
(bare, page, bare, page, ...), so whatever the machine is doing weighs on both alike; the ratio of the
medians is the figure to compare. Prints figures and ratios, never passes or fails.

    .venv/bin/python bench/paired.py [--moves 30] [--pages overview scenarios balance]

To compare two versions of the dashboard, pass --app a second app.py (e.g. a checkout of another
commit): its page is measured in the same interleaving.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.run import ARM, BARE, PAGES, ready  # noqa: E402
from tests.browser import launch, running_app  # noqa: E402


def measure(page_name: str, apps: list[Path], moves: int) -> dict:
    """Median key press → paint for the bare app and for ``page_name`` served by each of ``apps``."""
    path, slider, metric, expander = PAGES[page_name]
    # the first app is reported as "page", any other by its path
    targets = [("bare", BARE, PAGES["bare"])] + [("page" if i == 0 else str(a), a, (path, slider, metric, expander))
                                                 for i, a in enumerate(apps)]
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        browser = launch(p)
        stack.callback(browser.close)
        tabs = []
        for name, script, (tpath, tslider, tmetric, texp) in targets:
            url = stack.enter_context(running_app(script))
            tab = browser.new_page(viewport={"width": 1500, "height": 1100})
            tab.goto(f"{url}/{tpath}")
            ready(tab)
            tab.wait_for_timeout(3000)
            if texp:
                tab.locator("[data-testid=stExpander]", has_text=texp).locator("summary").click()
                tab.wait_for_timeout(500)
            tabs.append((name, tab, tslider, tmetric, []))
        for i in range(moves):
            key = "ArrowRight" if (i // 10) % 2 == 0 else "ArrowLeft"  # stay inside the slider's range
            for name, tab, tslider, tmetric, times in tabs:
                tab.bring_to_front()
                tab.locator("[data-testid=stSlider]", has_text=tslider).get_by_role("slider").first.focus()
                tab.evaluate(ARM, tmetric)
                tab.keyboard.press(key)
                rt = tab.evaluate("window.__rt")
                if rt != -1:
                    times.append(rt["paint"])
                tab.wait_for_timeout(1200)  # the charts' pass and any repaint finish before the next move
    bare = statistics.median(tabs[0][4])
    out = {"bare_ms": round(bare, 1), "moves": moves}
    for name, _, _, _, times in tabs[1:]:
        med = statistics.median(times)
        out[name] = {"page_ms": round(med, 1), "ratio": round(med / bare, 2), "n": len(times)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=30)
    ap.add_argument("--pages", nargs="*", default=["overview", "scenarios", "balance"],
                    choices=["overview", "scenarios", "balance"])
    ap.add_argument("--app", type=Path, action="append", default=[],
                    help="another app.py to measure beside this checkout's (repeatable)")
    args = ap.parse_args()
    apps = [ROOT / "app.py"] + [a.resolve() for a in args.app]
    res = {}
    for page in args.pages:
        res[page] = measure(page, apps, args.moves)
        print(page, json.dumps(res[page]), flush=True)


if __name__ == "__main__":
    main()
