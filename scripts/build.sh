#!/usr/bin/env bash
# Configures and builds into build/ (Release with debug info). -j2 matches CI's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${PORTICO_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j "${PORTICO_JOBS:-2}"
