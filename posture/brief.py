"""The briefing pack: the scenario on screen as slides to leave behind, PPTX (python-pptx) or PDF (fpdf2).

``build_pack(model, levers, inputs, story, fmt)`` returns the file's bytes. It never imports Streamlit:
the command line (``python -m posture brief``) and the dashboard's button (components/pack.py) both call it.

What the pack holds, in order (each slide's ``section`` names its part, for the tests):

title        the scenario's name, the date, the levers moved (each against its default)
headline     the headline numbers against the baseline, and the scenario's warnings
balance      the balance indicator: exposure by vector, scenario against the baseline
moves        what moves it: the sensitivity of the index, and the recommendations ranked by effect
map          the routes on our own base map, drawn offline (posture/viz/static_map.py)
dependencies crude exports by route over time, crude by route in the scenario, trade by vector, arms
comparison   the scenario against the baseline as tables (exposure and trade by vector, crude by route)
story        one slide per step of the story, with its notes (also as the slide's speaker notes)
sources      every table used, its file and its sources

Charts are the dashboard's own builders (posture/viz/charts.py), rendered to PNG by kaleido in one
Chromium session (:func:`render_pngs`), with the dashboard's font (Source Sans, from Streamlit's bundled
font file) and colours. Text that came from users (scenario names, story titles and notes) is written as
text runs, never as markup, and never passed to plotly (whose titles read HTML tags).
"""
from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from posture.log import timed
from posture.problems import DataError, Problem
from posture.scenario import VENDORS, Levers, ScenarioInputs, specs_by_id
from posture.viz.png import chromium_path, kaleido_options

log = logging.getLogger(__name__)

FORMATS = ("pptx", "pdf")
PAGE_TITLES = {"overview": "Overview", "scenarios": "Scenarios", "map": "Routes map", "dependencies": "Dependencies",
               "balance": "Balance indicator", "recommendations": "Recommendations", "events": "Events",
               "data": "Data and sources"}
# the tables the pack's numbers, charts and map come from (the sources slide names each)
USED_TABLES = ("oil_routes", "gas_pipelines", "corridors", "nodes", "export_routes", "oil_exports",
               "oil_export_totals", "trade", "partners", "fdi", "arms_imports", "vectors", "dimensions", "ties",
               "weights", "parameters", "presets", "recommendations", "map_labels")
ROUTE_FILES = ("oil_routes", "gas_pipelines", "corridors", "nodes")  # read into the routes and nodes frames
GEO_SOURCE = ("Countries (base map and route geometry)", "geo/countries_analysis.geojson")
INK = (0x1F, 0x24, 0x30)
MUTED = (0x6B, 0x72, 0x80)
ACCENT = (0x1F, 0x5A, 0xA6)
FONT_NAME = "Source Sans 3"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(text) -> str:
    """User or data text made safe for any file format: control characters removed, nothing interpreted."""
    return _CONTROL.sub("", "" if text is None else str(text))


# --------------------------------------------------------------------------- scenario names and files


def _saved_scenario(name: str, store=None) -> Levers | None:
    """A saved scenario by name, from the store (None when there is none or no store)."""
    try:
        if store is None:
            from posture import store as store_mod

            store = store_mod.open_store()
        found = store.load(name)
    except Exception:  # noqa: BLE001 - no store reachable: the name is simply not a saved scenario
        return None
    if found is None:
        return None
    levers = getattr(found, "levers", found)
    return levers if isinstance(levers, Levers) else None


