"""Load and validate the input tables and geodata in data/.

``load_dataset()`` reads everything the dashboard uses, validates each table with its
pandera schema and then the references between tables, and either returns a
:class:`Dataset` or raises :class:`~posture.problems.DataError` with every problem found.
"""
from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.validation

from posture.catalog import DATA_DIR, TABLES, Table, table_for_columns, table_for_path
from posture.dataset import Dataset  # noqa: F401 - defined apart so that reading the cached model skips pandera
from posture.problems import DataError, Problem
from posture.uranium import SHARE, default_share_problems
from posture.validation import csv_row, feature_row, validate_frame

log = logging.getLogger(__name__)

GEO_FILES = {"countries": "geo/countries_analysis.geojson"}
ROUTE_TABLES = ("oil_routes", "gas_pipelines", "corridors")


def _display(path: Path, data_dir: Path | None) -> str:
    try:
        return Path(path).resolve().relative_to((data_dir or DATA_DIR).resolve().parent).as_posix()
    except ValueError:
        return Path(path).as_posix()


def read_csv_text(content: str | bytes, table: Table, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate CSV content (text or bytes, for uploads) against a catalogue table."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return pd.DataFrame(), [Problem(file, None, None, "is not UTF-8 text")]
    header = content.lstrip().split("\n", 1)[0]
    # a European spreadsheet saves CSV with semicolons between cells and decimal commas ("0,15")
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        raw = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False, sep=sep)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        return pd.DataFrame(), [Problem(file, None, None, f"cannot be read as CSV: {err}")]
    if sep == ";":
        for col in (*table.table.numeric, *table.table.integer):
            if col in raw.columns:
                raw[col] = raw[col].map(_decimal_comma)
    return validate_frame(raw, table.table, file, csv_row)


def _decimal_comma(value: str) -> str:
    """In a semicolon-separated file a comma in a number is its decimal comma (and a dot groups thousands)."""
    v = value.strip()
    if re.fullmatch(r"[+-]?\d*,\d+", v):
        return v.replace(",", ".")
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?", v):
        return v.replace(".", "").replace(",", ".")
    return value


def load_csv(path: Path, table: Table, file: str | None = None) -> pd.DataFrame:
    file = file or Path(path).as_posix()
    try:
        content = Path(path).read_bytes()
    except OSError as err:
        raise DataError([Problem(file, None, None, f"cannot be read: {err.strerror}")]) from None
    frame, problems = read_csv_text(content, table, file)
    if problems:
        raise DataError(problems)
    return frame


def read_json(path: Path, file: str) -> tuple[object, list[Problem]]:
    """A JSON file's content, or the problems that stop it being read: never an exception.

    A file that is missing, a directory or unreadable, that is not UTF-8, not JSON, or nested so deep that the
    parser gives up (a hostile file can make ``json`` raise RecursionError) is one :class:`Problem` naming why.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [Problem(file, None, None, "is a directory, not a file")]
    except FileNotFoundError:
        return None, [Problem(file, None, None, "does not exist")]
    except OSError as err:
        return None, [Problem(file, None, None, f"cannot be read: {err.strerror or err}")]
    return parse_json_bytes(raw, file)


def parse_json_bytes(raw: bytes, file: str) -> tuple[object, list[Problem]]:
    """JSON from bytes (a file's, an upload's): the content, or one Problem saying why it cannot be read."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(file, None, None, f"is not UTF-8 text (byte 0x{raw[err.start]:02x} on line {line}); "
                                                "save it as UTF-8")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as err:
        # the row is the line, as an editor counts it
        return None, [Problem(file, err.lineno, None, f"is not valid JSON: {err.msg} (column {err.colno})")]
    except RecursionError:
        return None, [Problem(file, None, None, "is not usable JSON: nested too deeply")]


def _kind(v: object) -> str:
    return {list: "a list", str: "a text", type(None): "null", bool: "true/false"}.get(
        type(v), "a number" if isinstance(v, (int, float)) else f"a {type(v).__name__}")


