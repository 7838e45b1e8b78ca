#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang 16 into build-fuzz/ and runs each for
# SECONDS (default 60) from its seed corpus. Fails on any crash, leak, timeout or sanitizer report;
# the inputs that caused them are left in build-fuzz/fuzz/artifacts/<target>/ (reproduce with
# build-fuzz/tests/fuzz/<target> <file>). Inputs found along the way go to
# build-fuzz/fuzz/corpus/<target>/, never into the seed corpus in the repository.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
PORTICO_WITH_FUZZ=1 scripts/install-deps.sh

build_dir=build-fuzz
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTICO_FUZZ=ON -DPORTICO_BUILD_TESTS=OFF >/dev/null
# PORTICO_BUILD_LOCK=FILE: build under flock(1), on a machine where other builds share the cores.
${PORTICO_BUILD_LOCK:+flock "$PORTICO_BUILD_LOCK"} cmake --build "$build_dir" -j "${PORTICO_JOBS:-2}" --target portico_fuzz

targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(fuzz_request_head fuzz_chat_request fuzz_sse_splitter fuzz_config)
# Reports must fail the run; symbolized stacks make them readable.
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-16/bin/llvm-symbolizer}"

failed=()
for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/$target"
  name="${target#fuzz_}"
  if [[ ! -x "$binary" ]]; then
    # CMake skips a target whose host source is not there yet (see tests/fuzz/CMakeLists.txt).
    echo "fuzz: $target not built (its host source is missing), skipped" >&2
    failed+=("$target(not built)")
    continue
  fi
  corpus="$build_dir/fuzz/corpus/$name"
  artifacts="$build_dir/fuzz/artifacts/$name"
  log="$build_dir/fuzz/$name.log"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [[ -f "tests/fuzz/dict/$name.dict" ]] && dict=(-dict="tests/fuzz/dict/$name.dict")
  echo "fuzz: $target for ${seconds}s (log $log)" >&2
  status=0
  # The first corpus directory receives new inputs; the seed directory is only read.
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${dict[@]}" "$corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ $status -ne 0 ]] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    echo "fuzz: $target FAILED (exit $status); artifacts in $artifacts/:" >&2
    ls -1 "$artifacts" >&2 || true
    grep -m1 -B2 -A40 -E '==ERROR|runtime error:|^fuzz_|deadly signal|uncaught exception|terminate called' "$log" >&2 \
      || tail -n 60 "$log" >&2
    failed+=("$target")
  else
    echo "fuzz: $target ok: ${runs:-?} inputs, ${execs:-?} exec/s" >&2
  fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all targets ran ${seconds}s without a report" >&2
