"""Map labels that can be read off a projector and never collide: countries, seas and route points.

Pure Python, shared by the interactive map (``posture.viz.deck``) and any static picture of it. A label is
placed in screen pixels at one zoom (the map's opening view): a point's position and the view's zoom give its
pixel position in Web Mercator (pyproj, EPSG:3857, deck.gl's 512-px world at zoom 0); a label's box is its
text width from the font's advance widths times the font size. Point labels try the usual cartographic
positions around their marker (right, left, above, below, then the diagonals, then a little further out) and
take the first that overlaps no label already placed and no other marker. Countries and seas sit at fixed
anchors from ``data/geo/map_labels.csv`` and give way to route points (a name that cannot be placed without
covering a point label is left out, never drawn on top).

Text widths use Liberation Sans advance widths (metric-compatible with Arial and Helvetica, the fonts the map's
font stack asks for first), so the boxes are the ones a browser draws.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import pyproj

# ------------------------------------------------------------------------------------------- the fonts
# CSS font stack for deck.gl's TextLayer (drawn by the browser's canvas from local fonts, nothing fetched):
# Arial (Windows, macOS), Liberation Sans (Linux; metric-compatible with Arial), Helvetica, the system sans-serif.
FONT_FAMILY = "Arial, Liberation Sans, Helvetica, sans-serif"

_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          "üöéçşığÅäÖÜÇŞİ’–")
# advance widths in 1/1000 em, read from LiberationSans-Regular.ttf / -Bold.ttf (fontTools, hmtx table)
_REGULAR = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
            556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
            500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
            556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
            278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 556, 556, 556, 500, 500, 278, 556, 667, 556, 778,
            722, 722, 667, 278, 222, 556]
_BOLD = [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
         556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722,
         611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556,
         611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778,
         556, 556, 500, 389, 280, 389, 584, 611, 611, 556, 556, 556, 278, 611, 722, 556, 778, 722, 722, 667, 278, 278,
         556]
_ADVANCE = {"normal": dict(zip(_CHARS, _REGULAR)), "bold": dict(zip(_CHARS, _BOLD))}
_UNKNOWN_EM = 0.72  # a character outside the table counts as wide (an over-estimate keeps labels apart)
LINE_HEIGHT = 1.2  # box height per line, in em (the glyphs' ascent + descent is 1.12 em in Liberation Sans)
OUTLINE_PX = 2  # the halo around each glyph adds this much on every side


def text_size_px(text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height in pixels of ``text`` drawn at ``size`` px (lines split on newlines)."""
    table = _ADVANCE["bold" if weight == "bold" else "normal"]
    lines = str(text).split("\n")
    width = max(sum(table.get(c, _UNKNOWN_EM * 1000) for c in line) for line in lines) * size / 1000
    return width + 2 * OUTLINE_PX, len(lines) * size * LINE_HEIGHT + 2 * OUTLINE_PX


# ------------------------------------------------------------------------------------------- the projection
_TO_MERCATOR = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
_HALF_WORLD_M = math.pi * 6378137.0  # EPSG:3857 spans +-pi*R metres


