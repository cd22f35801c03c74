#!/usr/bin/env bash
# Checks what dist/build.sh built as a user without a JDK would use it (docs/install.md): unpacks
# the archive and extracts the .deb (dpkg-deb -x, nothing installed on this machine) into temporary
# directories, then runs `--version`, `exec` (telemetry off and on), `generate-sample`,
# `post-events` and `report summary` from each, with a PATH that has no java on it and no
# JAVA_HOME. Fails on any CDS/AOT warning and when the AOT cache is not used.
# Usage: dist/verify.sh [--no-deb]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$PWD/dist/target"

deb=1
[[ "${1:-}" == "--no-deb" ]] && deb=""

work="$(mktemp -d "${TMPDIR:-/tmp}/cli-analytics-verify.XXXXXX")"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A PATH with the few programs the launcher and these checks use, and no java.
nojdk="$work/path"
mkdir -p "$nojdk"
for program in bash env sh true sleep cat readlink ps kill mktemp; do
  found="$(type -P "$program" || true)"
  [[ -n "$found" && "$found" == /* ]] && ln -s "$found" "$nojdk/$program"
done

fail() {
  echo "verify: $*" >&2
  exit 1
}

# run LAUNCHER ARGS...: the launcher in an environment without a JDK; stdout to $work/stdout,
# stderr to $work/stderr, exit status in $status.
run() {
  set +e
  env -i PATH="$nojdk" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    XDG_CACHE_HOME="$work/cache" DATA_DIR="$work/data" ${extra_env:-} \
    "$@" >"$work/stdout" 2>"$work/stderr"
  status=$?
  set -e
}

# The number of events the server at $2 holds, from `report summary --json`.
events() {
  run "$1" report summary --url "$2" --json
  [[ $status -eq 0 ]] || fail "report summary --json exited $status: $(cat "$work/stderr")"
  sed -n 's/.*"events": *\([0-9][0-9]*\).*/\1/p' "$work/stdout" | head -1
}

check() {
  local launcher="$1" label="$2" port
  echo "verify: $label ($launcher)"
  [[ -z "$(env -i PATH="$nojdk" bash -c 'command -v java')" ]] || fail "java is on the test PATH"

  run "$launcher" --version
  [[ $status -eq 0 ]] || fail "$label: --version exited $status: $(cat "$work/stderr")"
  grep -q '^cli-analytics ' "$work/stdout" || fail "$label: --version printed $(cat "$work/stdout")"
  [[ ! -s "$work/stderr" ]] || fail "$label: --version wrote to stderr: $(cat "$work/stderr")"

  # -XX:AOTMode=on makes the JVM fail when it cannot use the cache.
  extra_env="CLI_ANALYTICS_JAVA_OPTS=-XX:AOTMode=on" run "$launcher" --version
  [[ $status -eq 0 ]] || fail "$label: the AOT cache is not used: $(cat "$work/stdout" "$work/stderr")"

  run "$launcher" exec -- true
  [[ $status -eq 0 && ! -s "$work/stderr" ]] || fail "$label: exec -- true exited $status"
  run "$launcher" exec -- sh -c 'exit 3'
  [[ $status -eq 3 ]] || fail "$label: exec of exit 3 exited $status"

  run "$launcher" generate-sample -o "$work/events.jsonl" --events 300 --days 3
  [[ $status -eq 0 ]] || fail "$label: generate-sample exited $status: $(cat "$work/stderr")"

  port=$((20000 + RANDOM % 20000))
  env -i PATH="$nojdk" HOME="$work/home" DATA_DIR="$work/data-$label" \
    "$launcher" serve --port "$port" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    kill -0 "$server_pid" 2>/dev/null || fail "$label: serve stopped: $(cat "$work/serve.log")"
    sleep 0.1
  done
  local url="http://127.0.0.1:$port"

  run "$launcher" post-events "$work/events.jsonl" --url "$url"
  [[ $status -eq 0 ]] || fail "$label: post-events exited $status: $(cat "$work/stderr")"
  run "$launcher" infer --url "$url"
  [[ $status -eq 0 ]] || fail "$label: infer exited $status: $(cat "$work/stderr")"
  run "$launcher" report summary --url "$url"
  [[ $status -eq 0 && -s "$work/stdout" ]] || fail "$label: report summary exited $status: $(cat "$work/stderr")"
  grep -qi 'warning' "$work/stdout" "$work/stderr" && fail "$label: a warning: $(cat "$work/stderr")"

  # exec with telemetry on: the detached recorder, on the bundled runtime, sends one more event.
  local before after=""
  before="$(events "$launcher" "$url")"
  extra_env="EVENTS_ENABLED=1 EVENTS_URL=$url/ingest" run "$launcher" exec --tool verifytool -- true
  [[ $status -eq 0 && ! -s "$work/stderr" ]] || fail "$label: exec with telemetry on exited $status"
  for _ in $(seq 1 100); do
    after="$(events "$launcher" "$url")"
    [[ "$after" -gt "$before" ]] && break
    sleep 0.2
  done
  [[ "$after" -eq $((before + 1)) ]] || fail "$label: events $before before exec, $after after"

  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "verify: $label ok"
}

tarball="$(ls "$out"/cli-analytics-*-linux-x64.tar.gz | head -1)"
mkdir -p "$work/archive"
tar -C "$work/archive" -xzf "$tarball"
check "$(ls -d "$work"/archive/cli-analytics-*)/bin/cli-analytics" archive

if [[ -n "$deb" ]]; then
  package="$(ls "$out"/cli-analytics_*.deb | head -1)"
  mkdir -p "$work/deb"
  dpkg-deb -x "$package" "$work/deb"
  check "$work/deb/opt/cli-analytics/bin/cli-analytics" deb
fi
echo "verify: 0 failed"
