#!/usr/bin/env bash
# Run the benchmark (figures and ratios, not pass/fail); writes bench/results.json and bench/results.md.
# Extra arguments go to bench/run.py, e.g. scripts/bench.sh --moves 40
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python bench/run.py "$@"
