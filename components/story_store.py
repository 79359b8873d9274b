"""Stories in the team's store (posture/store.py): a story is kept in a saved scenario's document (its ``story``).

Saving under a new name stores a document with the levers in force and the story. Saving under the name of a
saved scenario keeps that scenario's levers and inputs and gives it this story, as a new revision (every
revision stays in its history). A different story already kept there is replaced only on purpose, unless this
session opened it from there. Opening checks the story as a file is checked (posture.story.parse_story_text).
"""
from __future__ import annotations

import streamlit as st

from components import state
from components import story as cs
from components.scenario import current_levers
from posture import document as docmod
from posture import story as sto
from posture.text import md_text

SAVE_NAME = "story_store_name"
PICK = "story_store_pick"
OPENED = "_story_store_opened"  # (name key, revision) of the document this session's story came from
CONFIRM = "_story_store_confirm"  # the name whose different story a save would replace


def _store():
    from posture.store import open_store

    return open_store()


def _save(model, steps: list[sto.Step], replace: bool = False) -> None:
    from posture.store import NotFound, StoreError

    name = (st.session_state.get(SAVE_NAME) or "").strip()
    if not name:
        cs._notice("warning", "Type a name to save the story under.")
        return
    if not steps:
        cs._notice("warning", "The story has no steps to save.")
        return
    text = sto.story_json(steps)
    st.session_state.pop(CONFIRM, None)
    try:
        store = _store()
        try:
            existing = store.load(name)
        except NotFound:
            existing = None
        if existing is None:
            doc = docmod.Document(name=name, levers=current_levers(), story=text,
                                  note=f"Briefing story, {len(steps)} steps")
            saved = store.save(doc)
            cs._notice("success", f"Saved the story as {saved.name!r} (revision {saved.revision}), with the levers "
                                  "in force as its scenario.")
        else:
            mine = st.session_state.get(OPENED) == (existing.key, existing.revision)
            if existing.story and existing.story != text and not (mine or replace):
                st.session_state[CONFIRM] = existing.name
                cs._notice("warning", f"{existing.name!r} already keeps another story ({existing.author or 'someone'}"
                                      f", revision {existing.revision}). Replace it? Its revisions stay in the history.")
                return
            saved = store.save(existing.replace(story=text), base_revision=existing.revision)
            cs._notice("success", f"Saved the story with the saved scenario {saved.name!r} (revision "
                                  f"{saved.revision}); its levers and inputs are unchanged.")
    except (StoreError, docmod.DocumentError) as err:
        cs._notice("error", f"The story was not saved: {err}")
        return
    st.session_state[OPENED] = (saved.key, saved.revision)


def _open(model, name: str) -> None:
    from posture.store import StoreError

    try:
        doc = _store().load(name)
    except (StoreError, docmod.DocumentError) as err:
        cs._notice("error", f"Could not open {name!r}: {err}")
        return
    if not doc.story:
        cs._notice("warning", f"{doc.name!r} keeps no story.")
        return
    problem = cs.take_story(doc.story, doc.name)
    if problem:
        cs._notice("error", f"The story kept with {doc.name!r} is not valid, so the story on screen is unchanged: "
                   + problem)
        return
    st.session_state[OPENED] = (doc.key, doc.revision)
    st.session_state[SAVE_NAME] = doc.name
    cs._notice("success", f"Opened the story kept with {doc.name!r} (revision {doc.revision}).")


def _with_stories():
    """Names of the saved documents that keep a story (latest first), or the store's error."""
    from posture.store import StoreError

    try:
        store = _store()
        out = []
        for s in store.list():
            try:
                if store.load(s.name).story:
                    out.append(s)
            except (StoreError, docmod.DocumentError):
                continue
        return out, None
    except StoreError as err:
        return None, str(err)


def render_story_store(model, name: str, steps: list[sto.Step]) -> None:
    if SAVE_NAME not in st.session_state:
        st.session_state[SAVE_NAME] = name
    st.text_input("Save under the name", key=SAVE_NAME, max_chars=docmod.MAX_NAME,
                  help="A new name saves a scenario with the levers in force and this story; a saved scenario's name "
                       "gives that scenario this story (its levers stay).")
    st.button("Save the story for the team", key=state.STORY_STORE_SAVE, icon=":material/save:", on_click=_save,
              args=(model, steps), disabled=not steps)
    if st.session_state.get(CONFIRM):
        st.button(f"Replace the story kept with {st.session_state[CONFIRM]}", key=state.STORY_STORE_REPLACE,
                  icon=":material/warning:", on_click=_save, args=(model, steps, True))
    found, error = _with_stories()
    if error:
        st.error(md_text(f"{error} Saving stories for the team is unavailable; files still work."),
                 icon=":material/error:")
        return
    if not found:
        st.caption("No saved scenario keeps a story yet.")
        return
    names = [s.name for s in found]
    if st.session_state.get(PICK) not in names:
        st.session_state.pop(PICK, None)
    pick = st.selectbox("Stories kept in the store", names, key=PICK)
    s = next(x for x in found if x.name == pick)
    st.text(s.who_when())
    st.button("Open this story", key=state.STORY_STORE_OPEN, icon=":material/folder_open:", on_click=_open,
              args=(model, pick))
