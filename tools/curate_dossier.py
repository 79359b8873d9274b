"""Curate the default tables in data/ from the sourced dossier in ../shared/data/dossier.

Run once by a developer; the output is committed and the app never reads ../shared.
Every output row keeps the dossier's ``source`` and ``confidence`` (looked up by row, not
retyped), the data year, and a ``basis`` that says whether a number is reported as published,
derived by arithmetic from published numbers (formula in ``note``), or an analyst's estimate.

Usage: python tools/curate_dossier.py [--dossier ../shared/data/dossier] [--out data]
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve()


class Dossier:
    def __init__(self, root: Path):
        self.root = root
        self._frames: dict[str, pd.DataFrame] = {}

    def frame(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = pd.read_csv(self.root / f"{name}.csv", dtype=str, keep_default_na=False)
        return self._frames[name]

    def src(self, name: str, *rows: int) -> dict[str, str]:
        """Source and confidence of one or more dossier rows (0-based data rows)."""
        f = self.frame(name)
        sources: list[str] = []
        confs: list[str] = []
        for r in rows:
            for s in f.at[r, "source"].split(" ; "):
                if s and s not in sources:
                    sources.append(s)
            confs.append(f.at[r, "confidence"])
        order = {"low": 0, "medium": 1, "high": 2}
        conf = min(confs, key=lambda c: order.get(c, 0))
        return {"source": " ; ".join(sources), "confidence": conf}


def write(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    print(f"wrote {path} ({len(df)} rows)")


# --------------------------------------------------------------------------- oil


def oil_tables(d: Dossier, out: Path) -> None:
    routes = [
        # id, name, segments (route ids in data/routes/oil_routes.geojson), origin, terminal, market
        ("cpc", "CPC Tengiz-Novorossiysk", "cpc",
         "Tengiz, Kashagan, Karachaganak (Atyrau and West Kazakhstan regions)",
         "CPC marine terminal, Novorossiysk (RUS)", "World market (Black Sea tankers)"),
        ("atyrau_samara", "Atyrau-Samara (Transneft)", "atyrau_samara",
         "Mangystau and Atyrau fields (Uzen and others)", "Samara hub (RUS), then Transneft ports",
         "World market via Russian ports"),
        ("druzhba_germany", "Druzhba to Germany (via Samara)", "druzhba_kz_de",
         "Mangystau and Atyrau fields", "PCK refinery, Schwedt (DEU)", "Germany"),
        ("aktau_makhachkala", "Aktau-Makhachkala tankers", "aktau_makhachkala_tankers",
         "Mangystau fields", "Makhachkala (RUS), then Transneft", "World market via Russian ports"),
        ("aktau_btc", "Aktau-Baku tankers, then BTC", "aktau_baku_tankers;btc",
         "Tengiz (KMG-SOCAR contract) and Mangystau fields", "Ceyhan terminal (TUR)", "Mediterranean (via Ceyhan)"),
        ("aktau_other", "Aktau port, split not given", "",
         "Mangystau fields", "Aktau port (KAZ), then Baku or Makhachkala", "not stated"),
        ("china_pipeline", "Kazakhstan-China pipeline",
         "kcp_kenkiyak_kumkol;kumkol_atasu;kcp_atasu_alashankou",
         "Aktobe and Kumkol fields", "Alashankou (CHN), then Dushanzi refinery", "China"),
        ("rail", "Crude by rail", "", "various", "not stated", "not stated"),
    ]
    er = pd.DataFrame(routes, columns=["id", "name", "segments", "origin", "terminal", "market"])
    er["note"] = ""
    # where the route description comes from: the dossier rows of its pipelines, or of its export figures
    pipe_rows = {"cpc": [0], "atyrau_samara": [1], "druzhba_germany": [2], "aktau_makhachkala": [21],
                 "aktau_btc": [20, 14], "china_pipeline": [4, 6, 3]}
    export_rows = {"aktau_other": [3, 26], "rail": [5]}
    srcs = []
    for rid in er["id"]:
        srcs.append(d.src("pipelines", *pipe_rows[rid]) if rid in pipe_rows else d.src("oil_export_routes", *export_rows[rid]))
    er["source"] = [x["source"] for x in srcs]
    er["confidence"] = [x["confidence"] for x in srcs]
    er.loc[er.id == "aktau_other", "note"] = (
        "Transit unknown: the source gives Aktau's total without the split between Baku and Makhachkala.")
    er.loc[er.id == "rail", "note"] = "Transit unknown: the sources do not say where rail crude goes."
    er.loc[er.id == "druzhba_germany", "note"] = (
        "Kazakh oil enters Druzhba at Samara after the Atyrau-Samara line; volumes are a subset of what leaves Atyrau.")
    write(er, out / "oil" / "export_routes.csv")

    O = "oil_export_routes"
    rows = []

    def add(year, period, basis, route, mt, row_ids, *, text="", share="", note=""):
        rows.append({"year": year, "period": period, "basis": basis, "export_route": route,
                     "volume_mt": mt, "volume_text": text, "share_pct_published": share,
                     "note": note, **d.src(O, *row_ids)})

    # 2022 full year (NUS breakdown from the Kazakh Ministry of Energy)
    add(2022, "full year", "actual", "cpc", 52, [1], share=81)
    add(2022, "full year", "actual", "atyrau_samara", 8, [2], share=13,
        note="source line: Atyrau-Samara / Druzhba (Transneft)")
    add(2022, "full year", "derived", "aktau_btc", 0.25, [3],
        note="source note: 'in 2022 only 0.25 Mt went towards BTC' (of Aktau's 2 Mt)")
    add(2022, "full year", "derived", "aktau_other", 1.75, [3],
        note="derived: Aktau total 2 Mt minus 0.25 Mt towards BTC; Baku/Makhachkala split not given")
    add(2022, "full year", "actual", "china_pipeline", 1, [4], share=2)
    add(2022, "full year", "actual", "rail", 0.4, [5], share=0.6)
    # 2023 full year
    add(2023, "full year", "actual", "cpc", 56, [9], share=79, text="about 56",
        note="minister: 'about 56 Mt'")
    add(2023, "full year", "actual", "druzhba_germany", 0.993, [10], share=1.4, note="began Feb 2023")
    add(2023, "full year", "actual", "aktau_btc", 1.392, [12], share=2.0, note="of which 1.057 Mt Tengiz crude")
    add(2023, "full year", "actual", "aktau_makhachkala", 1.984, [13], share=2.8)
    add(2023, "full year", "actual", "china_pipeline", 1.2, [14], share=1.7,
        note="Kazakh customs count 5.7 Mt 'exports to China' incl. other channels/ownership")
    # 2024 plan
    add(2024, "plan", "plan", "cpc", 55.4, [19], share=80.5)
    add(2024, "plan", "plan", "atyrau_samara", 8.6, [20], share=12.5)
    add(2024, "plan", "plan", "aktau_other", 3.6, [21], share=5.2, note="Aktau port total, no split in the plan")
    add(2024, "plan", "plan", "china_pipeline", 1.1, [22], share=1.6)
    add(2024, "plan", "plan", "rail", 0.05, [23], share=0.1)
    # 2024 January-October actuals
    add(2024, "Jan-Oct", "partial", "cpc", 46.3, [24])
    add(2024, "Jan-Oct", "derived", "atyrau_samara", 6.0, [25],
        note="derived: Atyrau-Samara 7.2 Mt including 1.2 Mt sent on to Germany")
    add(2024, "Jan-Oct", "partial", "druzhba_germany", 1.2, [25], note="1.2 Mt sent to Germany via Atyrau-Samara")
    add(2024, "Jan-Oct", "partial", "aktau_makhachkala", 1.6, [26])
    add(2024, "Jan-Oct", "partial", "aktau_btc", 1.2, [26])
    add(2024, "Jan-Oct", "derived", "aktau_other", 0.3, [26],
        note="derived: Aktau total 3.1 Mt minus 1.6 Mt to Makhachkala and 1.2 Mt to BTC")
    add(2024, "Jan-Oct", "partial", "china_pipeline", 1.0, [27], text=">1.0", note="source: more than 1 Mt")
    # 2025 full year (Energy Minister, January 2026; year inferred by the dossier)
    add(2025, "full year", "actual", "cpc", 64.8, [31], share=82, note="Kazakh supply; +18% y/y after Tengiz expansion")
    add(2025, "full year", "actual", "atyrau_samara", 8.8, [32], share=11,
        note="year inferred; includes any volumes sent on to Germany (no separate 2025 figure)")
    add(2025, "full year", "actual", "aktau_btc", 1.5, [33], share=1.9,
        note="year inferred; contract allows 2.2 Mt/yr, physical potential 7 Mt/yr")
    add(2025, "full year", "actual", "aktau_makhachkala", 2.2, [34], share=2.8, note="year inferred")
    add(2025, "full year", "actual", "china_pipeline", 1.0, [35], share=1.3,
        note="year inferred; plus ~10 Mt Russian transit (not a Kazakh export)")
    write(pd.DataFrame(rows), out / "oil" / "exports.csv")

    totals = []
    for year, period, basis, mt, r, note in [
        (2022, "full year", "actual", 64, 0, "Reuters gives 64.3 Mt"),
        (2023, "full year", "actual", 70.5, 8, "+9.6% y/y"),
        (2024, "plan", "plan", 68.8, 18, "plan announced 2024"),
        (2025, "full year", "actual", 78.7, 30, "11.6% above plan"),
    ]:
        totals.append({"year": year, "period": period, "basis": basis, "total_mt": mt, "note": note, **d.src(O, r)})
    write(pd.DataFrame(totals), out / "oil" / "export_totals.csv")

    # Crude by field into CPC, 2025 (whole CPC throughput incl. Russian shippers: 70.52 Mt)
    P = "pipelines"
    ff = [{"year": 2025, "export_route": "cpc", "field": f, "volume_mt": v,
           "note": "CPC throughput by field (all shippers)", **d.src(P, 0)}
          for f, v in [("Tengiz", 36.6), ("Kashagan", 17.0), ("Karachaganak", 9.2)]]
    write(pd.DataFrame(ff), out / "oil" / "field_flows.csv")

    # Stated bypass totals, kept to cross-check the computed shares
    chk = [
        {"year": 2022, "measure": "routes bypassing Russian ports", "volume_mt": 1.91, "share_pct": 3,
         "note": "Reuters calculation", **d.src(O, 6)},
        {"year": 2022, "measure": "Russian-controlled routes (CPC + Atyrau-Samara)", "volume_mt": 60, "share_pct": 94,
         "note": "NUS calculation", **d.src(O, 7)},
        {"year": 2023, "measure": "routes bypassing Russian ports", "volume_mt": 3.73, "share_pct": 5.3,
         "note": "Reuters calculation; 'a little more than 5%'", **d.src(O, 15)},
    ]
    write(pd.DataFrame(chk), out / "oil" / "published_shares.csv")


# --------------------------------------------------------------------------- trade


PARTNER_CODES = {
    "China": "CHN", "Russia": "RUS", "Italy": "ITA", "Netherlands": "NLD", "Turkiye": "TUR",
    "Uzbekistan": "UZB", "South Korea": "KOR", "Germany": "DEU", "United States": "USA", "France": "FRA",
    "Kyrgyzstan": "KGZ", "EU-27": "EU27", "European countries (all)": "EUROPE", "BRICS members": "BRICS",
}


def _num(text: str) -> tuple[float | None, str, bool]:
    """'~5.0' -> (5.0, '~5.0', approx); '6.1-6.5' -> (6.3, '6.1-6.5', approx); '' -> (None, '', False)."""
    t = text.strip()
    if not t:
        return None, "", False
    approx = t.startswith("~") or t.startswith(">") or "-" in t[1:]
    core = t.lstrip("~>").rstrip("%")
    if "-" in core:
        lo, hi = core.split("-")
        return round((float(lo) + float(hi)) / 2, 4), t, True
    return float(core), t, approx


def trade_table(d: Dossier, out: Path) -> None:
    T = "trade_partners"
    f = d.frame(T)
    months = {"full year": 12, "Jan-Sep": 9, "Jan-Nov": 11, "Jan-Jun": 6, "Jan-Aug": 8,
              "full year (inferred)": 12, "latest": 12}
    stats = {
        "Kazakh statistics": "kazakh", "Chinese customs (mirror)": "chinese", "Chinese customs (per Tokayev)": "chinese",
        "Chinese customs (GAC)": "chinese", "Kyrgyz statistics (mirror)": "partner",
    }
    rows = []
    for i, r in f.iterrows():
        partner = r["partner"]
        year = r["year"]
        note = r["note"]
        if year == "2024-2025":  # ambassador's 'over $28bn' stated Sep 2025: latest full year is 2024
            year, note = "2024", "stated Sep 2025 as the current level ('over $28bn', '28 and something'); year inferred; " + note
        share, share_text, _ = _num(r["share_of_turnover"])
        for flow in ("exports", "imports", "turnover"):
            v, text, approx = _num(r[f"{flow}_usd_bn"])
            if v is None and not (flow == "turnover" and share is not None):
                continue
            rows.append({
                "partner": PARTNER_CODES[partner], "partner_name": partner, "year": int(year), "period": r["period"],
                "months": months[r["period"]], "flow": flow, "value_usd_bn": v, "value_text": text,
                "share_pct": share if flow == "turnover" else None,
                "share_text": share_text if flow == "turnover" else "",
                "statistics": stats.get(r["data_basis"], "kazakh"), "basis": r["data_basis"],
                "preferred": True, "note": note, **d.src(T, i),
            })
    df = pd.DataFrame(rows)
    # Sources disagree on Russia 2023: keep both, default to the statistical compilation (KZ CTPD 26.0)
    # over the president's rounded 'nearly $28.5bn' (Trend, 2024-11-27).
    alt = df[(df.partner == "RUS") & (df.year == 2023) & (df.period == "full year")].iloc[0].to_dict()
    alt.update({"value_usd_bn": 28.5, "value_text": "nearly 28.5", "basis": "Kazakh official (Tokayev)",
                "preferred": False,
                "note": "Tokayev (Nov 2024): 'last year ... nearly $28.5bn'; conflicts with 26.0 (KZ CTPD), which is the default",
                "source": "Trend (2024-11-27) | https://en.trend.az/business/3976018.html", "confidence": "medium"})
    df = pd.concat([df, pd.DataFrame([alt])], ignore_index=True)
    df = df.sort_values(["partner", "year", "months", "flow"], kind="stable")
    write(df, out / "trade" / "partners.csv")


def partners_table(out: Path) -> None:
    """Which vector each partner code belongs to (country ISO3 or an aggregate)."""
    eu = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
          "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"]
    rows = [("RUS", "Russia", "RUS"), ("CHN", "China", "CHN"), ("USA", "United States", "USA"),
            ("TUR", "Türkiye", "TURKIC"), ("AZE", "Azerbaijan", "TURKIC"),
            ("UZB", "Uzbekistan", "CA"), ("KGZ", "Kyrgyzstan", "CA"), ("TJK", "Tajikistan", "CA"),
            ("TKM", "Turkmenistan", "CA"), ("EU27", "European Union (27)", "EU")]
    rows += [(c, c, "EU") for c in eu]
    df = pd.DataFrame(rows, columns=["partner", "name", "vector"])
    df["note"] = ""
    df.loc[df.partner.isin(["UZB", "KGZ"]), "note"] = (
        "Organization of Turkic States member; counted under Central Asia so that no partner is counted twice")
    df.loc[df.partner == "EU27", "note"] = "aggregate; used instead of the sum of members when present"
    df.loc[df.partner == "TKM", "note"] = "OTS observer; counted under Central Asia"
    write(df, out / "partners.csv")


# --------------------------------------------------------------------------- investment and security


def investment_table(d: Dossier, out: Path) -> None:
    Ti = "ties"
    rows = []

    def add(partner, year, measure, value, rows_, text="", note=""):
        rows.append({"partner": partner, "year": year, "measure": measure, "value_usd_bn": value,
                     "value_text": text, "note": note, **d.src(Ti, *rows_)})

    add("NLD", 2022, "gross FDI inflow", 8.3, [39], note="+19.7% y/y; largest investor; partly holding-company ('phantom') FDI")
    add("USA", 2022, "gross FDI inflow", 5.1, [46], note="+81.9% y/y")
    add("RUS", 2022, "gross FDI inflow", 1.5, [6], note="-19.7% y/y")
    add("CHN", 2022, "gross FDI inflow", 1.4, [21], note="-22.4% y/y")
    add("EU27", 2022, "gross FDI inflow", 12.5, [32], note="EU investment inflow 2022, a 10-year high (includes the Netherlands)")
    add("WORLD", 2022, "gross FDI inflow", 28, [41],
        note="record in a decade; top-10 sources: Netherlands, US, Switzerland, Belgium, Russia, South Korea, China, France, UK, Germany")
    add("KOR", 2023, "gross FDI inflow", 1.2, [63], note="Korea 6th largest investor")
    for p, v in [("NLD", 90.4), ("USA", 48.4), ("CHE", 25.8), ("FRA", 16.1), ("ITA", 8.7), ("BEL", 7.6), ("DEU", 5.2)]:
        add(p, 2019, "cumulative FDI since 1993 (to mid-2019)", v, [42])
    add("WORLD", 2019, "cumulative FDI since 1993 (to mid-2019)", 330, [42], note="UK and China about 5% each")
    add("RUS", 2024, "cumulative investment (official statement)", 13, [7])
    add("CHN", 2025, "cumulative investment since 2005 (official statement)", 27, [22], text=">27",
        note="another 2025 statement gives >26bn")
    add("USA", 2022, "cumulative investment (official statement)", 62, [47], text=">62",
        note="Blinken (Feb 2023): US businesses invested >$50bn since 1991")
    add("NLD", 2024, "cumulative investment (official statement)", 120, [40], text=">120",
        note="critics note NL/Swiss flows may be 'phantom FDI' routed via holding companies")
    add("KOR", 2024, "cumulative investment (official statement)", 9.2, [63], text="~9.2", note="~740 companies")
    write(pd.DataFrame(rows), out / "investment" / "fdi.csv")


def security_tables(d: Dossier, out: Path) -> None:
    Ti = "ties"
    arms = [
        {"supplier": "RUS", "period": "2020-2024", "share_pct": 88, "note":
         "Kazakhstan 26th largest arms importer 2020-24, just under 1% of world imports", **d.src(Ti, 3)},
        {"supplier": "OTHER", "period": "2020-2024", "share_pct": 12, "note":
         "derived: 100 - Russia's 88%; press summaries do not split the rest by supplier "
         "(SIPRI 2019-23 names France and Spain after Russia)", **d.src(Ti, 3, 45)},
    ]
    write(pd.DataFrame(arms), out / "security" / "arms_imports.csv")

    ties_rows = [
        ("RUS", "membership", "Collective Security Treaty Organization (CSTO)", "member; chaired 2024", 2024, 1),
        ("RUS", "deployment", "CSTO deployment during the January 2022 unrest", "~2,000-2,500 troops, 6-19 Jan 2022", 2022, 4),
        ("RUS", "membership", "Commonwealth of Independent States (CIS)", "member since Dec 1991", 1991, 2),
        ("CHN", "membership", "Shanghai Cooperation Organisation (SCO)", "founding member (2001); hosted 2024 summit", 2024, 19),
        ("USA", "exercise", "Steppe Eagle peacekeeping exercise (with the UK, NATO PfP framework)", "annual since 2003", 2019, 51),
        ("EU", "arms supply", "France and Spain among main arms suppliers (SIPRI 2019-23)", "after Russia", 2024, 45),
        ("TURKIC", "defence industry", "ANKA UAV production MoU (TUSAS - Kazakhstan Engineering)",
         "signed 11 May 2022; assembly planned from 2024", 2022, 55),
        ("OTHER", "membership", "NATO Partnership for Peace, OSCE, UN", "member (PfP details general knowledge)", 2024, 68),
    ]
    rows = [{"vector": v, "kind": k, "item": it, "value": val, "year": y, **d.src(Ti, r)}
            for v, k, it, val, y, r in ties_rows]
    write(pd.DataFrame(rows), out / "security" / "ties.csv")

    mem = [
        ("EAEU", "Eurasian Economic Union", "RUS", "founding member", 2015, "ties", 0),
        ("CSTO", "Collective Security Treaty Organization", "RUS", "member", 2024, "ties", 1),
        ("CIS", "Commonwealth of Independent States", "RUS", "member since Dec 1991", 1991, "ties", 2),
        ("SCO", "Shanghai Cooperation Organisation", "CHN", "founding member (2001)", 2024, "ties", 19),
        ("BRICS", "BRICS", "RUS;CHN", "partner country from 1 Jan 2025; declined to apply for membership (16 Oct 2024)", 2025, "ties", 65),
        ("OTS", "Organization of Turkic States", "TURKIC", "founding member (2009)", 2021, "ties", 53),
        ("C5+1", "C5+1 (United States and Central Asia)", "USA", "member since 2015", 2025, "ties", 50),
        ("EPCA", "EU-Kazakhstan Enhanced Partnership and Cooperation Agreement", "EU", "in full force since Mar 2020", 2020, "ties", 36),
        ("CICA", "Conference on Interaction and Confidence-Building Measures in Asia", "OTHER", "initiator (1992)", 1992, "ties", 62),
        ("OTHER", "OSCE, OIC, WTO, UN, NATO Partnership for Peace", "OTHER", "member", 2024, "ties", 68),
    ]
    rows = [{"id": i, "name": n, "vectors": v, "status": s, "year": y, **d.src(f, r)} for i, n, v, s, y, f, r in mem]
    write(pd.DataFrame(rows), out / "security" / "memberships.csv")


# --------------------------------------------------------------------------- corridors


def corridor_tables(d: Dossier, out: Path) -> None:
    C = "corridor_volumes"
    f = d.frame(C)
    kind = {
        "cargo volume": "volume", "cargo volume (alternative report)": "volume",
        "cargo via Kazakh and Azerbaijani seaports": "volume", "containers": "containers",
        "route capacity": "capacity", "target capacity": "target", "target containers": "target",
        "target (World Bank)": "target", "investment need (World Bank)": "investment",
        "forecast (EBRD)": "forecast", "transit time": "transit time",
        "UTLC ERA transit (KZ-RU-BY)": "containers", "Eurasian rail China-Europe-China": "containers",
    }
    rows = []
    for i, r in f.iterrows():
        text = r["value"]
        lo = hi = val = None
        t = text.replace("~", "").replace(">", "").strip()
        if re.fullmatch(r"\d+-\d+ / \d+-\d+", t):  # '13-14 / 18-20': two ranges, keep the span
            parts = re.findall(r"\d+", t)
            lo, hi = float(parts[0]), float(parts[-1])
            val = None
        elif "/" in t or t.endswith("x"):
            pass  # '-44 / -51', '3x': kept as text
        elif "-" in t[1:]:
            a, b = t.split("-")
            lo, hi = float(a), float(b)
            val = (lo + hi) / 2
        else:
            try:
                val = float(t)
            except ValueError:
                val = None
        period = r["period"]
        years = re.findall(r"\b(\d{4})\b", period)
        year = int(years[0]) if years else None
        rows.append({"corridor": r["corridor"], "indicator": r["indicator"], "kind": kind.get(r["indicator"], "other"),
                     "period": period, "year": year, "value": val, "value_low": lo, "value_high": hi,
                     "value_text": text, "unit": r["unit"], "note": r["note"], **d.src(C, i)})
    write(pd.DataFrame(rows), out / "corridors" / "volumes.csv")

    cmp_rows = [
        {"id": "middle", "name": "Middle Corridor (Trans-Caspian, TITR)",
         "legs": "mc01;mc02;mc03;mc04;mc05;mc06;mc11;mc14;mc15",
         "path_note": "Dostyk - Aktogay - Moyynty - Zhezkazgan - Beineu - Aktau - (Caspian) - Alat - Tbilisi - Poti",
         "transit_days_text": "13-17 (official claim, 2025-26); 31-34 China-Constanta (TITR guidance 2025); 50-55 in mid-2024 congestion (DHL)",
         "transit_days_low": 13, "transit_days_high": 17, **_prefix(d.src(C, 26), "transit_"),
         "capacity_text": "6 Mt/yr incl. 100,000 TEU (2024); target 10 Mt/yr by 2027", "capacity_mt": 6,
         **_prefix(d.src(C, 17), "capacity_"),
         "volume_text": "4.119 Mt (2025, Kazakh Ministry of Transport)", "volume_mt": 4.119, "volume_year": 2025,
         **_prefix(d.src(C, 6), "volume_"),
         "distance_published_text": "", "distance_source": ""},
        {"id": "northern", "name": "Northern corridor (Kazakhstan - Russia - Belarus)",
         "legs": "nc01;nc02;nc03;nc04;nc05",
         "path_note": "Dostyk - Petropavl - (RUS) - Moscow - Brest - Malaszewicze - Duisburg",
         "transit_days_text": "13-14 China-Poland, 18-20 China-Germany terminal to terminal; KZ-RU-BY transit 6-8 (Jan 2024)",
         "transit_days_low": 13, "transit_days_high": 20, **_prefix(d.src(C, 29), "transit_"),
         "capacity_text": "not found in sources", "capacity_mt": None, "capacity_source": "", "capacity_confidence": "",
         "volume_text": "681,000 TEU (2022, UTLC ERA, KZ-RU-BY); 350,000 TEU H1 2023", "volume_mt": None,
         "volume_year": 2022, **_prefix(d.src(C, 33), "volume_"),
         "distance_published_text": "~12,000 km of railroad China-Europe (OECD, whole route from China)",
         "distance_source": d.src("corridor_legs", 25)["source"]},
        {"id": "southern", "name": "Southern route (Kazakhstan - Turkmenistan - Iran)",
         "legs": "sc00;sc01;sc02;sc03;sc04",
         "path_note": "Beineu - Zhanaozen - Bereket - Etrek - Gorgan - Bandar Abbas",
         "transit_days_text": "not found in sources", "transit_days_low": None, "transit_days_high": None,
         "transit_source": "", "transit_confidence": "",
         "capacity_text": "6 Mt/yr, 10 Mt/yr by 2027 (North-South eastern branch)", "capacity_mt": 6,
         **_prefix(d.src(C, 40), "capacity_"),
         "volume_text": "2.1 Mt (2023, eastern branch incl. Aktau-Iran); ~0.13 Mt (2022, KZ-TM-IR railway only)",
         "volume_mt": 2.1, "volume_year": 2023, **_prefix(d.src(C, 40), "volume_"),
         "distance_published_text": "908-928 km Uzen-Bereket-Gorgan line", "distance_source": d.src("corridor_legs", 26)["source"]},
    ]
    write(pd.DataFrame(cmp_rows), out / "corridors" / "comparison.csv")


def _prefix(src: dict[str, str], p: str) -> dict[str, str]:
    return {f"{p}source": src["source"], f"{p}confidence": src["confidence"]}


# --------------------------------------------------------------------------- events


def events_table(d: Dossier, out: Path) -> None:
    E = "events"
    f = d.frame(E).copy()
    scen = {
        "2022-03-22": "cpc_outage", "2022-07-05": "cpc_outage", "2025-02-17": "cpc_outage",
        "2025-11-29": "cpc_outage", "2024-10-17": "agri_restrictions", "2024-10-16": "brics_partnership",
        "2025-01-01": "brics_partnership", "2025-06-14": "nuclear_vendor", "2023-03-23": "reroute_middle_corridor",
        "2022-07-07": "reroute_middle_corridor",
    }
    f["scenario"] = f["date"].map(scen).fillna("")
    f["year"] = f["date"].str[:4].astype(int)
    write(f[["date", "year", "title", "category", "vectors", "description", "scenario", "source", "confidence"]],
          out / "events.csv")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", type=Path, default=HERE.parents[2] / "shared/data/dossier")
    ap.add_argument("--out", type=Path, default=HERE.parents[1] / "data")
    a = ap.parse_args()
    d = Dossier(a.dossier)
    oil_tables(d, a.out)
    trade_table(d, a.out)
    partners_table(a.out)
    investment_table(d, a.out)
    security_tables(d, a.out)
    corridor_tables(d, a.out)
    events_table(d, a.out)


if __name__ == "__main__":
    main()