def resolve_scenario(model, arg: str, store=None) -> tuple[Levers, str]:
    """``arg`` as a preset id or name, a saved scenario's name, or a scenario JSON file: (levers, display name).

    Raises DataError with one problem that says why when it is none of these or the file is invalid."""
    arg = str(arg)
    for p in model.presets:
        if p.id == arg or p.name.lower() == arg.strip().lower():
            return p.levers, p.name
    path = Path(arg)
    if path.suffix.lower() == ".json" or path.exists():
        if not path.exists():
            raise DataError([Problem(arg, None, None, "no such scenario file")])
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise DataError([Problem(arg, None, None, f"cannot be read: {err.strerror or err}")]) from None
        except UnicodeDecodeError:
            raise DataError([Problem(arg, None, None, "is not UTF-8 text")]) from None
        except json.JSONDecodeError as err:
            raise DataError([Problem(arg, err.lineno, None, f"is not valid JSON: {err.msg}")]) from None
        from posture import scenario as sc

        # the strict reader of scenario files (names every problem), with the data's lever ranges
        levers, problems = sc.parse_levers(doc, sc.specs_by_id(model.params, model.oil_latest), source=arg)
        if problems or levers is None:
            raise DataError(problems or [Problem(arg, None, None, "is not a valid scenario file")])
        return levers, path.stem
    saved = _saved_scenario(arg, store)
    if saved is not None:
        return saved, arg
    known = ", ".join(p.id for p in model.presets)
    raise DataError([Problem(arg, None, None, f"is not a preset ({known}), a saved scenario or a scenario JSON file")])


# --------------------------------------------------------------------------- the pack's content


@dataclass
class Slide:
    section: str
    title: str
    subtitle: str = ""
    lines: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None
    image: str | None = None  # a key of the rendered figures
    notes: str = ""


@dataclass
class Pack:
    name: str
    day: date
    slides: list[Slide]
    figures: dict[str, dict]  # key -> plotly figure dict
    sizes: dict[str, tuple[int, int]]  # key -> (width, height) in px


def _f(v: float, digits: int = 1, unit: str = "") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    return f"{v:,.{digits}f}{unit}"


def _d(new: float, old: float, digits: int = 1, unit: str = "") -> str:
    d = new - old
    return "no change" if abs(d) < 0.5 * 10 ** -digits else f"{d:+,.{digits}f}{unit}"


def levers_moved(model, levers: Levers) -> list[str]:
    """'Label: value unit (default: x)' for every lever that differs from its default."""
    specs = specs_by_id(model.params, model.oil_latest)
    out = []
    for k, (old, new) in levers.differs_from(Levers()).items():
        if k == "nuclear_vendor":
            out.append(f"Nuclear vendor: {VENDORS[new][0]} (default: {VENDORS[old][0]})")
        else:
            s = specs[k]
            out.append(f"{s.label}: {new:g} {s.unit} (default: {old:g})")
    return out


def headline_rows(model, base, scen) -> list[list[str]]:
    b, s = base, scen
    rows = [["Measure", "Baseline", "Scenario", "Change"],
            ["Balance index (0-100)", _f(b.balance.index), _f(s.balance.index), _d(s.balance.index, b.balance.index)],
            ["Effective number of partners (of 7)", _f(b.balance.effective_partners, 2),
             _f(s.balance.effective_partners, 2), _d(s.balance.effective_partners, b.balance.effective_partners, 2)]]
    for k, label in (("all_russian_transit", "Crude crossing Russia"), ("cpc_only", "Crude through CPC")):
        rows.append([f"{label}, {model.latest_year} (%)", _f(b.share_via_russia[k]), _f(s.share_via_russia[k]),
                     _d(s.share_via_russia[k], b.share_via_russia[k], unit=" pts")])
    rows.append(["Crude stranded (Mt)", _f(b.stranded_mt), _f(s.stranded_mt), _d(s.stranded_mt, b.stranded_mt)])
    rows.append([f"Revenue at risk (USD bn, at ${s.levers.oil_price:g}/bbl)", _f(b.revenue_at_risk_usd_bn, 2),
                 _f(s.revenue_at_risk_usd_bn, 2), _d(s.revenue_at_risk_usd_bn, b.revenue_at_risk_usd_bn, 2)])
    names = model.vector_names
    rows.append(["Largest exposure", f"{names[b.balance.dominant]} {_f(b.balance.exposure[b.balance.dominant])}%",
                 f"{names[s.balance.dominant]} {_f(s.balance.exposure[s.balance.dominant])}%",
                 _d(s.balance.exposure[s.balance.dominant], b.balance.exposure[s.balance.dominant], unit=" pts")])
    rows.append(["Moscow's reaction (illustrative model)", "not triggered",
                 "triggered" if s.reaction_triggered else "not triggered", ""])
    return rows


