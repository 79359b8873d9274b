"""Layout pieces shared by the pages: headers, charts with their downloads, problem lists, the sidebar."""
from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import present
from posture.problems import Problem
from posture.text import csv_bytes, source_markdown
from posture.viz.png import figure_png
from posture.viz.style import INK, MUTED, figure

PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "chart"


def page_header(title: str, lede: str, lede_size: str = "1.1rem") -> None:
    """The page's title and the sentence under it (the page's own text, not data: it may hold HTML entities)."""
    st.title(title, anchor=False)
    st.markdown(f"<p style='font-size:{lede_size};color:#4b5563;margin-top:-0.6rem'>{lede}</p>",
                unsafe_allow_html=True)


def render_problems(problems: list[Problem] | tuple[Problem, ...], what: str) -> None:
    """Name every problem: file, row, column and why."""
    st.error(f"{what}: {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix.", icon=":material/error:")
    st.dataframe(pd.DataFrame([p.as_dict() for p in problems]), hide_index=True, width="stretch",
                 column_config={"row": st.column_config.NumberColumn("row", format="%d")})


def _png(fig: go.Figure) -> bytes:
    try:
        spec = fig.to_dict()
        height = spec.get("layout", {}).get("height") or 500
        return figure_png(spec, width=1400, height=int(height) * 14 // 10)  # offline: no MathJax from a CDN
    except Exception as err:  # noqa: BLE001 - kaleido needs a Chromium; say so instead of failing the page
        msg = f"PNG export needs Chromium (apt-get install chromium) and kaleido: {err}"
        return msg.encode()


def _plain(text: str) -> str:
    """A plotly title as plain text: its line breaks (posture.viz.style.wrap) become spaces, then HTML-escaped."""
    return html.escape(re.sub(r"<br\s*/?>", " ", str(text or "")).strip())


def split_title(fig: go.Figure) -> tuple[str, str, go.Figure]:
    """(title, subtitle, the figure without them) for the page to set the title as text above the chart.

    Plotly does not wrap a title: at 1280x720 or 1024x768 a title wrapped for a wide screen runs past the
    figure's edge and is cut. Set in the page, the same words wrap to any width. The figure keeps its plot
    area's height (the top margin the title took is given back), and the figure a user downloads as PNG
    keeps its title. Returns the figure unchanged when it has no title.
    """
    spec = fig.to_dict()
    layout = dict(spec.get("layout") or {})
    title = layout.get("title")
    if not isinstance(title, dict) or not title.get("text"):
        return "", "", fig
    sub = (title.get("subtitle") or {}).get("text") or ""
    margin = dict(layout.get("margin") or {})
    top = int(margin.get("t", 80))
    margin["t"] = 16
    layout["margin"] = margin
    layout["title"] = {"text": ""}
    if layout.get("height"):
        layout["height"] = max(int(layout["height"]) - (top - margin["t"]), 120)
    return _plain(title["text"]), _plain(sub), figure(spec.get("data") or [], layout)


def chart_heading(title: str, subtitle: str) -> None:
    """A chart's title (the finding) and subtitle (the sources), as text that wraps. Both already escaped."""
    st.html(f"<div style='font-size:1.2rem;font-weight:600;line-height:1.35;color:{INK}'>{title}</div>"
            + (f"<div style='font-size:0.85rem;line-height:1.4;color:{MUTED};margin-top:0.2rem'>{subtitle}</div>"
               if subtitle else ""))


def render_figure(fig: go.Figure, key: str, data: pd.DataFrame | None = None, filename: str | None = None,
                  downloads: bool = True) -> None:
    """A chart under its title (as text, see :func:`split_title`), with its data as CSV and the image as PNG
    (both generated only when clicked; the PNG keeps the title)."""
    title, subtitle, shown = split_title(fig)
    shown = present.restyle(shown)  # presentation mode: larger text, high contrast (the PNG keeps the normal look)
    box = st.container(gap="xsmall")
    if title:
        with box:
            chart_heading(title, subtitle)
    box.plotly_chart(shown, width="stretch", config=PLOTLY_CONFIG, key=f"fig_{key}")
    if not downloads:
        return
    name = filename or slug(key)
    row = box.container(horizontal=True, gap="small")
    if data is not None:
        row.download_button("Data (CSV)", data=lambda d=data: csv_bytes(d), file_name=f"{name}.csv",
                           mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/download:")
    row.download_button("Image (PNG)", data=lambda f=fig: _png(f), file_name=f"{name}.png", mime="image/png",
                       key=f"png_{key}", on_click="ignore", icon=":material/image:")


def csv_button(df: pd.DataFrame, label: str, filename: str, key: str) -> None:
    """A CSV download of ``df``, formula-like cells neutralised (posture.text.csv_bytes)."""
    st.download_button(label, data=lambda d=df: csv_bytes(d), file_name=filename, mime="text/csv",
                       key=key, on_click="ignore", icon=":material/download:")


def delta_text(new: float, old: float, unit: str = "", digits: int = 1, against: str | None = "baseline") -> str | None:
    """'+1.2 pts vs baseline' (or '+1.2 pts' with ``against=None``, where the page says what it is against)."""
    d = new - old
    if abs(d) < 0.5 * 10**-digits:
        return None
    return f"{d:+.{digits}f}{unit}" + (f" vs {against}" if against else "")


def linkify_sources(src: str) -> str:
    """'Title | URL ; Title | URL' -> Markdown: links for http(s) URLs, every title and other text escaped."""
    return source_markdown(src)


NARROW_PX = 1100  # below this window width, side-by-side charts stack (1024x768: half of the main area is 274 px)


def chart_columns(spec, key: str, gap: str = "small"):
    """``st.columns(spec)`` that stack at windows narrower than :data:`NARROW_PX`. Two charts side by side at
    1024x768 get 274 px each: the ties heatmap's numbers ran into each other and the contributions chart's
    legend covered its bars and its axis ran past the figure (tests/test_browser_layout.py). Stacked, each
    chart has the main area's width; at 1280x720 and wider they stay side by side."""
    box = st.container(key=f"stack_{key}")
    box.html(f"<style>@media (max-width: {NARROW_PX - 1}px) {{"
             f" .st-key-stack_{key} [data-testid=stHorizontalBlock] {{ flex-wrap: wrap; }}"
             f" .st-key-stack_{key} [data-testid=stHorizontalBlock] > [data-testid=stColumn]"
             " { width: 100% !important; flex: 1 1 100% !important; min-width: 100% !important; } }</style>")
    return box.columns(spec, gap=gap)
