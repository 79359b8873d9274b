"""The team's saved scenarios on the page: save, open, rename, delete, revisions, and compare two side by side.

Everything the store says goes through :func:`_say` (escaped Markdown) or ``st.text``: names, notes and
authors are text the analysts typed and never render as links, images or markup. A store that cannot be
used shows one message here and the rest of the page works as before.

Opening a saved scenario sets the levers (and the edited ties and weights) in a button's callback, before the
widgets of the next run exist (setting a created widget's state raises StreamlitWidgetAlreadyInstantiatedError).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import state
from components.scenario import current_levers, set_levers, specs_for
from components.state import (  # noqa: F401 - session keys, defined with the others
    AUTHOR,
    CMP_A,
    CMP_B,
    CONFIRM_DELETE,
    CONFLICT,
    MESSAGE,
    NAME,
    NOTE,
    OPENED,
    PICK,
    RENAME_TO,
    REVISION_PICK,
)
from posture import document as docmod
from posture.compare import comparison_table, lever_table
from posture.store import NameTaken, StaleRevision, StoreError, open_store
from posture.text import csv_bytes

# session keys of this component (widgets and state)

_MD = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown: no link, image, emoji code, colour or HTML survives."""
    return _MD.sub(r"\\\1", str(text))


def _say(kind: str, text: str) -> None:
    getattr(st, kind)(md_escape(text), icon={"error": ":material/error:", "warning": ":material/warning:",
                                            "success": ":material/check_circle:", "info": ":material/info:"}[kind])