def lonlat_of_px(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The inverse of ``world_px``."""
    size = 512 * 2 ** zoom
    return _TO_MERCATOR.transform(x / size * 2 * _HALF_WORLD_M - _HALF_WORLD_M, _HALF_WORLD_M - y / size * 2 * _HALF_WORLD_M,
                                  direction="INVERSE")


def world_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Pixel position of a point in deck.gl's Web Mercator world (512 px wide at zoom 0, y down)."""
    x, y = _TO_MERCATOR.transform(lon, lat)
    size = 512 * 2 ** zoom
    return (x + _HALF_WORLD_M) / (2 * _HALF_WORLD_M) * size, (_HALF_WORLD_M - y) / (2 * _HALF_WORLD_M) * size


# ------------------------------------------------------------------------------------------- labels
@dataclass(frozen=True)
class Label:
    """One label as deck.gl's TextLayer draws it: text at a position, an anchor, a pixel offset."""

    text: str
    lon: float
    lat: float
    kind: str  # 'point', 'country', 'sea'
    size: float
    weight: str = "normal"
    anchor: str = "middle"  # getTextAnchor: 'start' (text to the right), 'middle', 'end'
    baseline: str = "center"  # getAlignmentBaseline: 'top' (text below), 'center', 'bottom'
    dx: float = 0.0  # getPixelOffset, screen pixels, y down
    dy: float = 0.0
    ref: str = ""  # the node id or ISO3 code it names
    leader: tuple[float, float] | None = None  # lon/lat of the marker a label set further out names (a leader line)
    movable: bool = True  # an area name that may shift from its anchor to make room

    def box(self, zoom: float) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in world pixels at ``zoom``."""
        x, y = world_px(self.lon, self.lat, zoom)
        w, h = text_size_px(self.text, self.size, self.weight)
        x += self.dx
        y += self.dy
        x0 = {"start": x - OUTLINE_PX, "middle": x - w / 2, "end": x - w + OUTLINE_PX}[self.anchor]
        y0 = {"top": y - OUTLINE_PX, "center": y - h / 2, "bottom": y - h + OUTLINE_PX}[self.baseline]
        return x0, y0, x0 + w, y0 + h


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def candidates(left: float, right: float, up: float, down: float) -> list[tuple[str, str, float, float]]:
    """Positions around a marker (or a cluster of touching markers) reaching ``left``/``right``/``up``/``down`` px
    from the marker's centre, best first: (anchor, baseline, dx, dy)."""
    out = []
    for gap in (3, 11):  # next to it, then a little further out: still read as the marker's label
        d = 0.7
        out += [("start", "center", right + gap, 0), ("end", "center", -left - gap, 0),
                ("middle", "bottom", 0, -up - gap), ("middle", "top", 0, down + gap),
                ("start", "bottom", d * right + gap - 2, -d * up - gap + 2),
                ("start", "top", d * right + gap - 2, d * down + gap - 2),
                ("end", "bottom", -d * left - gap + 2, -d * up - gap + 2),
                ("end", "top", -d * left - gap + 2, d * down + gap - 2),
                # above or below, the text running away from the marker's edge (room at a view's edge)
                ("start", "bottom", -left, -up - gap), ("end", "bottom", right, -up - gap),
                ("start", "top", -left, down + gap), ("end", "top", right, down + gap)]
    return out


def far_candidates(left: float, right: float, up: float, down: float) -> list[tuple[str, str, float, float]]:
    """Positions further out, drawn with a leader line to the marker."""
    out = []
    for far in (22, 34, 48, 64):
        d = 0.75
        out += [("end", "center", -left - far, 0), ("start", "center", right + far, 0), ("middle", "bottom", 0, -up - far),
                ("middle", "top", 0, down + far), ("end", "bottom", -d * (left + far), -d * (up + far)),
                ("start", "bottom", d * (right + far), -d * (up + far)), ("end", "top", -d * (left + far), d * (down + far)),
                ("start", "top", d * (right + far), d * (down + far)),
                ("start", "bottom", -left, -up - far), ("end", "bottom", right, -up - far),
                ("start", "top", -left, down + far), ("end", "top", right, down + far)]
    return out


def segment_distance(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> float:
    """Distance in px from point ``p`` to the segment ``a``-``b``."""
    (ax, ay), (bx, by), (px, py) = a, b, p
    L2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if L2 == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / L2))
    return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


def touching(markers_px: list[tuple[float, float, float]], i: int) -> list[int]:
    """Indices of the markers drawn touching marker ``i`` (and those touching them): one blob on the screen."""
    group, todo = {i}, [i]
    while todo:
        j = todo.pop()
        xj, yj, rj = markers_px[j]
        for k, (xk, yk, rk) in enumerate(markers_px):
            if k not in group and math.hypot(xk - xj, yk - yj) <= rj + rk:
                group.add(k)
                todo.append(k)
    return sorted(group)


@dataclass(frozen=True)
class Point:
    """A marker that wants a label: position, marker radius in px, priority (lower places first)."""

    ref: str
    text: str
    lon: float
    lat: float
    radius: float
    priority: int = 0


POINT_SIZE = 15  # px: read off a projector across a room
COUNTRY_SIZE = 14
SEA_SIZE = 14