def _sources_of(frame: pd.DataFrame, limit: int = 3) -> str:
    if "source" not in frame.columns:
        return ""
    titles: list[str] = []
    for s in frame["source"].dropna().astype(str).unique():
        for part in s.split(" ; "):
            t = part.split(" | ")[0].strip()
            t = t if len(t) <= 60 else t[:57].rstrip() + "..."
            if t and t not in titles:
                titles.append(t)
    more = f"; and {len(titles) - limit} more" if len(titles) > limit else ""
    return "; ".join(titles[:limit]) + more


def sources_rows(model, edited: tuple[str, ...] = ()) -> list[list[str]]:
    from posture.catalog import TABLES

    rows = [["Table", "File", "Sources"]]
    for name in USED_TABLES:
        if name not in TABLES or (name not in model.data.tables and name not in ROUTE_FILES):
            continue
        t = TABLES[name]
        if name in ROUTE_FILES[:3]:
            frame = model.data.routes[model.data.routes["_table"] == name]
        elif name == "nodes":
            frame = model.data.nodes
        else:
            frame = model.data[name]
        note = " (edited in this session)" if name in edited else ""
        rows.append([t.title + note, f"data/{t.path}", _sources_of(frame) or "analyst's table; see data/README.md"])
    rows.append([GEO_SOURCE[0], f"data/{GEO_SOURCE[1]}", "see data/README.md"])
    return rows


def _resolve_step(model, step, store=None) -> tuple[Levers, str]:
    if step.scenario is not None:
        return resolve_scenario(model, step.scenario, store)
    if step.levers is not None:
        return step.levers, "levers set in the story"
    return Levers(), "the baseline"


