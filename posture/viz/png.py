"""Figures to PNG with kaleido, offline: Debian's Chromium, plotly.js from the plotly package, no MathJax.

kaleido's default page loads MathJax from cdnjs, and plotly's ``to_image`` cannot switch that off (it passes
``mathjax`` to kaleido only when ``plotly.io.defaults.mathjax`` is truthy), so every kaleido session of the
dashboard and the pack starts with :func:`kaleido_options` (tests/test_offline_export.py).
"""
from __future__ import annotations

import shutil
from pathlib import Path


def chromium_path() -> str | None:
    for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if Path(p).exists():
            return p
    return shutil.which("chromium") or shutil.which("google-chrome")


def kaleido_options() -> dict:
    """How every kaleido session starts: no MathJax (it would come from a CDN), Debian's Chromium when found
    (plotly.js comes from the plotly package, kaleido's default when plotly is installed)."""
    path = chromium_path()
    return {"mathjax": False, **({"path": path} if path else {})}


def figure_png(fig: dict, width: int, height: int, scale: float = 1.0) -> bytes:
    """One figure (``fig.to_dict()``) to PNG in its own kaleido session, offline."""
    import kaleido

    return kaleido.calc_fig_sync(fig, opts={"format": "png", "width": width, "height": height, "scale": scale},
                                 kopts=kaleido_options())
