"""Briefing story: the steps of the session's story, edited, reordered, played, saved for the team and as a file."""
from __future__ import annotations

import streamlit as st

from components import story as cs
from components.data import get_model
from components.layout import page_header
from components.story_editor import render_files, render_messages, render_steps

model = get_model()
page_header("Briefing story", "The order in which you walk the dashboard in the meeting: each step a page, a "
            "scenario and the part of the page to look at, with your notes. Add views from any page's sidebar "
            "(\"Briefing story\"), then play it: Right arrow or Page Down for the next step, Left or Page Up back.")

name, steps = cs.session_story(model)
ver = st.session_state.get(cs.VERSION, 0)
render_messages()
render_steps(model, name, steps, ver)
render_files(model, name, steps)
