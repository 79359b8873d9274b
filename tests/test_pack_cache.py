"""The start and the pack reuse what they computed before: the model's baseline comes pickled with it, and a
chart already drawn with the same content is read back instead of drawn again (a changed chart is drawn)."""
from __future__ import annotations

from datetime import date

import pytest

from posture import brief, cache
from posture.scenario import Levers


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(d))
    monkeypatch.delenv("POSTURE_NO_CACHE", raising=False)
    return d


@pytest.fixture
def drawn(monkeypatch):
    """kaleido replaced by a counter: which figures were drawn, each 'picture' naming its figure's title."""
    calls: list[list[str]] = []

    def fake(figs, sizes, scale):
        calls.append(sorted(figs))
        return {k: f"PNG {f['layout'].get('title', {}).get('text', k)}".encode() for k, f in figs.items()}

    monkeypatch.setattr(brief, "_render_with_kaleido", fake)
    return calls


def _pack(model, levers):
    return brief.compose(model, levers, name="test", day=date(2026, 12, 1))


def test_a_model_from_the_cache_carries_its_baseline(data_copy, cache_dir):
    built, hit = cache.cached_model(data_copy)
    assert not hit
    again, hit = cache.cached_model(data_copy)
    assert hit
    for name in ("baseline", "trade_base", "base_matrix"):  # pickled with it, not computed at the first page
        assert name in vars(again.default_inputs)
    fresh = built.scenario_inputs()  # computed now, from the same tables
    lev = Levers(reroute_mt=4, cpc_outage_pct=30, cpc_outage_months=3)
    assert again.run(lev)[0].summary() == fresh.baseline.summary()
    assert again.run(lev)[1].summary() == built.run(lev, fresh)[1].summary()


def test_charts_drawn_before_are_read_back_and_a_changed_chart_is_drawn(model, cache_dir, drawn):
    first = _pack(model, Levers())
    pngs = brief.render_pngs(first.figures, first.sizes)
    assert drawn == [sorted(first.figures)] and len(list((cache_dir / "png").glob("*.png"))) == len(first.figures)
    assert brief.render_pngs(first.figures, first.sizes) == pngs  # the same pack again: nothing drawn
    assert len(drawn) == 1
    other = _pack(model, Levers(cpc_outage_pct=100, cpc_outage_months=6))
    again = brief.render_pngs(other.figures, other.sizes)
    changed = sorted(k for k in other.figures if other.figures[k] != first.figures[k])
    assert changed and drawn[1] == changed  # only the charts the scenario changes are drawn
    assert "map" not in changed and again["map"] == pngs["map"]
    assert brief.render_pngs(first.figures, first.sizes, scale=1.0) and drawn[2] == sorted(first.figures)  # size


def test_without_a_usable_cache_every_chart_is_drawn(model, tmp_path, monkeypatch, drawn):
    pack = _pack(model, Levers())
    monkeypatch.setenv("POSTURE_NO_CACHE", "1")
    brief.render_pngs(pack.figures, pack.sizes)
    brief.render_pngs(pack.figures, pack.sizes)
    assert len(drawn) == 2
    monkeypatch.delenv("POSTURE_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(blocker / "sub"))  # a folder that cannot be made
    assert set(brief.render_pngs(pack.figures, pack.sizes)) == set(pack.figures)
    assert len(drawn) == 3


def test_a_data_change_changes_the_charts_key(model):
    pack = _pack(model, Levers())
    fig = pack.figures["oil_exports"]
    key = brief.png_key(fig, pack.sizes["oil_exports"], 2.0)
    assert brief.png_key(fig, pack.sizes["oil_exports"], 2.0) == key
    changed = {**fig, "data": [dict(fig["data"][0], y=[v + 1 for v in fig["data"][0]["y"]])] + list(fig["data"][1:])}
    assert brief.png_key(changed, pack.sizes["oil_exports"], 2.0) != key
    assert brief.png_key(fig, (800, 400), 2.0) != key
