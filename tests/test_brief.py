"""The briefing pack, read back as data: slide titles, table cells, text frames, pictures (python-pptx, pypdf)."""
from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from posture import brief
from posture.catalog import TABLES
from posture.cli import main
from posture.problems import DataError
from posture.scenario import Levers
from posture.story import load_story, parse_story

SECTIONS = ("title", "headline", "balance", "moves", "map", "dependencies", "comparison", "story", "sources")


@pytest.fixture(scope="module")
def built(model):
    """One pack (the isolation assessment, the default story), its charts rendered once, written both ways."""
    levers, name = brief.resolve_scenario(model, "isolation")
    story = load_story("default")
    pack = brief.compose(model, levers, story=story, name=name, day=date(2026, 12, 1))
    pngs = brief.render_pngs(pack.figures, pack.sizes)
    return {"pack": pack, "pngs": pngs, "levers": levers, "story": story,
            "pptx": Presentation(io.BytesIO(brief.write_pack(pack, "pptx", pngs))),
            "pdf": PdfReader(io.BytesIO(brief.write_pack(pack, "pdf", pngs)))}


def slide_texts(slide) -> list[str]:
    out = []
    for sh in slide.shapes:
        if sh.has_text_frame:
            out.append(sh.text_frame.text)
        if sh.has_table:
            out += [c.text for row in sh.table.rows for c in row.cells]
    return out


def table_of(slide) -> list[list[str]]:
    (t,) = [sh.table for sh in slide.shapes if sh.has_table]
    return [[c.text for c in row.cells] for row in t.rows]


def test_pack_has_every_section_in_order(built):
    seen = []
    for s in built["pack"].slides:
        if not seen or seen[-1] != s.section:
            seen.append(s.section)
    assert tuple(seen) == SECTIONS


def test_pptx_title_slide_names_scenario_date_and_levers(built, model):
    prs = built["pptx"]
    first = prs.slides[0]
    assert first.shapes.title.text == "Briefing pack: Threats from isolation"
    text = "\n".join(slide_texts(first))
    assert "2026-12-01" in text
    for k, (old, new) in built["levers"].differs_from(Levers()).items():
        if k != "nuclear_vendor":
            assert f": {new:g} " in text, k
    assert "EDF (France)" in text  # the nuclear vendor, by name
    assert len(prs.slides) == len(built["pack"].slides)


def test_pptx_headline_numbers_are_the_scenarios_own(built, model):
    base, scen = model.run(built["levers"])
    slide = next(s for s in built["pptx"].slides if s.shapes.title.text.startswith("The headline numbers"))
    rows = {r[0]: r[1:] for r in table_of(slide)}
    assert rows["Balance index (0-100)"][:2] == [f"{base.balance.index:.1f}", f"{scen.balance.index:.1f}"]
    key = f"Crude crossing Russia, {model.latest_year} (%)"
    assert rows[key][1] == f"{scen.share_via_russia['all_russian_transit']:.1f}"
    assert rows["Crude stranded (Mt)"][1] == f"{scen.stranded_mt:.1f}" and scen.stranded_mt > 0
    assert rows["Moscow's reaction (illustrative model)"][1] == "triggered"
    assert any("Warning:" in t for t in slide_texts(slide))  # the scenario's warnings


def test_pptx_charts_and_map_are_pictures(built):
    by_title = {s.shapes.title.text: s for s in built["pptx"].slides}
    pictured = [s for s in built["pack"].slides if s.image]
    assert {s.image for s in pictured} >= {"exposure", "tornado", "recommendations", "map", "oil_exports", "routes",
                                           "trade", "arms"}
    for s in pictured:
        shapes = by_title[s.title].shapes
        pics = [sh for sh in shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pics) == 1, s.title
        assert pics[0].image.content_type == "image/png" and len(pics[0].image.blob) > 10_000
    for key, png in built["pngs"].items():
        assert png[:8] == b"\x89PNG\r\n\x1a\n", key


def test_pptx_comparison_tables_hold_the_scenario_against_the_baseline(built, model):
    base, scen = model.run(built["levers"])
    slides = [s for s in built["pptx"].slides if s.shapes.title.text.startswith("The scenario against the baseline")]
    assert len(slides) == 2
    exp = {r[0]: r for r in table_of(slides[0])}
    assert exp["Russia"][1:3] == [f"{base.balance.exposure['RUS']:.1f}", f"{scen.balance.exposure['RUS']:.1f}"]
    routes = {r[0]: r for r in table_of(slides[1])}
    so = scen.oil_year.groupby("route_name")["mt"].sum()
    cpc = next(k for k in routes if k.startswith("CPC"))
    assert routes[cpc][2] == f"{so[cpc]:.1f}"


