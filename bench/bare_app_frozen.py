"""The floor with the same garbage-collector setting as the dashboard (gc.freeze after start-up)."""
import gc

import streamlit as st

if not st.session_state.get("_frozen"):
    gc.collect()
    gc.freeze()
    st.session_state["_frozen"] = True
v = st.slider("Value", 0, 100, 0, key="bare_slider")
st.metric("Result", f"{v * 2}")
