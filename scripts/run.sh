#!/usr/bin/env bash
# Installs what is missing, builds, and starts the gateway on 127.0.0.1:4000 with etc/portico.yaml
# (the `demo` model through the mock provider; real providers when their API keys are set).
# Extra arguments go to `portico serve`, e.g. scripts/run.sh --port 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/host/portico serve --config "${PORTICO_CONFIG:-etc/portico.yaml}" "$@"
