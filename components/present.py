"""Presentation mode: the page alone on a shared screen or a projector, its numbers and chart text larger.

* Entered by the "Presentation mode" toggle in the sidebar, below the scenario (every page), or by a link with
  ``?present=1`` (``&contrast=high`` for the high-contrast theme). The state is the session's
  (``state.PRESENT``, ``state.PRESENT_CONTRAST``); the address mirrors it: components/address.py writes
  ``present=1`` (and ``contrast=high``) beside the levers, so a link copied in the room opens the same view.
* Left by Escape, or by the "Leave presentation" button on the page. Entering and leaving are a full rerun of
  the same page with the same session: the scenario (levers, edited inputs) and the page stay.
* What it hides is CSS from this module's own constant strings (never user text): the sidebar, Streamlit's
  header, toolbar, main menu, deploy and status chrome. The sidebar is still drawn, only not shown, so its
  keyed fragments (the scenario box, the pack: components/follow.py) and the address sync run as before.
* The headline numbers (``st.metric``: the summary strip and every other metric) are 1.4 times their size, the
  charts' text 1.3 times (posture/viz/style.py ``present_spec``, applied in components/layout.py).
* The high-contrast theme: black page, white text, white-ringed controls; the charts on black with white text.
  The vector colours stay (tests/test_palette.py keeps them apart on both backgrounds). No web font, no CDN.
"""
from __future__ import annotations

import streamlit as st

from components import state
from components.registry import PAGES
from posture.viz.style import HIGH_CONTRAST, present_spec

PARAM = "present"  # ?present=1
CONTRAST_PARAM = "contrast"  # ?contrast=high
ADDRESS_KEYS = (PARAM, CONTRAST_PARAM)
METRIC_SCALE = 1.4  # the numbers (Streamlit's metric value is 2.25rem)

_TRUE = {"1", "true", "yes", "on"}

# Escape leaves. One listener on the page's document (a v2 component is not in an iframe); not while the focus is
# in a text field or an open list, where Escape means "close this" (a select's menu, a dialog).
_JS = """
let leave = null;
const onKey = (e) => {
  if (e.key !== "Escape" || e.repeat || e.defaultPrevented || !leave) return;
  const t = e.target;
  if (t && t.closest && t.closest('input, textarea, select, [contenteditable="true"], [role="listbox"], [role="dialog"]'))
    return;
  leave("leave", Date.now());
};
export default function(component) {
  leave = component.setTriggerValue;
  document.addEventListener("keydown", onKey);  // the same function: added once however often this runs
  return () => { document.removeEventListener("keydown", onKey); leave = null; };
}
"""
_KEYS_CSS = ":host { display: none; }"

_keys = st.components.v2.component("posture_present_keys", js=_JS, css=_KEYS_CSS)

# Our own constant CSS (no user text). Test ids are Streamlit's (tests/test_browser_present.py checks each).
_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapseButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stStatusWidget"],
[data-testid="stDecoration"], [data-testid="stToolbarActions"] {{ display: none !important; }}
[data-testid="stMain"] {{ margin-left: 0 !important; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 0.75rem !important; padding-left: 2rem !important;
  padding-right: 2rem !important; max-width: 100% !important; }}
