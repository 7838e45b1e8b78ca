#!/usr/bin/env bash
# Load benchmark: wrk against fake_openai directly, then through Portico to the same fake, and a
# summary of what the gateway costs (RPS ratio, added p50/p99). See docs/performance.md.
#
#   bench/run.sh [BUILD_DIR]          BUILD_DIR default: $BENCH_BUILD_DIR, else <repo>/build
#
# Environment (defaults in brackets):
#   BENCH_DURATION [15s]  measured run per target (wrk -d syntax: 15s, 1m)
#   BENCH_WARMUP   [3s]   unmeasured run per target before the measured one (0 = none)
#   BENCH_THREADS  [2]    wrk threads
#   BENCH_CONNECTIONS [50] wrk connections
#   BENCH_STREAM   [0]    1 = also measure stream:true (+include_usage) requests, both ways
#
# Needs wrk (apt-get install wrk) and curl. Builds and installs nothing: build first with
#   cmake -S . -B build -G Ninja && ninja -C build
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-${BENCH_BUILD_DIR:-$repo_dir/build}}"
duration="${BENCH_DURATION:-15s}"
warmup="${BENCH_WARMUP:-3s}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-50}"
with_stream="${BENCH_STREAM:-0}"
lua_script="$repo_dir/bench/chat.lua"
master_key="sk-bench-master"
ready_timeout_s=30

die() { echo "bench: $*" >&2; exit 1; }

command -v wrk >/dev/null 2>&1 || die "wrk not found; install it with: apt-get install wrk"
command -v curl >/dev/null 2>&1 || die "curl not found; install it with: apt-get install curl"
[ -d "$build_dir" ] || die "build directory $build_dir not found; build first (cmake -S . -B build -G Ninja && ninja -C build)"
build_dir="$(cd "$build_dir" && pwd)"
portico_bin="$build_dir/host/portico"
fake_bin="$build_dir/tests/fakes/fake_openai"
plugin_dir="$build_dir/plugins"
[ -x "$portico_bin" ] || die "$portico_bin not found; build first (ninja -C $build_dir)"
[ -x "$fake_bin" ] || die "$fake_bin not found; build first (ninja -C $build_dir fake_openai)"
[ -f "$plugin_dir/providers/openai.so" ] || die "$plugin_dir/providers/openai.so not found; build first"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/portico-bench.XXXXXX")"
pids=()

cleanup() {
  local pid
  if [ -n "${wrk_pid:-}" ]; then
    kill -TERM "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" 2>/dev/null || true
  fi
  # Gateway first (started last), then the upstream; SIGTERM, then SIGKILL after 10 s.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_server LABEL CMD...: runs CMD in the background with stdout/stderr in $work_dir, waits
# (bounded) for its "listening on http://..." line and stores the URL in $server_url.
start_server() {
  local label="$1"
  shift
  # Created here, not by the background job's redirection, so the first poll can read them.
  : >"$work_dir/$label.out"
  : >"$work_dir/$label.err"
  "$@" >>"$work_dir/$label.out" 2>>"$work_dir/$label.err" &
  local pid=$!
  pids+=("$pid")
  local deadline=$((SECONDS + ready_timeout_s))
  server_url=""
  while [ -z "$server_url" ]; do
    server_url="$(sed -n 's#^listening on \(http://[^[:space:]]*\)$#\1#p' "$work_dir/$label.out" | head -n1)"
    [ -n "$server_url" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$work_dir/$label.err" >&2
      die "$label exited before it was ready"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      cat "$work_dir/$label.err" >&2
      die "$label printed no 'listening on' line within ${ready_timeout_s}s"
    fi
    sleep 0.1
  done
  echo "bench: $label listening on $server_url (pid $pid)" >&2
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
start_server fake_openai "$fake_bin" --host 127.0.0.1 --port 0 --threads 512
fake_url="$server_url"

cat >"$work_dir/portico.yaml" <<EOF
model_list:
  - model_name: bench
    litellm_params: {model: openai/gpt-4o-mini, api_base: "$fake_url/v1", api_key: sk-bench-upstream, timeout: 30}
plugins:
  directory: "$plugin_dir"
  observers: []
  guardrails: []
general_settings: {master_key: $master_key}
server: {max_threads: 512, min_threads: 64, max_queued: 4096, listen_backlog: 4096, log_level: warn}
EOF
start_server portico env -u PORTICO_CONFIG -u PORTICO_HOST -u PORTICO_PORT -u PORTICO_MASTER_KEY \
  "$portico_bin" serve --config "$work_dir/portico.yaml" --host 127.0.0.1 --port 0
portico_url="$server_url"
portico_pid="${pids[-1]}"
fake_pid="${pids[0]}"
clk_tck="$(getconf CLK_TCK)"

# One request each way first, so a broken setup fails here with the server's answer, not as a
# column of non-2xx counts.
check() {
  local label="$1" url="$2" key="$3" model="$4" status
  status="$(curl -sS -o "$work_dir/check.json" -w '%{http_code}' --max-time 10 \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" \
    "$url/v1/chat/completions")" || die "$label: request failed"
  [ "$status" = 200 ] || die "$label: HTTP $status: $(cat "$work_dir/check.json")"
}
check direct "$fake_url" sk-bench-direct gpt-4o-mini
check portico "$portico_url" "$master_key" bench

# to_ms VALUE: wrk's "1.23ms" / "850.00us" / "1.02s" / "1.5m" -> milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    else if (u != "ms") { print "NaN"; exit }
    printf "%.3f", n }'
}

