"""The briefing pack button in the sidebar: built on request, in that run, from the scenario on screen."""
from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from streamlit.testing.v1 import AppTest

from components import state

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def sidebar_expander(at: AppTest):
    return next(e for e in at.sidebar.expander if e.label.startswith("Download the briefing pack"))


def test_the_pack_holds_the_scenario_on_screen_and_is_built_only_on_request(model):
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    assert not at.exception
    assert len(sidebar_expander(at).children) == 0  # closed: nothing built, nothing drawn
    at.session_state[state.LEVER_KEYS["cpc_outage_pct"]] = 100.0
    at.session_state[state.LEVER_KEYS["cpc_outage_months"]] = 1.0
    at.session_state[state.PACK_OPEN] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert state.PACK not in at.session_state  # opening does not build
    assert not at.get("download_button") or all(d.proto.label.find("KB") < 0 for d in at.get("download_button"))
    at.button(key=state.PACK_BUTTON).click().run()
    assert not at.exception, [e.value for e in at.exception]
    pack = at.session_state[state.PACK]
    prs = Presentation(io.BytesIO(pack["bytes"]))
    assert prs.slides[0].shapes.title.text == "Briefing pack: CPC outage (30-day suspension)"
    _, scen = model.run(pack["levers"])
    headline = next(s for s in prs.slides if s.shapes.title.text.startswith("The headline numbers"))
    (table,) = [sh.table for sh in headline.shapes if sh.has_table]
    rows = {r.cells[0].text: r.cells[2].text for r in table.rows}
    assert rows["Crude stranded (Mt)"] == f"{scen.stranded_mt:.1f}" and scen.stranded_mt > 0
    downloads = [d for d in at.get("download_button") if d.proto.label.startswith("Download PPTX")]
    assert len(downloads) == 1 and pack["file"].startswith("briefing_pack_cpc_outage") and pack["file"].endswith(".pptx")
    # a lever moved since: the old pack is not offered as the scenario on screen
    at.session_state[state.LEVER_KEYS["reroute_mt"]] = 2.0
    at.run()
    assert not [d for d in at.get("download_button") if d.proto.label.startswith("Download PPTX")]
    assert any("prepare it again" in c.value for c in at.sidebar.caption)
