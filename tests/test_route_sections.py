"""One test per published country section of a route (issue 16): the drawn section within 10% of the published
one. Sections no source lets us draw yet are strict xfails, so fixing one fails the test until it is taken off
the list; the sums and Line D's 966 km default are checked too."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from posture.geo import parse_sections

ROOT = Path(__file__).resolve().parents[1]

# (route, ISO3) -> why the drawn section is still off (data/README.md, routes, known gaps)
KNOWN_GAPS = {
    ("cagp_ab", "TKM"): "Saman-Depe plant position unknown: ~118 km drawn against 188 km",
    ("cagp_ab", "UZB"): "drawn ~601 km on towns (Bukhara-Navoiy-Jizzakh) against 525-530 km; no source gives the alignment",
    ("cagp_ab", "KAZ"): "drawn ~1,027 km against 1,293-1,304.5 km; no source places the crossing or compressor stations",
    ("cagp_c", "UZB"): "drawn on the A/B corridor: ~601 km against 529 km",
    ("cagp_c", "KAZ"): "drawn on the A/B corridor: ~1,027 km against 1,300 km",
    ("tap", "ALB"): "~170 km drawn against 215 km; the places named on the route give a shorter line (~157 km)",
    ("cagp_d", "CHN"): "~124 km drawn to Ulugqat against 155 km; no source names a place in the Kyzylsu valley",
}


def _published_sections() -> list[tuple[str, str, float]]:
    out = []
    for name in ("oil_routes", "gas_pipelines", "corridors"):
        fc = json.loads((ROOT / "data" / "routes" / f"{name}.geojson").read_text())
        for f in fc["features"]:
            p = f["properties"]
            for iso, km in parse_sections(p.get("published_km_by_country")).items():
                out.append((p["id"], iso, km))
    return out


SECTIONS = _published_sections()


def test_sections_are_collected():
    assert len(SECTIONS) >= 15
    assert set(KNOWN_GAPS) <= {(r, i) for r, i, _ in SECTIONS}  # a gap listed here is a published section


@pytest.mark.parametrize("route, iso, km", [
    pytest.param(r, i, km, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[(r, i)]))
    if (r, i) in KNOWN_GAPS else (r, i, km) for r, i, km in SECTIONS],
    ids=[f"{r}-{i}" for r, i, _ in SECTIONS])
def test_section_within_10_percent_of_published(model, route, iso, km):
    drawn = model.route_metrics.at[route, "length_km_by_country"].get(iso, 0.0)
    assert 0.90 <= drawn / km <= 1.10, f"{route} {iso}: drawn {drawn:.0f} km, published {km:.0f} km"


def test_every_route_sections_sum_to_its_length(model):
    for rid, m in model.route_metrics.iterrows():
        assert sum(m["length_km_by_country"].values()) == pytest.approx(m["length_km"], abs=0.3), rid


def test_line_d_default_is_the_itemised_official_figure(dataset, model):
    r = dataset.routes.set_index("id").loc["cagp_d"]
    sections = parse_sections(r["published_km_by_country"])
    assert r["published_length_km"] == 966 == sum(sections.values())  # 205 + 391 + 215 + 155
    assert "1,000 km" in r["length_note"] and "trend.az" in r["source"]  # the other figure kept beside it
    ratio = model.route_metrics.at["cagp_d", "length_km"] / 966
    assert 0.90 <= ratio <= 1.10


def test_line_d_sections_outside_china_within_10_percent(model):
    parts = model.route_metrics.at["cagp_d", "length_km_by_country"]
    for iso, km in {"UZB": 205, "TJK": 391, "KGZ": 215}.items():
        assert 0.90 <= parts[iso] / km <= 1.10, iso


def test_central_asia_china_whole_line_figure_is_from_gedaim(dataset):
    """The 1,833 km figure starts at the Turkmen-Uzbek border: the note says so, so the comparison of a drawn line
    that includes the Turkmen section is not mistaken for a like-for-like check (data/README.md)."""
    notes = dataset.routes.set_index("id")["length_note"]
    for rid in ("cagp_ab", "cagp_c"):
        assert "Gedaim" in notes[rid] and "1,304.5" in notes[rid], rid