def read_geojson(path: Path, table: Table, file: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read a GeoJSON FeatureCollection; validate its properties and geometries.

    Every fault is a :class:`Problem` with its feature number (from 1): a feature or its properties that are
    not JSON objects, a geometry that cannot be read, of the wrong type, with a coordinate that is not a number
    (NaN, infinite) or outside lon/lat degrees, or a line that crosses itself.
    """
    doc, problems = read_json(path, file)
    if problems:
        return gpd.GeoDataFrame(), problems
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list):
        return gpd.GeoDataFrame(), [Problem(file, None, None, "is not a GeoJSON FeatureCollection "
                                                              "(an object with a list of \"features\")")]
    rows, raw_geoms = [], []
    for i, f in enumerate(feats):
        if not isinstance(f, dict):
            problems.append(Problem(file, i + 1, None, f"is {_kind(f)}, not a GeoJSON feature (a JSON object)"))
            f = {}
        props = f.get("properties")
        if props is not None and not isinstance(props, dict):
            problems.append(Problem(file, i + 1, "properties", f"is {_kind(props)}, not a JSON object"))
            props = {}
        rows.append({str(k): ("" if v is None else str(v)) for k, v in (props or {}).items()})
        raw_geoms.append(f.get("geometry"))
    if problems:  # the properties cannot be checked column by column until every feature is an object
        return gpd.GeoDataFrame(), problems
    typed, problems = validate_frame(pd.DataFrame(rows), table.table, file, feature_row)
    geoms = []
    want = "Point" if table.name == "nodes" else "LineString"
    for i, raw in enumerate(raw_geoms):
        g, problem = _geometry(raw, want)
        if problem:
            problems.append(Problem(file, i + 1, "geometry", problem))
        geoms.append(g)
    gdf = gpd.GeoDataFrame(typed, geometry=geoms, crs="EPSG:4326")
    return gdf, problems


def _geometry(raw: object, want: str) -> tuple[object, str | None]:
    """One feature's geometry and what is wrong with it (None when it is usable)."""
    if not raw:
        return None, "is empty"
    if not isinstance(raw, dict):
        return None, f"is {_kind(raw)}, not a GeoJSON geometry object"
    try:
        with np.errstate(invalid="ignore"):
            g = shapely.geometry.shape(raw)
    except Exception as err:  # noqa: BLE001 - shapely raises many kinds on hostile input; each is a problem to report
        return None, f"cannot be read: {type(err).__name__}: {err}"[:200]
    if g is None or g.is_empty:
        return None, "is empty"
    if g.geom_type != want:
        return None, f"is a {g.geom_type}; expected a {want}"
    coords = shapely.get_coordinates(g)
    bad = ~np.isfinite(coords).all(axis=1)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        return None, f"coordinate {k + 1} is not a number (NaN or infinite): every vertex needs a lon/lat"
    minx, miny, maxx, maxy = g.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return None, "coordinates are not lon/lat degrees (EPSG:4326)"
    if not g.is_valid:
        return None, f"is not a valid geometry: {shapely.validation.explain_validity(g)}"
    if want == "LineString" and not g.is_simple:
        where = _self_crossing(g)
        at = f" near {where[0]:.3f}, {where[1]:.3f} (lon, lat)" if where else ""
        return None, f"crosses itself{at}: a route is drawn once, without loops"
    return g, None


def _self_crossing(line) -> tuple[float, float] | None:
    """Where a line first touches itself away from a shared vertex of consecutive segments."""
    xy = shapely.get_coordinates(line)
    segs = shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1))
    tree = shapely.STRtree(segs)
    a, b = tree.query(segs, predicate="intersects")
    for i, j in sorted(zip(a.tolist(), b.tolist())):
        if j > i + 1 or (j == i + 1 and shapely.intersection(segs[i], segs[j]).geom_type != "Point"):
            if line.is_closed and i == 0 and j == len(segs) - 1:
                continue
            p = shapely.intersection(segs[i], segs[j]).representative_point()
            return (p.x, p.y)
    return None


