"""The briefing story in the dashboard: the session's story, "Add this view", the story bar, the clicker's keys,
and the position the presenter's window follows.

One source of truth: the session's story (``STORY``: its name and a list of posture.story.Step), first the shipped
default story. Every edit goes through posture/story.py (validated; a refused edit leaves the story as it was).

Playing (``PLAY``: the step shown, the room token, when it started) draws a compact bar on every page, above the
page (app.py calls :func:`render_story_bar` before ``page.run()``). Back/next, and the keys a presentation clicker
sends (an invisible component listening on the document), run :func:`go` as a callback, before any widget of the
next run exists: it sets the step's levers (or opens its saved scenario) and records the step's page; the next run
of the frame switches there (``st.switch_page``) and the component scrolls to the step's section and outlines it.

The presenter's window is another browser session: the audience window publishes the position to a registry
shared by the server (:func:`rooms`, a ``st.cache_resource`` of posture.story.Rooms) under a random room token;
the presenter page (pages/presenter.py, ``?room=TOKEN``) reads it in a fragment that reruns every second. Only
that small fragment runs on a timer; the audience window never does.
"""
from __future__ import annotations

import time
import uuid
from functools import partial

import streamlit as st

from components import state
from components.registry import PAGES as REGISTRY
from components.scenario import current_levers, scenario_name, set_levers
from posture import story as sto
from posture.problems import DataError
from posture.scenario import Levers
from posture.text import md_text

# session keys of this component
STORY = "_story"  # {"name": str, "steps": list[Step]}: the session's story
VERSION = "_story_version"  # bumped on every change of the story: the editor's widgets start from the new steps
PLAY = "_story_play"  # {"index", "room", "started"} while a story plays, else absent
PENDING = "_story_pending_page"  # the page the step just chosen lands on (switched to by the next frame run)
LANDED = "_story_landed"  # counts landings: the scroll runs once per landing
NOTICE = "_story_notice"  # (kind, text) shown once, in the bar or the editor
KEYS = "story_keys"  # the keys and scroll component
ADD_OPEN = "story_add_open"
ADD_SECTION = "story_add_section"
ADD_TITLE = "story_add_title"
FRAG_ADD = "frag_story_add"

PATHS = {p.url_path: p.path for p in REGISTRY}

# Where each section of posture.story.SECTIONS is on the page: (CSS selector of the element, the ancestor to
# outline, or None). Keyed elements carry the class st-key-<key>; a chart's heading sits in the block above it.
_FIG = '[data-testid="stVerticalBlock"]'
_STRIP = ('[data-testid="stMain"] [data-testid="stMetric"]', '[data-testid="stHorizontalBlock"]')
SELECTORS: dict[tuple[str, str], tuple[str, str | None]] = {
    ("overview", "numbers"): _STRIP,
    ("overview", "dependencies"): (".st-key-fig_ov_deps", _FIG),
    ("scenarios", "numbers"): _STRIP,
    ("scenarios", "exposure"): (".st-key-fig_scen_exposure", _FIG),
    ("scenarios", "routes"): (".st-key-fig_scen_routes", _FIG),
    ("scenarios", "trade"): (".st-key-fig_scen_trade", _FIG),
    ("map", "map"): ('[class*="st-key-map_deck_"]', None),
    ("map", "via_russia"): ('[data-testid="stMain"] [data-testid="stMetric"]', None),
    ("dependencies", "oil_exports"): (".st-key-fig_oil_exports", _FIG),
    ("dependencies", "share_via_russia"): (".st-key-fig_share_via_russia", _FIG),
    ("dependencies", "sankey"): (".st-key-fig_sankey", _FIG),
    ("dependencies", "arms"): (".st-key-fig_arms", _FIG),
    ("dependencies", "uranium"): (f".st-key-{state.DEP_URANIUM}", None),  # the whole section, its heading first
    ("dependencies", "corridor"): (".st-key-fig_corridor", _FIG),
    ("balance", "numbers"): ('[data-testid="stMain"] [data-testid="stMetric"]', '[data-testid="stHorizontalBlock"]'),
    ("balance", "exposure"): (".st-key-fig_exposure", _FIG),
    ("balance", "tornado"): (".st-key-fig_tornado", _FIG),
    ("recommendations", "ranking"): (".st-key-fig_recs", _FIG),
    ("events", "timeline"): (".st-key-fig_events", _FIG),
}