# run_wrk CMD...: runs wrk in the background and waits for it, so that a SIGTERM/SIGINT to this
# script is handled at once (bash defers traps while a foreground child runs) and cleanup stops it.
wrk_pid=""
run_wrk() {
  "$@" &
  wrk_pid=$!
  wait "$wrk_pid"
  wrk_pid=""
}

# cpu_ticks PID: user + system CPU time the process has used so far, in clock ticks.
# (Fields after "pid (comm) ": utime and stime are the 12th and 13th.)
cpu_ticks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

# measure NAME URL KEY MODEL STREAM: warm-up, then the measured wrk run; sets rps[NAME],
# p50[NAME], p99[NAME], errors[NAME], and the CPU time per request that fake_openai and portico
# used during the run (fake_us[NAME], portico_us[NAME]). RPS and latency depend on whatever else
# runs on the machine; CPU time per request much less so. wrk's output stays in $work_dir/NAME.wrk.
declare -A rps p50 p99 errors fake_us portico_us
measure() {
  local name="$1" url="$2" key="$3" model="$4" stream="$5" out="$work_dir/$1.wrk"
  local -a cmd=(wrk -t"$threads" -c"$connections" --latency -s "$lua_script" "$url/v1/chat/completions")
  if [ "$warmup" != 0 ] && [ "$warmup" != 0s ]; then
    echo "bench: $name: warm-up $warmup" >&2
    BENCH_API_KEY="$key" BENCH_MODEL="$model" BENCH_STREAM="$stream" run_wrk "${cmd[@]}" -d"$warmup" >/dev/null
  fi
  echo "bench: $name: measuring $duration (wrk -t$threads -c$connections)" >&2
  local fake0 portico0 fake1 portico1 requests
  fake0="$(cpu_ticks "$fake_pid")"
  portico0="$(cpu_ticks "$portico_pid")"
  BENCH_API_KEY="$key" BENCH_MODEL="$model" BENCH_STREAM="$stream" run_wrk "${cmd[@]}" -d"$duration" >"$out"
  fake1="$(cpu_ticks "$fake_pid")"
  portico1="$(cpu_ticks "$portico_pid")"
  requests="$(awk '/ requests in / {print $1}' "$out")"
  fake_us[$name]="$(awk -v t="$((fake1 - fake0))" -v n="$requests" -v hz="$clk_tck" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')"
  portico_us[$name]="$(awk -v t="$((portico1 - portico0))" -v n="$requests" -v hz="$clk_tck" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')"
  sed 's/^/    /' "$out" >&2
  rps[$name]="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50[$name]="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  p99[$name]="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  local non2xx socket
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  socket="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")"
  errors[$name]=$(( ${non2xx:-0} + ${socket:-0} ))
  [ -n "${rps[$name]}" ] || die "$name: could not parse wrk output"
}

names=(direct portico)
measure direct "$fake_url" sk-bench-direct gpt-4o-mini 0
measure portico "$portico_url" "$master_key" bench 0
if [ "$with_stream" = 1 ]; then
  names+=(direct_stream portico_stream)
  measure direct_stream "$fake_url" sk-bench-direct gpt-4o-mini 1
  measure portico_stream "$portico_url" "$master_key" bench 1
fi
portico_rss_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$portico_pid/status" 2>/dev/null || echo '?')"
portico_threads="$(awk '/^Threads:/ {print $2}' "/proc/$portico_pid/status" 2>/dev/null || echo '?')"

echo
echo "Portico load benchmark: wrk -t$threads -c$connections -d$duration (warm-up $warmup), ~1 KB chat.completions POST"
echo "host: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), all processes on 127.0.0.1, load average before start: $load_before"
echo
printf '%-26s %12s %10s %10s %8s %12s %14s\n' target "req/s" "p50 ms" "p99 ms" errors "fake CPU/req" "portico CPU/req"
for name in "${names[@]}"; do
  case "$name" in
    direct) label="direct (fake_openai)" ;;
    portico) label="through Portico" ;;
    direct_stream) label="direct, stream" ;;
    portico_stream) label="through Portico, stream" ;;
  esac
  printf '%-26s %12s %10s %10s %8s %9s us %11s us\n' "$label" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" \
    "${errors[$name]}" "${fake_us[$name]}" "${portico_us[$name]}"
done
echo
summary() {
  local via="$1" direct="$2" label="$3"
  awk -v r1="${rps[$via]}" -v r0="${rps[$direct]}" -v a1="${p50[$via]}" -v a0="${p50[$direct]}" \
      -v b1="${p99[$via]}" -v b0="${p99[$direct]}" -v c="${portico_us[$via]}" -v f="${fake_us[$direct]}" \
      -v label="$label" 'BEGIN {
    printf "%s: Portico/direct RPS = %.1f %%, added p50 = %+.3f ms, added p99 = %+.3f ms,\n", label, 100 * r1 / r0, a1 - a0, b1 - b0
    printf "    Portico CPU per request = %.1f us (%.2fx the fake upstream'"'"'s %.1f us)\n", c, (f > 0 ? c / f : 0), f }'
}
summary portico direct "non-streaming"
[ "$with_stream" = 1 ] && summary portico_stream direct_stream "streaming"
echo "portico peak RSS ${portico_rss_kb} kB, ${portico_threads} threads at the end"

total_errors=0
for name in "${names[@]}"; do total_errors=$((total_errors + errors[$name])); done
if [ "$total_errors" -gt 0 ]; then
  echo "bench: WARNING: $total_errors non-2xx responses or socket errors; the figures above are not valid" >&2
  exit 1
fi
