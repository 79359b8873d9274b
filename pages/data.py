"""Data and sources: every table the dashboard uses, what it holds, its sources, years and confidence."""
from __future__ import annotations

import streamlit as st

from components import state
from components.data import get_model
from components.layout import page_header
from posture.catalog import TABLES
from posture.freshness import SERIES_KEYS, STALE_AFTER_YEARS, reference_year, series_coverage
from posture.inventory import compute_table_overview, table_frame
from posture.text import neutralise_csv

model = get_model()
page_header("Data and sources", "Every number on every chart comes from a row below. Each row carries its source, "
            "year and confidence; 'derived' rows show their arithmetic, analyst's estimates their reasoning.")


coverage = series_coverage({n: model.data[n] for n in SERIES_KEYS})
overview = compute_table_overview(model, coverage)
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
df = table_frame(model, pick)
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
# The file as it is on disk; a CSV's formula-like cells (=, +, -, @) are neutralised for spreadsheets.
st.download_button(f"Download {path.name}", file_name=path.name,
                   data=lambda p=path, k=t.kind: p.read_bytes() if k == "geojson" else neutralise_csv(p.read_bytes()),
                   mime="application/geo+json" if t.kind == "geojson" else "text/csv", key=f"dl_{pick}",
                   on_click="ignore", icon=":material/download:")

with st.expander("How to change the data"):
    st.markdown(
        "Edit the CSV files in `data/` with any spreadsheet, and the route lines in `data/routes/*.geojson` with "
        "QGIS. Check them with `python -m posture validate data/...`: it prints one line per problem (file, row, "
        "column, reason). Lengths, countries crossed and every share are recomputed from the files on the next "
        "start. The balance indicator's ties and weights can also be edited on the Balance page and downloaded.")
