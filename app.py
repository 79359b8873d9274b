"""Kazakhstan's multi-vector posture: the dashboard's frame.

Run: streamlit run app.py
Builds the pages from the registry in components/registry.py, sets the page config, and draws
what every page shares: the sidebar with the active scenario.
"""
from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit.logger import get_logger

from components import state
from components.address import go_to, sync_address
from components.data import freeze_after_first_render, get_model
from components.follow import new_full_run
from components.present import render_present
from components.registry import PAGES, guessed_paths
from components.scenario import seed_levers_from_link
from components.sidebar import render_sidebar, scenario_box
from components.story import render_story_bar
from posture.log import NAME, timed

# The domain's logger (posture/log.py: loads, validation problems, store errors, slow runs) through Streamlit's
# own logger settings: logger.level and logger.messageFormat in .streamlit/config.toml, beside Streamlit's lines.
log = get_logger(NAME)

st.set_page_config(
    page_title="Kazakhstan posture",
    # Served by the static file server, not the media file manager: a lever's keyed fragment rerun
    # (components/follow.py) clears the session's media files without rerunning set_page_config, and the
    # browser's later requests for a media-file favicon 404 (tests/test_browser.py catches it).
    page_icon="/app/static/favicon.png",
    layout="wide",
    initial_sidebar_state="expanded",
    menu_items={"Get help": None, "Report a bug": None,
                "About": "Kazakhstan's multi-vector posture: routes, dependencies, balance and scenarios. "
                         "Every number traces to a row in data/ with its source."},
)

sections: dict[str, list] = {}
real: dict[str, st.Page] = {}
for entry in PAGES:
    real[entry.url_path] = st.Page(entry.path, title=entry.title, icon=entry.icon, default=entry.default,
                                   url_path="" if entry.default else entry.url_path,  # the default is at /
                                   visibility="hidden" if entry.hidden else "visible")
    sections.setdefault(entry.section, []).append(real[entry.url_path])
for guess, entry in guessed_paths().items():  # /overview?lv_..., /routes-map: hidden, on to the page, link kept
    sections[entry.section].append(st.Page(partial(go_to, real[entry.url_path]), title=entry.title,
                                           url_path=guess, visibility="hidden"))
page = st.navigation(sections)
new_full_run()  # a fragment-only pass (a lever move) never runs this file
st.session_state[state.FRAMED] = True  # before get_model(): its ensure_frame() reruns pages run without app.py
model = get_model()
seed_levers_from_link(model)
scenario_slot = render_sidebar(model)  # first: the scenario box right under the navigation, on a 1280x720 screen
render_present()  # presentation mode: the toggle (below the scenario), and in the mode its CSS, bar and Escape key
render_story_bar(model, page)  # a playing story: its bar and its step's page (components/story.py)
with timed(f"the page {page.url_path or '(default)'}", log):  # a full run; a lever's fragment pass does not come here
    page.run()
with scenario_slot:
    scenario_box(model)  # a keyed fragment: a lever move reruns it with the page's numbers
    sync_address(model, key=state.ADDRESS_FULL_RUN, page=page.url_path)  # after a preset, a reset, a link, a page change
freeze_after_first_render(page.url_path)