def test_pptx_story_steps_with_their_notes(built, model):
    _, steps = built["story"]
    story_slides = [s for s in built["pptx"].slides if "Story 'default'" in "\n".join(slide_texts(s))]
    assert [s.shapes.title.text for s in story_slides] == [st.title for st in steps]
    for slide, step in zip(story_slides, steps):
        assert any(t.startswith(step.notes) for t in slide_texts(slide))
        assert slide.notes_slide.notes_text_frame.text == step.notes
    # each step's own numbers: the CPC outage step strands crude
    outage = next(s for s, st in zip(story_slides, steps) if st.scenario == "cpc_outage")
    _, res = model.run(next(p.levers for p in model.presets if p.id == "cpc_outage"))
    rows = {r[0]: r for r in table_of(outage)}
    assert rows["Crude stranded (Mt)"][2] == f"{res.stranded_mt:.1f}" and res.stranded_mt > 0


def test_pptx_sources_name_every_table_used(built):
    slides = [s for s in built["pptx"].slides if s.shapes.title.text.startswith("Sources")]
    cells = [c for s in slides for c in sum(table_of(s), [])]
    for name in brief.USED_TABLES:
        assert f"data/{TABLES[name].path}" in cells, name
    assert "data/geo/countries_analysis.geojson" in cells
    text = " ".join(cells)
    assert "SIPRI" in text and "Energy Institute" in text or "KazTransOil" in text  # real source titles


def test_pdf_holds_every_section_and_the_numbers(built, model):
    pdf = built["pdf"]
    assert len(pdf.pages) == len(built["pack"].slides)
    pages = [p.extract_text() for p in pdf.pages]
    flat = [re.sub(r"\s+", " ", t) for t in pages]
    for s, text in zip(built["pack"].slides, flat):
        assert re.sub(r"\s+", " ", s.title)[:40] in text, s.title
    base, scen = model.run(built["levers"])
    assert f"{scen.balance.index:.1f}" in flat[1] and f"{base.balance.index:.1f}" in flat[1]
    assert "data/oil/exports.csv" in " ".join(flat[-3:])
    for s, page in zip(built["pack"].slides, pdf.pages):
        assert bool(page.images) == bool(s.image), s.title
    assert pdf.metadata.title == "Briefing pack: Threats from isolation"


def test_user_text_is_written_as_text_never_as_markup(model):
    hostile = "<b>Bold</b> [click](http://evil.example) ![img](x.png) <script>x</script>\x07end"
    story = ("mine", parse_story([{"page": "overview", "title": hostile, "notes": hostile, "focus": hostile}]))
    pack = brief.compose(model, Levers(reroute_mt=2), story=story, name=hostile)
    clean = hostile.replace("\x07", "")
    figs = json.dumps(pack.figures)
    assert "evil.example" not in figs and "<script>" not in figs  # never passed to plotly, which reads tags
    pngs = {k: _tiny_png() for k in pack.figures}
    prs = Presentation(io.BytesIO(brief.write_pack(pack, "pptx", pngs)))
    assert prs.slides[0].shapes.title.text == f"Briefing pack: {clean}"
    step = next(s for s in prs.slides if s.shapes.title.text == clean)
    assert any(t.startswith(clean) for t in slide_texts(step)) and step.notes_slide.notes_text_frame.text == clean
    xml = b"".join(p.blob for p in prs.part.package.iter_parts() if p.partname.endswith(".xml"))
    assert b"<script>" not in xml and b"&lt;script&gt;" in xml  # escaped text, not markup
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(brief.write_pack(pack, "pdf", pngs))).pages)
    assert "[click](http://evil.example)" in re.sub(r"\s+", " ", text)


def _tiny_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, "PNG")
    return buf.getvalue()


def test_charts_use_the_dashboards_font_as_valid_css():
    fig = {"layout": {"font": {"family": "Source Sans Pro, Source Sans 3, Arial"}, "title": {"font": {"size": 3}}}}
    fam = brief._quote_fonts(fig)["layout"]["font"]["family"]
    assert fam.startswith("'Source Sans 3'") and fam.endswith("sans-serif")


# --------------------------------------------------------------------------- scenarios by name, file, store


def test_scenarios_resolve_by_preset_file_and_saved_name(model, tmp_path):
    assert brief.resolve_scenario(model, "western")[1] == "Increased Western involvement"
    assert brief.resolve_scenario(model, "CPC outage (30-day suspension)")[0].cpc_outage_pct == 100
    f = tmp_path / "my plan.json"
    f.write_text(json.dumps(Levers(reroute_mt=2.5, nuclear_vendor="KOR").to_dict()), encoding="utf-8")
    assert brief.resolve_scenario(model, str(f)) == (Levers(reroute_mt=2.5, nuclear_vendor="KOR"), "my plan")

    class Store:
        def load(self, name):
            return Levers(brics_pts=-4) if name == "Team B" else None

    assert brief.resolve_scenario(model, "Team B", store=Store()) == (Levers(brics_pts=-4), "Team B")
    with pytest.raises(DataError):
        brief.resolve_scenario(model, "Team C", store=Store())


