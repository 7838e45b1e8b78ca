#!/usr/bin/env bash
# Installs the Debian 12 packages Portico builds, runs and tests with. Idempotent: does nothing
# when everything is already there.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config ca-certificates openssl curl
  libpoco-dev libyaml-cpp-dev libsimdjson-dev rapidjson-dev libssl-dev
  googletest libgtest-dev libgmock-dev
  nodejs npm
  cargo
)
[[ "${PORTICO_WITH_BENCH:-0}" == 1 ]] && PACKAGES+=(wrk)
# scripts/fuzz.sh: clang 16 (clang 14, Debian's default, lacks C++20 lambda captures of structured
# bindings), libFuzzer's runtime (not pulled in by clang itself), llvm-symbolizer for the stacks.
[[ "${PORTICO_WITH_FUZZ:-0}" == 1 ]] && PACKAGES+=(clang-16 libclang-rt-16-dev llvm-16)

missing=()
for package in "${PACKAGES[@]}"; do
  # nodejs from NodeSource also provides npm; count it as present.
  if [[ "$package" == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
  # docs/examples/rust_provider: any cargo on PATH (rustup's) will do; else Debian's (rustc 1.63).
  if [[ "$package" == cargo ]] && command -v cargo >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
  || { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; }
