"""The posture over time, and the index said out loud: sections the Balance page and the Overview share.

``render_index_sentence`` puts the dimensions one vector holds more than half of in the same breath as the
index (posture.balance.index_sentence); ``render_posture_over_time`` draws the index and the exposures year by
year with the main events and the active scenario as a branch, with its CSV; ``render_measures`` shows the
other measures of spread beside the default, on reference cases.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import get_model, session_inputs
from components.layout import csv_button, render_figure
from components.scenario import scenario_name
from posture.balance import SPREAD_MEASURES, index_sentence, normalised_weights, reference_cases
from posture.scenario import Levers
from posture.text import md_text
from posture.timeline import posture_by_year, years_table
from posture.viz.timeline import build_balance_timeline


@st.cache_resource(max_entries=32, show_spinner=False)
def _years(ties: pd.DataFrame | None, weights: pd.DataFrame | None):
    """Keyed on the tables' content (Streamlit hashes them): equal copies share an entry, an edited cell gets its own."""
    model = get_model()
    if ties is None and weights is None:  # the defaults: computed before the model was pickled (posture/cache.py)
        return model.default_years
    w = normalised_weights(weights, model.dimension_ids) if weights is not None else None
    return posture_by_year(model, ties, w)


def session_years():
    """The posture by year for this session's inputs (the edited ties and weights, else the defaults)."""
    ties, weights = session_inputs()
    return _years(ties, weights)


def render_index_sentence(model, result) -> None:
    """The index as a briefer says it, with the dimensions one vector holds more than half of."""
    st.markdown(md_text(index_sentence(result.balance, result.matrix, model.dimension_names, model.vector_names)))


def render_posture_over_time(model, base, scen, key: str, narrow: bool = False) -> None:
    """The index and exposures a year from 2014, the events, the scenario branch; the table as CSV."""
    years = session_years()
    active = scen.levers.differs_from(Levers(oil_price=scen.levers.oil_price))
    name = scenario_name(scen.levers, model.presets) if active else None
    fig = build_balance_timeline(years, model.data["events"], model.vector_names, model.vector_colours,
                                 model.dimension_names, scenario=scen.balance if active else None,
                                 baseline=base.balance, scenario_name=name, narrow=narrow)
    render_figure(fig, f"{key}_timeline", downloads=False)
    table = years_table(years, model.vector_names, model.dimension_names)
    st.caption("The marker after the latest year is today's baseline (grey: trade "
               f"{base.trade.year}, crude {model.latest_year}, the estimates of balance/ties.csv)"
               + (f" and the scenario (black): {md_text(name)}." if active else ".")
               + " Each year's trade, crude routes and investment come from that year's rows; a year without its "
                 "own figure carries the nearest year's, and the table says so.")
    csv_button(table, "The years as a table (CSV)", "balance_by_year.csv", f"{key}_years_csv")


def measures_table(model, balance, years) -> pd.DataFrame:
    """Every measure of spread on the reference cases, Kazakhstan's first and latest year and today's inputs."""
    extra = {f"Kazakhstan {years[0].year} (mostly carried over)": years[0].balance.exposure,
             f"Kazakhstan {years[-1].year}": years[-1].balance.exposure,
             "Kazakhstan, inputs on screen": balance.exposure}
    df = reference_cases(extra, n=len(model.vector_ids))
    # short headers: the table fits a 1280-wide screen without scrolling (the measures are named above it)
    return df.rename(columns={"largest_share_pct": "largest %", "effective_partners": "partners",
                              **SHORT_LABELS})


SHORT_LABELS = {"partners": "index (default)", "hhi": "1 - norm. HHI", "entropy": "entropy",
                "largest": "1 - largest"}


def render_measures(model, balance) -> None:
    """The other measures beside the default, and why the default."""
    years = session_years()
    st.markdown(md_text(f"Other measures for the inputs on screen: "
                        + "; ".join(f"{SPREAD_MEASURES[k].label} {v:.0f}" for k, v in (balance.measures or {}).items()
                                    if k != "partners") + ". In the table: "
                        + "; ".join(f"{SHORT_LABELS[k]} = {m.label} ({m.formula})"
                                    for k, m in SPREAD_MEASURES.items()) + "."))
    st.dataframe(measures_table(model, balance, years), hide_index=True, width="stretch")
    st.markdown(WHY)


WHY = """
**Why effective partners on 0-100 is the default.** Every measure gives 100 for an even spread and 0 for one
partner, ignores the vectors' order and the weights' scale, and falls when the dominant vector's share rises.
They differ in between. One minus the normalised HHI (the index until December 2026) squares the shares, so it
stays high while one vector holds two fifths: 87 for Kazakhstan and 58 for a 50/50 split between two of seven
vectors, which a room hears as "well balanced". Effective partners, $1/\\mathrm{HHI}$, is a count a briefer can say
("as spread as ties split evenly over 3.9 of the 7 vectors"); placed on 0-100 it reads 0 for one partner, 17 for
two equal partners, 100 for all seven, and each point is one hundredth of the way from one partner to all seven.
Entropy lies between the two with no count to say; one minus the largest share sees the largest vector only.

**Limits.** The index still measures spread, not the strength or reversibility of a tie; it depends on how many
vectors are counted; averaging dimensions hides the dimensions one vector dominates, which is why they are named
with the index everywhere it is shown.
"""


METHOD = r"""
* **Exposure** to vector $v$: $E_v = \sum_d w_d\, s_{dv} / \sum_d w_d$, the weighted mean of its shares $s_{dv}$ over the dimensions $d$.
* **Concentration**: $H = \sum_v (E_v/100)^2$ (Herfindahl-Hirschman), between $1/N$ and $1$ for $N$ vectors.
* **Effective number of partners** $P = 1/H$, between 1 and $N$.
* **Balance index** $= 100\,(P - 1)/(N - 1)$: 100 when exposure is spread evenly over the $N$ vectors, 0 when it all sits with one.

**Limits.** The index measures spread, not the strength, quality or reversibility of a tie. It depends on how many
vectors are counted ($N$). Shares of different dimensions are averaged as if they were commensurable, and
four of the seven dimensions are an analyst's estimates (labelled, with reasoning, under *where each cell comes from*;
for earlier years in data/balance/ties_by_year.csv). Trade shares use a total derived from published partner shares;
investment shares carry holding-company FDI. Before 2022 the data hold no trade, crude-route or investment figures, so
those years carry 2022's (marked on the chart and in the CSV).
"""