@dataclass(frozen=True)
class Placement:
    points: tuple[Label, ...]
    countries: tuple[Label, ...]
    seas: tuple[Label, ...]
    dropped: tuple[str, ...]  # texts that could not be placed without a collision

    @property
    def all(self) -> tuple[Label, ...]:
        return self.points + self.seas + self.countries


# widths in px of the map's canvas at 1024x768, 1280x720 and 1920x1080 (Streamlit's column beside the card, the
# sidebar open; measured in Chromium: 382.1, 562.8, 1014.6), and its height
VIEW_WIDTHS = (382, 563, 1015)
# the same in presentation mode, no sidebar (661.6, 842.3, 1294.1): labels placed for the sidebar's canvases were cut
# there ("rance", "editerranean Sea" at 1280x720); the page tells which set its deck is for (MapOptions.present)
PRESENT_VIEW_WIDTHS = (662, 842, 1294)
VIEW_HEIGHT = 640
# a label keeps this far from each view's edge, inside or outside: a canvas a few pixels wider or narrower (another
# browser's scrollbar, rounding) still draws it whole or not at all
EDGE_MARGIN_PX = 8
# a point label that the views' edges leave this few positions is placed before the others
TIGHT_OPTIONS = 6


def view_boxes(center: tuple[float, float] | None, zoom: float,
               widths: tuple[float, ...] = VIEW_WIDTHS) -> list[tuple[float, float, float, float]]:
    """The map's opening view at each screen size (canvas ``widths``), in world pixels, smallest first."""
    if center is None:
        return []
    cx, cy = world_px(center[0], center[1], zoom)
    return [(cx - w / 2, cy - VIEW_HEIGHT / 2, cx + w / 2, cy + VIEW_HEIGHT / 2) for w in sorted(widths)]


def inside(b, v) -> bool:
    return v[0] <= b[0] and b[2] <= v[2] and v[1] <= b[1] and b[3] <= v[3]


def uncut(b, views, margin: float = EDGE_MARGIN_PX) -> bool:
    """True when box ``b`` lies wholly inside or wholly outside every view (with ``margin`` px to spare on either
    side of each edge): no view's edge cuts through its text."""
    for v in views:
        if not (inside(b, (v[0] + margin, v[1] + margin, v[2] - margin, v[3] - margin))
                or not overlap(b, (v[0] - margin, v[1] - margin, v[2] + margin, v[3] + margin))):
            return False
    return True


