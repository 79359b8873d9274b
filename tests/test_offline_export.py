"""PNG export never asks a CDN for MathJax: kaleido's default page loads it from cdnjs, and plotly's to_image
cannot switch that off (it passes ``mathjax`` only when truthy). Every kaleido session goes through
posture.viz.png.kaleido_options."""
from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go

from posture.viz import png

ROOT = Path(__file__).resolve().parents[1]


def test_every_kaleido_session_is_offline():
    assert png.kaleido_options()["mathjax"] is False


def test_the_dashboards_png_goes_through_those_options(monkeypatch):
    import kaleido

    from components import layout

    seen = {}

    def fake(fig, opts=None, *, topojson=None, kopts=None):
        seen.update(fig=fig, opts=opts, kopts=kopts)
        return b"\x89PNG"

    monkeypatch.setattr(kaleido, "calc_fig_sync", fake)
    out = layout._png(go.Figure(go.Bar(x=[1], y=[2])).update_layout(height=400))
    assert out == b"\x89PNG" and seen["kopts"]["mathjax"] is False
    assert seen["opts"] == {"format": "png", "width": 1400, "height": 560, "scale": 1.0}


def test_no_code_calls_plotlys_to_image_or_a_bare_kaleido():
    """fig.to_image / write_image and kaleido.Kaleido() without the options would fetch MathJax."""
    for folder in ("components", "pages", "posture"):
        for p in (ROOT / folder).rglob("*.py"):
            text = p.read_text()
            assert not re.search(r"\.(to_image|write_image)\(", text), p
            for m in re.finditer(r"kaleido\.Kaleido\(", text):
                assert "kaleido_options()" in text[m.end():m.end() + 80], (p, text[m.start():m.end() + 80])
