"""The route map for the pages: cached decks and the legend."""
from __future__ import annotations

import streamlit as st

from posture.viz.deck import NODE_STYLE, MapOptions, build_route_deck
from posture.viz.labels import SCALE_BAR, km_per_degree_of_longitude
from posture.viz.style import LAYER_COLOURS, LAYER_NAMES

SCALE_NOTE = (
    f"Scale bar: {SCALE_BAR.length_km:,.0f} km along the {SCALE_BAR.at_lat:g}th parallel (central Kazakhstan), measured "
    "on the WGS84 ellipsoid (pyproj). The map is Web Mercator: a km looks longer further north (about "
    f"{km_per_degree_of_longitude(SCALE_BAR.at_lat) / km_per_degree_of_longitude(55.75):.2f} times at Moscow's "
    "latitude) and shorter further south. Names are placed so that none overlaps another at the opening zoom; "
    "Georgia and Azerbaijan are too small there to carry a name beside the Poti and Baku labels."
)


def escape_markdown(text: str) -> str:
    """Data text shown as text inside Markdown: no link, image or emphasis from it."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$:" else c for c in str(text))


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


def render_legend(model, highlight_russia: bool, by_volume: bool) -> None:
    items = []
    if highlight_russia:
        items.append(_swatch(model.vector_colours["RUS"]) + "crosses Russia")
        items.append(_swatch("#969696") + "does not cross Russia")
    else:
        items += [_swatch(c) + LAYER_NAMES[k] for k, c in LAYER_COLOURS.items()]
    items.append(_swatch("#555", height=2) + "thin: smaller " + ("volume" if by_volume else "capacity"))
    items.append(_swatch("#555", height=9) + "thick: larger " + ("volume" if by_volume else "capacity"))
    items.append(_swatch("rgba(30,30,30,0.45)") + "lighter: under construction or proposed")
    if by_volume:
        items.append(_swatch("rgba(120,120,120,0.3)", height=10) + "grey ghost: baseline volume")
    for kind, (fill, _) in NODE_STYLE.items():
        if kind == "rail hub":
            continue
        items.append(_swatch(f"rgb({fill[0]},{fill[1]},{fill[2]})", 11, 11, "1px solid #333", "50%") + kind)
    tints = []
    for v in model.vector_ids:
        if v in ("USA", "OTHER"):
            continue
        tints.append(_swatch(model.vector_colours[v], 14, 10, "none", "2px") + model.vector_names[v])
    st.markdown(
        "<div style='font-size:0.9rem;line-height:1.9'>" + " &nbsp; ".join(items) +
        "<br><span style='color:#6b7280'>Countries tinted by vector:</span> " + " &nbsp; ".join(tints) +
        " &nbsp; <span style='color:#6b7280'>(Kazakhstan in cream; borders per UN GA resolution 68/262)</span></div>",
        unsafe_allow_html=True,
    )
