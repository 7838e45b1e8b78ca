#!/usr/bin/env bash
# Runs the e2e tests (node:test + the official `openai`, `@anthropic-ai/sdk` and `@google/genai` npm SDKs) against a built Portico.
#
#   tests/e2e/run.sh [WORK_DIR]
#
# WORK_DIR (default: $PORTICO_E2E_WORK_DIR, else <repo>/build/e2e) receives copies of
# package.json, package-lock.json and the test files, and the node_modules that `npm ci` installs
# from the lock file. The install is repeated only when node_modules is missing or was installed
# from a different package-lock.json, so re-runs work offline. The source tree is never written.
#
# Needs PORTICO_BINARY, FAKE_UPSTREAM_BINARY and PORTICO_PLUGIN_DIR in the environment (ctest sets
# them; see README.md). Fails when node or npm is missing: scripts/install-deps.sh installs them,
# and a suite that quietly skips itself is a check that never ran.
set -euo pipefail

src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work_dir="${1:-${PORTICO_E2E_WORK_DIR:-$src_dir/../../build/e2e}}"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: '$tool' not found; install Node.js 20 or newer (scripts/install-deps.sh) to run the SDK tests" >&2
    exit 1
  fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "e2e: Node.js $(node --version) is too old; the openai SDK tests need 20 or newer" >&2
  exit 1
fi

for name in PORTICO_BINARY FAKE_UPSTREAM_BINARY PORTICO_PLUGIN_DIR; do
  if [ -z "${!name:-}" ]; then
    echo "e2e: $name is not set (see tests/e2e/README.md)" >&2
    exit 2
  fi
  if [ ! -e "${!name}" ]; then
    echo "e2e: $name=${!name} does not exist; build it first" >&2
    exit 2
  fi
done

mkdir -p "$work_dir"
work_dir="$(cd "$work_dir" && pwd)"

# Install only when the lock file changed since the last successful install (the stamp is a copy
# of the lock file it was installed from; npm ci replaces node_modules, stamp included).
stamp="$work_dir/node_modules/.portico-e2e-installed-lock.json"
if [ ! -f "$stamp" ] || ! cmp -s "$src_dir/package-lock.json" "$stamp"; then
  echo "e2e: installing npm dependencies into $work_dir/node_modules" >&2
  cp "$src_dir/package.json" "$src_dir/package-lock.json" "$work_dir/"
  (cd "$work_dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$src_dir/package-lock.json" "$stamp"
fi

# ESM imports resolve from the importing file's directory (NODE_PATH is ignored), so the tests run
# from copies placed next to node_modules. Stale copies of deleted test files are removed first.
rm -f "$work_dir"/*.mjs
cp "$src_dir"/*.mjs "$work_dir/"
cp "$src_dir/package.json" "$work_dir/"

cd "$work_dir"
# Each test file starts its own servers on free ports, so files may run in parallel.
exec node --test --test-reporter=spec ./*.test.mjs
