#!/usr/bin/env bash
# Configures and builds (Release with debug info) into build/, or with PORTICO_SANITIZE=1 into
# build-sanitize/ (ASan + UBSan, see CMakeLists.txt). -j2 matches CI's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [[ "${PORTICO_SANITIZE:-0}" == 1 ]]; then
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPORTICO_SANITIZE=ON >/dev/null
  cmake --build build-sanitize -j "${PORTICO_JOBS:-2}"
else
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${PORTICO_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  cmake --build build -j "${PORTICO_JOBS:-2}"
fi
