"""The Briefing story page's sections (callbacks take the model as an argument: they run before the script): the steps (edit, reorder, remove, play), the messages of the last action,
and keeping the story as a file or for the team. Every change goes through components/story.py's set_story."""
from __future__ import annotations

import re

import streamlit as st

from components import state
from components import story as cs
from components.layout import render_problems
from components.story_store import render_story_store
from posture import story as sto
from posture.problems import DataError
from posture.text import md_text

PROBLEMS = "_story_problems"  # (what, problems) of the last refused edit or file, shown once


def _refused(what: str, err: DataError) -> None:
    st.session_state[PROBLEMS] = (what, err.problems)


def _rename(model, ver: int) -> None:
    new = (st.session_state.get(f"story_name_{ver}") or "").strip()
    n, s = cs.session_story(model)
    if not new:
        cs._notice("warning", "A story needs a name: kept " + repr(n) + ".")
        cs._bump()
        return
    cs.set_story(new[:sto.MAX_TEXT], s)


def _move(model, i: int, to: int) -> None:
    n, s = cs.session_story(model)
    cs.set_story(n, sto.move_step(s, i, to))


def _remove(model, i: int) -> None:
    n, s = cs.session_story(model)
    cs.set_story(n, sto.remove_step(s, i))
    cs._notice("info", f"Removed step {i + 1}: {s[i].title}.")


def _edit(model, i: int, v: int) -> None:
    n, s = cs.session_story(model)
    get = st.session_state.get
    try:
        new = sto.edit_step(s, i, file="this story", title=get(f"story_title_{v}_{i}") or "",
                            notes=get(f"story_notes_{v}_{i}") or "", focus=get(f"story_focus_{v}_{i}") or "",
                            section=get(f"story_section_{v}_{i}") or "")
    except DataError as err:
        _refused(f"Step {i + 1} was not changed", err)
        return
    cs.set_story(n, new)
    cs._notice("success", f"Step {i + 1} saved.")


def _open_file() -> None:
    up = st.session_state.get(state.STORY_UPLOAD)
    if up is None:
        return
    stem = re.sub(r"\.json$", "", up.name, flags=re.I) or "story"
    try:
        new = sto.parse_story_text(up.getvalue(), up.name)
    except DataError as err:
        _refused(f"{up.name} was not opened (the story on screen is unchanged)", err)
        return
    cs.set_story(stem, new)
    cs._notice("success", f"Opened {up.name}: {len(new)} steps.")


def _reset_default(model) -> None:
    try:
        loaded = sto.default_story(model.data.data_dir)
    except DataError as err:
        _refused("The default story has problems", err)
        return
    if loaded:
        cs.set_story(loaded[0], loaded[1])
        cs._notice("success", "The default story is back.")


def describe(step: sto.Step, presets: dict) -> str:
    """Where the step lands and with which scenario, in words."""
    where = sto.PAGE_TITLES.get(step.page, step.page)
    if step.section:
        where += " · " + sto.SECTIONS[step.page][step.section]
    if step.levers is not None:
        what = f"{len(step.levers.differs_from(sto.Levers()))} lever(s) set in the step"
    elif step.scenario is not None:
        p = presets.get(step.scenario)
        what = p.name if p else f"saved scenario {step.scenario!r}"
    else:
        what = "the baseline"
    return f"{where} · {what}"


def render_messages() -> None:
    """The last action's notice, and the problems of a refused edit or file (each shown once)."""
    msg = st.session_state.pop(cs.NOTICE, None)
    if msg:
        getattr(st, msg[0])(md_text(msg[1]))
    refused = st.session_state.pop(PROBLEMS, None)
    if refused:
        render_problems(refused[1], refused[0])


