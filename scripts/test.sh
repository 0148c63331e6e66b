#!/usr/bin/env bash
# The test command: lint, then the whole test suite (unit tests, full-corpus tests on the mirror, browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
if [ -z "${REGKG_MIRROR:-}" ] && [ -d ../shared/corpus ]; then
  export REGKG_MIRROR="$(cd ../shared/corpus && pwd)"
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -q "$@"
