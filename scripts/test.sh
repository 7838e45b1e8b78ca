#!/usr/bin/env bash
# Installs what is missing, builds, and runs every suite (unit, integration, end-to-end) under ctest.
# PORTICO_SANITIZE=1 does the same in the ASan + UBSan build (build-sanitize/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
build_dir=build
if [[ "${PORTICO_SANITIZE:-0}" == 1 ]]; then
  build_dir=build-sanitize
  # Abort on the first report so the test that caused it fails; leaks are reported at exit.
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
fi
ctest --test-dir "$build_dir" --output-on-failure -j "${PORTICO_JOBS:-2}" --timeout 300 "$@"
