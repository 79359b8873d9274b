"""Shared chart style: readable at a distance on a shared screen, one colour per vector everywhere."""
from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from posture.freshness import data_to_year

# Quoted: unquoted, "Source Sans 3" is not a valid CSS family name (an identifier cannot start with a digit),
# so the browser dropped the whole declaration and drew the charts in plotly's fallback ("Open Sans", then
# verdana, arial), wider than the app's font plotly had measured them in: labels were cut at the edge.
# "Source Sans" is the font Streamlit serves with the app (no network).
FONT = '"Source Sans", "Source Sans Pro", "Source Sans 3", "Helvetica Neue", Arial, sans-serif'
BASE_FONT_SIZE = 15
INK = "#1f2430"
MUTED = "#6b7280"
GRID = "#e5e7eb"
BASELINE_GHOST = "rgba(120,120,120,0.28)"
UNKNOWN = "#B0B0B0"

# One colour per vector, the same on the map, in every chart and in the pack (data/balance/vectors.csv holds the
# same values, and .streamlit/config.toml's chartCategoricalColors in this order; tests/test_palette.py checks that
# the three agree). Chosen so that every pair stays apart for colour-blind viewers: at least 15 CAM02-UCS units
# under simulated deuteranopia and protanopia (full severity, colorspacious), at least 30 from the white page and
# from the black page of the high-contrast theme. The palette before 2026-12-02 put the EU and the US 4.6 apart
# under deuteranopia (Russia and Central Asia 5.3; Türkiye and Others 4.6 under protanopia).
VECTOR_COLOURS = {
    "RUS": "#A1080B",     # Russia: a deep red (lighter reds met Central Asia's green under deuteranopia)
    "CHN": "#E6A100",     # China: amber
    "EU": "#0056EA",      # the EU: a bright blue
    "USA": "#6F4086",     # the US: purple
    "TURKIC": "#0B6C62",  # Türkiye and the Turkic states: a dark teal (a light teal read as the grey of Others)
    "CA": "#438F40",      # Central Asia: green
    "OTHER": "#8C8C8C",   # Others: grey
}

# Presentation mode (components/present.py): the charts' text larger, and a high-contrast theme for projectors
PRESENT_FONT_SCALE = 1.3
STREAMLIT_TICK_SIZE = 12  # what Streamlit's plotly theme gives ticks and axis titles the figure leaves unset
STREAMLIT_AXIS_TITLE_SIZE = 14
HIGH_CONTRAST = {"background": "#000000", "ink": "#FFFFFF", "muted": "#E0E0E0", "grid": "#5A5A5A"}

# Route layers on the map: neutral colours that collide with no vector colour.
LAYER_COLOURS = {
    "oil": "#1A1A1A",
    "gas": "#6D4C41",
    "middle_corridor": "#D81B60",
    "northern_corridor": "#455A64",
    "southern_route": "#9E9D24",
}
# The same layers in presentation mode's high-contrast theme: each hue darkened (mixed with black), not changed, so
# that "magenta", "slate" and "olive" in a caption stay true; each line at least 4.5:1 (WCAG) against the white
# casing the map draws under it (posture/viz/deck.py HIGH_CONTRAST_STYLE; tests/test_map_high_contrast.py).
HIGH_CONTRAST_LAYER_COLOURS = {
    "oil": "#000000",
    "gas": "#523931",
    "middle_corridor": "#A21448",
    "northern_corridor": "#34444B",
    "southern_route": "#676717",
}
LAYER_NAMES = {
    "oil": "Oil pipelines and tanker links",
    "gas": "Gas pipelines",
    "middle_corridor": "Middle Corridor (Trans-Caspian)",
    "northern_corridor": "Northern corridor (via Russia)",
    "southern_route": "Southern route (via Turkmenistan, Iran)",
}


def hex_to_rgb(h: str) -> list[int]:
    h = h.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)]


