"""Scenario levers as widgets: one session key per lever; components/address.py writes them into the address bar,
so a scenario can be shared by link.

The lever values live in ``st.session_state`` under ``state.LEVER_KEYS``; every page reads the
current scenario with :func:`current_levers`, whether or not it shows the sliders. A link's levers enter
the session in :func:`seed_levers_from_link`; components/address.py writes them back into the address bar.
"""
from __future__ import annotations

import math
from dataclasses import asdict, fields

import streamlit as st

from components import state
from components.follow import drawn, lever_moved
from posture.scenario import VENDORS, Levers, LeverSpec, Preset, specs_by_id, start_levers

DEFAULTS = Levers()


def current_levers() -> Levers:
    values = {}
    for f in fields(Levers):
        v = st.session_state.get(state.LEVER_KEYS[f.name])
        values[f.name] = getattr(DEFAULTS, f.name) if v is None else v  # None: the vendor control cleared
    return Levers(**values)  # one value per field, and Levers checks nothing: it cannot fail


def seed_levers_from_link(model) -> None:
    """Take a shared link's levers into the session, on any page, before the page runs.

    Only for levers the session does not hold yet: after the first run the session is the scenario and the
    address follows it (components/address.py). Values are kept inside the lever's bounds, as the sliders
    do; unreadable ones are ignored."""
    specs = specs_for(model)
    for name, key in state.LEVER_KEYS.items():
        if key in st.session_state or key not in st.query_params:
            continue
        raw = st.query_params[key]
        if name == "nuclear_vendor":
            if raw in VENDORS:
                st.session_state[key] = raw
            continue
        try:
            value = float(raw)
        except ValueError:
            continue
        if math.isfinite(value) and name in specs:
            st.session_state[key] = min(max(value, float(specs[name].min)), float(specs[name].max))


@st.cache_resource(show_spinner=False)
def _specs(_model) -> dict[str, LeverSpec]:
    return specs_by_id(_model.params, _model.oil_latest)


def specs_for(model) -> dict[str, LeverSpec]:
    """Lever widgets' labels, units and bounds (computed once per model)."""
    return _specs(model)


def set_levers(levers: Levers) -> None:
    for k, v in asdict(levers).items():
        st.session_state[state.LEVER_KEYS[k]] = v


def apply_preset(preset: Preset, keep_price: bool = True) -> None:
    lv = preset.levers
    if keep_price:
        lv = Levers(**{**asdict(lv), "oil_price": current_levers().oil_price})
    set_levers(lv)


def reset_levers(model) -> None:
    set_levers(start_levers(model.params))


def matching_preset(levers: Levers, presets: list[Preset]) -> Preset | None:
    mine = {k: v for k, v in asdict(levers).items() if k != "oil_price"}
    for p in presets:
        theirs = {k: v for k, v in asdict(p.levers).items() if k != "oil_price"}
        if all(abs(float(mine[k]) - float(theirs[k])) < 1e-9 if k != "nuclear_vendor" else mine[k] == theirs[k]
               for k in mine):
            return p
    return None


def scenario_name(levers: Levers, presets: list[Preset]) -> str:
    changed = set(levers.moved())
    if not changed:
        return "Baseline (no lever moved)"
    p = matching_preset(levers, presets)
    return p.name if p else f"Custom ({len(changed)} lever{'s' if len(changed) > 1 else ''} moved)"


def lever_default(spec: LeverSpec) -> float:
    """A slider's default: the value a session starts from (the baseline; the data's oil price), held inside the
    bounds the data gives."""
    start = getattr(DEFAULTS, spec.id) if spec.start is None else spec.start
    return float(min(max(start, spec.min), spec.max))