def compose(model, levers: Levers, inputs: ScenarioInputs | None = None, story=None, name: str | None = None,
            day: date | None = None, edited: tuple[str, ...] = (), store=None) -> Pack:
    """Everything in the pack, as slides and figure specs (no rendering)."""
    from posture import balance as bal
    from posture.scenario import evaluate_recommendations
    from posture.viz import charts
    from posture.viz.static_map import build_static_map

    inputs = inputs or model.default_inputs
    base, scen = model.run(levers, inputs)
    day = day or date.today()
    name = plain(name) if name else "Unnamed scenario"
    names, colours = model.vector_names, model.vector_colours
    figs: dict[str, dict] = {}
    sizes: dict[str, tuple[int, int]] = {}

    def add(key: str, fig, width: int = 1150) -> str:
        d = fig.to_dict()
        figs[key] = d
        sizes[key] = (width, int(d.get("layout", {}).get("height") or 500))
        return key

    slides = []
    moved = levers_moved(model, levers)
    slides.append(Slide("title", f"Briefing pack: {name}",
                        f"Kazakhstan's multi-vector posture · {day.isoformat()}",
                        lines=(["Levers moved against the baseline:"] + moved) if moved
                        else ["No lever moved: every figure is the baseline."]))
    headline = Slide("headline", "The headline numbers against the baseline", table=headline_rows(model, base, scen),
                     lines=[f"Warning: {plain(w)}" for w in scen.warnings])
    slides.append(headline)

    exp, bexp = scen.balance.exposure, base.balance.exposure
    diff = (exp - bexp).abs().sort_values(ascending=False)
    v = diff.index[0]
    title = (f"Exposure barely moves (largest change {diff.iloc[0]:.1f} points)" if diff.iloc[0] < 0.5 else
             f"{names[v]} {'gains' if exp[v] > bexp[v] else 'loses'} {abs(exp[v] - bexp[v]):.1f} points of exposure")
    add("exposure", charts.build_exposure_chart(exp, names, colours, bexp, title,
                                                "Exposure by vector, weighted over the dimensions: scenario (colour) "
                                                "against the baseline (grey). Source: data/balance/ties.csv and the "
                                                "computed trade, energy-route and investment shares.",
                                                data_year=model.inputs_year))
    slides.append(Slide("balance", f"The balance indicator: {scen.balance.index:.1f} against "
                                   f"{base.balance.index:.1f} in the baseline", image="exposure",
                        subtitle=f"{bal.index_sentence(scen.balance, scen.matrix, model.dimension_names, names)} "
                                 f"Baseline {base.balance.index:.1f}, {base.balance.effective_partners:.2f} effective "
                                 "partners. The index measures spread, not the strength of a tie."))
    sens = bal.compute_sensitivity(scen.matrix, inputs.weights)
    add("tornado", charts.build_tornado_chart(sens, scen.balance.index, data_year=model.inputs_year))
    slides.append(Slide("moves", "What moves the balance: the inputs it is most sensitive to", image="tornado"))
    ranked = evaluate_recommendations(inputs, model.data["recommendations"])
    modelled = ranked[ranked["modelled"]]
    if len(modelled):
        add("recommendations", charts.build_recommendations_chart(modelled, data_year=model.inputs_year))
        top = modelled.head(3)
        slides.append(Slide("moves", "What moves it most: the recommendations ranked by their effect",
                            image="recommendations",
                            notes="; ".join(f"{plain(r.title)}: {r.d_index:+.1f} index points" for r in top.itertuples())))

    via, bvia = scen.share_via_russia["all_russian_transit"], base.share_via_russia["all_russian_transit"]
    add("map", build_static_map(model.data.routes, model.route_metrics, model.data.nodes, model.data.countries,
                                model.country_names, labels=model.data.tables.get("map_labels"),
                                title="Oil pipelines, gas pipelines and trade corridors",
                                subtitle="Drawn from data/routes and data/geo (our own geometry, no web map). "
                                         "Line width by capacity; dashed: under construction, dotted: proposed."),
        width=1150)
    slides.append(Slide("map", f"The routes: {via:.0f}% of crude crosses Russia in the scenario "
                               f"({bvia:.0f}% in the baseline)", image="map"))

    add("oil_exports", charts.build_oil_exports_chart(model.oil, model.shares, colours))
    slides.append(Slide("dependencies", "Crude exports by route: the record", image="oil_exports"))
    t = (f"Crude crossing Russia: {via:.0f}% against {bvia:.0f}% in the baseline"
         if abs(via - bvia) >= 0.5 else f"Crude crossing Russia stays at {via:.0f}%")
    add("routes", charts.build_route_volume_chart(base.oil_year, scen.oil_year, colours, t,
                                                  f"Crude exports by route, {model.latest_year}, Mt: scenario "
                                                  "(colour) against the baseline (grey)."))
    slides.append(Slide("dependencies", f"Crude by route in {model.latest_year}: the scenario against the baseline",
                        image="routes"))
    tt = scen.trade.table
    add("trade", charts.build_vector_share_bars(
        tt, names, colours,
        f"Trade: Russia {tt.at['RUS', 'share_pct']:.0f}% and China {tt.at['CHN', 'share_pct']:.0f}% of turnover",
        f"Share of trade turnover by vector ({scen.trade.year} reference year), scenario against the baseline (grey).",
        baseline=base.trade.table["share_pct"], data_year=scen.trade.year))
    slides.append(Slide("dependencies", "Trade by vector: the scenario against the baseline", image="trade"))
    add("arms", charts.build_arms_chart(model.data["arms_imports"], colours))
    slides.append(Slide("dependencies", "Security: where the arms come from", image="arms"))

    rows = [["Vector", "Exposure, baseline (%)", "Exposure, scenario (%)", "Change (pts)",
             "Trade, baseline (USD bn)", "Trade, scenario (USD bn)"]]
    btab = base.trade.table
    for vid in model.vector_ids:
        rows.append([names[vid], _f(bexp.get(vid, 0.0)), _f(exp.get(vid, 0.0)), _d(exp.get(vid, 0.0), bexp.get(vid, 0.0)),
                     _f(float(btab.at[vid, "value_usd_bn"]) if vid in btab.index else float("nan")),
                     _f(float(tt.at[vid, "value_usd_bn"]) if vid in tt.index else float("nan"))])
    slides.append(Slide("comparison", "The scenario against the baseline: exposure and trade by vector", table=rows))
    bo = base.oil_year.groupby("route_name")["mt"].sum()
    so = scen.oil_year.groupby("route_name")["mt"].sum()
    rows = [["Route", f"Baseline {model.latest_year} (Mt)", "Scenario (Mt)", "Change (Mt)"]]
    for r in bo.sort_values(ascending=False).index:
        rows.append([str(r), _f(bo[r]), _f(so.get(r, 0.0)), _d(so.get(r, 0.0), bo[r])])
    rows.append(["Stranded (not exported)", _f(0.0), _f(scen.stranded_mt), _d(scen.stranded_mt, 0.0)])
    slides.append(Slide("comparison", "The scenario against the baseline: crude by route", table=rows))

    if story:
        story_name, steps = story
        n = len(steps)
        for i, step in enumerate(steps, start=1):
            s_levers, s_name = _resolve_step(model, step, store)
            _, s_res = model.run(s_levers, inputs)
            srows = [["Measure", "Baseline", "This step"],
                     ["Balance index", _f(base.balance.index), _f(s_res.balance.index)],
                     ["Crude crossing Russia (%)", _f(bvia), _f(s_res.share_via_russia["all_russian_transit"])],
                     ["Crude stranded (Mt)", _f(base.stranded_mt), _f(s_res.stranded_mt)],
                     ["Revenue at risk (USD bn)", _f(base.revenue_at_risk_usd_bn, 2),
                      _f(s_res.revenue_at_risk_usd_bn, 2)]]
            lines = [plain(step.notes)] if step.notes else []
            if step.focus:
                lines.append(f"Point at: {plain(step.focus)}")
            slides.append(Slide("story", plain(step.title), table=srows, lines=lines, notes=plain(step.notes),
                                subtitle=f"Story '{plain(story_name)}', step {i} of {n} · "
                                         f"{PAGE_TITLES.get(step.page, step.page)} page · {plain(s_name)}"))

    src = sources_rows(model, edited)
    per = 7
    chunks = [src[i:i + per] for i in range(1, len(src), per)]
    for k, chunk in enumerate(chunks, start=1):
        slides.append(Slide("sources", f"Sources: every table used ({k} of {len(chunks)})", table=[src[0]] + chunk,
                            subtitle="Every row in these files carries its source, year and confidence; "
                                     "data/README.md documents each file."))
    return Pack(name=name, day=day, slides=slides, figures=figs, sizes=sizes)


