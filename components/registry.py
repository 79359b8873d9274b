"""The page registry: data, not code. app.py builds st.navigation from it."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    path: str  # script under pages/
    title: str
    icon: str
    url_path: str
    section: str
    default: bool = False
    hidden: bool = False  # reachable by its address, not listed in the navigation (the presenter view)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "Overview", ":material/dashboard:", "overview", "Briefing", default=True),
    PageEntry("pages/scenarios.py", "Scenarios", ":material/tune:", "scenarios", "Briefing"),
    PageEntry("pages/story.py", "Briefing story", ":material/slideshow:", "story", "Briefing"),
    PageEntry("pages/presenter.py", "Presenter view", ":material/co_present:", "presenter", "Briefing", hidden=True),
    PageEntry("pages/map.py", "Routes map", ":material/map:", "map", "Analysis"),
    PageEntry("pages/dependencies.py", "Dependencies", ":material/account_tree:", "dependencies", "Analysis"),
    PageEntry("pages/balance.py", "Balance indicator", ":material/balance:", "balance", "Analysis"),
    PageEntry("pages/recommendations.py", "Recommendations", ":material/checklist:", "recommendations", "Analysis"),
    PageEntry("pages/events.py", "Events", ":material/event:", "events", "Analysis"),
    PageEntry("pages/data.py", "Data and sources", ":material/table_view:", "data", "Reference"),
)


def _slugs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {"_".join(words), "-".join(words), "".join(words), *(words[:1])}


def guessed_paths(pages: tuple[PageEntry, ...] = PAGES) -> dict[str, PageEntry]:
    """Addresses people guess for a page -> the page: the default page's own ``url_path`` (Streamlit serves the
    default at ``/`` only, so ``/overview?lv_...`` gave "Page not found"), and each title as a slug
    (``routes_map``, ``routes-map``, ``balance-indicator``, ``data_and_sources``, ``balance_indicator``...). A
    guess that is another page's real address, or that two pages would share, is left out."""
    taken = {p.url_path for p in pages if not p.default}
    out: dict[str, PageEntry] = {}
    shared: set[str] = set()
    for p in pages:
        guesses = _slugs(p.title) | _slugs(p.url_path)
        if p.default:
            guesses.add(p.url_path)
        for g in guesses - taken - {""}:
            if g in out and out[g] is not p:
                shared.add(g)
            out[g] = p
    return {g: p for g, p in sorted(out.items()) if g not in shared}
