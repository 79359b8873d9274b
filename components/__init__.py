"""Streamlit-only building blocks: cached loaders, widgets, layout. Pages call these; posture/ never does."""