# --------------------------------------------------------------------------- rendering


def _streamlit_font() -> Path | None:
    """The dashboard's font file (Source Sans 3, variable weight), as Streamlit ships it."""
    import importlib.util

    spec = importlib.util.find_spec("streamlit")
    if spec is None or not spec.submodule_search_locations:
        return None
    media = Path(list(spec.submodule_search_locations)[0]) / "static" / "static" / "media"
    found = sorted(media.glob("SourceSansVF-Upright*.woff2"))
    return found[0] if found else None


def fontconfig_file() -> Path | None:
    """A fontconfig file that adds the dashboard's font to the system's, for the Chromium kaleido starts.

    Plotly draws a PNG through an SVG image, which sees only installed fonts (no web fonts), so the font is
    made known to fontconfig in a folder of the cache directory, as a TrueType file (Chromium ignores WOFF2
    system fonts; fontTools and brotli unpack it once). None when the font file, the unpacking or the folder
    is not to be had: the charts then use the system's sans-serif."""
    from posture.cache import cache_dir

    font = _streamlit_font()
    if font is None:
        return None
    try:
        folder = cache_dir() / "fonts"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "SourceSans3VF.ttf"
        if not target.exists():
            from fontTools.ttLib import TTFont

            ttf = TTFont(str(font))  # needs brotli for WOFF2
            ttf.flavor = None
            tmp = folder / f".{target.name}.tmp"
            ttf.save(str(tmp))
            tmp.replace(target)
        conf = folder / "fonts.conf"
        text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                f'  <dir>{folder}</dir>\n  <cachedir>{folder / "cache"}</cachedir>\n</fontconfig>\n')
        if not conf.exists() or conf.read_text() != text:
            conf.write_text(text)
        return conf
    except Exception:  # noqa: BLE001 - no brotli, a read-only disk: the system's sans-serif
        return None


CSS_FONT = "'Source Sans 3', SourceSans3VF, 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif"


