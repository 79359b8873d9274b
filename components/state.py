"""Widget and session-state keys in one place (a typo here fails loudly; a typo in a page fails silently)."""
from __future__ import annotations

from dataclasses import fields

from posture.scenario import Levers

LEVER_PREFIX = "lv_"
LEVER_KEYS: dict[str, str] = {f.name: LEVER_PREFIX + f.name for f in fields(Levers)}
PRESET_SELECT = "preset_select"

# Keyed fragments: a lever's callback reruns these (and only these) instead of the page, so a slider
# move redraws the numbers and charts it changes and never the sliders themselves.
# See components/follow.py for the two passes (numbers, then charts).
FRAG_OVERVIEW = "frag_overview_numbers"
FRAG_SCENARIOS = "frag_scenarios_numbers"
FRAG_SCENARIOS_CHARTS = "frag_scenarios_charts"
FRAG_BALANCE = "frag_balance_numbers"
FRAG_BALANCE_BULLET = "frag_balance_bullet"
FRAG_BALANCE_CHARTS = "frag_balance_charts"
FRAG_OVERVIEW_CHARTS = "frag_overview_charts"
FRAG_OVERVIEW_TIMELINE = "frag_overview_timeline"
# Scenario views outside the numbers, rerun with them on every lever move (components/follow.drawn)
FRAG_SIDEBAR = "frag_sidebar_scenario"
FRAG_PICKER = "frag_preset_picker"
FRAG_SCEN_FILE = "frag_scenario_file"
VIEWS_DRAWN = "_scenario_views_drawn"  # the keys of those fragments drawn since the last full run
FOLLOW_OVERVIEW = "follow_overview"
SCEN_UPLOAD = "scen_upload"
SCEN_UPLOAD_RESULT = "_scen_upload_result"  # what opening the last scenario file gave (name, problems)
FRAMED = "_framed"  # set by app.py: this session's runs go through the frame (components/data.ensure_frame)
LEVER_TOKEN = "_lever_moves"  # counts lever moves in this session
HEAD_PASS = "_head_only_pass"  # set by a lever's callback, consumed by the head fragment
FOLLOW_SCENARIOS = "follow_scenarios"
FOLLOW_BALANCE = "follow_balance"
# lazy sections (closed: nothing drawn, see pages/scenarios.py)
SCEN_KEEP_OPEN = "scen_keep_open"
SCEN_EXPLAIN_OPEN = "scen_explain_open"
SCEN_COMPARE_OPEN = "scen_compare_open"  # compare two saved scenarios (components/saved.py)
BAL_INPUTS_OPEN = "bal_inputs"  # in the address when open (?bal_inputs=true): a link can open the editors
BAL_SOURCES_OPEN = "bal_sources_open"
BAL_METHOD_OPEN = "bal_method_open"

# Briefing pack (components/pack.py, in the sidebar)
FRAG_PACK = "frag_pack"
PACK = "_pack_built"  # the last pack built in this session: its bytes and the levers it holds
PACK_OPEN = "pack_open"
PACK_FORMAT = "pack_format"
PACK_BUTTON = "pack_prepare"
PACK_DOWNLOAD = "pack_download"
PACK_ERROR = "_pack_error"

# Presentation mode (components/present.py); PRESENT and PRESENT_CONTRAST are the toggles' keys
PRESENT = "present_mode"
PRESENT_CONTRAST = "present_high_contrast"
PRESENT_SEEDED = "_present_seeded"  # a link's ?present=1 has been read (once a session)
PRESENT_LEAVE = "present_leave"
PRESENT_KEYS = "present_keys"  # the Escape key's invisible component

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
DEP_URANIUM = "dep_uranium"  # the uranium section's container: a story step points at it (components/story.py)

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

# The Balance page's editors (components/balance_inputs.py)
BASE_TIES = "ties_base"
BASE_WEIGHTS = "weights_base"
BASE_META = "ties_base_meta"  # the long table the ties editor started from: each cell's method, reasoning and source
ORIGIN = "inputs_origin"  # {"ties": file name, "weights": file name} of what was uploaded last (absent: the defaults)
NOTES = "inputs_upload_notes"  # what an upload changed beyond its cells (a computed dimension taken as the analyst's)
LOADED = "inputs_loaded_uploads"  # file ids already loaded, so a file is loaded once, not on every rerun

# Saved scenarios (components/saved.py)
OPENED = "saved_opened"  # (name, revision) of the saved scenario this session started from, or None
MESSAGE = "saved_message"  # (kind, text) shown once after a callback
CONFLICT = "saved_conflict"  # the document a refused save tried to store, and why
CONFIRM_DELETE = "saved_confirm_delete"
NAME = "scen_save_name"
NOTE = "saved_note"
AUTHOR = "saved_author"
PICK = "saved_pick"
RENAME_TO = "saved_rename_to"
REVISION_PICK = "saved_revision_pick"
CMP_A = "saved_compare_a"
CMP_B = "saved_compare_b"

# Events page
EVENTS_VECTORS = "events_vectors"
EVENTS_CATEGORIES = "events_categories"

# Data page
DATA_TABLE = "data_table"

# Buttons, downloads and other widgets' keys (and the map's selection)
ADDRESS_BALANCE = "address_balance"
ADDRESS_FULL_RUN = "address_full_run"
ADDRESS_OVERVIEW = "address_overview"
ADDRESS_SCENARIOS = "address_scenarios"
BAL_BULLET = "bal_bullet"
BAL_RESET = "bal_reset"
BAL_RESULTS_CSV = "bal_results_csv"
MAP_CLEAR = "map_clear"
MAP_DECK_VERSION = "map_deck_version"
MAP_SELECTED = "map_selected"
OVERVIEW_PRESET = "overview_preset"
OV_MAP = "ov_map"
SAVED_CANCEL = "saved_cancel"
SAVED_COMPARE_CSV = "saved_compare_csv"
SAVED_COPY = "saved_copy"
SAVED_DELETE = "saved_delete"
SAVED_DELETE_NO = "saved_delete_no"
SAVED_DELETE_YES = "saved_delete_yes"
SAVED_OPEN = "saved_open"
SAVED_OPEN_REV = "saved_open_rev"
SAVED_OVERWRITE = "saved_overwrite"
SAVED_RENAME = "saved_rename"
SAVED_RESTORE = "saved_restore"
SAVED_SAVE = "saved_save"
SCEN_CSV = "scen_csv"
SCEN_JSON = "scen_json"
SIDEBAR_RESET = "sidebar_reset"
SIDEBAR_SCENARIO_BOX = "sidebar_scenario_box"

# Presentation mode's bar, the briefing story's bar, editor and store, the presenter view
PRESENT_BAR = "present_bar"
PRESENTER_CURRENT = "presenter_current"
PRESENTER_HEAD = "presenter_head"
PRESENTER_NEXT = "presenter_next"
STORY_ADD = "story_add"
STORY_BACK = "story_back"
STORY_BAR = "story_bar"
STORY_DOWNLOAD = "story_download"
STORY_NEXT = "story_next"
STORY_PLAY = "story_play"
STORY_PLAY_SIDE = "story_play_side"
STORY_RESET = "story_reset"
STORY_STOP = "story_stop"
STORY_STOP_EDITOR = "story_stop_editor"
STORY_STORE_OPEN = "story_store_open"
STORY_STORE_REPLACE = "story_store_replace"
STORY_STORE_SAVE = "story_store_save"
STORY_UPLOAD = "story_upload"