def place_labels(points: list[Point], markers: list[tuple[float, float, float]], areas: list[Label],
                 zoom: float, center: tuple[float, float] | None = None,
                 widths: tuple[float, ...] = VIEW_WIDTHS) -> Placement:
    """Place point labels around their markers, then the area names (countries, seas) where they fit.

    ``markers`` are every drawn marker (lon, lat, radius px), labelled or not: no label covers one.
    ``areas`` are country and sea labels at their anchors; each keeps its anchor or moves a little (up to half its
    width, a line's height) and is dropped when it would cover a label or a marker. Seas and the route countries
    whose names fit inside them are placed first, then the points (next to their marker, or further out with a
    leader line), then the other countries.
    With the view's ``center``, no label is placed across the edge of the opening view at any of the screen sizes
    (canvas ``widths``: ``VIEW_WIDTHS`` with the sidebar open, ``PRESENT_VIEW_WIDTHS`` in presentation mode): each
    lies wholly inside or wholly outside each view, so none is drawn cut ("c Sea"); a point
    label whose marker is inside the view at the narrowest screen it fits prefers a position inside that view too.
    """
    views = view_boxes(center, zoom, widths)

    mboxes, mpx = [], []
    for lon, lat, r in markers:
        x, y = world_px(lon, lat, zoom)
        mboxes.append((x - r, y - r, x + r, y + r))
        mpx.append((x, y, r))
    placed: list[tuple[float, float, float, float]] = []
    out_points: list[Label] = []
    dropped: list[str] = []

    def crowding(p: Point) -> int:
        x, y = world_px(p.lon, p.lat, zoom)
        near = 0
        for q in points:
            qx, qy = world_px(q.lon, q.lat, zoom)
            near += q is not p and abs(qx - x) < 120 and abs(qy - y) < 40
        return near

    def free(b) -> bool:
        return not any(overlap(b, o) for o in placed) and not any(overlap(b, m) for m in mboxes)

    def place_area(a: Label) -> Label | None:
        w, h = text_size_px(a.text, a.size, a.weight)
        # a name that fits inside its country may move by half its width or a line; one that does not, by less
        dys, dxs = ((0, -0.5, 0.5, -1, 1), (0, -0.25, 0.25, -0.5, 0.5)) if a.movable else ((0, -0.4, 0.4), (0, -0.2, 0.2))
        # and the shifts that take it just inside or just outside a view's edge it would straddle (up to 0.7 of its
        # width): at a narrow screen the name moves inward, or out of the view, rather than drawn cut; the smallest
        # move first on each line
        x0, _, x1, _ = a.box(zoom)
        edge = EDGE_MARGIN_PX + 1
        snaps = {round(e + edge - x0, 1) for v in views for e in (v[0], v[2])} | \
                {round(e - edge - x1, 1) for v in views for e in (v[0], v[2])}
        shifts = sorted({dx * w for dx in dxs} | {sx for sx in snaps if abs(sx) <= 0.7 * w}, key=lambda d: (abs(d), d))
        steps = [(dx, dy * h) for dy in dys for dx in shifts]
        for dx, dy in steps:
            lab = replace(a, dx=a.dx + dx, dy=a.dy + dy)
            b = lab.box(zoom)
            if free(b) and uncut(b, views):
                return lab
        return None

    def point_options(p: Point, edges: bool = True) -> tuple[list[Label], list]:
        """Every position for ``p``'s label that reads as its own, covers no other marker and (with ``edges``) no
        view's edge cuts, and the views that show its marker (narrowest first)."""
        own = world_px(p.lon, p.lat, zoom)
        i = next(k for k, (lon, lat, _) in enumerate(markers) if (lon, lat) == (p.lon, p.lat))
        blob = touching(mpx, i)
        others = [mboxes[k] for k in range(len(mboxes)) if k not in blob]
        away = [mpx[k] for k in range(len(mpx)) if k not in blob]
        ext = (own[0] - min(mboxes[k][0] for k in blob), max(mboxes[k][2] for k in blob) - own[0],
               own[1] - min(mboxes[k][1] for k in blob), max(mboxes[k][3] for k in blob) - own[1])
        mine = [v for v in views if v[0] + 20 <= own[0] <= v[2] - 20 and v[1] <= own[1] <= v[3]]
        hidden = [v for v in views if not (v[0] <= own[0] <= v[2] and v[1] <= own[1] <= v[3])]
        options = []
        for anchor, baseline, dx, dy in candidates(*ext):
            options.append(Label(p.text, p.lon, p.lat, "point", POINT_SIZE, "bold", anchor, baseline, dx, dy, p.ref))
        for anchor, baseline, dx, dy in far_candidates(*ext):
            # further out, in map coordinates, with a leader line back to the marker
            lon, lat = lonlat_of_px(own[0] + dx, own[1] + dy, zoom)
            options.append(Label(p.text, lon, lat, "point", POINT_SIZE, "bold", anchor, baseline, 0, 0, p.ref,
                                 leader=(p.lon, p.lat)))

        if edges and views:
            # a name above or below its marker may slide sideways while the marker stays under it, just inside (or
            # outside) a view's edge that would cut it: after the positions next to the marker, and after those
            # further out
            w = text_size_px(p.text, POINT_SIZE, "bold")[0]

            def slid(lab: Label) -> list[Label]:
                if lab.anchor != "middle" or lab.baseline == "center":
                    return []
                out = []
                x0, _, x1, _ = lab.box(zoom)
                for v in views:
                    for e in (v[0], v[2]):
                        if x0 < e + EDGE_MARGIN_PX and e - EDGE_MARGIN_PX < x1:
                            for sx in (e + EDGE_MARGIN_PX + 1 - x0, e - EDGE_MARGIN_PX - 1 - x1):
                                if abs(sx) > w / 2 - 6:
                                    continue
                                if lab.leader is None:
                                    out.append(replace(lab, dx=lab.dx + sx))
                                else:
                                    x, y = world_px(lab.lon, lab.lat, zoom)
                                    lon, lat = lonlat_of_px(x + sx, y, zoom)
                                    out.append(replace(lab, lon=lon, lat=lat))
                return out

            near = [o for o in options if o.leader is None]
            far = [o for o in options if o.leader is not None]
            options = near + [s for o in near for s in slid(o)] + far + [s for o in far for s in slid(o)]

        def nearest_is_own(lab: Label) -> bool:
            """Read as this marker's label: next to it, no other marker is nearer the text's anchor point; further
            out, the leader line passes no other marker and no other marker sits at its end."""
            x, y = world_px(lab.lon, lab.lat, zoom)
            x, y = x + lab.dx, y + lab.dy
            if lab.leader is None:
                mine_d = min(math.hypot(mpx[k][0] - x, mpx[k][1] - y) for k in blob)
                return all(math.hypot(ox - x, oy - y) > mine_d for ox, oy, _ in away)
            return all(segment_distance(own, (x, y), (ox, oy)) > r + 2 and math.hypot(ox - x, oy - y) > 14
                       for ox, oy, r in away)

        def fits(lab: Label) -> bool:
            b = lab.box(zoom)
            # uncut in every view, and not shown in a view that does not show its marker (a name without its point)
            return (not edges or uncut(b, views) and not any(overlap(b, v) for v in hidden)) \
                and not any(overlap(b, m) for m in others) and nearest_is_own(lab)

        return [lab for lab in options if fits(lab)], mine

    def place_point(p: Point) -> None:
        options, mine = point_options(p)
        chosen = None
        for view in mine + [None]:  # inside the narrowest view that shows the marker, else the next, else anywhere
            for lab in options:
                b = lab.box(zoom)
                if (view is None or inside(b, view)) and not any(overlap(b, o) for o in placed):
                    chosen = lab
                    break
            if chosen is not None:
                break
        if chosen is None:
            dropped.append(p.text)
        else:
            placed.append(chosen.box(zoom))
            out_points.append(chosen)

    def add_area(a: Label) -> None:
        lab = place_area(a)
        if lab is None:
            dropped.append(a.text)
        else:
            placed.append(lab.box(zoom))
            out_areas[a.kind].append(lab)

    out_areas: dict[str, list[Label]] = {"country": [], "sea": []}
    # points that a view's edge leaves few positions (Novorossiysk, Constanta near the 1024 and 1280 edges) first,
    # then the seas and the route countries whose names fit (they orient the room), then the other points, then the
    # other countries
    order = sorted(points, key=lambda p: (p.priority, -crowding(p), p.ref))
    tight = [p for p in order if views and len(point_options(p)[0]) <= TIGHT_OPTIONS
             and len(point_options(p)[0]) < len(point_options(p, edges=False)[0])]
    first = [a for a in areas if a.kind == "sea" or (a.ref in ALWAYS_NAMED and a.movable)]
    for p in tight:
        place_point(p)
    for a in first:
        add_area(a)
    for p in order:
        if p not in tight:
            place_point(p)
    for a in areas:
        if a not in first:
            add_area(a)
    return Placement(tuple(out_points), tuple(out_areas["country"]), tuple(out_areas["sea"]), tuple(dropped))


