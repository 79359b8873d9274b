"""posture: the domain package of the Kazakhstan posture dashboard.

Pure Python (pandas, geopandas, shapely, pyproj, pandera, plotly, pydeck); never imports
Streamlit. Data flows one way: data/ -> posture (load, validate, compute) -> components -> pages.
"""

__version__ = "0.1.0"
