"""The floor: a bare Streamlit app with one slider and one number (the benchmark's reference)."""
import streamlit as st

v = st.slider("Value", 0, 100, 0, key="bare_slider")
st.metric("Result", f"{v * 2}")
