#!/usr/bin/env bash
# Load benchmark: wrk against fake_upstream directly, through nginx proxy_pass, and through Portico
# (optionally also through a previous Portico build), all to the same fake in one run, and a
# summary of what each gateway costs (RPS against nginx, added p50/p99). See docs/performance.md.
#
#   bench/run.sh [BUILD_DIR]          BUILD_DIR default: $BENCH_BUILD_DIR, else <repo>/build
#
# Environment (defaults in brackets):
#   BENCH_DURATION [15s]  measured run per target (wrk -d syntax: 15s, 1m)
#   BENCH_WARMUP   [3s]   unmeasured run per target before the measured one (0 = none)
#   BENCH_THREADS  [2]    wrk threads
#   BENCH_CONNECTIONS [50] wrk connections; a list ("50 500") measures every target at each
#   BENCH_STREAM   [0]    1 = also measure stream:true (+include_usage) requests, every way
#   BENCH_NGINX    [1 if nginx is installed] 1 = nginx proxy_pass as the baseline gateway
#   BENCH_BEFORE   []     another build directory (a previous commit): its portico is measured too
#
# Needs wrk and curl (apt-get install wrk curl), and nginx for the baseline (apt-get install nginx-light). Builds and installs nothing: build first with
#   cmake -S . -B build -G Ninja && ninja -C build
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-${BENCH_BUILD_DIR:-$repo_dir/build}}"
duration="${BENCH_DURATION:-15s}"
warmup="${BENCH_WARMUP:-3s}"
threads="${BENCH_THREADS:-2}"
connections_list="${BENCH_CONNECTIONS:-50}"
with_stream="${BENCH_STREAM:-0}"
before_dir="${BENCH_BEFORE:-}"
with_nginx="${BENCH_NGINX:-$({ command -v nginx || ls /usr/sbin/nginx; } >/dev/null 2>&1 && echo 1 || echo 0)}"
lua_script="$repo_dir/bench/chat.lua"
master_key="sk-bench-master"
ready_timeout_s=30

die() { echo "bench: $*" >&2; exit 1; }

command -v wrk >/dev/null 2>&1 || die "wrk not found; install it with: apt-get install wrk"
command -v curl >/dev/null 2>&1 || die "curl not found; install it with: apt-get install curl"
[ -d "$build_dir" ] || die "build directory $build_dir not found; build first (cmake -S . -B build -G Ninja && ninja -C build)"
build_dir="$(cd "$build_dir" && pwd)"
portico_bin="$build_dir/host/portico"
fake_bin="$build_dir/tests/fakes/fake_upstream"
plugin_dir="$build_dir/plugins"
[ -x "$portico_bin" ] || die "$portico_bin not found; build first (ninja -C $build_dir)"
[ -x "$fake_bin" ] || die "$fake_bin not found; build first (ninja -C $build_dir fake_upstream)"
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
start_server fake_upstream "$fake_bin" --host 127.0.0.1 --port 0 --threads 4096
fake_url="$server_url"
fake_pid="${pids[-1]}"
clk_tck="$(getconf CLK_TCK)"
declare -A gateway_pid

# start_portico NAME BIN PLUGIN_DIR: a Portico with the bench config; its URL in $server_url.
start_portico() {
  local name="$1" bin="$2" plugins="$3"
  cat >"$work_dir/$name.yaml" <<EOF
model_list:
  - model_name: bench
    litellm_params: {model: openai/gpt-4o-mini, api_base: "$fake_url/v1", api_key: sk-bench-upstream, timeout: 30}
plugins:
  directory: "$plugins"
  observers: []
  guardrails: []
general_settings: {master_key: $master_key}
server: {max_threads: 1024, min_threads: 64, listen_backlog: 4096, log_level: warn}
EOF
  start_server "$name" env -u PORTICO_CONFIG -u PORTICO_HOST -u PORTICO_PORT -u PORTICO_MASTER_KEY \
    "$bin" serve --config "$work_dir/$name.yaml" --host 127.0.0.1 --port 0
  gateway_pid[$name]="${pids[-1]}"
}

