"""The validated input tables and geodata, as :func:`posture.load.load_dataset` returns them.

Its own module, importing neither pandera nor the catalogue, because the model's disk cache pickles it: reading
the cache then imports this module, not the loader and its schemas (see posture/paths.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from posture.paths import DATA_DIR

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd


@dataclass(frozen=True)
class Dataset:
    """Everything the dashboard reads from data/, validated. Treat as read-only: it is shared by every session."""

    tables: Mapping[str, pd.DataFrame]
    routes: gpd.GeoDataFrame  # all route lines: oil, gas and corridor legs
    nodes: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame  # unsimplified, for intersections (the map's light copy is in static/geo/)
    data_dir: Path = field(default=DATA_DIR)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]
