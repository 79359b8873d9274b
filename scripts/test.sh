#!/usr/bin/env bash
# Run every test: installs what it needs (packages, Debian's Chromium), then pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh -k balance
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