def render_lever(spec: LeverSpec, disabled: bool = False, rerun: tuple[str, ...] | None = None) -> float:
    """A slider under its lever's session key (the address bar follows it: components/address.py).

    ``rerun``: the keyed fragments a move reruns instead of the page (see components/follow.py). The
    sliders live outside them, so a move does not redraw or resend the sliders themselves (on the
    Scenarios page, 14 of them).
    """
    key = state.LEVER_KEYS[spec.id]
    default = lever_default(spec)
    kwargs = {}
    if key in st.session_state:  # keep values inside the bounds the data gives; no default when state exists
        v = float(st.session_state[key])
        if not spec.min <= v <= spec.max:
            st.session_state[key] = float(min(max(v, spec.min), spec.max))
    else:
        kwargs["value"] = default
    if rerun is not None:
        kwargs.update(on_change=lever_moved, args=(tuple(rerun),))
    return st.slider(
        f"{spec.label} ({spec.unit})", min_value=float(spec.min), max_value=float(spec.max), step=float(spec.step),
        format="%.1f" if spec.step < 1 else "%.0f", key=key, help=spec.help, persist_state="session",
        disabled=disabled, **kwargs,
    )


def render_vendor(rerun: tuple[str, ...] | None = None) -> str:
    key = state.LEVER_KEYS["nuclear_vendor"]
    options = list(VENDORS)
    kwargs = {} if key in st.session_state else {"default": DEFAULTS.nuclear_vendor}
    if rerun is not None:
        kwargs.update(on_change=lever_moved, args=(tuple(rerun),))
    # pills, not a segmented control: they wrap onto a second row in a narrow column (the segmented control cut
    # "Rosatom (Russia)" and "KHNP (South Korea)" at 1024x768)
    return st.pills(
        "First nuclear plant vendor", options, key=key, **kwargs,
        # the company alone on the pill (the country in the help): "KHNP (South Korea)" overran its pill at 1024x768
        format_func=lambda v: VENDORS[v][0].split(" (")[0], selection_mode="single", persist_state="session",
        help=f"{', '.join(name for name, _ in VENDORS.values())}. Rosatom was chosen in June 2025 (the baseline). "
             "Another vendor moves the plant's share of the nuclear and energy technology dimension to that "
             "vendor's vector.",
    ) or DEFAULTS.nuclear_vendor


BASELINE_OPTION = "__baseline__"


def picker_text(levers: Levers, presets: list[Preset]) -> str:
    """What the preset picker says: the scenario in force (the preset it matches, the baseline, or a custom
    one), then the invitation to choose."""
    return f"{scenario_name(levers, presets)} · choose an assessment or a case..."


def _choose_preset(model, key: str) -> None:
    pid = st.session_state.get(key)
    names = {p.id: p for p in model.presets}
    if pid == BASELINE_OPTION:
        reset_levers(model)
    elif pid in names:
        apply_preset(names[pid])
    # An action, not a state: the picker goes back to its placeholder, which names the scenario in force. (Were
    # its value the matching preset, set by the server on each move, a move sent before the browser had that
    # value would carry the old one back and "choose" it again: a quick second key press reset the levers.)
    st.session_state[key] = None
    st.rerun()  # the whole page: the sliders take the preset's values


@st.fragment(key=state.FRAG_PICKER)
def render_preset_picker(model, key: str = state.PRESET_SELECT) -> None:
    """Choose a preset: sets every lever, and the user can go on from there.

    A keyed fragment that every lever move reruns (components/follow.py): its text always names the scenario in
    force (the preset the levers match, from a link or a file too; the baseline; or a custom scenario), never a
    preset the levers have left."""
    drawn(state.FRAG_PICKER)
    presets = model.presets
    names = {p.id: p for p in presets}
    st.selectbox(
        "Start from a preset", [BASELINE_OPTION, *names], index=None, key=key, on_change=_choose_preset,
        args=(model, key), placeholder=picker_text(current_levers(), presets),
        format_func=lambda i: "Baseline (reset every lever)" if i == BASELINE_OPTION else
        f"{'Assessment' if names[i].kind == 'assessment' else 'Case'}: {names[i].name}",
    )