_JS = r"""
const SKIP = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="slider"], ' +
  '[role="combobox"], [role="listbox"], [role="option"], [role="spinbutton"], [role="textbox"], [role="grid"], ' +
  '[role="gridcell"], [role="radiogroup"], [role="tablist"], [data-testid="stDataFrame"], [data-testid="stDataEditor"]';
const KEYMAP = {ArrowRight: "next", PageDown: "next", ArrowLeft: "back", PageUp: "back"};
export default function(component) {
  const { data, setTriggerValue } = component;
  if (!data) return;
  if (!document.getElementById("posture-story-style")) {
    const s = document.createElement("style");
    s.id = "posture-story-style";
    // the bar stays in view below Streamlit's header while the page scrolls to a section; the section lands
    // below both (scroll-margin), outlined
    s.textContent = ".posture-story-focus { outline: 4px solid #d97706 !important; outline-offset: 6px; " +
      "border-radius: 6px; scroll-margin-top: 9rem; }\n" +
      "[data-testid=stLayoutWrapper]:has(> .st-key-story_bar), .st-key-story_bar { position: sticky; top: 3.75rem;" +
      " z-index: 990; }\n.st-key-story_bar { background-color: #ffffff; }";
    document.head.appendChild(s);
  }
  // the clicker's keys: not while a slider, a text field, a select or a table has the focus (they own the arrows)
  const onKey = (e) => {
    const dir = KEYMAP[e.key];
    if (!dir || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    for (const el of [e.target, document.activeElement]) {
      if (el && el.closest && el.closest(SKIP)) return;
    }
    e.preventDefault();
    setTriggerValue(dir, Date.now());
  };
  if (window.__postureStoryKey) window.removeEventListener("keydown", window.__postureStoryKey);
  window.__postureStoryKey = onKey;
  window.addEventListener("keydown", onKey);
  // scroll to the step's section once per landing (the element may still be drawing: try for a while)
  if (data.landed !== window.__postureStoryLanded) {
    window.__postureStoryLanded = data.landed;
    const find = () => {
      for (const el of document.querySelectorAll(data.selector)) {
        if (el.closest('[data-stale="true"]') || !el.getClientRects().length) continue;
        return data.climb ? (el.closest(data.climb) || el) : el;
      }
      return null;
    };
    const t0 = Date.now();
    const land = (again) => {
      if (data.landed !== window.__postureStoryLanded) return;  // a newer step was chosen
      if (!data.selector) {
        const main = document.querySelector('[data-testid="stMain"]');
        if (main) main.scrollTo(0, 0);
        window.scrollTo(0, 0);
        return;
      }
      const el = find();
      if (!el) { if (Date.now() - t0 < 15000) setTimeout(() => land(again), 200); return; }
      document.querySelectorAll(".posture-story-focus").forEach((x) => {
        if (x !== el) { x.classList.remove("posture-story-focus"); x.removeAttribute("data-story-focus"); }
      });
      el.classList.add("posture-story-focus");
      el.setAttribute("data-story-focus", data.section);
      el.scrollIntoView({block: "start"});
      if (again) setTimeout(() => land(false), 1500);  // once more when the page has settled (charts drawn)
    };
    setTimeout(() => land(true), 250);
  }
  return () => {
    window.removeEventListener("keydown", onKey);
    if (window.__postureStoryKey === onKey) window.__postureStoryKey = null;
  };
}
"""

_player = st.components.v2.component("posture_story_player", js=_JS, css=":host { display: none; }")


@st.cache_resource(show_spinner=False)
def rooms() -> sto.Rooms:
    """Where each playing story is, shared by every session of this server (the presenter's window reads it)."""
    return sto.Rooms()


# ------------------------------------------------------------------ the session's story


def _bump() -> None:
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


def _notice(kind: str, text: str) -> None:
    st.session_state[NOTICE] = (kind, text)


def session_story(model) -> tuple[str, list[sto.Step]]:
    """(name, steps) of the session's story; the shipped default story the first time (empty when it is invalid)."""
    held = st.session_state.get(STORY)
    if held is None:
        try:
            default = sto.default_story(model.data.data_dir)
        except DataError as err:
            default = None
            _notice("warning", "The default story (data/stories/default.json) has problems and was not loaded: "
                    + "; ".join(str(p) for p in err.problems[:5]))
        held = {"name": default[0] if default else "My story", "steps": list(default[1]) if default else []}
        st.session_state[STORY] = held
    return held["name"], list(held["steps"])


