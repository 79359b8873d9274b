"""Command line: ``python -m posture COMMAND``.

validate [PATH...]      exit 0 when every file is valid, else 1 and one line per problem (no PATH: all of data/)
routes [--json]         one record per route: length (geodesic), countries crossed (computed), capacity, source
dependencies [--year Y] [--json]
                        crude exports by route, the share crossing Russia (both definitions), concentration
balance [--ties FILE] [--weights FILE] [--scenario NAME_OR_FILE | --by-year] [--json]
                        the balance indicator (and, with --scenario, baseline and scenario side by side)
scenarios [--json]      the presets
saved list|save|export|import|delete|revisions ... [--db URL]
                        the team's saved scenarios (see ``saved --help``)
brief --scenario NAME|FILE [--story NAME|FILE] --out FILE.pptx|FILE.pdf
                        the briefing pack: slides with the scenario against the baseline, charts, map, sources

Every command reads the data folder (--data DIR, else $POSTURE_DATA_DIR, else data/); bad input gives exit 1 and
one line per problem, never a traceback. -v logs what it does to stderr (posture/log.py).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import pandas as pd

from posture.catalog import TABLES, data_dir
from posture.log import cli_logging
from posture.problems import DataError, Problem


def _clean(o):
    """JSON-safe: NaN -> None, numpy scalars -> Python."""
    if isinstance(o, dict):
        return {str(k): _clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_clean(v) for v in o]
    if hasattr(o, "item") and not isinstance(o, (str, bytes)):
        try:
            o = o.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(o, float) and math.isnan(o):
        return None
    if o is pd.NA or o is pd.NaT:
        return None
    return o


def _print_json(obj) -> None:
    print(json.dumps(_clean(obj), indent=2, ensure_ascii=False))


def _print_problems(problems: list[Problem]) -> int:
    for p in problems:
        print(str(p))
    return 1


def _model(data_dir: Path):
    from posture.cache import cached_model

    return cached_model(data_dir)[0]


def cmd_validate(args) -> int:
    from posture.load import validate_path

    from posture.load import resolve_table

    paths = _validate_targets(args.paths, args.data, args.table)
    problems: list[Problem] = []
    for path in paths:
        found = validate_path(Path(path), args.table)
        problems += found
        table, _ = resolve_table(Path(path), args.table)
        if not found and table is not None and table.name in ("ties", "weights"):
            problems += _balance_references(Path(path), table.name, args.data)
    if problems:
        return _print_problems(problems)
    print(f"{len(paths)} file(s) valid")
    for line in _stale_warnings(paths, args.table):
        print(line)  # a warning, not a problem: the exit code stays 0
    return 0


def _validate_targets(paths: list[str], data_dir: Path, table_name: str | None) -> list[str]:
    """The files ``validate`` checks: those named; for a directory (or no path: the data directory) every
    catalogue table found under it, so ``python -m posture validate`` checks the shipped data as a whole."""
    from posture.catalog import TABLES

    if not paths:
        paths = [str(data_dir)]
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir() and table_name is None:
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in (".csv", ".geojson")
                           and any(f.as_posix().endswith(t.path) for t in TABLES.values()))
            if not found:
                raise SystemExit(f"{path}: holds no known input table (known: "
                                 f"{', '.join(sorted(t.path for t in TABLES.values()))})")
            out += [f.as_posix() for f in found]
        else:
            out.append(path)
    return out


def _stale_warnings(paths: list[str], table_name: str | None) -> list[str]:
    """Series whose last year is more than two years old, in the files just validated."""
    from posture.freshness import SERIES_KEYS, stale_warnings
    from posture.load import load_csv, resolve_table

    out = []
    for path in paths:
        table, _ = resolve_table(Path(path), table_name)
        if table is None or table.kind != "csv" or table.name not in SERIES_KEYS:
            continue
        out += stale_warnings(table.name, load_csv(Path(path), table), Path(path).as_posix())
    return out


def _balance_references(path: Path, table: str, data_dir: Path) -> list[Problem]:
    """A ties or weights file is checked as ``balance --ties/--weights`` would use it: known vectors and
    dimensions, none missing, computed cells filled from the data (or the file's shares taken), rows at 100."""
    from posture.balance_inputs import prepare_ties, validate_weights
    from posture.load import load_csv

    frame = load_csv(path, TABLES[table], path.as_posix())
    if table == "weights":
        dims = load_csv(data_dir / TABLES["dimensions"].path, TABLES["dimensions"])["id"].tolist()
        return validate_weights(frame, dims, file=path.as_posix())
    model = _model(data_dir)
    _, problems, notes = prepare_ties(frame, model.computed_shares, model.vector_ids, model.dimension_ids,
                                      file=path.as_posix())
    _notes(path.as_posix(), notes)
    return problems


def _notes(file: str, notes: list[str]) -> None:
    """What a file changes beyond its cells (a computed dimension taken as the analyst's): said on stderr."""
    for n in notes:
        print(f"note: {file}: {n}", file=sys.stderr)


def _parse_sections(text) -> dict[str, float]:
    from posture.geo import parse_sections

    return parse_sections(text)


def routes_records(model) -> list[dict]:
    out = []
    r = model.data.routes
    for _, row in r.iterrows():
        m = model.route_metrics.loc[row["id"]]
        out.append({
            "id": row["id"], "name": row["name"], "kind": row["mode"], "layer": row["layer"],
            "commodity": row["commodity"], "status": row["status"],
            "length_km": m["length_km"], "published_length_km": row["published_length_km"],
            "length_basis": row["length_basis"], "length_ratio": m["length_ratio"],
            "countries": list(m["countries"]), "km_by_country": m["km_by_country"],
            "length_km_by_country": m["length_km_by_country"],
            "published_km_by_country": _parse_sections(row.get("published_km_by_country")),
            "countries_expected": str(row["countries_expected"]).split(";"),
            "capacity": row["capacity_value"], "capacity_unit": row["capacity_unit"],
            "capacity_normalised": m["capacity"], "capacity_normalised_unit": m["capacity_norm_unit"],
            "throughput": row["throughput_value"], "throughput_unit": row["throughput_unit"],
            "throughput_year": row["throughput_year"], "operator": row["operator"],
            "source": row["source"], "year": row["year"], "confidence": row["confidence"],
        })
    return out


def cmd_routes(args) -> int:
    model = _model(args.data)
    recs = routes_records(model)
    if args.json:
        _print_json(recs)
        return 0
    print(f"{'id':28} {'kind':9} {'status':18} {'km':>7} {'published':>9}  countries")
    for r in recs:
        pub = "" if r["published_length_km"] is None or pd.isna(r["published_length_km"]) else f"{r['published_length_km']:.0f}"
        print(f"{r['id']:28} {r['kind']:9} {r['status']:18} {r['length_km']:7.0f} {pub:>9}  {'-'.join(r['countries'])}")
    return 0


def dependencies_payload(model, year: int | None) -> dict:
    from posture import dependency as dep

    oil = model.oil if year is None else model.oil[model.oil["year"] == year]
    if oil.empty:
        raise DataError([Problem("oil/exports.csv", None, "year", f"no crude export data for {year}")])
    shares = dep.compute_share_via_russia(oil)
    latest_year = year if year is not None else model.latest_year
    latest = dep.select_period(model.oil, latest_year) if year is None else oil[oil["period"] == "full year"]
    if latest.empty:
        latest = oil
    conc = dep.compute_concentration_summary(latest, model.trade_shares, model.investment,
                                             model.data["arms_imports"], model.vector_ids, model.vector_names)
    conc = conc.to_dict(orient="records")
    return {
        "oil_exports": [
            {"year": int(r.year), "period": r.period, "label": r.label, "route": r.route, "route_name": r.route_name,
             "mt": float(r.mt), "crosses_russia": r.crosses_russia, "basis": r.basis}
            for r in oil.itertuples()
        ],
        "share_via_russia": [
            {"year": int(s.year), "period": s.period, "label": s.label, "period_kind": s.period_kind,
             "total_mt": s.total_mt, "cpc_only": round(s.cpc_only, 2),
             "all_russian_transit": round(s.all_russian_transit, 2), "unattributed": round(s.unattributed, 2),
             "western_via_russia": round(s.western_via_russia, 2), "western_mt": s.western_mt,
             "western_unattributed": round(s.western_unattributed, 2)}
            for s in shares.itertuples()
        ],
        "definitions": {k: {"label": v[0], "means": v[1]} for k, v in dep.DEFINITIONS.items()},
        "concentration": conc,
    }


def cmd_dependencies(args) -> int:
    model = _model(args.data)
    payload = dependencies_payload(model, args.year)
    if args.json:
        _print_json(payload)
        return 0
    print("Share of crude exports crossing Russia")
    print(f"{'period':14} {'total Mt':>9} {'CPC only':>9} {'all Russian transit':>20} {'unattributed':>13} "
          f"{'Western markets via Russia':>27}")
    for s in payload["share_via_russia"]:
        print(f"{s['label']:14} {s['total_mt']:9.1f} {s['cpc_only']:8.1f}% {s['all_russian_transit']:19.1f}% "
              f"{s['unattributed']:12.1f}% {s['western_via_russia']:26.1f}%")
    for k, d in payload["definitions"].items():
        print(f"  {d['label']}: {d['means']}")
    print("\nConcentration")
    for c in payload["concentration"]:
        print(f"  {c['dimension']:40} largest: {c['largest']} {c['largest_share_pct']:.1f}%  HHI {c['hhi']:.0f}")
    return 0


def _read_override(path: str | None, table_name: str) -> pd.DataFrame | None:
    if not path:
        return None
    from posture.load import read_csv_text

    p = Path(path)
    try:
        content = p.read_bytes()
    except OSError as err:
        raise DataError([Problem(path, None, None, f"cannot be read: {err.strerror}")]) from None
    frame, problems = read_csv_text(content, TABLES[table_name], path)
    if problems:
        raise DataError(problems)
    return frame


def _levers_from(arg: str, model):
    """A preset (id or name) or a scenario JSON file; every problem with the file is a DataError, never a crash."""
    from posture.load import read_json
    from posture.scenario import LeverError, Levers, specs_by_id

    for p in model.presets:
        if p.id == arg or p.name.lower() == arg.lower():
            return p.levers, p.name
    path = Path(arg)
    if path.exists() or path.is_symlink():
        doc, problems = read_json(path, arg)
        if problems:
            raise DataError(problems)
        try:
            return Levers.from_dict(doc, specs_by_id(model.params, model.oil_latest), source=arg), path.name
        except LeverError as err:
            raise DataError(err.problems) from None
        except (ValueError, TypeError) as err:
            raise DataError([Problem(arg, None, None, f"is not a valid scenario file: {err}")]) from None
    known = ", ".join(p.id for p in model.presets)
    raise DataError([Problem(arg, None, None, f"is neither a preset ({known}) nor a scenario JSON file")])


def _checked_inputs(model, ties: pd.DataFrame | None, weights: pd.DataFrame | None, ties_file: str,
                    weights_file: str) -> tuple[pd.DataFrame | None, list]:
    """--ties and --weights checked as the app checks them (every problem named; DataError if any): the ties
    completed with the computed dimensions, and the notes on what was taken from the file."""
    from posture.balance_inputs import prepare_ties, validate_weights

    problems, notes = [], []
    if ties is not None:
        ties, problems, notes = prepare_ties(ties, model.computed_shares, model.vector_ids, model.dimension_ids,
                                             file=ties_file)
        _notes(ties_file, notes)
    if weights is not None:
        problems += validate_weights(weights, model.dimension_ids, file=weights_file)
    if problems:
        raise DataError(problems)
    return ties, notes


def balance_payload(model, ties: pd.DataFrame | None, weights: pd.DataFrame | None, scenario: str | None,
                    ties_file: str = "--ties", weights_file: str = "--weights") -> dict:
    from posture.scenario import Levers

    ties, notes = _checked_inputs(model, ties, weights, ties_file, weights_file)
    inputs = model.scenario_inputs(ties, weights)
    levers, name = (Levers(), None) if scenario is None else _levers_from(scenario, model)
    base, scen = model.run(levers, inputs)
    names = model.vector_names

    from posture.balance import index_sentence

    def side(res):
        return {**res.headline(names),
                "sentence": index_sentence(res.balance, res.matrix, model.dimension_names, names)}

    out = side(base)
    out["formula"] = ("index = 100 * (1/HHI - 1) / (N - 1) (effective partners on 0-100); effective_partners = "
                      "1 / HHI; measures: partners (the index), hhi = 100 * (1 - (HHI - 1/N) / (1 - 1/N)), "
                      "entropy = 100 * H / ln N, largest = 100 * (1 - max share) / (1 - 1/N)")
    if scenario is not None:
        out = {"scenario_name": name, "levers": levers.to_dict(), "baseline": side(base),
               "scenario": side(scen),
               "warnings": list(scen.warnings), "reaction_triggered": scen.reaction_triggered}
    if notes:
        out["notes"] = notes
    return out


def balance_by_year(model, ties: pd.DataFrame | None, weights: pd.DataFrame | None,
                    ties_file: str = "--ties", weights_file: str = "--weights") -> list[dict]:
    """One record a year (posture/timeline.py): year, index, measures, effective partners, exposure (vector to
    percent, summing to 100), the dimensions one vector holds more than half of, and how each dimension's figure
    was got (measured, partial year, estimate, carried over from a year)."""
    from posture.balance import dominance_sentence, normalised_weights
    from posture.timeline import posture_by_year

    ties, _ = _checked_inputs(model, ties, weights, ties_file, weights_file)
    w = normalised_weights(weights, model.dimension_ids) if weights is not None else None
    out = []
    for yp in posture_by_year(model, ties, w):
        rec = yp.record(model.vector_names)
        rec["sentence"] = dominance_sentence(yp.matrix, model.dimension_names, model.vector_names)
        out.append(rec)
    return out


def cmd_balance(args) -> int:
    model = _model(args.data)
    ties = _read_override(args.ties, "ties")
    weights = _read_override(args.weights, "weights")
    if args.by_year:
        if args.scenario:
            raise DataError([Problem("--scenario", None, None, "cannot be combined with --by-year: the years are the "
                                     "data's; the scenario is shown as a branch after the latest year on the Balance "
                                     "page (run balance --scenario for its numbers)")])
        records = balance_by_year(model, ties, weights, args.ties or "--ties", args.weights or "--weights")
        if args.json:
            _print_json(records)
            return 0
        print("year  index  partners  largest exposure      carried over")
        for r in records:
            carried = [f"{model.dimension_names.get(d['dimension'], d['dimension'])} (from {d['from_year']})"
                       for d in r["dimensions"]
                       if d["status"] == "carried over"]
            dom = model.vector_names.get(r["dominant"], r["dominant"])
            print(f"{r['year']}  {r['index']:5.1f}  {r['effective_partners']:8.2f}  {dom} {r['dominant_share']:.1f}%"
                  f"  {', '.join(carried) or '-'}")
        print(records[-1]["sentence"])
        return 0
    payload = balance_payload(model, ties, weights, args.scenario, args.ties or "--ties", args.weights or "--weights")
    if args.json:
        _print_json(payload)
        return 0
    sides = [("baseline", payload["baseline"]), ("scenario", payload["scenario"])] if args.scenario else [("", payload)]
    for label, s in sides:
        head = f"{label}: " if label else ""
        print(f"{head}balance index {s['index']:.1f} / 100, effective partners {s['effective_partners']:.2f}, "
              f"dominant {s['dominant_name']} ({s['dominant_share']:.1f}%)")
        print(f"  {s['sentence']}")
        print("  other measures: " + ", ".join(f"{k} {v:.1f}" for k, v in s["measures"].items() if k != "partners"))
        print("  exposure: " + ", ".join(f"{k} {v:.1f}%" for k, v in s["exposure"].items()))
    for w in payload.get("warnings", []):
        print(f"warning: {w}")
    return 0


def cmd_scenarios(args) -> int:
    model = _model(args.data)
    recs = [{"id": p.id, "name": p.name, "kind": p.kind, "narrative": p.narrative,
             "levers": {k: v for k, v in p.levers.to_dict().items() if k != "version"}} for p in model.presets]
    if args.json:
        _print_json(recs)
        return 0
    for r in recs:
        print(f"{r['id']:26} {r['name']}  [{r['kind']}]")
    return 0


# ------------------------------------------------------------------ saved scenarios (the team's store)


def _saved_store(args):
    from posture.store import open_store

    return open_store(args.db)


def _saved_problems(err) -> int:
    """One line per problem for the store's and the document's refusals."""
    from posture.document import DocumentError

    lines = err.problems if isinstance(err, DocumentError) else [str(err)]
    for line in lines:
        print(line, file=sys.stderr)
    return 1


def _saved_document(args, model):
    """A document from --scenario (a preset, a scenario file or a saved-scenario document), --ties, --weights."""
    from posture import document as docmod
    from posture.balance_inputs import assemble_ties, validate_ties, validate_weights

    arg = args.scenario
    doc = None
    for p in model.presets:
        if p.id == arg or p.name.lower() == arg.lower():
            doc = docmod.Document(name=args.name, levers=p.levers)
    if doc is None:
        path = Path(arg)
        if not path.is_file():
            known = ", ".join(p.id for p in model.presets)
            raise DataError([Problem(arg, None, None, f"is neither a preset ({known}) nor a scenario JSON file")])
        try:
            doc = docmod.parse(path.read_bytes(), name=args.name, specs=_saved_specs(model))
        except OSError as err:
            raise DataError([Problem(arg, None, None, f"cannot be read: {err.strerror}")]) from None
        except docmod.DocumentError as err:
            raise DataError([Problem(arg, None, None, p) for p in err.problems]) from None
        doc = doc.replace(name=args.name, revision=0)
    problems = []
    ties = _read_override(args.ties, "ties")
    if ties is not None:
        ties = assemble_ties(ties, model.computed_shares)
        problems += validate_ties(ties, model.vector_ids, model.dimension_ids, file=args.ties)
    weights = _read_override(args.weights, "weights")
    if weights is not None:
        problems += validate_weights(weights, model.dimension_ids, file=args.weights)
    if problems:
        raise DataError(problems)
    if ties is not None:
        doc = doc.replace(ties=docmod.ties_overrides(ties, model.ties))
    if weights is not None:
        over = docmod.weights_overrides(weights[["dimension", "weight", "rationale"]] if "rationale" in weights
                                        else weights.assign(rationale=""))
        default = docmod.weights_overrides(model.data["weights"])
        doc = doc.replace(weights=None if over == default else over)
    bad = docmod.input_problems(doc, model.vector_ids, model.dimension_ids)
    if bad:
        raise DataError([Problem(arg, None, None, p) for p in bad])
    return doc.replace(note=args.note if args.note is not None else doc.note,
                       author=args.author if args.author is not None else doc.author)


def _saved_specs(model):
    from posture.scenario import specs_by_id

    return specs_by_id(model.params, model.oil_latest)


def _summary_record(s) -> dict:
    return {"name": s.name, "revision": s.revision, "author": s.author, "note": s.note,
            "created": s.created.isoformat(), "updated": s.updated.isoformat()}


def cmd_saved(args) -> int:
    from posture import document as docmod
    from posture.store import StoreError

    try:
        store = _saved_store(args)
        if args.saved == "list":
            rows = store.list()
            if args.json:
                _print_json([_summary_record(s) for s in rows])
            elif not rows:
                print(f"No saved scenarios in {store.where}.")
            else:
                for s in rows:
                    print(f"{s.name!r:40} rev {s.revision:<4} {s.updated:%Y-%m-%d %H:%M} UTC  {s.author}")
            return 0
        if args.saved == "revisions":
            rows = store.revisions(args.name)
            if args.json:
                _print_json([_summary_record(s) for s in rows])
            else:
                for s in rows:
                    print(f"rev {s.revision:<4} {s.updated:%Y-%m-%d %H:%M} UTC  {s.author:20} {s.note[:60]!r}")
            return 0
        if args.saved == "save":
            doc = _saved_document(args, _model(args.data))
            current = store.get(doc.name)
            saved = store.save(doc, base_revision=current.revision if current and args.overwrite else None,
                               overwrite=args.overwrite)
            print(f"saved {saved.name!r} as revision {saved.revision} in {store.where}")
            return 0
        if args.saved == "export":
            text = store.load(args.name, args.revision).to_json() + "\n"
            if args.out:
                try:
                    Path(args.out).write_text(text, encoding="utf-8")
                except OSError as err:
                    print(f"{args.out}: cannot be written: {err.strerror}", file=sys.stderr)
                    return 1
            else:
                sys.stdout.write(text)
            return 0
        if args.saved == "import":
            try:
                raw = Path(args.file).read_bytes()
            except OSError as err:
                print(f"{args.file}: cannot be read: {err.strerror}", file=sys.stderr)
                return 1
            model = _model(args.data)
            try:
                doc = docmod.parse(raw, name=Path(args.file).stem, specs=_saved_specs(model))
            except docmod.DocumentError as err:
                for p in err.problems:
                    print(f"{args.file}: {p}", file=sys.stderr)
                return 1
            bad = docmod.input_problems(doc, model.vector_ids, model.dimension_ids)
            if bad:
                for p in bad:
                    print(f"{args.file}: {p}", file=sys.stderr)
                return 1
            before = store.get(doc.name)
            saved = store.import_document(doc, force=args.force)
            if before is not None and saved.revision == before.revision:
                print(f"{saved.name!r} is already stored with the same content (revision {saved.revision})")
            else:
                print(f"imported {saved.name!r} as revision {saved.revision} in {store.where}")
            return 0
        if args.saved == "delete":
            store.delete(args.name)
            print(f"deleted {args.name!r} from {store.where}")
            return 0
    except (StoreError, docmod.DocumentError) as err:
        if args.saved == "import" and type(err).__name__ == "StaleRevision":
            print(f"{err} Pass --force to import it anyway.", file=sys.stderr)
            return 1
        if args.saved == "save" and type(err).__name__ == "NameTaken":
            print(f"{err} Pass --overwrite to save a new revision over it.", file=sys.stderr)
            return 1
        return _saved_problems(err)
    raise AssertionError(args.saved)


def _add_saved(sub) -> None:
    def db_option(default):
        p = argparse.ArgumentParser(add_help=False)
        p.add_argument("--db", metavar="URL", default=default,
                       help="database URL or SQLite file (default: POSTURE_DATABASE_URL, else POSTURE_DB_PATH, "
                            "else ~/.local/share/posture/scenarios.db)")
        return p

    sv = sub.add_parser("saved", help="the team's saved scenarios", parents=[db_option(None)])
    db = db_option(argparse.SUPPRESS)  # after the verb too, without hiding a --db given before it
    ss = sv.add_subparsers(dest="saved", required=True)
    x = ss.add_parser("list", help="every saved scenario, the latest first", parents=[db])
    x.add_argument("--json", action="store_true")
    x = ss.add_parser("revisions", help="the revisions of one saved scenario", parents=[db])
    x.add_argument("name")
    x.add_argument("--json", action="store_true")
    x = ss.add_parser("save", help="save a preset or a scenario file under a name", parents=[db])
    x.add_argument("name")
    x.add_argument("--scenario", required=True, help="preset id or name, or a scenario JSON file")
    x.add_argument("--ties", help="edited ties CSV (as data/balance/ties.csv)")
    x.add_argument("--weights", help="edited weights CSV (as data/balance/weights.csv)")
    x.add_argument("--note")
    x.add_argument("--author")
    x.add_argument("--overwrite", action="store_true", help="save a new revision over an existing name")
    x = ss.add_parser("export", help="a saved scenario as its JSON document", parents=[db])
    x.add_argument("name")
    x.add_argument("--revision", type=int)
    x.add_argument("--out", help="file to write (default: standard output)")
    x = ss.add_parser("import", help="store an exported document", parents=[db])
    x.add_argument("file")
    x.add_argument("--force", action="store_true", help="import even a stale copy of a newer save")
    x = ss.add_parser("delete", help="delete a saved scenario and its revisions", parents=[db])
    x.add_argument("name")
    for p in [sv, *ss.choices.values()]:
        p.set_defaults(func=cmd_saved)


def cmd_brief(args) -> int:
    """The briefing pack for a scenario (and a story), as PPTX or PDF by the output's suffix."""
    import os

    from posture.brief import FORMATS, build_pack, resolve_scenario
    from posture.story import load_story

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if out.is_dir():
        raise DataError([Problem(args.out, None, None, "is a folder: name the file to write, FILE.pptx or FILE.pdf")])
    if fmt not in FORMATS:
        raise DataError([Problem(args.out, None, None, "the pack is written as .pptx or .pdf: name the file so")])
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        why = f"cannot be written: no folder {folder}" if not folder.is_dir() else "cannot be written: permission denied"
        raise DataError([Problem(args.out, None, None, why)])
    model = _model(args.data)
    levers, name = resolve_scenario(model, args.scenario)
    story = load_story(args.story, args.data) if args.story else None
    try:
        blob = build_pack(model, levers, story=story, fmt=fmt, name=name)
    except (OSError, RuntimeError, TimeoutError, ImportError) as err:  # kaleido/Chromium missing or failing
        raise DataError([Problem(args.out, None, None, f"cannot render the charts (kaleido needs Chromium at "
                                                       f"/usr/bin/chromium): {err}".splitlines()[0])]) from None
    try:
        out.write_bytes(blob)
    except OSError as err:
        raise DataError([Problem(args.out, None, None, f"cannot be written: {err.strerror or err}")]) from None
    print(f"{out}: {fmt.upper()}, {len(blob) // 1024} KB, scenario '{name}'" + (f", story '{story[0]}'" if story else ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m posture", description="Kazakhstan posture dashboard: data and metrics.")
    ap.add_argument("--data", type=Path, default=data_dir(),
                    help="data directory (default: $POSTURE_DATA_DIR, else the repository's data/)")
    ap.add_argument("-v", "--verbose", action="count", default=0,
                    help="log to stderr what the command does: -v loads, validation problems, store errors and slow "
                         "runs; -vv debug")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="validate input files")
    v.add_argument("paths", nargs="*",
                   help="files or directories (default: the data directory, every table in it)")
    v.add_argument("--table", choices=sorted(TABLES), help="which table the files are (default: from name or header)")
    v.set_defaults(func=cmd_validate)
    r = sub.add_parser("routes", help="route metrics from geometry")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_routes)
    d = sub.add_parser("dependencies", help="crude export routes, share via Russia, concentration")
    d.add_argument("--year", type=int)
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_dependencies)
    b = sub.add_parser("balance", help="the multi-vector balance indicator")
    b.add_argument("--ties")
    b.add_argument("--weights")
    b.add_argument("--scenario", help="preset id or name, or a scenario JSON file")
    b.add_argument("--by-year", action="store_true", help="one record a year, 2014 to the latest full year")
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_balance)
    s = sub.add_parser("scenarios", help="list the scenario presets")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_scenarios)
    _add_saved(sub)
    br = sub.add_parser("brief", help="the briefing pack (PPTX or PDF) for a scenario")
    br.add_argument("--scenario", required=True, help="preset id or name, saved scenario name, or scenario JSON file")
    br.add_argument("--story", help="story name (data/stories/NAME.json) or story JSON file")
    br.add_argument("--out", required=True, help="FILE.pptx or FILE.pdf")
    br.set_defaults(func=cmd_brief)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    cli_logging(args.verbose)
    try:
        return args.func(args)
    except DataError as err:
        return _print_problems(err.problems)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except RecursionError:
        print("error: an input is nested too deeply to read", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - the promise is one line and exit 1, never a traceback
        if os.environ.get("POSTURE_DEBUG"):
            raise
        print(f"error: {type(err).__name__}: {err} (a bug: please report it; POSTURE_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
