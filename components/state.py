"""Widget and session-state keys in one place (a typo here fails loudly; a typo in a page fails silently)."""
from __future__ import annotations

from dataclasses import fields

from posture.scenario import Levers

LEVER_PREFIX = "lv_"
LEVER_KEYS: dict[str, str] = {f.name: LEVER_PREFIX + f.name for f in fields(Levers)}
PRESET_SELECT = "preset_select"

# Map page
MAP_LAYERS = "map_layers"
MAP_STATUS = "map_status"
MAP_COMMODITY = "map_commodity"
MAP_RUSSIA = "map_highlight_russia"
MAP_SCENARIO = "map_scenario_widths"
MAP_DECK = "map_deck"

# Dependencies page
DEP_UNIT = "dep_unit"
DEP_CHINA_STATS = "dep_china_statistics"
DEP_TRADE_FLOW = "dep_trade_flow"
DEP_PERIOD = "dep_sankey_period"

# Balance page
TIES_EDITOR = "ties_editor"
WEIGHTS_EDITOR = "weights_editor"
TIES_WORKING = "ties_working"  # the analyst's current ties table (what they typed, valid or not)
WEIGHTS_WORKING = "weights_working"
TIES_VALID = "ties_last_valid"
WEIGHTS_VALID = "weights_last_valid"
EDITOR_VERSION = "editor_version"  # bumped on reset/upload so the editors start from the new table
TIES_UPLOAD = "ties_upload"
WEIGHTS_UPLOAD = "weights_upload"
USE_EDITED_INPUTS = "use_edited_inputs"

# Events page
EVENTS_VECTORS = "events_vectors"
EVENTS_CATEGORIES = "events_categories"

# Data page
DATA_TABLE = "data_table"
