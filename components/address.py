"""The address bar holds the scenario: every lever that differs from the baseline, as a shareable link.

The levers are not bound to the URL by Streamlit (``bind="query-params"``): a bound widget's move makes
the frontend re-render the whole page before it even sends the move to the server (it stores the new
query string in its top-level state), 15-20 ms of a ~140 ms move on the Scenarios page (bench/README.md,
"The address bar"). Instead:

* a link's levers enter the session once, in app.py (:func:`components.scenario.seed_levers_from_link`);
* the lever widgets keep their values across pages (``persist_state="session"``), so every page reads
  the same scenario from the session;
* :func:`sync_address` writes the levers into the address bar with ``history.replaceState``, after the
  browser has painted the new numbers. Replacing, not pushing: a lever move adds no history entry, as
  before. Presentation mode's ``present=1`` and ``contrast=high`` are written with them (components/present.py),
  so a lever move or a page change in presentation mode keeps them. Other parameters (``bal_inputs``) are left alone.

Streamlit's frontend does not see these edits (it keeps its own copy of the query string and sends it
with each rerun), so the server's ``st.query_params`` may still hold an older link's levers. Nothing reads
them after the first run of a session: the session is the scenario, the address follows it.
"""
from __future__ import annotations

from dataclasses import fields

import streamlit as st

from components import present, state
from components.scenario import DEFAULTS, current_levers, lever_default, specs_for
from posture.scenario import Levers

_JS = """
export default function(component) {
  const { data } = component;
  if (!data) return;
  const write = () => {
    const url = new URL(window.location.href);  // the page shown now, not when this was drawn
    for (const k of data.clear) url.searchParams.delete(k);
    for (const [k, v] of Object.entries(data.set)) url.searchParams.set(k, v);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
  };
  // after the frame that shows the new numbers
  requestAnimationFrame(() => setTimeout(write, 0));
}
"""
_CSS = ":host { display: none; }"

_address = st.components.v2.component("posture_address", js=_JS, css=_CSS)


def _text(value) -> str:
    return value if isinstance(value, str) else f"{float(value):g}"


def lever_params(levers: Levers, specs) -> dict[str, str]:
    """The address parameters of a scenario: each lever that differs from its default (the slider's default,
    held inside the lever's bounds), under its session key."""
    out = {}
    for f in fields(Levers):
        value = getattr(levers, f.name)
        default = lever_default(specs[f.name]) if f.name in specs else getattr(DEFAULTS, f.name)
        if value != default:
            out[state.LEVER_KEYS[f.name]] = _text(value)
    return out


def sync_address(model, key: str, page: str = "") -> None:
    """Draw the (invisible) element that puts the current levers in the address bar.

    ``page``: the page shown. The element's script runs only when its data changes; after a page change with
    the same levers (a link opened on one page, then another page chosen) Streamlit has written the new
    page's address without the levers, so the page must be part of the data for the script to run again."""
    _address(data={"set": {**lever_params(current_levers(), specs_for(model)), **present.address_params()},
                   "clear": [*state.LEVER_KEYS.values(), *present.ADDRESS_KEYS], "page": page}, key=key, height=0)


def go_to(target) -> None:
    """A guessed address (components/registry.py ``guessed_paths``): run the page it names, with the link's
    parameters. The levers are already in the session (app.py seeds them before any page runs)."""
    st.switch_page(target, query_params=st.query_params.to_dict())
