#!/usr/bin/env bash
# Builds the server (Release), starts it on a free loopback port with a throwaway config and data dir,
# runs the e2e suite (AWSSDK.S3 + awscli + raw HTTP) against it, then two script suites on servers of
# their own (e2e/crash/kill9.sh: kill -9 mid-PUT; e2e/resources/rss.sh: 2 GiB PUT/GET under 300 MB RSS),
# and ends with one line: "N passed, N failed". Installs awscli (Debian) when it is missing.
#
#   ./run_e2e.sh                       # everything
#   ./run_e2e.sh --filter Buckets      # extra arguments go to `dotnet test` (the script suites still run)
#   BLEEPSTORE_E2E_SKIP_CRASH=1 BLEEPSTORE_E2E_SKIP_RSS=1 ./run_e2e.sh   # only the e2e suite
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-e2e.XXXXXX")"
SERVER_PID=""
cleanup() {
  local status=$?
  stop_server "$SERVER_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Anything that stops the run before the suite reports still ends with an honest count line.
abort() {
  log "$1"
  echo "0 passed, 1 failed"
  exit 1
}

ensure_curl || abort "curl is missing and could not be installed"
ensure_awscli || log "awscli unavailable: the awscli tests will fail"
log "awscli: ${BLEEPSTORE_AWS_CLI:-missing} ($("${BLEEPSTORE_AWS_CLI:-false}" --version 2>&1 || true))"

mapfile -t OUT_ARGS < <(dotnet_output_args)
if [[ "${BLEEPSTORE_SKIP_BUILD:-0}" != 1 ]]; then
  log "building server and e2e suite (Release)"
  dotnet build src/Api/BleepStore.Api.csproj -c Release -nologo -v quiet "${OUT_ARGS[@]}" \
    || abort "the server does not build"
  dotnet build e2e/BleepStore.E2E/BleepStore.E2E.csproj -c Release -nologo -v quiet "${OUT_ARGS[@]}" \
    || abort "the e2e suite does not build"
fi

PORT="$(free_port)" || abort "no free loopback port"
mkdir -p "$WORK/data" "$WORK/results"
write_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data"
start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" || abort "the server could not be started"
log "server pid $SERVER_PID starting on 127.0.0.1:$PORT (data: $WORK/data)"
wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" "${BLEEPSTORE_READY_TIMEOUT:-30}" \
  || abort "the server did not become ready"

export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$PORT"
export BLEEPSTORE_ACCESS_KEY="${BLEEPSTORE_ACCESS_KEY:-bleepstore}"
export BLEEPSTORE_SECRET_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
export BLEEPSTORE_REGION="${BLEEPSTORE_REGION:-us-east-1}"

e2e_status=0
timeout --kill-after=30 "${BLEEPSTORE_E2E_TIMEOUT:-1500}" \
  dotnet test e2e/BleepStore.E2E/BleepStore.E2E.csproj -c Release --no-build -nologo "${OUT_ARGS[@]}" \
  --logger "trx;LogFileName=e2e.trx" --logger "console;verbosity=normal" --results-directory "$WORK/results" "$@" \
  || e2e_status=$?

if counts="$(trx_counts "$WORK/results/e2e.trx")"; then
  read -r e2e_passed e2e_failed <<<"$counts"
else
  e2e_passed=0 e2e_failed=0
fi
if [[ $e2e_status -ne 0 && $e2e_failed -eq 0 ]]; then e2e_failed=1; fi
if [[ $e2e_failed -gt 0 ]]; then
  log "e2e failures above; last 80 lines of the server log:"
  tail -n 80 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  log "the server died during the e2e suite"
  e2e_failed=$((e2e_failed + 1))
fi
stop_server "$SERVER_PID"
SERVER_PID=""
echo "e2e suite: $e2e_passed passed, $e2e_failed failed"

# Script suites, each on its own server and data dir; each ends with "N passed, N failed".
SCRIPT_SUITES=()
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || SCRIPT_SUITES+=(crash:e2e/crash/kill9.sh)
[[ "${BLEEPSTORE_E2E_SKIP_RSS:-0}" == 1 ]] || SCRIPT_SUITES+=(memory:e2e/resources/rss.sh)
script_passed=0 script_failed=0
for entry in "${SCRIPT_SUITES[@]}"; do
  name="${entry%%:*}" script="${entry#*:}"
  status=0
  bash "$script" 2>&1 | tee "$WORK/$name.log" || status=$?
  last="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/$name.log" | tail -n 1 || true)"
  p=0 f=0
  if [[ -n "$last" ]]; then
    p="${last%% passed*}"
    f="${last#*passed, }"
    f="${f%% failed}"
  fi
  if [[ $status -ne 0 && $f -eq 0 ]]; then f=1; fi
  echo "$name suite: $p passed, $f failed"
  script_passed=$((script_passed + p)) script_failed=$((script_failed + f))
done

passed=$((e2e_passed + script_passed))
failed=$((e2e_failed + script_failed))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