@pytest.mark.parametrize("content", ["{not json", '["a"]', '{"colour": 1}', '{"reroute_mt": "lots"}',
                                     '{"cpc_outage_pct": 250}', '{"nuclear_vendor": "XX"}', '{"oil_price": NaN}'])
def test_invalid_scenario_files_say_why(model, tmp_path, content):
    f = tmp_path / "s.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as err:
        brief.resolve_scenario(model, str(f))
    assert err.value.problems and all(p.file == str(f) and p.reason for p in err.value.problems)


def test_scenario_files_go_through_the_strict_reader_when_there_is_one(model, tmp_path, monkeypatch):
    from posture import scenario as sc

    seen = []

    def parse_levers(d, specs=None, source="scenario"):
        seen.append((d, source, bool(specs)))
        return None, [sc_problem(source)]

    def sc_problem(source):
        from posture.problems import Problem

        return Problem(source, None, "reroute_MT", "unknown lever; did you mean reroute_mt?")

    monkeypatch.setattr(sc, "parse_levers", parse_levers, raising=False)
    monkeypatch.setattr(sc, "specs_by_id", lambda params, oil: {"reroute_mt": object()}, raising=False)
    f = tmp_path / "s.json"
    f.write_text('{"reroute_MT": 2}', encoding="utf-8")
    with pytest.raises(DataError) as err:
        brief.resolve_scenario(model, str(f))
    assert seen == [({"reroute_MT": 2}, str(f), True)] and "did you mean" in err.value.problems[0].reason


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("args, words", [
    (["--scenario", "nowhere"], "is not a preset"),
    (["--scenario", "missing.json"], "no such scenario file"),
    (["--scenario", "western", "--story", "nowhere"], "neither a story file nor a story name"),
])
def test_cli_bad_input_exits_1_with_one_line(args, words, tmp_path, capsys):
    rc = main(["brief", *args, "--out", str(tmp_path / "p.pptx")])
    out = capsys.readouterr()
    assert rc == 1 and words in out.out and len(out.out.strip().splitlines()) == 1 and not out.err
    assert not (tmp_path / "p.pptx").exists()


def test_cli_unwritable_or_wrong_outputs(tmp_path, capsys):
    for out, words in ((str(tmp_path / "no" / "such" / "p.pptx"), "no folder"), (str(tmp_path), "is a folder"),
                       (str(tmp_path / "p.docx"), ".pptx or .pdf")):
        rc = main(["brief", "--scenario", "western", "--out", out])
        text = capsys.readouterr().out
        assert rc == 1 and words in text and len(text.strip().splitlines()) == 1, (out, text)


def test_cli_invalid_story_names_each_problem(tmp_path, capsys):
    f = tmp_path / "story.json"
    f.write_text(json.dumps([{"page": "nowhere", "title": "t"}, {"page": "map"}]), encoding="utf-8")
    rc = main(["brief", "--scenario", "western", "--story", str(f), "--out", str(tmp_path / "p.pdf")])
    lines = capsys.readouterr().out.strip().splitlines()
    assert rc == 1 and len(lines) == 2
    assert "page" in lines[0] and "not a page" in lines[0] and "title" in lines[1] and str(f) in lines[1]


def test_cli_writes_the_pack(tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    assert main(["brief", "--scenario", "cpc_outage", "--out", str(out)]) == 0
    assert "scenario 'CPC outage (30-day suspension)'" in capsys.readouterr().out
    reader = PdfReader(str(out))
    assert "Briefing pack: CPC outage" in reader.pages[0].extract_text()


def test_the_map_is_drawn_from_our_geometry_with_no_geo_traces(built):
    fig = built["pack"].figures["map"]
    types = {t["type"] for t in fig["data"]}
    assert types == {"scatter"}  # no scattergeo / choropleth: those fetch their base map from a CDN
    assert sum(1 for t in fig["data"] if t.get("fill") == "toself") == 2  # land, and Kazakhstan
    legend = {t["name"] for t in fig["data"] if t.get("showlegend") and t.get("mode") == "lines"}
    assert {"Oil pipelines and tanker links", "Gas pipelines", "Middle Corridor (Trans-Caspian)"} <= legend
    (names,) = [t["text"] for t in fig["data"] if t.get("mode") == "text"]
    assert "Kazakhstan" in names and any("Caspian" in n for n in names)
    assert "http" not in json.dumps(fig)
