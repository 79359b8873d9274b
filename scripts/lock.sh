#!/usr/bin/env bash
# Regenerate requirements.lock: every package the project installs, pinned, with its hashes, resolved from
# the readable list in requirements.txt. Run after changing requirements.txt; scripts/setup.sh installs the
# lock with --require-hashes (tests/test_docs.py checks that the two agree).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${TMPDIR:-/tmp}/posture-lock-tool
if [ ! -x "$tool/bin/pip-compile" ]; then
  python3 -m venv "$tool"
  "$tool/bin/pip" install --quiet --disable-pip-version-check pip-tools==7.6.2
fi
"$tool/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
  --no-emit-index-url --no-emit-find-links --no-header -o requirements.lock requirements.txt
echo "requirements.lock: $(grep -c '^[A-Za-z0-9]' requirements.lock) packages"