def relative_luminance(h: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour ('#RRGGBB')."""
    lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in hex_to_rgb(h)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two opaque colours, 1 to 21 (4.5 for body text, 3 for lines and large text)."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb_hex(rgb) -> str:
    return "#%02X%02X%02X" % tuple(int(c) for c in list(rgb)[:3])


def rgba(h: str, alpha: float) -> str:
    r, g, b = hex_to_rgb(h)
    return f"rgba({r},{g},{b},{alpha})"


def lighten(h: str, amount: float) -> str:
    """Mix a colour with white: amount 0 = unchanged, 1 = white."""
    r, g, b = hex_to_rgb(h)
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#%02X%02X%02X" % tuple(mix)


def wrap(text: str, width: int) -> str:
    """Break a line for plotly (which does not wrap titles) at about ``width`` characters."""
    return ("<br>".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False))
            if len(text) > width else text)


def tick_label(text: str, width: int | None = None) -> str:
    """A category label for an axis, wrapped at ``width`` so that it leaves the bars room on a narrow screen."""
    return wrap(text, width) if width else text


def with_data_year(subtitle: str, data_year: int | None) -> str:
    """The subtitle opening with the latest year of the chart's data ('Data to 2025. ...'), so that a briefer
    sees how current a chart is before its sources. Unchanged when the year is not known."""
    text = data_to_year(data_year)
    if not text:
        return subtitle
    return f"{text[0].upper()}{text[1:]}." + (f" {subtitle}" if subtitle else "")


def layout_spec(title: str, subtitle: str, height: int = 420, legend: bool = True, narrow: bool = False,
                data_year: int | None = None, **extra) -> dict:
    """The house layout as a plain dict (see :func:`figure`): title states the finding, subtitle the sources.
    ``data_year``: the latest year of the data drawn; the subtitle opens with it and ``layout.meta.data_to``
    keeps it for the tests and the pack."""
    subtitle = with_data_year(subtitle, data_year)
    t = wrap(title, 50 if narrow else 95)
    sub = wrap(subtitle, 90 if narrow else 165)
    top = 40 + 24 * (t.count("<br>") + 1) + 16 * (sub.count("<br>") + 1)
    axis = {"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True}
    layout = {
        "title": {"text": t, "subtitle": {"text": sub, "font": {"size": 12, "color": MUTED}},
                  "x": 0, "xanchor": "left", "font": {"size": 19, "color": INK}},
        "font": {"family": FONT, "size": BASE_FONT_SIZE, "color": INK},
        "height": height + top - 78,
        "margin": {"l": 10, "r": 10, "t": top, "b": 10},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": -0.28, "x": 0, "font": {"size": 13}},
        "hoverlabel": {"font": {"size": 14}},
        "xaxis": dict(axis), "yaxis": dict(axis),
    }
    if data_year is not None:
        layout["meta"] = {"data_to": int(data_year)}
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(layout.get(k), dict):
            layout[k] = {**layout[k], **v}
        else:
            layout[k] = v
    return layout


class SpecFigure(go.Figure):
    """A plotly Figure that is only its JSON-ready spec.

    Building through the go.Figure API validates every property (25-50 ms a chart) and Streamlit then
    deep-copies the figure with ``to_dict()`` (another 5-10 ms). The charts a slider redraws are built
    as plain dicts and wrapped here: ``to_dict()`` hands the spec over as is (about 1 ms in all).
    tests/test_figures.py validates every such spec with plotly's full validators, so a misspelt
    property still fails a test. Treat the spec as read-only once built.
    """

    def __init__(self, spec: dict):  # noqa: D107 - deliberately skips BaseFigure.__init__ (validation)
        object.__setattr__(self, "_spec", spec)

    @property
    def data(self):  # type: ignore[override]
        return self._spec["data"]

    @property
    def layout(self):  # type: ignore[override]
        return self._spec["layout"]

    def to_dict(self) -> dict:
        return self._spec

    def to_plotly_json(self) -> dict:
        return self._spec

    def to_json(self, *args, **kwargs) -> str:
        kwargs.setdefault("validate", False)
        return pio.to_json(self._spec, *args, **kwargs)

    def to_image(self, format: str = "png", width: int = 700, height: int = 500, scale: float = 1.0) -> bytes:
        """PNG only, offline (posture/viz/png.py): plotly's own to_image would let kaleido fetch MathJax."""
        from posture.viz.png import figure_png

        if format != "png":
            raise ValueError("only PNG export is offline-safe here")
        return figure_png(self._spec, width=width, height=height, scale=scale)

    def __repr__(self) -> str:
        return f"SpecFigure({len(self._spec.get('data', []))} traces)"


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain dicts, without plotly's Python-side validators (see :class:`SpecFigure`)."""
    return SpecFigure({"data": traces, "layout": layout})


def apply_layout(fig: go.Figure, title: str, subtitle: str, height: int = 420, legend: bool = True,
                 narrow: bool = False, data_year: int | None = None) -> go.Figure:
    """Title states the finding; the subtitle gives sources and years. ``narrow`` for half-width charts.
    The same house layout as :func:`layout_spec`, applied to a figure built with the plotly API (nested
    settings such as the axes merge with what the figure already has)."""
    return fig.update_layout(layout_spec(title, subtitle, height=height, legend=legend, narrow=narrow,
                                         data_year=data_year))


def tonnes_in_ten(share_pct: float) -> str:
    """'9 of 10 tonnes' from a share in percent ('over 9 of 10' when well above, never rounding up to 10)."""
    n = int(share_pct // 10)
    over = share_pct - 10 * n >= 2.5
    return f"{'over ' if over else ''}{n} of 10 tonnes"


_FONT_KEYS = frozenset({"font", "textfont", "tickfont", "insidetextfont", "outsidetextfont", "grouptitlefont"})


def _scale_fonts(node, scale: float, recolour: dict[str, str] | None, parent: str = "") -> None:
    """Scale every font size in a plotly spec (in place) and swap the colours in ``recolour`` (old -> new,
    lower case) wherever they are: text, and the black marks that would vanish on a black page."""
    if isinstance(node, list):
        for item in node:
            _scale_fonts(item, scale, recolour, parent)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if isinstance(value, (dict, list)):
            _scale_fonts(value, scale, recolour, key)
    if parent in _FONT_KEYS and isinstance(node.get("size"), (int, float)):
        node["size"] = round(node["size"] * scale, 1)
    if recolour and isinstance(node.get("color"), str) and node["color"].lower() in recolour:
        node["color"] = recolour[node["color"].lower()]


def present_spec(spec: dict, high_contrast: bool = False, scale: float = PRESENT_FONT_SCALE) -> dict:
    """A figure's spec for presentation mode: every text ``scale`` times larger (the plot as much taller, so
    that wrapped tick labels and the sankey's node labels keep apart) and, in the high-contrast theme, white text and dim grid
    on black. The vector colours stay as they are. Returns a new spec; ``spec`` is not changed."""
    import copy

    out = copy.deepcopy(spec)
    layout = out.setdefault("layout", {})
    layout.setdefault("font", {}).setdefault("size", BASE_FONT_SIZE)
    recolour = None
    if high_contrast:
        hc = HIGH_CONTRAST
        recolour = {INK.lower(): hc["ink"], MUTED.lower(): hc["muted"], "#1f2430": hc["ink"], "black": hc["ink"],
                    "#000000": hc["ink"], "#111111": hc["ink"], "#374151": hc["muted"], "#4b5563": hc["muted"]}
        layout["font"]["color"] = hc["ink"]
        layout["paper_bgcolor"] = hc["background"]
        layout["plot_bgcolor"] = hc["background"]
        for name, axis in list(layout.items()):
            if isinstance(axis, dict) and (name.startswith("xaxis") or name.startswith("yaxis")):
                axis["gridcolor"] = hc["grid"]
                axis["zerolinecolor"] = hc["grid"]
                axis.setdefault("linecolor", hc["grid"])
    # sizes in the traces (sankey labels, bar texts) and the layout (title, legend, axes, annotations)
    _scale_fonts(out.get("data") or [], scale, recolour)
    for trace in out.get("data") or []:  # a sankey's nodes keep their larger labels apart
        node = trace.get("node") if isinstance(trace, dict) and trace.get("type") == "sankey" else None
        if isinstance(node, dict) and isinstance(node.get("pad"), (int, float)):
            node["pad"] = round(node["pad"] * scale)
    _scale_fonts(layout, scale, recolour)
    # Streamlit's chart theme sets the ticks at 12 px and the axis titles at 14 px where the figure does not:
    # give them their size here, scaled (the ones a figure sets were scaled above)
    for name, axis in list(layout.items()):
        if isinstance(axis, dict) and (name.startswith("xaxis") or name.startswith("yaxis")):
            axis.setdefault("tickfont", {}).setdefault("size", round(STREAMLIT_TICK_SIZE * scale, 1))
            title = axis.get("title")
            if isinstance(title, dict) and title.get("text"):
                title.setdefault("font", {}).setdefault("size", round(STREAMLIT_AXIS_TITLE_SIZE * scale, 1))
            if high_contrast:
                axis["tickfont"].setdefault("color", HIGH_CONTRAST["ink"])
    if isinstance(layout.get("height"), (int, float)):
        layout["height"] = int(layout["height"] * scale)
    return out