def _quote_fonts(obj):
    """Font families as valid CSS: an unquoted name with a word starting with a digit ('Source Sans 3')
    invalidates the whole font-family list in the browser, which then draws the chart in its default serif."""
    if isinstance(obj, dict):
        return {k: (CSS_FONT if k == "family" and isinstance(v, str) and "Source Sans" in v else _quote_fonts(v))
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [_quote_fonts(v) for v in obj]
    return obj


PNG_KEEP = 200  # rendered charts kept in the cache folder (the oldest are deleted); a pack has about ten


def png_key(fig: dict, size: tuple[int, int], scale: float) -> str:
    """A SHA-256 of what decides a chart's pixels: the figure as kaleido receives it, its size and scale, the
    plotly, kaleido and Chromium that draw it and the font file. Same key, same picture."""
    import importlib.metadata as md

    import plotly
    from plotly.utils import PlotlyJSONEncoder

    h = hashlib.sha256(json.dumps(_quote_fonts(fig), sort_keys=True, cls=PlotlyJSONEncoder).encode())
    font = _streamlit_font()
    chromium = chromium_path()
    parts = [size, scale, plotly.__version__, md.version("kaleido"), chromium,
             Path(chromium).stat().st_mtime if chromium else None,
             (font.name, font.stat().st_size) if font else None]
    h.update(repr(parts).encode())
    return h.hexdigest()[:32]


def _png_folder() -> Path | None:
    import os

    from posture.cache import cache_dir

    return None if os.environ.get("POSTURE_NO_CACHE") else cache_dir() / "png"


def render_pngs(figs: dict[str, dict], sizes: dict[str, tuple[int, int]], scale: float = 2.0) -> dict[str, bytes]:
    """Every figure to PNG: a chart drawn before with the same content (:func:`png_key`) is read from the cache
    folder (``<cache dir>/png``, posture/cache.py); the others are drawn in one kaleido session and kept there.
    The map, the crude record and the arms chart do not depend on the scenario, and a pack built again (the PDF
    after the PPTX) draws nothing: no Chromium is started when every chart is a hit. A cache that cannot be read
    or written is ignored."""
    folder = _png_folder()
    keys: dict[str, str] = {}
    out: dict[str, bytes] = {}
    if folder is not None:
        for name, fig in figs.items():
            try:
                keys[name] = png_key(fig, sizes[name], scale)
                out[name] = (folder / f"{keys[name]}.png").read_bytes()
            except Exception:  # noqa: BLE001 - not drawn before, or unreadable: draw it
                pass
    missing = {k: v for k, v in figs.items() if k not in out}
    if missing:
        drawn = _render_with_kaleido(missing, sizes, scale)
        out.update(drawn)
        if folder is not None:
            _keep_pngs(folder, {keys[k]: b for k, b in drawn.items() if k in keys})
    return {k: out[k] for k in figs}


def _keep_pngs(folder: Path, blobs: dict[str, bytes]) -> None:
    import os
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for key, blob in blobs.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".png-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, folder / f"{key}.png")  # atomic: a reader sees no half-written picture
        old = sorted(folder.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)[PNG_KEEP:]
        for p in old:
            p.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a read-only disk: the next pack draws again
        pass


def _render_with_kaleido(figs: dict[str, dict], sizes: dict[str, tuple[int, int]], scale: float) -> dict[str, bytes]:
    """Every figure to PNG in one kaleido session (one Chromium start for the whole pack), offline:
    plotly.js from the plotly package, no MathJax, the dashboard's font from a local file."""
    import os

    import kaleido

    async def run() -> dict[str, bytes]:
        out = {}
        conf = fontconfig_file()
        before = os.environ.get("FONTCONFIG_FILE")
        if conf is not None:
            os.environ["FONTCONFIG_FILE"] = str(conf)  # read by Chromium when kaleido starts it
        try:
            k = kaleido.Kaleido(n=1, **kaleido_options())  # no MathJax: it would come from a CDN
            await k.open()
        finally:
            if conf is not None:
                if before is None:
                    os.environ.pop("FONTCONFIG_FILE", None)
                else:
                    os.environ["FONTCONFIG_FILE"] = before
        try:
            for key, fig in figs.items():
                w, h = sizes[key]
                out[key] = await k.calc_fig(_quote_fonts(fig), opts={"format": "png", "width": w, "height": h,
                                                                     "scale": scale})
        finally:
            await k.close()
        return out

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(run())
    # called from inside an event loop (a notebook): run in a thread of its own
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(lambda: asyncio.run(run())).result()


# --------------------------------------------------------------------------- writers


def _write_pptx(pack: Pack, pngs: dict[str, bytes]) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    W, H = prs.slide_width, prs.slide_height
    margin = Inches(0.5)
    prs.core_properties.title = plain(f"Briefing pack: {pack.name}")
    prs.core_properties.subject = "Kazakhstan's multi-vector posture"

    def style(run, size: int, colour=INK, bold: bool = False) -> None:
        run.font.size = Pt(size)
        run.font.name = FONT_NAME
        run.font.bold = bold
        run.font.color.rgb = RGBColor(*colour)

    def text_box(slide, left, top, width, height, paras: list[tuple[str, int, tuple, bool]]):
        box = slide.shapes.add_textbox(left, top, width, height)
        tf = box.text_frame
        tf.word_wrap = True
        for i, (text, size, colour, bold) in enumerate(paras):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            r = p.add_run()
            r.text = plain(text)
            style(r, size, colour, bold)
            p.space_after = Pt(6)
        return box

    for s in pack.slides:
        layout = prs.slide_layouts[0] if s.section == "title" else prs.slide_layouts[5]
        slide = prs.slides.add_slide(layout)
        title = slide.shapes.title
        tf = title.text_frame
        tf.text = ""
        tf.word_wrap = True
        r = tf.paragraphs[0].add_run()
        r.text = plain(s.title)
        if s.section == "title":
            title.left, title.top, title.width, title.height = margin, Inches(2.0), W - 2 * margin, Inches(1.5)
            style(r, 40, INK, True)
            sub = slide.placeholders[1]
            sub.left, sub.top, sub.width, sub.height = margin, Inches(3.6), W - 2 * margin, Inches(3.4)
            stf = sub.text_frame
            stf.text = ""
            stf.word_wrap = True
            first = True
            for text, size, colour in [(s.subtitle, 22, MUTED)] + [(ln, 16, INK) for ln in s.lines]:
                p = stf.paragraphs[0] if first else stf.add_paragraph()
                first = False
                run = p.add_run()
                run.text = plain(text)
                style(run, size, colour)
            continue
        title.left, title.top, title.width, title.height = margin, Inches(0.3), W - 2 * margin, Inches(0.9)
        style(r, 28, INK, True)
        top = Inches(1.2)
        if s.subtitle:
            text_box(slide, margin, top, W - 2 * margin, Inches(0.5), [(s.subtitle, 14, MUTED, False)])
            top += Inches(0.55)
        if s.image and s.image in pngs:
            w_px, h_px = pack.sizes[s.image]
            avail_w, avail_h = W - 2 * margin, H - top - Inches(0.3)
            ratio = min(avail_w / w_px, avail_h / h_px)
            pw, ph = int(w_px * ratio), int(h_px * ratio)
            slide.shapes.add_picture(io.BytesIO(pngs[s.image]), Emu(int((W - pw) / 2)), top, Emu(pw), Emu(ph))
        if s.table:
            n_rows, n_cols = len(s.table), len(s.table[0])
            side = s.lines and s.section == "story"
            tw = int((W - 2 * margin) * (0.45 if side else 1.0))
            row_h = Inches(0.34 if n_rows <= 12 else 0.3)
            shape = slide.shapes.add_table(n_rows, n_cols, W - margin - tw if side else margin, top, tw, row_h * n_rows)
            table = shape.table
            for i, row in enumerate(s.table):
                for j, val in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = ""
                    run = cell.text_frame.paragraphs[0].add_run()
                    run.text = plain(val)
                    style(run, 12 if n_rows <= 12 else 11, (255, 255, 255) if i == 0 else INK, i == 0)
            if s.lines and not side:
                top += row_h * n_rows + Inches(0.3)
        if s.lines and (not s.table or s.section == "story"):
            width = int((W - 2 * margin) * (0.52 if s.table else 1.0))
            text_box(slide, margin, top, width, H - top - Inches(0.4), [(ln, 16, INK, False) for ln in s.lines])
        elif s.lines:
            text_box(slide, margin, top, W - 2 * margin, H - top - Inches(0.3),
                     [(ln, 13, (0xB4, 0x53, 0x09), False) for ln in s.lines])
        if s.notes:
            slide.notes_slide.notes_text_frame.text = plain(s.notes)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _pdf_fonts() -> tuple[str, str] | None:
    for regular, bold in (("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                           "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
                          ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                           "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")):
        if Path(regular).exists() and Path(bold).exists():
            return regular, bold
    return None


def _write_pdf(pack: Pack, pngs: dict[str, bytes]) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L", unit="mm", format=(190.5, 338.7))
    pdf.set_auto_page_break(False)
    pdf.set_margins(12, 10, 12)
    pdf.set_title(plain(f"Briefing pack: {pack.name}"))
    pdf.set_subject("Kazakhstan's multi-vector posture")
    fonts = _pdf_fonts()
    if fonts:
        pdf.add_font("body", "", fonts[0])
        pdf.add_font("body", "B", fonts[1])
        family = "body"

        def t(x) -> str:
            return plain(x)
    else:  # the core font: Latin-1 only
        family = "helvetica"

        def t(x) -> str:
            return plain(x).encode("latin-1", "replace").decode("latin-1")
    W, H = pdf.w, pdf.h
    usable = W - 24

    for s in pack.slides:
        pdf.add_page()
        pdf.set_text_color(*INK)
        if s.section == "title":
            pdf.set_y(50)
            pdf.set_font(family, "B", 30)
            pdf.multi_cell(usable, 13, t(s.title), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            pdf.set_font(family, "", 17)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(usable, 9, t(s.subtitle), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            pdf.set_text_color(*INK)
            pdf.set_font(family, "", 13)
            for ln in s.lines:
                pdf.multi_cell(usable, 7, t(ln), new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.set_font(family, "B", 21)
        pdf.multi_cell(usable, 10, t(s.title), new_x="LMARGIN", new_y="NEXT")
        if s.subtitle:
            pdf.set_font(family, "", 11)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(usable, 6, t(s.subtitle), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(*INK)
        pdf.ln(2)
        top = pdf.get_y()
        if s.image and s.image in pngs:
            w_px, h_px = pack.sizes[s.image]
            ratio = min(usable / w_px, (H - top - 6) / h_px)
            w, h = w_px * ratio, h_px * ratio
            pdf.image(io.BytesIO(pngs[s.image]), x=(W - w) / 2, y=top, w=w, h=h)
        side = bool(s.table and s.lines and s.section == "story")
        if s.table:
            pdf.set_font(family, "", 10 if len(s.table) > 12 else 11)
            width = usable * (0.45 if side else 1.0)
            if side:
                pdf.set_xy(W - 12 - width, top)
            head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
            with pdf.table(width=width, align="RIGHT" if side else "LEFT", headings_style=head,
                           line_height=5.5 if len(s.table) > 12 else 6.5, first_row_as_headings=True) as table:
                for row in s.table:
                    r = table.row()
                    for val in row:
                        r.cell(t(val))
            if not side:
                pdf.ln(3)
        if s.lines and not (s.section == "title"):
            if side:
                pdf.set_xy(12, top)
                width = usable * 0.52
            else:
                width = usable
            pdf.set_font(family, "", 13 if side or not s.table else 11)
            for ln in s.lines:
                pdf.set_x(12)
                pdf.multi_cell(width, 6.5, t(ln), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
    return bytes(pdf.output())


def write_pack(pack: Pack, fmt: str, pngs: dict[str, bytes] | None = None) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    pngs = render_pngs(pack.figures, pack.sizes) if pngs is None else pngs
    return _write_pptx(pack, pngs) if fmt == "pptx" else _write_pdf(pack, pngs)


def build_pack(model, levers: Levers, inputs: ScenarioInputs | None = None, story=None, fmt: str = "pptx",
               name: str | None = None, day: date | None = None, edited: tuple[str, ...] = (), store=None) -> bytes:
    """The briefing pack's bytes (PPTX or PDF) for this scenario, on these inputs, with this story
    (``(name, steps)`` from posture.story.load_story, or None)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    with timed(f"building the {fmt} pack", log, slow=30.0):  # kaleido starts Chromium: seconds are normal
        pack = compose(model, levers, inputs, story, name, day, edited, store)
        return write_pack(pack, fmt)