# ------------------------------------------------------------------------------------------- the label table
# route countries are named even when the name is wider than the country at the opening zoom
ALWAYS_NAMED = ("KAZ", "RUS", "CHN", "AZE", "GEO", "TUR", "TKM", "UZB", "IRN", "KGZ", "TJK", "UKR", "BLR", "POL",
                "DEU", "ROU")
KIND_PRIORITY = {"oil field": 0, "port": 0, "border crossing": 0, "terminal": 0, "rail hub": 1}


def area_labels(table, zoom: float) -> list[Label]:
    """Country and sea labels from ``data/geo/map_labels.csv`` rows (a DataFrame or a list of dicts) for a view at
    ``zoom``: a country is named when its name fits inside it at that zoom (``min_zoom``) or it is a route
    country; seas and lakes are named from their ``min_zoom``. Larger areas come first, so they win a tie."""
    rows = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    out = []
    for r in sorted(rows, key=lambda r: (r["kind"] != "sea", float(r["min_zoom"]), r["name"])):
        named = float(r["min_zoom"]) <= zoom or (r["kind"] == "country" and r.get("iso3") in ALWAYS_NAMED)
        if not named:
            continue
        if r["kind"] == "country":
            out.append(Label(str(r["name"]), float(r["lon"]), float(r["lat"]), "country", COUNTRY_SIZE,
                             ref=str(r.get("iso3") or ""), movable=float(r["min_zoom"]) <= zoom))
        else:
            text = str(r["name"]).replace(" | ", "\n")
            out.append(Label(text, float(r["lon"]), float(r["lat"]), "sea", SEA_SIZE, "bold", ref=str(r["name"])))
    return out


