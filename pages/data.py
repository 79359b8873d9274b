"""Data and sources: every table the dashboard uses, what it holds, its sources, years and confidence."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.data import get_model
from components.layout import page_header
from posture.catalog import TABLES
from posture.freshness import SERIES_KEYS, STALE_AFTER_YEARS, reference_year, series_coverage

model = get_model()
page_header("Data and sources", "Every number on every chart comes from a row below. Each row carries its source, "
            "year and confidence; 'derived' rows show their arithmetic, analyst's estimates their reasoning.")


def _frame(name: str) -> pd.DataFrame:
    t = TABLES[name]
    if t.kind == "geojson":
        gdf = model.data.routes if name != "nodes" else model.data.nodes
        if name != "nodes":
            gdf = gdf[gdf["_table"] == name]
        df = pd.DataFrame(gdf.drop(columns=[c for c in ("geometry", "_table", "_feature") if c in gdf.columns]))
        if name != "nodes":
            m = model.route_metrics.loc[df["id"]]
            df.insert(3, "length_km_computed", m["length_km"].values)
            df.insert(4, "countries_computed", [";".join(c) for c in m["countries"]])
        return df.reset_index(drop=True)
    return model.data[name].reset_index(drop=True)


coverage = series_coverage({n: model.data[n] for n in SERIES_KEYS})
rows = []
for name, t in TABLES.items():
    df = _frame(name)
    years = ""
    for col in ("year", "throughput_year", "volume_year"):
        if col in df.columns and pd.to_numeric(df[col], errors="coerce").notna().any():
            y = pd.to_numeric(df[col], errors="coerce").dropna()
            years = f"{int(y.min())}-{int(y.max())}" if y.min() != y.max() else f"{int(y.min())}"
            break
    conf = df["confidence"].value_counts().to_dict() if "confidence" in df.columns else {}
    n_src = len({s.strip() for v in df.get("source", pd.Series(dtype=str)).dropna() for s in str(v).split(" ; ") if s.strip()})
    stale = int(coverage.loc[coverage["table"] == name, "stale"].sum()) if name in SERIES_KEYS else None
    rows.append({"table": t.title, "file": f"data/{t.path}", "rows": len(df), "years": years,
                 "series > 2 years old": stale,
                 "confidence": ", ".join(f"{k} {v}" for k, v in conf.items()), "distinct sources": n_src,
                 "units": t.units, "name": name})
overview = pd.DataFrame(rows)
st.dataframe(overview.drop(columns=["name"]), hide_index=True, width="stretch",
             column_config={"units": st.column_config.TextColumn(width="medium")})

with st.expander(f"How current each series is: {int(coverage['stale'].sum())} of {len(coverage)} series end more "
                 f"than {STALE_AFTER_YEARS} years before {reference_year()}"):
    cov = coverage.assign(table=coverage["table"].map(lambda n: TABLES[n].title),
                          flag=coverage["stale"].map({True: f"more than {STALE_AFTER_YEARS} years old", False: ""}))
    st.dataframe(cov.drop(columns=["stale"]).sort_values(["flag", "table"], ascending=[False, True]),
                 hide_index=True, width="stretch")
    st.caption("A series is one line of a chart: one partner, one route, one indicator. Plans, targets and forecasts "
               "do not count as its last year. `python -m posture validate FILE` prints the same warnings.")

names = overview["name"].tolist()
pick = st.selectbox("Open a table", names, key=state.DATA_TABLE,
                    format_func=lambda n: f"{TABLES[n].title} (data/{TABLES[n].path})")
t = TABLES[pick]
df = _frame(pick)
st.subheader(t.title, anchor=False)
st.markdown(t.description)
st.caption(f"Units: {t.units}. File: data/{t.path}. Documented in data/README.md.")
q = st.text_input("Find rows containing", key=f"data_q_{pick}", placeholder="e.g. CPC, 2023, Reuters")
view = df
if q:
    mask = df.astype(str).apply(lambda col: col.str.contains(q, case=False, regex=False)).any(axis=1)
    view = df[mask]
cfg = {c: st.column_config.TextColumn(width="large") for c in ("source", "note", "reasoning", "description", "narrative")
       if c in view.columns}
st.dataframe(view, hide_index=False, width="stretch", height=min(38 * (len(view) + 1), 560), column_config=cfg)
st.caption("The index on the left is the row in the file counted from 0: the CSV line is that number plus 2 "
           "(the header is line 1); for GeoJSON, the feature number is that number plus 1.")
path = model.data.data_dir / t.path
st.download_button(f"Download {path.name}", data=lambda p=path: p.read_bytes(), file_name=path.name,
                   mime="application/geo+json" if t.kind == "geojson" else "text/csv", key=f"dl_{pick}",
                   on_click="ignore", icon=":material/download:")

with st.expander("How to change the data"):
    st.markdown(
        "Edit the CSV files in `data/` with any spreadsheet, and the route lines in `data/routes/*.geojson` with "
        "QGIS. Check them with `python -m posture validate data/...`: it prints one line per problem (file, row, "
        "column, reason). Lengths, countries crossed and every share are recomputed from the files on the next "
        "start. The balance indicator's ties and weights can also be edited on the Balance page and downloaded.")
