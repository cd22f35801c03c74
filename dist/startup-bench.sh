#!/usr/bin/env bash
# Start-up of `--version`, `report summary` and `post-events` (100 events) with the distribution's
# AOT cache, without it (-XX:AOTMode=off), and from the checkout's bin/cli-analytics (the JDK with
# its own CDS archive), RUNS times each, alternating; prints the medians in ms as one JSON line.
# Usage: dist/startup-bench.sh [RUNS] (default 21), after dist/build.sh. docs/install.md quotes it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-21}"
dist="$(ls -d dist/target/cli-analytics-*/ | head -1)"
dist="${dist%/}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cli-analytics-startup.XXXXXX")"
server_pid=""
trap '[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
unset EVENTS_ENABLED EVENTS_URL CLI_ANALYTICS_JAVA_OPTS

port=$((20000 + RANDOM % 20000))
DATA_DIR="$work/data" "$dist/bin/cli-analytics" serve --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
url="http://127.0.0.1:$port"
"$dist/bin/cli-analytics" generate-sample -o "$work/events.jsonl" --events 100 --days 2 >/dev/null
"$dist/bin/cli-analytics" post-events "$work/events.jsonl" --url "$url" >/dev/null

now_ms() { echo $((${EPOCHREALTIME//[.,]/} / 1000)); }

# time VARIANT COMMAND ARGS...: appends the wall time in ms to $work/VARIANT-COMMAND
measure() {
  local variant="$1" name="$2" launcher opts="" start
  shift 2
  case "$variant" in
    aot) launcher="$dist/bin/cli-analytics" ;;
    noaot) launcher="$dist/bin/cli-analytics" opts="-XX:AOTMode=off" ;;
    checkout) launcher="bin/cli-analytics" ;;
  esac
  start="$(now_ms)"
  CLI_ANALYTICS_JAVA_OPTS="$opts" "$launcher" "$@" >/dev/null 2>&1
  echo $(($(now_ms) - start)) >>"$work/$variant-$name"
}

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for variant in aot noaot checkout; do # warm-up
  measure "$variant" warmup --version
done
for _ in $(seq 1 "$runs"); do
  for variant in aot noaot checkout; do
    measure "$variant" version --version
    measure "$variant" summary report summary --url "$url"
    measure "$variant" post post-events "$work/events.jsonl" --url "$url"
  done
done

json="{"
for variant in aot noaot checkout; do
  for name in version summary post; do
    json="$json\"${name}_ms_${variant}\": $(median "$work/$variant-$name"), "
  done
done
echo "runs: $runs each, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "${json%, }}"