def resolve_table(path: Path, table_name: str | None = None) -> tuple[Table | None, list[Problem]]:
    """Which catalogue table a file is: named, or recognised from its path or its CSV header."""
    path = Path(path)
    file = path.as_posix()
    if not path.exists():
        return None, [Problem(file, None, None, "does not exist")]
    table = TABLES.get(table_name) if table_name else table_for_path(path)
    if table is None and path.suffix.lower() == ".csv":
        try:
            header = pd.read_csv(path, nrows=0, dtype=str).columns.tolist()
        except Exception as err:  # noqa: BLE001 - any unreadable file is a problem to report, not a crash
            return None, [Problem(file, None, None, f"cannot be read as CSV: {err}")]
        table = table_for_columns(header)
    if table is None:
        known = ", ".join(sorted(t.path for t in TABLES.values()))
        return None, [Problem(file, None, None, f"is not a known input table (known: {known}); pass --table NAME")]
    return table, []


def validate_path(path: Path, table_name: str | None = None) -> list[Problem]:
    """Validate one file against its catalogue table (see :func:`resolve_table`)."""
    path = Path(path)
    file = path.as_posix()
    table, problems = resolve_table(path, table_name)
    if table is None:
        return problems
    if table.kind == "geojson":
        return read_geojson(path, table, file)[1]
    try:
        content = path.read_bytes()
    except OSError as err:
        return [Problem(file, None, None, f"cannot be read: {err.strerror}")]
    return read_csv_text(content, table, file)[1]




def _cross_checks(t: Mapping[str, pd.DataFrame], routes: gpd.GeoDataFrame, nodes: gpd.GeoDataFrame,
                  countries: gpd.GeoDataFrame, data_dir: Path) -> list[Problem]:
    """References between tables: every id used is defined."""
    problems: list[Problem] = []

    def f(name: str) -> str:
        return _display(data_dir / TABLES[name].path, data_dir)

    route_ids = set(routes["id"])
    for i, r in t["export_routes"].iterrows():
        for seg in ("" if pd.isna(r["segments"]) else str(r["segments"])).split(";"):
            if seg and seg not in route_ids:
                problems.append(Problem(f("export_routes"), csv_row(i), "segments",
                                        f"unknown route segment '{seg}' (not in routes/oil_routes.geojson)"))
    exp_ids = set(t["export_routes"]["id"])
    for name in ("oil_exports", "oil_field_flows"):
        for i, r in t[name].iterrows():
            if r["export_route"] not in exp_ids:
                problems.append(Problem(f(name), csv_row(i), "export_route",
                                        f"unknown export route '{r['export_route']}' (see oil/export_routes.csv)"))
    vec_ids = set(t["vectors"]["id"])
    for i, r in t["partners"].iterrows():
        if r["vector"] not in vec_ids:
            problems.append(Problem(f("partners"), csv_row(i), "vector", f"unknown vector '{r['vector']}'"))
    dim_ids = set(t["dimensions"]["id"])
    for i, r in t["ties"].iterrows():
        if r["vector"] not in vec_ids:
            problems.append(Problem(f("ties"), csv_row(i), "vector", f"unknown vector '{r['vector']}'"))
        if r["dimension"] not in dim_ids:
            problems.append(Problem(f("ties"), csv_row(i), "dimension", f"unknown dimension '{r['dimension']}'"))
    estimated = set(t["dimensions"].loc[t["dimensions"]["method"] == "estimate", "id"])
    for i, r in t["ties_by_year"].iterrows():
        if r["vector"] not in vec_ids:
            problems.append(Problem(f("ties_by_year"), csv_row(i), "vector", f"unknown vector '{r['vector']}'"))
        if r["dimension"] not in estimated:
            problems.append(Problem(f("ties_by_year"), csv_row(i), "dimension",
                                    f"'{r['dimension']}' is not an estimated dimension (see balance/dimensions.csv): "
                                    "computed dimensions come from each year's data"))
    for i, r in t["weights"].iterrows():
        if r["dimension"] not in dim_ids:
            problems.append(Problem(f("weights"), csv_row(i), "dimension", f"unknown dimension '{r['dimension']}'"))
    iso = set(countries["iso3"])
    for name in ROUTE_TABLES:
        sub = routes[routes["_table"] == name]
        for i, r in sub.iterrows():
            for c in str(r["countries_expected"]).split(";"):
                if c not in iso:
                    problems.append(Problem(f(name), int(r["_feature"]), "countries_expected",
                                            f"'{c}' is not an ISO3 code of a country on the map"))
    node_ids = set(nodes["id"])
    legs = routes[routes["_table"] == "corridors"]
    for i, r in legs.iterrows():
        for col in ("from_node", "to_node"):
            v = r[col]
            if isinstance(v, str) and v and v not in node_ids:
                problems.append(Problem(f("corridors"), int(r["_feature"]), col, f"unknown node '{v}'"))
    for i, r in t["corridor_comparison"].iterrows():
        for leg in str(r["legs"]).split(";"):
            if leg not in route_ids:
                problems.append(Problem(f("corridor_comparison"), csv_row(i), "legs", f"unknown corridor leg '{leg}'"))
    for i, year in default_share_problems(t["uranium"]):
        problems.append(Problem(f("uranium"), csv_row(i), "year",
                                f"a second default '{SHARE}' for {year}: keep one default a year and put the others "
                                f"under '{SHARE} (other estimates)'"))
    return problems


