"""Unit normalisation: oil capacity to Mt/yr, gas to bcm/yr. The original figure and unit stay in data/.

Conversion convention: 7.33 barrels per tonne of crude, the average factor used in the
Energy Institute (formerly BP) Statistical Review approximate conversion table. Real
crudes range from about 7.0 to 7.6 bbl/t (CPC Blend, a light crude, is near the top).
"""
from __future__ import annotations

import math

BARRELS_PER_TONNE = 7.33
DAYS_PER_YEAR = 365.0


def mbd_to_mt_per_year(mbd: float) -> float:
    """Million barrels per day to million tonnes per year."""
    return mbd * DAYS_PER_YEAR / BARRELS_PER_TONNE


def normalise_capacity(value, unit) -> tuple[float | None, str | None]:
    """(value, unit) in the source's unit -> (value, 'Mt/yr' or 'bcm/yr'); (None, None) when unknown."""
    if value is None or unit is None or (isinstance(value, float) and math.isnan(value)):
        return None, None
    if not isinstance(unit, str):
        return None, None
    if unit == "Mt/yr":
        return float(value), "Mt/yr"
    if unit == "mb/d":
        return round(mbd_to_mt_per_year(float(value)), 1), "Mt/yr"
    if unit == "bcm/yr":
        return float(value), "bcm/yr"
    raise ValueError(f"unknown capacity unit {unit!r}")


def revenue_usd_bn(mt: float, price_usd_per_bbl: float) -> float:
    """Value of ``mt`` million tonnes of crude at a price in USD per barrel, in USD billion."""
    return mt * BARRELS_PER_TONNE * price_usd_per_bbl / 1000.0
