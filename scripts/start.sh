#!/usr/bin/env bash
# One command on a fresh machine: install, fetch the sources, build the graph, open the explorer.
# Sources come from $REGKG_MIRROR if set (or ../shared/corpus when present), else they are downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${REGKG_MIRROR:-}" ] && [ -d ../shared/corpus ]; then
  export REGKG_MIRROR="$(cd ../shared/corpus && pwd)"
fi
.venv/bin/regkg fetch
.venv/bin/regkg build
exec .venv/bin/regkg explore --open "$@"