[data-testid="stMetricValue"] {{ font-size: calc(2.25rem * {METRIC_SCALE}) !important; line-height: 1.15 !important; }}
[data-testid="stMetricValue"] > div {{ white-space: normal !important; overflow-wrap: anywhere; }}
[data-testid="stMetricLabel"] p {{ font-size: 1.15rem !important; }}
[data-testid="stMetricDelta"] {{ font-size: 1.15rem !important; }}
.st-key-present_bar {{ border-bottom: 1px solid rgba(128,128,128,0.35); padding-bottom: 0.35rem; }}
.st-key-present_bar [data-testid="stPageLink"] p {{ font-size: 0.95rem; }}
</style>
"""

_HC = HIGH_CONTRAST
_HIGH_CONTRAST_CSS = f"""
<style>
html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
[data-testid="stBottomBlockContainer"] {{ background: {_HC["background"]} !important; color: {_HC["ink"]} !important; }}
[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6, p, li, label, summary, strong, em, td, th, code,
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stMetricLabel"],
  [data-testid="stMetricValue"], [data-testid="stWidgetLabel"], [data-testid="stHtml"] div) {{
  color: {_HC["ink"]} !important; }}
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] *,
[data-testid="stMain"] [style*="color:#6b7280"], [data-testid="stMain"] [style*="color:#4b5563"],
[data-testid="stMain"] [style*="color: #6b7280"] {{ color: {_HC["muted"]} !important; }}
[data-testid="stMain"] [data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
[data-testid="stMain"] a, [data-testid="stMain"] a * {{ color: #FFE14D !important; }}
[data-testid="stMain"] :is([data-testid="stVerticalBlockBorderWrapper"], [data-testid="stExpander"] details,
  [data-testid="stExpander"], [data-testid="stForm"]) {{ border-color: {_HC["ink"]} !important;
  background: {_HC["background"]} !important; }}
[data-testid="stMain"] [data-testid="stExpander"] summary:hover * {{ color: #FFE14D !important; }}
[data-testid="stMain"] :is([data-testid^="stBaseButton"], [data-testid="stPageLink-NavLink"],
  [data-baseweb="select"] > div, [data-baseweb="input"], input, textarea) {{
  background: {_HC["background"]} !important; color: {_HC["ink"]} !important; border: 1px solid {_HC["ink"]} !important; }}
[data-testid="stMain"] :is([data-testid^="stBaseButton"], [data-testid="stPageLink-NavLink"]) * {{
  color: {_HC["ink"]} !important; }}
[data-testid="stMain"] [data-baseweb="select"] *, [data-testid="stMain"] input::placeholder {{
  color: {_HC["ink"]} !important; opacity: 1 !important; }}
[data-testid="stMain"] [data-testid="stTooltipIcon"] svg, [data-testid="stMain"] [data-testid="stTooltipHoverTarget"] svg {{
  color: {_HC["ink"]} !important; stroke: {_HC["ink"]} !important; }}
[data-testid="stMain"] [data-testid="stAlertContainer"] {{ background: #1a1a1a !important; border: 1px solid
  {_HC["ink"]} !important; }}
[data-testid="stMain"] hr {{ border-color: {_HC["ink"]} !important; }}
</style>
"""


def seed_from_link() -> None:
    """A link's ``?present=1`` (and ``&contrast=high``) enters the session once, at its first full run.

    Once only: Streamlit's frontend keeps sending the query string it was opened with (components/address.py),
    so after a briefer leaves, an old ``present=1`` must not bring the mode back."""
    if st.session_state.get(state.PRESENT_SEEDED):
        return
    st.session_state[state.PRESENT_SEEDED] = True
    if str(st.query_params.get(PARAM, "")).lower() in _TRUE:
        st.session_state[state.PRESENT] = True
        if str(st.query_params.get(CONTRAST_PARAM, "")).lower() == "high":
            st.session_state[state.PRESENT_CONTRAST] = True


def is_on() -> bool:
    return bool(st.session_state.get(state.PRESENT))


def high_contrast() -> bool:
    return is_on() and bool(st.session_state.get(state.PRESENT_CONTRAST))


def address_params() -> dict[str, str]:
    """What the address bar says about the mode (components/address.py writes it beside the levers)."""
    if not is_on():
        return {}
    return {PARAM: "1", **({CONTRAST_PARAM: "high"} if high_contrast() else {})}


def restyle(fig):
    """A figure as presentation mode shows it (larger text; high contrast on black); unchanged otherwise."""
    if not is_on():
        return fig
    from posture.viz.style import figure

    spec = present_spec(fig.to_dict(), high_contrast=high_contrast())
    return figure(spec.get("data") or [], spec.get("layout") or {})


def _leave() -> None:
    st.session_state[state.PRESENT] = False


def render_present() -> None:
    """app.py, before the page runs: the toggle (in the sidebar, below the scenario); in presentation mode, the CSS, a thin bar
    with the pages, the high-contrast choice and "Leave presentation", and the Escape key."""
    seed_from_link()
    st.sidebar.toggle("Presentation mode", key=state.PRESENT, persist_state="session",
                      help="The page alone, larger numbers and chart text, for a shared screen or a projector. "
                           "Escape or \"Leave presentation\" returns; the scenario and the page stay. "
                           "A link with ?present=1 opens in it.")
    if not is_on():
        return
    st.html(_CSS + (_HIGH_CONTRAST_CSS if high_contrast() else ""))
    bar = st.container(horizontal=True, key=state.PRESENT_BAR, vertical_alignment="center", gap="small")
    with bar:
        for entry in PAGES:
            if not entry.hidden:
                st.page_link(entry.path, label=entry.title, icon=entry.icon)
        st.space("stretch")
        st.toggle("High contrast", key=state.PRESENT_CONTRAST, persist_state="session",
                  help="Black page, white text: for a projector in a bright room. The vector colours stay.")
        st.button("Leave presentation", key=state.PRESENT_LEAVE, on_click=_leave, icon=":material/close:",
                  help="Back to the dashboard with its sidebar (or press Escape). The scenario and the page stay.")
    _keys(data={"on": True}, key=state.PRESENT_KEYS, height=0, on_leave_change=_leave)
