"""Many processes saving into one scenario store at once: nothing lost, nothing clobbered, and how fast.

Used by tests/test_store.py and tests/test_store_postgres.py, and on its own to measure:

    .venv/bin/python -m tests.store_load --db sqlite:////tmp/load.db --procs 8 --saves 25
    .venv/bin/python -m tests.store_load --db postgresql://user@127.0.0.1:PORT/db --procs 8 --saves 25

Each process saves ``saves`` revisions of one shared scenario (open the latest, change it, save on that
revision; a refused stale save opens again and retries, as a person would) and ``saves`` scenarios of its
own. Afterwards every acknowledged save must be in the store: the shared scenario's revisions are exactly
the acknowledged ones (no two saves got one revision: none clobbered), and every own scenario is there.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import time

SHARED = "Shared briefing"


def _worker(url: str, wid: int, saves: int, barrier, out) -> None:
    from posture.document import Document
    from posture.scenario import Levers
    from posture.store import NameTaken, StaleRevision, StoreUnavailable, open_store

    store = open_store(url)
    barrier.wait()
    acked, stale, errors, own = [], 0, [], 0
    t0 = time.perf_counter()
    for i in range(saves):
        while True:
            try:
                current = store.get(SHARED)
                doc = Document(SHARED, Levers(growth_eu_pct=float(wid)), note=f"w{wid} s{i}", author=f"w{wid}")
                saved = store.save(doc, base_revision=None if current is None else current.revision)
                acked.append((saved.revision, saved.note))
                break
            except (StaleRevision, NameTaken):
                stale += 1
            except StoreUnavailable as err:  # pragma: no cover - a failure the test reports
                errors.append(str(err))
                break
        try:
            store.save(Document(f"own {wid}-{i}", Levers(brics_pts=float(i % 15)), author=f"w{wid}"))
            own += 1
        except Exception as err:  # noqa: BLE001
            errors.append(repr(err))
    out.put({"wid": wid, "acked": acked, "stale": stale, "errors": errors, "own": own,
             "seconds": time.perf_counter() - t0})


def hammer(url: str, procs: int, saves: int, timeout: float = 600) -> dict:
    """Run the load and check it; returns the counts (lost, clobbered, errors) and saves per second."""
    from posture.store import dispose_all, open_store

    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(procs + 1), ctx.Queue()
    ps = [ctx.Process(target=_worker, args=(url, w, saves, barrier, out)) for w in range(procs)]
    for p in ps:
        p.start()
    barrier.wait(timeout=120)
    t0 = time.perf_counter()
    results = [out.get(timeout=timeout) for _ in ps]
    wall = time.perf_counter() - t0
    for p in ps:
        p.join(timeout=30)
    dispose_all()
    store = open_store(url)
    acked = [a for r in results for a in r["acked"]]
    revs = {r.revision: r.note for r in store.revisions(SHARED)}
    revisions = [a[0] for a in acked]
    clobbered = len(revisions) - len(set(revisions))  # two acknowledged saves with one revision number
    lost = sum(1 for rev, note in acked if revs.get(rev) != note)  # acknowledged, but not what the store holds
    names = {s.name for s in store.list()}
    own_expected = sum(r["own"] for r in results)
    own_found = sum(1 for n in names if n.startswith("own "))
    total = len(acked) + own_expected
    return {"procs": procs, "saves_each": saves, "acknowledged": total, "shared_acked": len(acked),
            "shared_revisions": len(revs), "stale_retries": sum(r["stale"] for r in results),
            "lost": lost + (own_expected - own_found), "clobbered": clobbered,
            "errors": [e for r in results for e in r["errors"]], "seconds": round(wall, 2),
            "saves_per_second": round(total / wall, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--procs", type=int, default=8)
    ap.add_argument("--saves", type=int, default=25)
    a = ap.parse_args()
    print(json.dumps(hammer(a.db, a.procs, a.saves), indent=2))


if __name__ == "__main__":
    main()