def render_steps(model, name: str, steps: list, ver: int) -> None:
    """The story's name, play and stop, and each step with its buttons and editor."""
    presets = {p.id: p for p in model.presets}
    top = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    with top:
        st.text_input("Story name", value=name, key=f"story_name_{ver}", on_change=_rename, args=(model, ver), max_chars=sto.MAX_TEXT,
                      width=360)
        st.button("Play from step 1", key=state.STORY_PLAY, icon=":material/play_arrow:", type="primary",
                  on_click=cs.start, args=(model, 0), disabled=not steps)
        play = st.session_state.get(cs.PLAY)
        if play:
            st.link_button("Presenter view", cs.presenter_url(play["room"]), icon=":material/co_present:")
            st.button("Stop", key=state.STORY_STOP_EDITOR, icon=":material/stop:", on_click=cs.stop)
    st.caption(f"{len(steps)} step{'s' if len(steps) != 1 else ''}. While it plays, a bar above every page shows the step, "
               "back and next; the presenter view opens in a second window (put it on your own screen) with the notes, "
               "the next step and a clock.")

    if not steps:
        st.info("No steps yet. On any page, open \"Briefing story\" in the sidebar and click \"Add this view\", or open a "
                "story file below.", icon=":material/info:")

    for i, step in enumerate(steps):
        with st.container(border=True, key=f"story_step_{i}"):
            head, buttons = st.columns([3, 2], vertical_alignment="center")
            head.markdown(f"**{i + 1}. {md_text(step.title)}**")
            head.caption(md_text(describe(step, presets)))
            if step.notes:
                head.text(step.notes if len(step.notes) <= 400 else step.notes[:400] + " ...")
            row = buttons.container(horizontal=True, gap="small", horizontal_alignment="right")
            row.button("", key=f"story_up_{i}", icon=":material/arrow_upward:", help="Move up", disabled=i == 0,
                       on_click=_move, args=(model, i, i - 1))
            row.button("", key=f"story_down_{i}", icon=":material/arrow_downward:", help="Move down",
                       disabled=i == len(steps) - 1, on_click=_move, args=(model, i, i + 1))
            with row.popover("Edit", icon=":material/edit:"):
                with st.form(f"story_form_{ver}_{i}", border=False):
                    st.text_input("Title", value=step.title, key=f"story_title_{ver}_{i}", max_chars=sto.MAX_TEXT)
                    st.text_area("Speaker notes", value=step.notes, key=f"story_notes_{ver}_{i}", max_chars=sto.MAX_TEXT,
                                 height=150)
                    st.text_input("What to point at (words)", value=step.focus, key=f"story_focus_{ver}_{i}",
                                  max_chars=sto.MAX_TEXT)
                    sections = sto.SECTIONS.get(step.page, {})
                    options = ["", *sections]
                    st.selectbox("Section to scroll to", options, index=options.index(step.section)
                                 if step.section in options else 0, key=f"story_section_{ver}_{i}",
                                 format_func=lambda s, sec=sections: sec.get(s, "The whole page (top)"))
                    st.form_submit_button("Save the step", on_click=_edit, args=(model, i, ver), type="primary")
            row.button("", key=f"story_remove_{i}", icon=":material/delete:", help="Remove this step",
                       on_click=_remove, args=(model, i))
            row.button("", key=f"story_play_{i}", icon=":material/play_arrow:", help="Play from this step",
                       on_click=cs.start, args=(model, i))


def render_files(model, name: str, steps: list) -> None:
    """Keep and share the story: as a JSON file, and in the team's store."""
    st.subheader("Keep and share the story", anchor=False)
    f1, f2 = st.columns(2, gap="large")
    with f1:
        st.markdown("**As a file**")
        if steps:
            slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "story"
            st.download_button("Download the story (JSON)", data=sto.story_json(steps), file_name=f"{slug}.json",
                               mime="application/json", key=state.STORY_DOWNLOAD, icon=":material/download:",
                               on_click="ignore")
        st.file_uploader("Open a story file", type=["json"], key=state.STORY_UPLOAD, on_change=_open_file,
                         help="A story file downloaded here, or data/stories/*.json. Checked before it replaces the "
                              "story on screen: every problem is named by step and field.")
        st.button("Back to the default story", key=state.STORY_RESET, icon=":material/restart_alt:", on_click=_reset_default, args=(model,))
    with f2:
        st.markdown("**For the team**")
        render_story_store(model, name, steps)