def _invalid(data_dir: Path, problems: list[Problem]) -> DataError:
    """The error for invalid data, logged: how many problems, and each one (file, row, column, why)."""
    log.warning("%s has %d problem%s: the model is not built", data_dir, len(problems), "s" if len(problems) > 1 else "")
    for p in problems:
        log.info("data problem: %s", p)
    return DataError(problems)


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Load and validate every input; raise DataError listing all problems if any."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    route_frames = []
    nodes = gpd.GeoDataFrame()
    for name, t in TABLES.items():
        path = data_dir / t.path
        file = _display(path, data_dir)
        if not path.exists():
            problems.append(Problem(file, None, None, "is missing"))
            continue
        if t.kind == "geojson":
            gdf, p = read_geojson(path, t, file)
            problems += p
            if name == "nodes":
                nodes = gdf
            else:
                gdf["_table"] = name
                gdf["_feature"] = range(1, len(gdf) + 1)
                route_frames.append(gdf)
        else:
            try:
                content = path.read_bytes()
            except OSError as err:
                problems.append(Problem(file, None, None, f"cannot be read: {err.strerror or err}"))
                continue
            frame, p = read_csv_text(content, t, file)
            problems += p
            tables[name] = frame
    geo = {}
    for key, rel in GEO_FILES.items():
        path = data_dir / rel
        try:
            geo[key] = gpd.read_file(path)
        except Exception as err:  # noqa: BLE001 - report, do not crash
            problems.append(Problem(_display(path, data_dir), None, None, f"cannot be read: {err}"))
    if problems:
        raise _invalid(data_dir, problems)
    routes = gpd.GeoDataFrame(pd.concat(route_frames, ignore_index=True), crs="EPSG:4326")
    dup = routes["id"].duplicated(keep="first")
    for i in routes.index[dup]:
        problems.append(Problem(_display(data_dir / TABLES[routes.at[i, "_table"]].path, data_dir),
                                int(routes.at[i, "_feature"]), "id",
                                f"duplicate route id '{routes.at[i, 'id']}' (ids are unique across all route files)"))
    problems += _cross_checks(tables, routes, nodes, geo["countries"], data_dir)
    if problems:
        raise _invalid(data_dir, problems)
    return Dataset(
        tables=MappingProxyType(tables), routes=routes, nodes=nodes, countries=geo["countries"], data_dir=data_dir,
    )
