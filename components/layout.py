"""Layout pieces shared by the pages: headers, charts with their downloads, problem lists, the sidebar."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from posture.problems import Problem
from posture.text import csv_bytes, source_markdown

PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "chart"


def page_header(title: str, lede: str) -> None:
    st.title(title, anchor=False)
    st.markdown(f"<p style='font-size:1.1rem;color:#4b5563;margin-top:-0.6rem'>{lede}</p>", unsafe_allow_html=True)


def render_problems(problems: list[Problem] | tuple[Problem, ...], what: str) -> None:
    """Name every problem: file, row, column and why."""
    st.error(f"{what}: {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix.", icon=":material/error:")
    st.dataframe(pd.DataFrame([p.as_dict() for p in problems]), hide_index=True, width="stretch",
                 column_config={"row": st.column_config.NumberColumn("row", format="%d")})


def _png(fig: go.Figure) -> bytes:
    try:
        height = fig.to_dict().get("layout", {}).get("height") or 500
        return fig.to_image(format="png", width=1400, height=int(height) * 14 // 10, scale=1)
    except Exception as err:  # noqa: BLE001 - kaleido needs a Chromium; say so instead of failing the page
        msg = f"PNG export needs Chromium (apt-get install chromium) and kaleido: {err}"
        return msg.encode()


def render_figure(fig: go.Figure, key: str, data: pd.DataFrame | None = None, filename: str | None = None,
                  downloads: bool = True) -> None:
    """A chart with its data as CSV and the image as PNG (both generated only when clicked)."""
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=f"fig_{key}")
    if not downloads:
        return
    name = filename or slug(key)
    row = st.container(horizontal=True, gap="small")
    if data is not None:
        row.download_button("Data (CSV)", data=lambda d=data: csv_bytes(d), file_name=f"{name}.csv",
                           mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/download:")
    row.download_button("Image (PNG)", data=lambda f=fig: _png(f), file_name=f"{name}.png", mime="image/png",
                       key=f"png_{key}", on_click="ignore", icon=":material/image:")


def csv_button(df: pd.DataFrame, label: str, filename: str, key: str) -> None:
    """A CSV download of ``df``, formula-like cells neutralised (posture.text.csv_bytes)."""
    st.download_button(label, data=lambda d=df: csv_bytes(d), file_name=filename, mime="text/csv",
                       key=key, on_click="ignore", icon=":material/download:")


def delta_text(new: float, old: float, unit: str = "", digits: int = 1) -> str | None:
    d = new - old
    if abs(d) < 0.5 * 10**-digits:
        return None
    return f"{d:+.{digits}f}{unit} vs baseline"


def linkify_sources(src: str) -> str:
    """'Title | URL ; Title | URL' -> Markdown: links for http(s) URLs, every title and other text escaped."""
    return source_markdown(src)