def set_story(name: str, steps: list[sto.Step]) -> None:
    """Replace the session's story (the only writer; call it from a callback)."""
    st.session_state[STORY] = {"name": name, "steps": list(steps)}
    _bump()
    play = st.session_state.get(PLAY)
    if play:
        if not steps:
            stop()
        else:
            play["index"] = min(play["index"], len(steps) - 1)
            _publish(play, name, steps)


def pack_story(model) -> tuple[str, list[sto.Step]] | None:
    """The story the briefing pack carries: the session's, when it has steps."""
    name, steps = session_story(model)
    return (name, steps) if steps else None


def take_story(text: str, source: str) -> str | None:
    """Make a saved document's story the session's story; returns the problem when it is not a valid story."""
    try:
        steps = sto.parse_story_text(text, source)
    except DataError as err:
        return "; ".join(str(p) for p in err.problems[:5])
    set_story(source, steps)
    return None


# ------------------------------------------------------------------ playing


def _publish(play: dict, name: str, steps: list[sto.Step]) -> None:
    rooms().publish(play["room"], name, steps, play["index"], play["started"], time.time())


def resolve(model, step: sto.Step):
    """(levers, None), or (None, the saved document) for a step naming a saved scenario, or (None, None) when the
    step names a scenario that is neither a preset nor saved."""
    if step.levers is not None:
        return step.levers, None
    if step.scenario is None:
        return Levers(oil_price=model.params.get("oil_price_default", Levers().oil_price)), None
    lv = sto.preset_levers(step, model.presets)
    if lv is not None:
        return lv, None
    from posture.store import StoreError, open_store

    try:
        return None, open_store().load(step.scenario)
    except (StoreError, Exception):  # noqa: BLE001 - a missing or unreadable saved scenario: say so, keep the levers
        return None, None


def _land(model, i: int) -> None:
    """Show step ``i`` (from a callback): its scenario, its page next run, its section scrolled to."""
    name, steps = session_story(model)
    play = st.session_state.get(PLAY)
    if not play or not steps:
        return
    i = max(0, min(i, len(steps) - 1))
    step = steps[i]
    levers, doc = resolve(model, step)
    if levers is not None:
        set_levers(levers)
    elif doc is not None:
        from components.saved import apply_document

        problems = apply_document(model, doc)
        if problems:
            _notice("warning", f"Step {i + 1}: the saved scenario's balance inputs were not applied: "
                    + "; ".join(problems[:3]))
    else:
        _notice("warning", f"Step {i + 1}: no preset or saved scenario is named {step.scenario!r}; the levers "
                           "stay as they were.")
    play["index"] = i
    st.session_state[PENDING] = step.page
    st.session_state[LANDED] = st.session_state.get(LANDED, 0) + 1
    _publish(play, name, steps)


def start(model, index: int = 0) -> None:
    """Play the session's story from step ``index`` (a callback)."""
    _, steps = session_story(model)
    if not steps:
        _notice("warning", "The story has no steps: add a view first.")
        return
    old = st.session_state.get(PLAY) or {}
    st.session_state[PLAY] = {"index": index, "room": old.get("room") or uuid.uuid4().hex[:12],
                              "started": old.get("started") or time.time()}
    _land(model, index)


def go(model, delta: int) -> None:
    """Back (-1) or next (+1): the bar's buttons and the clicker's keys."""
    play = st.session_state.get(PLAY)
    if not play:
        return
    _, steps = session_story(model)
    target = play["index"] + delta
    if 0 <= target < len(steps):
        _land(model, target)


def stop() -> None:
    play = st.session_state.pop(PLAY, None)
    if play:
        rooms().close(play["room"])


def presenter_url(room: str) -> str:
    return f"presenter?room={room}"  # relative: the app may be served under a path (scripts/team.sh)


