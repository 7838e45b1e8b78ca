#!/usr/bin/env bash
# Installs what is missing, builds, and runs every suite (unit, integration, end-to-end) under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j "${PORTICO_JOBS:-2}" --timeout 300 "$@"
