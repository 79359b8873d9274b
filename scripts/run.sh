#!/usr/bin/env bash
# Run the dashboard: installs what it needs, then serves it on http://localhost:8501 (no internet used).
# Extra arguments go to streamlit, e.g. scripts/run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --app
exec .venv/bin/streamlit run app.py "$@"