def render_story_bar(model, page) -> None:
    """app.py, before the page runs: land on the chosen step's page, then (while a story plays) the bar with back,
    next, the progress, the presenter's window and stop; and "Add this view" in the sidebar."""
    pending = st.session_state.pop(PENDING, None)
    if pending and pending != page.url_path and pending in PATHS:
        st.switch_page(PATHS[pending])
    with st.sidebar:
        render_add_view(page.url_path)
    play = st.session_state.get(PLAY)
    if not play:
        return
    name, steps = session_story(model)
    if not steps:
        stop()
        return
    i = max(0, min(play["index"], len(steps) - 1))
    step = steps[i]
    with st.container(border=True, key=state.STORY_BAR, horizontal=True, vertical_alignment="center", gap="small"):
        st.button("Back", key=state.STORY_BACK, icon=":material/arrow_back:", on_click=go, args=(model, -1),
                  disabled=i == 0, help="The step before (Left arrow or Page Up)")
        st.progress((i + 1) / len(steps), text=f"Step {i + 1} of {len(steps)} · {md_text(step.title)}",
                    width="stretch")
        st.button("Next", key=state.STORY_NEXT, icon=":material/arrow_forward:", on_click=go, args=(model, 1),
                  disabled=i == len(steps) - 1, help="The next step (Right arrow or Page Down)", type="primary")
        st.link_button("Presenter", presenter_url(play["room"]), icon=":material/co_present:",
                       help="The notes, the next step and a clock, in a second window")
        st.button("Stop", key=state.STORY_STOP, icon=":material/stop:", on_click=stop, help="Leave the story")
    msg = st.session_state.pop(NOTICE, None)
    if msg:
        getattr(st, msg[0])(md_text(msg[1]))
    current = rooms().get(play["room"])
    if current is None or current.index != i or current.steps != tuple(s.as_dict() for s in steps):
        _publish(play, name, steps)  # a story edited while it plays, or a server that forgot the room
    selector, climb = SELECTORS.get((step.page, step.section), ("", None)) if step.section else ("", None)
    _player(data={"landed": st.session_state.get(LANDED, 0), "selector": selector, "climb": climb,
                  "section": step.section}, key=KEYS, height=0,
            on_next_change=partial(go, model, 1), on_back_change=partial(go, model, -1))


# ------------------------------------------------------------------ "Add this view"


def _add_view(model, page: str) -> None:
    from components import saved

    name, steps = session_story(model)
    levers = current_levers()
    opened = st.session_state.get(saved.OPENED)
    saved_name = None
    if opened:
        try:
            from posture.store import open_store

            if open_store().load(opened[0]).levers == levers:
                saved_name = opened[0]
        except Exception:  # noqa: BLE001 - the store unavailable: the step keeps the levers themselves
            saved_name = None
    try:
        step = sto.view_step(page, levers, model.presets, section=st.session_state.get(ADD_SECTION) or "",
                             title=st.session_state.get(ADD_TITLE) or "", saved=saved_name)
    except DataError as err:
        _notice("error", "Not added: " + "; ".join(str(p) for p in err.problems))
        return
    set_story(name, sto.add_step(steps, step))
    st.session_state[ADD_TITLE] = ""
    _notice("success", f"Added step {len(steps) + 1}: {step.title} ({scenario_name(levers, model.presets)}).")


@st.fragment(key=FRAG_ADD)
def render_add_view(page: str) -> None:
    """In the sidebar: make a step of what is on screen (this page, the levers in force, a section)."""
    from components.data import get_model

    box = st.expander("Briefing story", icon=":material/slideshow:", key=ADD_OPEN, on_change="rerun")
    if not box.open:
        return
    model = get_model()
    with box:
        name, steps = session_story(model)
        st.caption(f"Story '{md_text(name)}': {len(steps)} step{'s' if len(steps) != 1 else ''}.")
        sections = sto.SECTIONS.get(page, {})
        if st.session_state.get(ADD_SECTION) not in ("", *sections):
            st.session_state[ADD_SECTION] = ""
        st.selectbox("Point at", ["", *sections], key=ADD_SECTION,
                     format_func=lambda s: sections.get(s, "The whole page (top)"))
        st.text_input("Title (optional)", key=ADD_TITLE, max_chars=sto.MAX_TEXT,
                      placeholder="e.g. What a CPC outage costs")
        st.button("Add this view", key=state.STORY_ADD, icon=":material/add_a_photo:", on_click=_add_view,
                  args=(model, page), width="stretch", help="A step with this page, the levers in force and the "
                  "section chosen, at the end of the story")
        msg = st.session_state.get(NOTICE)
        if msg and not st.session_state.get(PLAY):
            st.session_state.pop(NOTICE)
            getattr(st, msg[0])(md_text(msg[1]))
        c1, c2 = st.columns(2)
        c1.page_link("pages/story.py", label="Edit", icon=":material/edit:")
        if c2.button("Play", key=state.STORY_PLAY_SIDE, icon=":material/play_arrow:", disabled=not steps,
                     on_click=start, args=(model, 0)):
            st.rerun(scope="app")
