"""The route map for the pages: cached decks and the legend."""
from __future__ import annotations

import streamlit as st

from posture.text import md_text
from posture.viz.deck import HIGH_CONTRAST_STYLE, NODE_STYLE, NORMAL_STYLE, MapOptions, build_route_deck
from posture.viz.labels import SCALE_BAR, km_per_degree_of_longitude
from posture.viz.style import HIGH_CONTRAST, LAYER_NAMES, MUTED, rgb_hex

SCALE_NOTE = (
    f"Scale bar: {SCALE_BAR.length_km:,.0f} km along the {SCALE_BAR.at_lat:g}th parallel (central Kazakhstan), measured "
    "on the WGS84 ellipsoid (pyproj). The map is Web Mercator: a km looks longer further north (about "
    f"{km_per_degree_of_longitude(SCALE_BAR.at_lat) / km_per_degree_of_longitude(55.75):.2f} times at Moscow's "
    "latitude) and shorter further south. Names are placed so that none overlaps another at the opening zoom; "
    "Georgia and Azerbaijan are too small there to carry a name beside the Poti and Baku labels."
)


def escape_markdown(text: str) -> str:
    """Data text shown as text inside Markdown: no link, image or emphasis from it."""
    return md_text(text)  # posture.text: also keeps a URL in the text from becoming a link


@st.cache_resource(max_entries=128, show_spinner=False)
def _deck(opts: MapOptions, route_ids: tuple[str, ...], _model):
    routes = _model.data.routes
    routes = routes[routes["id"].isin(route_ids)]
    return build_route_deck(
        routes, _model.route_metrics, _model.data.nodes, None, None, _model.data["partners"],
        _model.vector_colours, _model.country_names, opts, labels_table=_model.data["map_labels"],
    )


def route_deck(model, opts: MapOptions, route_ids: tuple[str, ...] | None = None):
    """A cached Deck for these options (the base map is served from static/, so the deck stays small)."""
    if route_ids is None:
        route_ids = tuple(sorted(model.data.routes["id"]))
    return _deck(opts, route_ids, model)


def _swatch(colour: str, width: int = 26, height: int = 5, border: str = "none", radius: str = "1px") -> str:
    return (f"<span style='display:inline-block;width:{width}px;height:{height}px;background:{colour};"
            f"border:{border};border-radius:{radius};vertical-align:middle;margin-right:6px'></span>")


def legend_items(model, highlight_russia: bool, by_volume: bool, high_contrast: bool = False) -> tuple[list[str], list[str]]:
    """The legend's swatches in the colours the map draws (posture.viz.deck's style for the theme in force): the
    lines and points, then the vector tints. In the high-contrast theme the page is black, so every swatch sits on
    a white chip (the map's land is white there) and the lines are drawn as wide as on the map."""
    style = HIGH_CONTRAST_STYLE if high_contrast else NORMAL_STYLE

    def swatch(colour: str, width: int = 26, height: int = 5, border: str = "none", radius: str = "1px") -> str:
        if not high_contrast:
            return _swatch(colour, width, height, border, radius)
        return (f"<span style='display:inline-block;background:#FFFFFF;padding:3px 4px;border-radius:3px;"
                f"line-height:0;vertical-align:middle;margin-right:6px'>"
                f"{_swatch(colour, width, height + 2, border, radius).replace('margin-right:6px', 'margin-right:0')}</span>")

    def rgba_css(rgba_: tuple[int, ...]) -> str:
        return f"rgba({rgba_[0]},{rgba_[1]},{rgba_[2]},{rgba_[3] / 255:.2f})"

    items = []
    if highlight_russia:
        items.append(swatch(model.vector_colours["RUS"]) + "crosses Russia")
        items.append(swatch(rgb_hex(style.not_russia)) + "does not cross Russia")
    else:
        items += [swatch(rgb_hex(style.layer_rgb(k))) + LAYER_NAMES[k] for k in LAYER_NAMES]
    ink = rgb_hex(style.text)
    items.append(swatch(ink, height=2) + "thin: smaller " + ("volume" if by_volume else "capacity"))
    items.append(swatch(ink, height=9) + "thick: larger " + ("volume" if by_volume else "capacity"))
    items.append(swatch(rgba_css(tuple(style.text) + (style.alpha("under construction"),))) +
                 "lighter: under construction or proposed")
    if by_volume:
        items.append(swatch(rgba_css(style.ghost), height=10) + "grey ghost: baseline volume")
    for kind, (fill, _) in NODE_STYLE.items():
        if kind == "rail hub":
            continue
        items.append(swatch(f"rgb({fill[0]},{fill[1]},{fill[2]})", 11, 11, f"1px solid {rgb_hex(style.node_stroke)}",
                            "50%") + kind)
    tints = []
    for v in model.vector_ids:
        if v in ("USA", "OTHER"):
            continue
        tints.append(swatch(model.vector_colours[v], 14, 10, "none", "2px") + model.vector_names[v])
    return items, tints


def render_legend(model, highlight_russia: bool, by_volume: bool, high_contrast: bool = False) -> None:
    items, tints = legend_items(model, highlight_russia, by_volume, high_contrast)
    kaz = "Kazakhstan in cream, outlined in black" if high_contrast else "Kazakhstan in cream"
    muted = HIGH_CONTRAST["muted"] if high_contrast else MUTED  # the page is black in high contrast
    st.markdown(
        "<div style='font-size:0.9rem;line-height:1.9'>" + " &nbsp; ".join(items) +
        f"<br><span style='color:{muted}'>Countries tinted by vector:</span> " + " &nbsp; ".join(tints) +
        f" &nbsp; <span style='color:{muted}'>({kaz}; borders per UN GA resolution 68/262)</span></div>",
        unsafe_allow_html=True,
    )
