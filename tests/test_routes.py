"""Route geometry and metrics: lengths against published figures, countries crossed computed from polygons."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from posture.geo import compute_capacity_by_country, countries_crossed, geodesic_length_km
from posture.units import mbd_to_mt_per_year, normalise_capacity

ROOT = Path(__file__).resolve().parents[1]


def test_every_route_crosses_exactly_its_countries(dataset, model):
    """Each route's computed countries (polygons crossed for more than 1 km, in order) are the ones the
    sources say it crosses: catches lines that miss a country or clip a neighbour."""
    wrong = {}
    for _, r in dataset.routes.iterrows():
        got = list(model.route_metrics.at[r["id"], "countries"])
        want = str(r["countries_expected"]).split(";")
        if got != want:
            wrong[r["id"]] = (got, want)
    assert wrong == {}


@pytest.mark.parametrize("route, expected", [
    ("cpc", ["KAZ", "RUS"]),
    ("btc", ["AZE", "GEO", "TUR"]),
    ("druzhba_kz_de", ["KAZ", "RUS", "BLR", "POL", "DEU"]),
    ("cagp_ab", ["TKM", "UZB", "KAZ", "CHN"]),
    ("cagp_d", ["TKM", "UZB", "TJK", "KGZ", "CHN"]),
    ("tanap", ["TUR"]),
    ("aktau_baku_tankers", ["KAZ", "AZE"]),
])
def test_known_lines_cross_the_known_countries(model, route, expected):
    assert list(model.route_metrics.at[route, "countries"]) == expected


def test_lengths_within_10_percent_of_published(dataset, model):
    """Every line with a published length is drawn within 10% of it: no exception since the third pass of issue
    16 (Line D is checked against the Tajik Ministry of Energy's itemised 966 km, data/README.md)."""
    checked, off = 0, {}
    for _, r in dataset.routes.iterrows():
        pub = r["published_length_km"]
        if pub == pub and pub:  # not NaN
            ratio = model.route_metrics.at[r["id"], "length_km"] / pub
            if not 0.90 <= ratio <= 1.10:
                off[r["id"]] = round(ratio, 3)
            checked += 1
    assert off == {}
    assert checked >= 25  # most routes have a published length to check against


@pytest.mark.parametrize("route", ["kcp_kenkiyak_kumkol", "baku_supsa", "bukhara_ural"])
def test_the_lines_the_second_pass_brought_within_10_percent(dataset, model, route):
    pub = dataset.routes.set_index("id").at[route, "published_length_km"]
    assert 0.90 <= model.route_metrics.at[route, "length_km"] / pub <= 1.10


def test_added_waypoints_record_their_basis(dataset):
    """Each line the second pass changed says which places were added and on what basis."""
    notes = dataset.routes.set_index("id")["geometry_note"]
    for rid in ("kcp_kenkiyak_kumkol", "baku_supsa", "bukhara_ural", "cagp_d"):
        note = notes[rid]
        assert "second pass (issue 16)" in note, rid
        assert "(GK" in note or "(SRC" in note, rid
    assert "kcp.kz" in notes["kcp_kenkiyak_kumkol"]  # the 483 km to the Aralsk area, from the operator


def test_length_by_country_sums_to_the_length(model):
    for rid, m in model.route_metrics.iterrows():
        parts = m["length_km_by_country"]
        assert sum(parts.values()) == pytest.approx(m["length_km"], abs=0.3), rid
        assert set(m["countries"]) <= set(parts), rid  # every country crossed has its section


def test_sea_legs_are_mostly_sea(model):
    parts = model.route_metrics.at["aktau_baku_tankers", "length_km_by_country"]
    assert parts["sea"] > 0.9 * model.route_metrics.at["aktau_baku_tankers", "length_km"]
    assert "sea" not in model.route_metrics.at["atyrau_samara", "length_km_by_country"]


# published country sections the drawn line still does not reach (data/README.md, known gaps): the Central
# Asia-China gas line's Kazakh section (1,293 km, Akorda 2009) and Uzbek section, TAP's Albanian section and Line D's
# Chinese section (155 km, Tajik Ministry of Energy; drawn 124 km): no source places the alignment that would
# reach them. tests/test_route_sections.py checks each section on its own.
# Checked at 10% like every other section once they leave this set; while listed, each must still be off.
SECTIONS_SHORT = {("cagp_ab", "KAZ"), ("cagp_ab", "UZB"), ("cagp_ab", "TKM"), ("cagp_c", "KAZ"), ("cagp_c", "UZB"),
                  ("tap", "ALB"), ("cagp_d", "CHN")}


def test_country_sections_against_published(dataset, model):
    from posture.geo import parse_sections

    checked, off, fixed = 0, {}, []
    for _, r in dataset.routes.iterrows():
        for iso, km in parse_sections(r.get("published_km_by_country")).items():
            drawn = model.route_metrics.at[r["id"], "length_km_by_country"].get(iso, 0.0)
            checked += 1
            within = 0.9 <= drawn / km <= 1.1
            if (r["id"], iso) in SECTIONS_SHORT:
                if within:
                    fixed.append((r["id"], iso))
                continue
            if not within:
                off[(r["id"], iso)] = round(drawn / km, 3)
    assert off == {}
    assert fixed == [], "now within 10%: take these off SECTIONS_SHORT"
    assert checked >= 10


@pytest.mark.parametrize("route, iso", [("baku_supsa", "GEO"), ("btc", "AZE"), ("btc", "GEO"), ("btc", "TUR"),
                                        ("tap", "GRC")])
def test_sections_now_at_their_published_length(dataset, model, route, iso):
    from posture.geo import parse_sections

    pub = parse_sections(dataset.routes.set_index("id").at[route, "published_km_by_country"])[iso]
    assert 0.9 <= model.route_metrics.at[route, "length_km_by_country"][iso] / pub <= 1.1


def test_southern_rail_turkmen_section_is_a_known_gap(model):
    """'Almost 700 km' in Turkmenistan (TASS 2014), summed over the three legs: drawn ~597 km. Listed as a known
    gap (data/README.md); this test fails once the drawn section reaches 630 km, to retire the gap."""
    tkm = sum(model.route_metrics.at[i, "length_km_by_country"].get("TKM", 0.0) for i in ("sc01", "sc02", "sc03"))
    assert 550 < tkm < 630


def test_southern_line_sum_matches_published_908_928(model):
    total = sum(model.route_metrics.at[i, "length_km"] for i in ("sc01", "sc02", "sc03"))
    assert 0.85 * 908 <= total <= 1.15 * 928


def test_geodesic_length_is_pyproj_not_planar():
    # one degree of longitude on the equator: 111.32 km on WGS84
    assert geodesic_length_km(shapely.LineString([(0, 0), (1, 0)])) == pytest.approx(111.32, abs=0.01)


def test_a_country_grazed_for_under_a_km_does_not_count(dataset):
    kaz = dataset.countries[dataset.countries["iso3"] == "KAZ"]
    # a line running along inside Kazakhstan, then poking 300 m over the Caspian shore is still KAZ only
    line = shapely.LineString([(70, 48), (72, 48)])
    assert [c for c, _ in countries_crossed(line, kaz)] == ["KAZ"]


def test_nodes_sit_in_or_next_to_their_country(dataset):
    c = dataset.countries.set_index("iso3")
    far = []
    for _, n in dataset.nodes.iterrows():
        poly = c.geometry[n["country_iso3"]]
        # ports sit on or just off the generalised coastline; Kashagan is offshore (~75 km out)
        limit = 1.0 if "offshore" in n["name"] else 0.15
        if poly.distance(n.geometry) > limit:
            far.append(n["id"])
    assert far == []


def test_capacity_normalisation_keeps_units_apart():
    assert normalise_capacity(81.5, "Mt/yr") == (81.5, "Mt/yr")
    assert normalise_capacity(30, "bcm/yr") == (30.0, "bcm/yr")
    assert normalise_capacity(1.2, "mb/d") == (pytest.approx(59.8, abs=0.1), "Mt/yr")
    assert mbd_to_mt_per_year(1.0) == pytest.approx(49.8, abs=0.05)
    assert normalise_capacity(None, None) == (None, None)
    with pytest.raises(ValueError):
        normalise_capacity(1, "barrels per fortnight")


def test_capacity_crossing_each_country(dataset, model):
    cap = compute_capacity_by_country(dataset.routes, model.route_metrics)
    rus_oil = cap[(cap["iso3"] == "RUS") & (cap["commodity"] == "oil")].iloc[0]
    assert "cpc" in rus_oil["routes"] and rus_oil["capacity"] >= 81.5
    assert set(cap["unit"]) <= {"Mt/yr", "bcm/yr"}


def test_an_edited_line_changes_the_metrics(dataset):
    """Geometry drives the metrics: move CPC's end into Ukraine and Ukraine appears."""
    from posture.geo import compute_route_metrics

    routes = dataset.routes[dataset.routes["id"] == "cpc"].copy()
    coords = list(routes.geometry.iloc[0].coords) + [(33.0, 46.5)]
    routes["geometry"] = [shapely.LineString(coords)]
    m = compute_route_metrics(gpd.GeoDataFrame(routes, crs="EPSG:4326"), dataset.countries)
    assert "UKR" in m.at["cpc", "countries"]


def test_crimea_is_drawn_in_ukraine(dataset):
    c = dataset.countries.set_index("iso3")
    sevastopol = shapely.Point(33.52, 44.6)
    assert c.geometry["UKR"].contains(sevastopol) and not c.geometry["RUS"].contains(sevastopol)


def test_cli_routes_json_fields():
    r = subprocess.run([sys.executable, "-m", "posture", "routes", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    recs = {x["id"]: x for x in json.loads(r.stdout)}
    cpc = recs["cpc"]
    for key in ("id", "name", "kind", "status", "length_km", "published_length_km", "countries", "capacity",
                "capacity_unit", "source"):
        assert key in cpc
    assert cpc["countries"] == ["KAZ", "RUS"] and cpc["kind"] == "pipeline" and cpc["capacity_unit"] == "Mt/yr"
    for rec in recs.values():  # every route: ISO3 (or 'sea') -> km, summing to its length
        assert sum(rec["length_km_by_country"].values()) == pytest.approx(rec["length_km"], abs=0.3)
    assert recs["cagp_ab"]["published_km_by_country"]["KAZ"] == 1300
    assert recs["btc"]["capacity_normalised_unit"] == "Mt/yr"
