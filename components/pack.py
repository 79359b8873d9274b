"""The briefing pack button, in the sidebar of every page: the scenario on screen as PPTX or PDF.

A ``st.download_button`` with lazy ``data=`` is evaluated outside the run that drew it (it once held the
baseline), and building the pack takes seconds. So the pack is built only on request: the callback of
"Prepare the pack" builds the bytes from the session's levers and edited balance inputs at the click
(components/data.py), keeps them with the levers they were built from, and the fragment's rerun then shows
the download button with those bytes (never a lazy callable). The section is a keyed expander that runs its
body only when open, so on every other run it costs one line. A lever moved since then hides the download and asks for a new pack.
"""
from __future__ import annotations

import re
from datetime import date

import streamlit as st

from components import state
from components.data import scenario_inputs, session_inputs
from components.follow import drawn
from components.scenario import current_levers, scenario_name

FORMATS = {"PPTX": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
           "PDF": ("pdf", "application/pdf")}


def _file_name(name: str, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "scenario"
    return f"briefing_pack_{slug}_{date.today().isoformat()}.{fmt}"


def build_for_session(model, fmt: str) -> dict:
    """Build the pack for what this session shows: its levers, its edited inputs, its story (the default one
    until the session edits it, components/story.py)."""
    from components.story import pack_story
    from posture.brief import build_pack

    levers = current_levers()
    ties, weights = session_inputs()
    edited = tuple(n for n, t in (("ties", ties), ("weights", weights)) if t is not None)
    name = scenario_name(levers, model.presets)
    story = pack_story(model)  # None for a story with no steps (or an invalid default file): the rest still builds
    blob = build_pack(model, levers, scenario_inputs(), story=story, fmt=fmt, name=name, edited=edited)
    return {"levers": levers, "inputs": edited, "fmt": fmt, "bytes": blob, "name": name,
            "file": _file_name(name, fmt), "story": _story_key(story)}


def _story_key(story) -> str:
    """What a pack's story is, to withdraw a pack built before the story changed."""
    from posture.story import story_json

    return "" if not story else f"{story[0]}\n{story_json(story[1])}"


def _prepare(model, fmt: str) -> None:
    """The button's callback: build the pack from the session as it is at the click (before any rerun)."""
    st.session_state.pop(state.PACK_ERROR, None)
    try:
        with st.spinner("Drawing the charts and writing the slides ..."):
            st.session_state[state.PACK] = build_for_session(model, fmt)
    except Exception as err:  # noqa: BLE001 - say why on the page (kaleido needs Chromium), keep the app
        st.session_state.pop(state.PACK, None)
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        st.session_state[state.PACK_ERROR] = f"The pack could not be built: {first}"


@st.fragment(key=state.FRAG_PACK)
def render_pack(model) -> None:
    """'Download the briefing pack (PPTX/PDF)': choose the format, prepare, then download."""
    box = st.expander("Download the briefing pack (PPTX/PDF)", icon=":material/slideshow:", key=state.PACK_OPEN,
                      on_change="rerun")
    if not box.open:  # closed, it is one line on every page and costs a lever move nothing
        return
    drawn(state.FRAG_PACK)  # open: every lever move reruns this too, so a pack of an older scenario is withdrawn
    with box:
        label = st.segmented_control("Format", list(FORMATS), default="PPTX", key=state.PACK_FORMAT,
                                     label_visibility="collapsed") or "PPTX"
        fmt, mime = FORMATS[label]
        st.caption("Slides with the scenario on screen against the baseline, the charts, the map, the default "
                   "story and the sources.")
        st.button("Prepare the pack", key=state.PACK_BUTTON, icon=":material/build:", width="stretch",
                  on_click=_prepare, args=(model, fmt))
        if st.session_state.get(state.PACK_ERROR):
            st.error(st.session_state[state.PACK_ERROR], icon=":material/error:")
        pack = st.session_state.get(state.PACK)
        if not pack:
            return
        ties, weights = session_inputs()
        edited = tuple(n for n, t in (("ties", ties), ("weights", weights)) if t is not None)
        from components.story import pack_story

        if pack["levers"] != current_levers() or pack["inputs"] != edited or pack["fmt"] != fmt \
                or pack.get("story") != _story_key(pack_story(model)):
            st.caption("The scenario, the story or the format changed since the last pack: prepare it again.")
            return
        st.download_button(f"Download {label} ({len(pack['bytes']) // 1024} KB)", data=pack["bytes"],
                           file_name=pack["file"], mime=mime, key=state.PACK_DOWNLOAD, on_click="ignore",
                           icon=":material/download:", type="primary", width="stretch")
