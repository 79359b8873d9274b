#!/usr/bin/env bash
# Run the dashboard: installs what it needs, then serves it on http://localhost:8501 (no internet used).
#
# It listens on this machine only (127.0.0.1). To open it to a network on purpose (a meeting room's laptop
# serving other screens), set POSTURE_LISTEN to the address to listen on, e.g. POSTURE_LISTEN=0.0.0.0 for every
# interface. The dashboard has no access control: anyone who reaches the port sees it and can use its saved
# scenarios, so on a shared network put a reverse proxy with authentication in front (README, "Running it for
# others").
#
# Extra arguments go to streamlit, e.g. scripts/run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")/.."
listen=${POSTURE_LISTEN:-127.0.0.1}
if [ "$listen" != 127.0.0.1 ] && [ "$listen" != localhost ] && [ "$listen" != ::1 ]; then
  echo "warning: listening on $listen: anyone who can reach this machine's port can use the dashboard" \
       "(no access control; see README, 'Running it for others')" >&2
fi
scripts/setup.sh --app
exec .venv/bin/streamlit run app.py --server.address "$listen" "$@"
