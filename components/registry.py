"""The page registry: data, not code. app.py builds st.navigation from it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    path: str  # script under pages/
    title: str
    icon: str
    url_path: str
    section: str
    default: bool = False


PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "Overview", ":material/dashboard:", "overview", "Briefing", default=True),
    PageEntry("pages/scenarios.py", "Scenarios", ":material/tune:", "scenarios", "Briefing"),
    PageEntry("pages/story.py", "Briefing story", ":material/slideshow:", "story", "Briefing"),
    PageEntry("pages/presenter.py", "Presenter view", ":material/co_present:", "presenter", "Briefing"),
    PageEntry("pages/map.py", "Routes map", ":material/map:", "map", "Analysis"),
    PageEntry("pages/dependencies.py", "Dependencies", ":material/account_tree:", "dependencies", "Analysis"),
    PageEntry("pages/balance.py", "Balance indicator", ":material/balance:", "balance", "Analysis"),
    PageEntry("pages/recommendations.py", "Recommendations", ":material/checklist:", "recommendations", "Analysis"),
    PageEntry("pages/events.py", "Events", ":material/event:", "events", "Analysis"),
    PageEntry("pages/data.py", "Data and sources", ":material/table_view:", "data", "Reference"),
)