# start_nginx: nginx proxy_pass to the fake with pooled upstream connections, the way a production
# nginx in front of an LLM API is set up; its URL in $server_url.
start_nginx() {
  local nginx_bin port
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  mkdir -p "$work_dir/nginx" && chmod 1777 "$work_dir/nginx"
  cat >"$work_dir/nginx.conf" <<EOF
daemon off;
worker_processes auto;
error_log $work_dir/nginx.err warn;
pid $work_dir/nginx.pid;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work_dir/nginx/body; proxy_temp_path $work_dir/nginx/proxy;
  fastcgi_temp_path $work_dir/nginx/fastcgi; uwsgi_temp_path $work_dir/nginx/uwsgi; scgi_temp_path $work_dir/nginx/scgi;
  upstream fake { server ${fake_url#http://}; keepalive 512; }
  server {
    listen 127.0.0.1:$port backlog=4096;
    keepalive_requests 100000;
    location / { proxy_pass http://fake; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
EOF
  "$nginx_bin" -c "$work_dir/nginx.conf" -p "$work_dir" >"$work_dir/nginx.out" 2>&1 &
  pids+=("$!")
  gateway_pid[nginx]="$!"
  server_url="http://127.0.0.1:$port"
  local deadline=$((SECONDS + ready_timeout_s))
  until curl -s -o /dev/null "$server_url/"; do
    kill -0 "${gateway_pid[nginx]}" 2>/dev/null || { cat "$work_dir/nginx.out" "$work_dir/nginx.err" >&2; die "nginx exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "nginx not ready within ${ready_timeout_s}s"
    sleep 0.1
  done
  echo "bench: nginx listening on $server_url (pid ${gateway_pid[nginx]})" >&2
}

# Targets: NAME -> URL, key and model.
declare -A target_url target_key target_model
targets=(direct)
target_url[direct]="$fake_url"; target_key[direct]=sk-bench-direct; target_model[direct]=gpt-4o-mini
if [ "$with_nginx" = 1 ]; then
  start_nginx
  targets+=(nginx)
  target_url[nginx]="$server_url"; target_key[nginx]=sk-bench-direct; target_model[nginx]=gpt-4o-mini
fi
start_portico portico "$portico_bin" "$plugin_dir"
targets+=(portico)
target_url[portico]="$server_url"; target_key[portico]="$master_key"; target_model[portico]=bench
if [ -n "$before_dir" ]; then
  [ -x "$before_dir/host/portico" ] || die "$before_dir/host/portico not found"
  start_portico before "$before_dir/host/portico" "$before_dir/plugins"
  targets+=(before)
  target_url[before]="$server_url"; target_key[before]="$master_key"; target_model[before]=bench
fi

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
for t in "${targets[@]}"; do check "$t" "${target_url[$t]}" "${target_key[$t]}" "${target_model[$t]}"; done

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

# cpu_ticks PIDS...: user + system CPU time the processes have used so far, in clock ticks.
# (Fields after "pid (comm) ": utime and stime are the 12th and 13th.)
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'))); done
  echo "$total"
}
# gateway_pids TARGET: the processes whose CPU a target's gateway uses (nginx: its workers too).
gateway_pids() {
  [ "$1" = direct ] && return 0
  echo "${gateway_pid[$1]}"
  if [ "$1" = nginx ]; then pgrep -P "${gateway_pid[nginx]}" || true; fi
}

# measure RUN TARGET STREAM CONNECTIONS: warm-up, then the measured wrk run; sets rps[RUN],
# p50[RUN], p99[RUN], errors[RUN], and the CPU time per request the fake and the gateway used
# during the run (fake_us[RUN], gateway_us[RUN]). RPS and latency depend on whatever else runs on
# the machine; CPU time per request much less so. wrk's output stays in $work_dir/RUN.wrk.
declare -A rps p50 p99 errors fake_us gateway_us
measure() {
  local run="$1" target="$2" stream="$3" connections="$4" out="$work_dir/$1.wrk"
  local wrk_threads=$(( threads < connections ? threads : connections ))  # wrk needs one connection per thread
  local -a cmd=(env BENCH_API_KEY="${target_key[$target]}" BENCH_MODEL="${target_model[$target]}" BENCH_STREAM="$stream"
                wrk -t"$wrk_threads" -c"$connections" --latency -s "$lua_script" "${target_url[$target]}/v1/chat/completions")
  if [ "$warmup" != 0 ] && [ "$warmup" != 0s ]; then
    echo "bench: $run: warm-up $warmup" >&2
    run_wrk "${cmd[@]}" -d"$warmup" >/dev/null
  fi
  echo "bench: $run: measuring $duration (wrk -t$wrk_threads -c$connections)" >&2
  local -a gw
  mapfile -t gw < <(gateway_pids "$target")
  local fake0 gw0=0 fake1 gw1=0 requests
  fake0="$(cpu_ticks "$fake_pid")"
  [ ${#gw[@]} -gt 0 ] && gw0="$(cpu_ticks "${gw[@]}")"
  run_wrk "${cmd[@]}" -d"$duration" >"$out"
  fake1="$(cpu_ticks "$fake_pid")"
  [ ${#gw[@]} -gt 0 ] && gw1="$(cpu_ticks "${gw[@]}")"
  requests="$(awk '/ requests in / {print $1}' "$out")"
  fake_us[$run]="$(awk -v t="$((fake1 - fake0))" -v n="$requests" -v hz="$clk_tck" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')"
  gateway_us[$run]="$(awk -v t="$((gw1 - gw0))" -v n="$requests" -v hz="$clk_tck" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')"
  sed 's/^/    /' "$out" >&2
  rps[$run]="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50[$run]="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  p99[$run]="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  local non2xx socket
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  socket="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")"
  errors[$run]=$(( ${non2xx:-0} + ${socket:-0} ))
  [ -n "${rps[$run]}" ] || die "$run: could not parse wrk output"
}

modes=(0)
[ "$with_stream" = 1 ] && modes+=(1)
runs=()
for connections in $connections_list; do
  for stream in "${modes[@]}"; do
    for t in "${targets[@]}"; do
      run="$t.$([ "$stream" = 1 ] && echo stream || echo json).c$connections"
      measure "$run" "$t" "$stream" "$connections"
      runs+=("$run")
    done
  done
done
portico_rss_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/${gateway_pid[portico]}/status" 2>/dev/null || echo '?')"
portico_threads="$(awk '/^Threads:/ {print $2}' "/proc/${gateway_pid[portico]}/status" 2>/dev/null || echo '?')"

echo
echo "Portico load benchmark: wrk -t$threads -c{${connections_list// /,}} -d$duration (warm-up $warmup), ~1 KB chat.completions POST"
echo "host: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), all processes on 127.0.0.1, load average before start: $load_before"
if [ -n "$before_dir" ]; then echo "before = $before_dir/host/portico"; fi
echo
printf '%-24s %11s %9s %9s %7s %15s %15s\n' run "req/s" "p50 ms" "p99 ms" errors "fake CPU/req" "gateway CPU/req"
for run in "${runs[@]}"; do
  printf '%-24s %11s %9s %9s %7s %12s us %12s us\n' "$run" "${rps[$run]}" "${p50[$run]}" "${p99[$run]}" \
    "${errors[$run]}" "${fake_us[$run]}" "${gateway_us[$run]}"
done
echo
# ratio GATEWAY BASE: per connections x mode, GATEWAY's RPS against BASE's, and the latency it
# adds over calling the fake directly.
ratio() {
  local gateway="$1" base="$2" connections mode
  for connections in $connections_list; do
    for stream in "${modes[@]}"; do
      mode="$([ "$stream" = 1 ] && echo stream || echo json)"
      local a="$gateway.$mode.c$connections" b="$base.$mode.c$connections" d="direct.$mode.c$connections"
      awk -v r1="${rps[$a]}" -v r0="${rps[$b]}" -v a1="${p50[$a]}" -v a0="${p50[$d]}" -v b1="${p99[$a]}" \
          -v b0="${p99[$d]}" -v label="$gateway/$base $mode c=$connections" \
          'BEGIN { printf "%-32s RPS %6.1f %%   added p50 %+8.3f ms   added p99 %+8.3f ms\n", label, 100 * r1 / r0, a1 - a0, b1 - b0 }'
    done
  done
}
if [ "$with_nginx" = 1 ]; then ratio portico nginx; fi
if [ "$with_nginx" = 1 ] && [ -n "$before_dir" ]; then ratio before nginx; fi
if [ -n "$before_dir" ]; then ratio portico before; fi
ratio portico direct
echo "portico peak RSS ${portico_rss_kb} kB, ${portico_threads} threads at the end"

total_errors=0
for run in "${runs[@]}"; do total_errors=$((total_errors + errors[$run])); done
if [ "$total_errors" -gt 0 ]; then
  echo "bench: WARNING: $total_errors non-2xx responses or socket errors; the figures above are not valid" >&2
  exit 1
fi
