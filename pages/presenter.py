"""Presenter view: the notes of the step on screen, the next step and a clock, for a second window.

Opened from the story bar (``?room=TOKEN``). The audience window publishes its position to the server's registry
(components/story.py); this page reads it in a fragment that reruns every second, so it follows each step the
audience window shows. Nothing here runs the model.
"""
from __future__ import annotations

import html
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from components import state
from components import story as cs
from components.data import get_model
from posture.story import PAGE_TITLES, SECTIONS
from posture.text import md_text

get_model()
room = st.query_params.get("room") or ""
st.title("Presenter view", anchor=False)


def _zone():
    try:
        return ZoneInfo(st.context.timezone) if st.context.timezone else None
    except Exception:  # noqa: BLE001 - an unknown zone name from the browser: the server's time
        return None


def _where(step: dict) -> str:
    out = PAGE_TITLES.get(step["page"], step["page"])
    if step.get("section"):
        out += " · " + SECTIONS.get(step["page"], {}).get(step["section"], step["section"])
    return out


@st.fragment(run_every=1)
def follow() -> None:
    pos = cs.rooms().get(room)
    now = time.time()
    clock = datetime.now(_zone()).strftime("%H:%M:%S")
    if pos is None:
        st.metric("Clock", clock)
        st.warning("No story is playing in this room now (it was stopped, or the server restarted). Start it again "
                   "from the story bar or the Briefing story page, and open the presenter view from there.",
                   icon=":material/hourglass_empty:")
        return
    cur, nxt = pos.current, pos.next
    elapsed = int(now - pos.started)
    with st.container(horizontal=True, gap="large", key=state.PRESENTER_HEAD):
        st.metric("Step", f"{pos.index + 1} of {len(pos.steps)}")
        st.metric("Clock", clock)
        st.metric("Elapsed", f"{elapsed // 3600:d}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}")
    st.progress((pos.index + 1) / len(pos.steps))
    left, right = st.columns([2, 1], gap="large")
    with left, st.container(border=True, key=state.PRESENTER_CURRENT):
        st.caption("Now · " + md_text(_where(cur)))
        st.subheader(md_text(cur["title"]), anchor=False)
        if cur.get("focus"):
            st.caption("Point at: " + md_text(cur["focus"]))
        notes = html.escape(cur.get("notes") or "No notes.").replace("\n", "<br>")  # text, larger: read at arm's length
        st.html(f"<div style='font-size:1.35rem;line-height:1.5'>{notes}</div>")
    with right, st.container(border=True, key=state.PRESENTER_NEXT):
        if nxt:
            st.caption("Next · " + md_text(_where(nxt)))
            st.markdown(f"**{md_text(nxt['title'])}**")
            if nxt.get("notes"):
                st.text(nxt["notes"][:300] + (" ..." if len(nxt["notes"]) > 300 else ""))
        else:
            st.caption("Next")
            st.markdown("**The end of the story.**")
    st.caption(f"Story '{md_text(pos.name)}'. Step through it in the audience window (Right arrow or Page Down, Left "
               "or Page Up); this view follows within a second.")


if room:
    follow()
else:  # not st.stop(): the frame still draws the sidebar after the page
    st.info("Open this view from the story bar (\"Presenter\") while a story plays: it follows that window.",
            icon=":material/info:")
