"""The vector colours stay apart for colour-blind viewers, on the white page and the high-contrast black one.

Deuteranopia and protanopia are simulated at full severity with colorspacious (Machado et al. 2009), and
distances measured in CAM02-UCS (colorspacious's ``deltaE``), where about 1 unit is a just-noticeable
difference; 15 is well clear for categories read at a glance off a projector. The palette before 2026-12-02
failed: the EU and the US were 4.6 apart under deuteranopia, Türkiye and Others 4.6 under protanopia.
"""
from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

colorspacious = pytest.importorskip("colorspacious")
from colorspacious import cspace_convert, deltaE  # noqa: E402

from posture.viz.style import HIGH_CONTRAST, VECTOR_COLOURS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MIN_PAIR = 15.0
MIN_BACKGROUND = 30.0
VISION = {
    "normal": None,
    "deuteranopia": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanopia": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
}
BACKGROUNDS = {"normal theme": "#FFFFFF", "high-contrast theme": HIGH_CONTRAST["background"]}
OLD_PALETTE = {"RUS": "#C62828", "CHN": "#E6A100", "EU": "#1F5AA6", "USA": "#7B3FA0", "TURKIC": "#009E9A",
               "CA": "#3D8B37", "OTHER": "#8C8C8C"}


def rgb1(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255


def seen(hex_colour: str, vision) -> np.ndarray:
    c = rgb1(hex_colour)
    return c if vision is None else np.clip(cspace_convert(c, vision, "sRGB1"), 0, 1)


def distance(a: str, b: str, vision) -> float:
    return float(deltaE(seen(a, vision), seen(b, vision), input_space="sRGB1", uniform_space="CAM02-UCS"))


def closest_pairs(palette: dict[str, str], vision) -> list[tuple[float, str, str]]:
    return sorted((distance(palette[a], palette[b], vision), a, b) for a, b in itertools.combinations(palette, 2))


@pytest.mark.parametrize("vision", list(VISION))
def test_every_pair_of_vector_colours_stays_apart(vision):
    pairs = closest_pairs(VECTOR_COLOURS, VISION[vision])
    near = [(round(d, 1), a, b) for d, a, b in pairs if d < MIN_PAIR]
    assert not near, f"{vision}: too close (CAM02-UCS) {near}"


@pytest.mark.parametrize("vision", list(VISION))
@pytest.mark.parametrize("theme", list(BACKGROUNDS))
def test_every_vector_colour_stands_off_both_backgrounds(vision, theme):
    bg = BACKGROUNDS[theme]
    near = [(v, round(distance(c, bg, VISION[vision]), 1)) for v, c in VECTOR_COLOURS.items()
            if distance(c, bg, VISION[vision]) < MIN_BACKGROUND]
    assert not near, f"{vision} on the {theme} ({bg}): {near}"


def test_the_check_fails_the_palette_it_replaced():
    """The test can fail: the old palette's EU and US merge under deuteranopia, Türkiye and Others under
    protanopia."""
    deut = closest_pairs(OLD_PALETTE, VISION["deuteranopia"])[0]
    prot = closest_pairs(OLD_PALETTE, VISION["protanopia"])
    assert deut[0] < MIN_PAIR and {deut[1], deut[2]} == {"EU", "USA"}
    assert any({a, b} == {"TURKIC", "OTHER"} and d < MIN_PAIR for d, a, b in prot)


def test_simulation_changes_what_a_red_green_pair_looks_like():
    """colorspacious really simulates: pure red and green are far apart to normal vision, close under deuteranopia."""
    assert distance("#FF0000", "#00FF00", None) > 2 * distance("#FF0000", "#00FF00", VISION["deuteranopia"])


def test_the_palette_is_the_same_everywhere():
    """The map, the charts and the pack read data/balance/vectors.csv; Streamlit's own charts read config.toml."""
    vectors = pd.read_csv(ROOT / "data" / "balance" / "vectors.csv").sort_values("order")
    assert dict(zip(vectors["id"], vectors["colour"].str.upper())) == VECTOR_COLOURS
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["theme"]["chartCategoricalColors"] == [VECTOR_COLOURS[v] for v in vectors["id"]]


def test_the_model_and_the_pack_use_the_palette(model):
    assert model.vector_colours == VECTOR_COLOURS