@lru_cache(maxsize=64)
def _cached(points: tuple[Point, ...], markers: tuple[tuple[float, float, float], ...], areas: tuple[Label, ...],
            zoom: float, center: tuple[float, float] | None, widths: tuple[float, ...]) -> Placement:
    return place_labels(list(points), list(markers), list(areas), zoom, center, widths)


def map_labels(nodes: list[dict], table, zoom: float, center: tuple[float, float] | None = None,
               widths: tuple[float, ...] = VIEW_WIDTHS) -> Placement:
    """Every label for the map at ``zoom``, placed for the canvas ``widths``. ``nodes`` are the drawn markers as
    dicts with ``id``, ``label`` (empty: marker only), ``kind``, ``lon``, ``lat`` and ``radius`` (px)."""
    points = tuple(Point(n["id"], n["label"], n["lon"], n["lat"], n["radius"], KIND_PRIORITY.get(n["kind"], 3))
                   for n in nodes if n.get("label"))
    markers = tuple((n["lon"], n["lat"], float(n["radius"]) + 1) for n in nodes)
    return _cached(points, markers, tuple(area_labels(table, zoom)), float(zoom), center, tuple(widths))


# ------------------------------------------------------------------------------------------- the scale bar
GEOD = pyproj.Geod(ellps="WGS84")


def km_per_degree_of_longitude(lat: float) -> float:
    """Length in km of one degree along the parallel ``lat`` on the WGS84 ellipsoid (pyproj.Geod)."""
    n = 64
    return GEOD.line_length([i / n for i in range(n + 1)], [lat] * (n + 1)) / 1000.0


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar drawn on the map: ``length_km`` along the parallel ``at_lat``, placed at ``lon``/``lat``.

    On a Web Mercator map a degree of longitude has the same width everywhere, so the bar's width in degrees is
    the width of ``length_km`` at ``at_lat`` wherever it is drawn; it stays true when the user zooms (it is drawn in
    map coordinates). It reads true at ``at_lat`` only: further north a km looks longer."""

    length_km: float
    at_lat: float
    lon: float
    lat: float

    @property
    def width_deg(self) -> float:
        return self.length_km / km_per_degree_of_longitude(self.at_lat)

    def paths(self) -> list[list[list[float]]]:
        """The bar and its three ticks (0, half, full) as lon/lat paths."""
        x0, y = self.lon, self.lat
        x1 = x0 + self.width_deg
        tick = 0.6
        out = [[[x0, y], [x1, y]]]
        out += [[[x, y - tick], [x, y + tick]] for x in (x0, (x0 + x1) / 2, x1)]
        return [[[round(a, 4), round(b, 4)] for a, b in p] for p in out]

    def labels(self) -> list[dict]:
        half = self.length_km / 2
        return [
            {"text": "0", "position": [round(self.lon, 4), self.lat - 1.5]},
            {"text": f"{half:,.0f}", "position": [round(self.lon + self.width_deg / 2, 4), self.lat - 1.5]},
            {"text": f"{self.length_km:,.0f} km", "position": [round(self.lon + self.width_deg, 4), self.lat - 1.5]},
            {"text": f"scale at {self.at_lat:g}°N", "position": [round(self.lon + self.width_deg / 2, 4),
                                                               self.lat + 1.6]},
        ]


# in the Arabian Sea at 20N (open sea, no route, inside the opening view at every screen size); true at 45N,
# the latitude of central Kazakhstan and of most of the routes
SCALE_BAR = ScaleBar(length_km=1000.0, at_lat=45.0, lon=60.0, lat=20.2)