def _flash(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def _store():
    return open_store()


def _proxy_user() -> str:
    """The user the team's proxy authenticated (scripts/team.sh sets X-Posture-User), as a default author."""
    try:
        return (st.context.headers.get("X-Posture-User") or "").strip()[:docmod.MAX_AUTHOR]
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return ""


# ------------------------------------------------------------------ the session's scenario <-> a document


def current_document(model, name: str, note: str, author: str) -> docmod.Document:
    """The session's scenario as a document: its levers and, when edited on the Balance page, ties and weights."""
    ties = st.session_state.get(state.TIES_VALID)
    weights = st.session_state.get(state.WEIGHTS_VALID)
    return docmod.Document(name=name, levers=current_levers(), note=note, author=author,
                           ties=docmod.ties_overrides(ties, model.ties),
                           weights=docmod.weights_overrides(weights))


def apply_document(model, doc: docmod.Document) -> list[str]:
    """Make a saved scenario the session's scenario (call from a callback). Returns problems with its inputs;
    the levers are set in any case, inputs only when valid."""
    from components import balance_inputs

    set_levers(doc.levers)
    problems = docmod.input_problems(doc, model.vector_ids, model.dimension_ids)
    if problems:
        return problems
    if not doc.ties and not doc.weights:
        balance_inputs.reset(model)
        return []
    matrix = docmod.ties_matrix_from(doc, model.ties, model.vector_ids, model.dimension_ids)
    default_w = balance_inputs.defaults(model)[1].reset_index(drop=True)
    weights = docmod.weights_frame_from(doc, default_w)
    weights = default_w if weights is None else weights
    found, _, _ = balance_inputs.check(model, matrix, weights)  # valid -> the session's inputs (TIES_VALID...)
    if found:
        return [str(p) for p in found]
    # the Balance page's editors start from these tables next time they are drawn
    st.session_state[state.TIES_WORKING] = matrix
    st.session_state[state.WEIGHTS_WORKING] = weights
    for attr, value in (("BASE_TIES", matrix), ("BASE_WEIGHTS", weights)):
        key = getattr(balance_inputs, attr, None)
        if key:
            st.session_state[key] = value
    st.session_state[state.EDITOR_VERSION] = st.session_state.get(state.EDITOR_VERSION, 0) + 1
    return []


# ------------------------------------------------------------------ callbacks (run before the next script run)


def _opened_base(name: str) -> int | None:
    opened = st.session_state.get(OPENED)
    if opened and docmod.name_key(opened[0]) == docmod.name_key(name):
        return opened[1]
    return None


def _do_save(model, mode: str = "normal") -> None:
    name = (st.session_state.get(NAME) or "").strip()
    note = st.session_state.get(NOTE) or ""
    author = (st.session_state.get(AUTHOR) or "").strip()
    conflict = st.session_state.get(CONFLICT)
    if mode == "normal" and not name:
        _flash("warning", "Type a name for the scenario first.")
        return
    try:
        store = _store()
        if mode == "normal":
            doc = current_document(model, name, note, author)
            saved = store.save(doc, base_revision=_opened_base(name))
        elif mode == "overwrite":
            doc = conflict.doc
            saved = store.save(doc, overwrite=True)
        else:  # copy
            doc = conflict.doc.replace(name=_free_name(store, conflict.doc.name, conflict.doc.author))
            saved = store.save(doc)
    except (NameTaken, StaleRevision) as err:
        st.session_state[CONFLICT] = _Conflict(doc, str(err))
        return
    except docmod.DocumentError as err:
        _flash("error", "Not saved: " + "; ".join(err.problems))
        return
    except StoreError as err:
        _flash("error", f"Not saved. {err}")
        return
    st.session_state.pop(CONFLICT, None)
    st.session_state[OPENED] = (saved.name, saved.revision)
    st.session_state[NAME] = saved.name
    extra = " with its edited balance inputs" if saved.ties or saved.weights else ""
    _flash("success", f"Saved {saved.name!r}{extra} as revision {saved.revision}.")


@dataclass(frozen=True)
class _Conflict:
    doc: docmod.Document
    message: str


def _free_name(store, name: str, author: str) -> str:
    taken = {docmod.name_key(s.name) for s in store.list()}
    stem = f"{name} ({author})" if author else f"{name} (copy)"
    candidate, i = stem, 2
    while docmod.name_key(candidate) in taken:
        candidate, i = f"{stem} {i}", i + 1
    return candidate[:docmod.MAX_NAME]


def _do_open(model, name: str, revision: int | None = None) -> None:
    try:
        store = _store()
        doc = store.load(name, revision)
        latest = doc.revision if revision is None else store.load(name).revision
    except (StoreError, docmod.DocumentError) as err:
        _flash("error", f"Could not open {name!r}: {err}")
        return
    problems = apply_document(model, doc)
    st.session_state[OPENED] = (doc.name, latest)
    st.session_state[NAME] = doc.name
    st.session_state[NOTE] = doc.note
    st.session_state.pop(CONFIRM_DELETE, None)
    which = "" if revision is None else f" (revision {revision} of {latest}: save to make it the latest)"
    if doc.story:  # a saved scenario that keeps a briefing story: the session's story becomes that one
        from components.story import take_story

        bad = take_story(doc.story, doc.name)
        which += f"; its story was not opened: {bad}" if bad else "; its briefing story is the session's story now"
    if problems:
        _flash("warning", f"Opened {doc.name!r}{which}: levers set, but its balance inputs were not applied: "
                          + "; ".join(problems))
    else:
        extra = " with its edited ties and weights" if doc.ties or doc.weights else ""
        _flash("success", f"Opened {doc.name!r}{which}{extra}.")


def _do_rename(name: str, revision: int) -> None:
    new = (st.session_state.get(RENAME_TO) or "").strip()
    try:
        doc = _store().rename(name, new, revision, author=(st.session_state.get(AUTHOR) or "").strip())
    except (StoreError, docmod.DocumentError) as err:
        _flash("error", f"Not renamed: {err}")
        return
    if st.session_state.get(OPENED) and docmod.name_key(st.session_state[OPENED][0]) == docmod.name_key(name):
        st.session_state[OPENED] = (doc.name, doc.revision)
        st.session_state[NAME] = doc.name
    st.session_state[PICK] = doc.name
    _flash("success", f"Renamed {name!r} to {doc.name!r}.")


def _do_restore(name: str, revision: int, base: int) -> None:
    try:
        doc = _store().restore(name, revision, base, author=(st.session_state.get(AUTHOR) or "").strip())
    except (StoreError, docmod.DocumentError) as err:
        _flash("error", f"Not restored: {err}")
        return
    _flash("success", f"Revision {revision} of {doc.name!r} is the latest again (revision {doc.revision}).")


def _do_delete(name: str, revision: int) -> None:
    st.session_state.pop(CONFIRM_DELETE, None)
    try:
        _store().delete(name, base_revision=revision)
    except (StoreError, docmod.DocumentError) as err:
        _flash("error", f"Not deleted: {err}")
        return
    if st.session_state.get(OPENED) and docmod.name_key(st.session_state[OPENED][0]) == docmod.name_key(name):
        st.session_state[OPENED] = None
    st.session_state.pop(PICK, None)
    _flash("success", f"Deleted {name!r} and its revisions.")


# ------------------------------------------------------------------ drawing


def _summaries():
    """The saved scenarios, or None after showing why the store cannot be used."""
    try:
        return _store().list()
    except StoreError as err:
        _say("error", f"{err} Saving and opening scenarios here is unavailable; links and files still work.")
        return None


def render_saved(model) -> None:
    """Save, open, rename, delete and the revisions of the team's saved scenarios."""
    msg = st.session_state.pop(MESSAGE, None)
    if msg:
        _say(*msg)
    summaries = _summaries()
    if summaries is None:
        return
    save_col, open_col = st.columns(2, gap="medium")
    with save_col:
        _render_save(model)
    with open_col:
        _render_open(model, summaries)


def _render_save(model) -> None:
    st.markdown("**Save for the team**")
    if AUTHOR not in st.session_state:
        st.session_state[AUTHOR] = _proxy_user()
    st.text_input("Name", key=NAME, max_chars=docmod.MAX_NAME, placeholder="e.g. Briefing 12 March: BTC at capacity")
    st.text_input("Your name", key=AUTHOR, max_chars=docmod.MAX_AUTHOR, help="Kept with each revision you save.")
    st.text_area("Note", key=NOTE, max_chars=docmod.MAX_NOTE, height=68,
                 placeholder="What this scenario is for, its assumptions")
    name = (st.session_state.get(NAME) or "").strip()
    base = _opened_base(name) if name else None
    if st.session_state.get(state.TIES_VALID) is not None or st.session_state.get(state.WEIGHTS_VALID) is not None:
        st.caption("Saves the levers and your edited ties and weights from the Balance page.")
    label = f"Save revision {base + 1}" if base is not None else "Save"
    # never disabled: a name typed and the button clicked at once arrive together (a button disabled until the
    # name's rerun would swallow that click)
    st.button(label, key=state.SAVED_SAVE, icon=":material/save:", on_click=_do_save, args=(model,), type="primary")
    conflict = st.session_state.get(CONFLICT)
    if conflict:
        _say("warning", conflict.message)
        c1, c2, c3 = st.columns(3)
        c1.button("Save as a copy", key=state.SAVED_COPY, on_click=_do_save, args=(model, "copy"),
                  icon=":material/content_copy:")
        c2.button("Overwrite on purpose", key=state.SAVED_OVERWRITE, on_click=_do_save, args=(model, "overwrite"),
                  icon=":material/warning:")
        c3.button("Cancel", key=state.SAVED_CANCEL, on_click=lambda: st.session_state.pop(CONFLICT, None))


def _render_open(model, summaries) -> None:
    st.markdown("**Open a saved scenario**")
    if not summaries:
        st.caption("None saved yet.")
        return
    by_name = {s.name: s for s in summaries}
    if st.session_state.get(PICK) not in by_name:
        st.session_state.pop(PICK, None)
    pick = st.selectbox("Saved scenarios", list(by_name), key=PICK,
                        help="The most recently saved first.")
    s = by_name[pick]
    st.text(f"{s.who_when()}" + (f"\n{s.note}" if s.note else ""))
    b1, b2 = st.columns(2)
    b1.button("Open", key=state.SAVED_OPEN, on_click=_do_open, args=(model, s.name), icon=":material/folder_open:",
              width="stretch")
    b2.button("Delete…", key=state.SAVED_DELETE, icon=":material/delete:", width="stretch",
              on_click=lambda: st.session_state.__setitem__(CONFIRM_DELETE, (s.name, s.revision)))
    confirm = st.session_state.get(CONFIRM_DELETE)
    if confirm and confirm[0] == s.name:
        _say("warning", f"Delete {s.name!r} and all its {s.revision} revision(s) for everyone on this server?")
        d1, d2 = st.columns(2)
        d1.button("Yes, delete", key=state.SAVED_DELETE_YES, on_click=_do_delete, args=confirm, type="primary")
        d2.button("Keep it", key=state.SAVED_DELETE_NO, on_click=lambda: st.session_state.pop(CONFIRM_DELETE, None))
    with st.popover("Rename", icon=":material/edit:"):
        st.text_input("New name", key=RENAME_TO, max_chars=docmod.MAX_NAME)
        st.button("Rename", key=state.SAVED_RENAME, on_click=_do_rename, args=(s.name, s.revision),
                  disabled=not (st.session_state.get(RENAME_TO) or "").strip())
    with st.popover(f"Revisions ({s.revision})", icon=":material/history:"):
        _render_revisions(model, s)


def _render_revisions(model, s) -> None:
    try:
        revs = _store().revisions(s.name)
    except StoreError as err:
        _say("error", str(err))
        return
    st.dataframe(pd.DataFrame([{"revision": r.revision, "saved (UTC)": f"{r.updated:%Y-%m-%d %H:%M}",
                                "by": r.author, "name": r.name, "note": r.note} for r in revs]),
                 hide_index=True, width="stretch")
    numbers = [r.revision for r in revs]
    rev = st.selectbox("Revision", numbers, key=REVISION_PICK)
    r1, r2 = st.columns(2)
    r1.button("Open this revision", key=state.SAVED_OPEN_REV, on_click=_do_open, args=(model, s.name, rev))
    r2.button("Make it the latest", key=state.SAVED_RESTORE, on_click=_do_restore, args=(s.name, rev, s.revision),
              disabled=rev == s.revision)


# ------------------------------------------------------------------ compare two saved scenarios


def _results(doc: docmod.Document):
    """(baseline, scenario) of a saved scenario with its own balance inputs, through the shared caches."""
    from components import data
    from components.balance_inputs import defaults
    from posture.balance_inputs import matrix_to_long

    model = data.get_model()
    ties = weights = None
    if doc.ties and not docmod.input_problems(doc, model.vector_ids, model.dimension_ids):
        ties = matrix_to_long(docmod.ties_matrix_from(doc, model.ties, model.vector_ids, model.dimension_ids),
                              model.ties)
    if doc.weights:
        weights = docmod.weights_frame_from(doc, defaults(model)[1].reset_index(drop=True))
    return data.run_with(doc.levers, ties, weights)


def render_compare(model) -> None:
    """Two saved scenarios side by side: levers, headline numbers and the main charts, each against the baseline."""
    from components.layout import render_figure
    from posture.viz import charts

    summaries = _summaries()
    if summaries is None:
        return
    if len(summaries) < 2:
        st.caption("Save at least two scenarios to compare them.")
        return
    names = [s.name for s in summaries]
    c1, c2 = st.columns(2)
    a = c1.selectbox("Scenario A", names, index=0, key=CMP_A)
    b = c2.selectbox("Scenario B", names, index=1, key=CMP_B)
    try:
        store = _store()
        da, db = store.load(a), store.load(b)
    except (StoreError, docmod.DocumentError) as err:
        _say("error", str(err))
        return
    ra, rb = _results(da), _results(db)
    for col, side, doc in ((c1, "A", da), (c2, "B", db)):
        col.text(f"{side}: {doc.name}\nrevision {doc.revision}" + (f" by {doc.author}" if doc.author else "")
                 + (f"\n{doc.note}" if doc.note else ""))
        if doc.ties or doc.weights:
            col.caption("With its own edited ties or weights: its baseline uses them too.")
    labels = {k: s.label for k, s in specs_for(model).items()}
    labels["nuclear_vendor"] = "First nuclear plant vendor"
    st.markdown("**Levers** (those either scenario moves)")
    levers = lever_table(da.levers, db.levers, labels)
    if levers.empty:
        st.caption("Neither scenario moves a lever: both are the baseline.")
    else:
        st.dataframe(levers, hide_index=True, width="stretch")
    st.markdown("**Headline numbers**, each against the baseline")
    table = comparison_table(ra, rb, model.vector_names)
    fmt = {c: st.column_config.NumberColumn(format="%.1f") for c in table.columns if c not in ("measure", "unit")}
    st.dataframe(table, hide_index=True, width="stretch", column_config=fmt)
    st.download_button("Comparison (CSV)", data=csv_bytes(table), file_name="compare_saved.csv",
                       mime="text/csv", key=state.SAVED_COMPARE_CSV, icon=":material/download:")
    names_v, colours = model.vector_names, model.vector_colours
    g1, g2 = st.columns(2)  # the charts below the tables, A beside B
    for col, side, (base, scen) in ((g1, "A", ra), (g2, "B", rb)):
        with col:
            render_figure(charts.build_exposure_chart(
                scen.balance.exposure, names_v, colours, base.balance.exposure,
                f"{side}: exposure by vector", f"Scenario {side} (colour) against the baseline (grey).",
                data_year=model.inputs_year),
                f"cmp_exposure_{side}", downloads=False)
            via = scen.share_via_russia["all_russian_transit"]
            bvia = base.share_via_russia["all_russian_transit"]
            render_figure(charts.build_route_volume_chart(
                base.oil_year, scen.oil_year, colours, f"{side}: crude via Russia {via:.0f}% (baseline {bvia:.0f}%)",
                f"Crude exports by route, {model.latest_year}, Mt: scenario {side} against the baseline (grey)."),
                f"cmp_routes_{side}", downloads=False)
