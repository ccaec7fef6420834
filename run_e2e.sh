#!/usr/bin/env bash
# Builds the server (Release), starts it on a free loopback port with a throwaway config and data dir (plus a
# second server with `server.domain: localhost` for virtual-hosted style), runs against them the xunit suite
# (AWSSDK.S3 + awscli + raw HTTP), the boto3 suite (e2e/python) and the command-line clients suite
# (e2e/clients: awscli, rclone, s3cmd), then script suites on servers of their own (e2e/crash: kill -9 mid-PUT
# and mid-CompleteMultipartUpload; e2e/resources: 2 GiB PUT/GET and 5 GiB multipart under 300 MB RSS; e2e/gateway:
# the data-path suites through a server on the aws storage gateway in front of a second server, on the gcp gateway in
# front of the in-repo GCS JSON API test server, and, with Azurite, on the azure gateway; e2e/postgres: the xunit and
# cheap boto3 suites on metadata.engine postgres against a throwaway PostgreSQL),
# and ends with one line: "N passed, N failed". Installs awscli, rclone, s3cmd, curl, python3-boto3 (Debian)
# when missing, and chromium for the browser suite (e2e/browser). Opt-in heavy checks: see e2e/README.md.
#
#   ./run_e2e.sh                       # everything
#   ./run_e2e.sh --filter Buckets      # extra arguments go to `dotnet test` (the other suites still run)
#   BLEEPSTORE_E2E_SKIP_CRASH=1 BLEEPSTORE_E2E_SKIP_RSS=1 BLEEPSTORE_E2E_SKIP_CLIENTS=1 ./run_e2e.sh   # xunit + boto3 only
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-e2e.XXXXXX")"
SERVER_PID=""
VHOST_PID=""
cleanup() {
  local status=$?
  stop_server "$SERVER_PID"
  stop_server "$VHOST_PID"
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
ensure_boto3 || log "boto3 unavailable: the boto3 suite will fail"
log "python with boto3: ${BLEEPSTORE_PYTHON:-missing}"
ensure_rclone || log "rclone unavailable: its checks will fail"
ensure_s3cmd || log "s3cmd unavailable: its checks will fail"
[[ "${BLEEPSTORE_E2E_SKIP_BROWSER:-0}" == 1 ]] || ensure_chromium || log "chromium unavailable: the browser suite will fail"

mapfile -t OUT_ARGS < <(dotnet_output_args)
if [[ "${BLEEPSTORE_SKIP_BUILD:-0}" != 1 ]]; then
  log "building server and e2e suite (Release)"
  dotnet build src/Api/BleepStore.Api.csproj -c Release -nologo -v quiet "${OUT_ARGS[@]}" \
    || abort "the server does not build"
  dotnet build e2e/BleepStore.E2E/BleepStore.E2E.csproj -c Release -nologo -v quiet "${OUT_ARGS[@]}" \
    || abort "the e2e suite does not build"
  # The GCS JSON API test server the gcp gateway run puts behind the server (a failed build fails that run only).
  [[ "${BLEEPSTORE_E2E_SKIP_GCP:-0}" == 1 ]] || dotnet build tests/emulators/gcs/BleepStore.GcsTestServer.csproj -c Release -nologo -v quiet "${OUT_ARGS[@]}" \
    || log "the GCS test server does not build: the gcp gateway run will fail"
fi

PORT="$(free_port)" || abort "no free loopback port"
mkdir -p "$WORK/data" "$WORK/results"
write_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data"
start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" || abort "the server could not be started"
log "server pid $SERVER_PID starting on 127.0.0.1:$PORT (data: $WORK/data)"
wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" "${BLEEPSTORE_READY_TIMEOUT:-30}" \
  || abort "the server did not become ready"

# A second server, own port and data dir, with server.domain: localhost, for virtual-hosted-style requests.
VPORT="$(free_port)" || abort "no free loopback port"
mkdir -p "$WORK/vhost"
write_config "$WORK/vhost.yaml" "$VPORT" "$WORK/vhost" localhost
MAIN_PID=$SERVER_PID
if start_server "$WORK/vhost.yaml" "$WORK/vhost.log" "$WORK" && wait_ready "$VPORT" "$SERVER_PID" "$WORK/vhost.log" 30; then
  export BLEEPSTORE_VHOST_ENDPOINT="http://localhost:$VPORT"
else
  log "the virtual-host server did not start: its tests will fail"
fi
VHOST_PID=$SERVER_PID SERVER_PID=$MAIN_PID

export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$PORT"
export BLEEPSTORE_ACCESS_KEY="${BLEEPSTORE_ACCESS_KEY:-bleepstore}"
export BLEEPSTORE_SECRET_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
export BLEEPSTORE_REGION="${BLEEPSTORE_REGION:-us-east-1}"
export BLEEPSTORE_ADMIN_TOKEN="${BLEEPSTORE_ADMIN_TOKEN:-bleepstore-e2e-admin}"
export BLEEPSTORE_SECOND_ACCESS_KEY="${BLEEPSTORE_SECOND_ACCESS_KEY:-bleepstore-second}"
export BLEEPSTORE_SECOND_SECRET_KEY="${BLEEPSTORE_SECOND_SECRET_KEY:-bleepstore-second-secret}"
# Timings and sizes the suites measure (listing scale, TransferUtility, 5 GiB…) are collected here and printed at the end.
export BLEEPSTORE_E2E_METRICS="$WORK/metrics.txt"
: >"$BLEEPSTORE_E2E_METRICS"

# run_counted NAME COMMAND... — runs a suite that ends with "N passed, N failed", adds its counts to the totals.
# A suite that exits non-zero without counting a failure counts one.
script_passed=0 script_failed=0
run_counted() {
  local name=$1 status=0 last p=0 f=0
  shift
  "$@" 2>&1 | tee "$WORK/$name.log" || status=$?
  last="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/$name.log" | tail -n 1 || true)"
  if [[ -n "$last" ]]; then
    p="${last%% passed*}"
    f="${last#*passed, }"
    f="${f%% failed}"
  fi
  if [[ $status -ne 0 && $f -eq 0 ]]; then f=1; fi
  echo "$name suite: $p passed, $f failed"
  script_passed=$((script_passed + p)) script_failed=$((script_failed + f))
}

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
echo "e2e suite: $e2e_passed passed, $e2e_failed failed"

# boto3 and command-line clients against the same servers.
if [[ -n "${BLEEPSTORE_PYTHON:-}" ]]; then
  run_counted boto3 timeout --kill-after=30 900 "$BLEEPSTORE_PYTHON" e2e/python/boto3_suite.py
  run_counted versioning timeout --kill-after=30 600 "$BLEEPSTORE_PYTHON" e2e/python/versioning_suite.py
  run_counted objectlock timeout --kill-after=30 300 "$BLEEPSTORE_PYTHON" e2e/python/objectlock_suite.py
  run_counted lifecycle timeout --kill-after=30 300 "$BLEEPSTORE_PYTHON" e2e/python/lifecycle_suite.py
else
  echo "boto3 suite: 0 passed, 1 failed"
  echo "versioning suite: 0 passed, 1 failed"
  echo "objectlock suite: 0 passed, 1 failed"
  echo "lifecycle suite: 0 passed, 1 failed"
  script_failed=$((script_failed + 4))
fi
if [[ -n "${BLEEPSTORE_PYTHON:-}" ]]; then
  run_counted cors-sigv2 timeout --kill-after=30 600 "$BLEEPSTORE_PYTHON" e2e/python/cors_sigv2_suite.py
  run_counted post-object timeout --kill-after=30 300 "$BLEEPSTORE_PYTHON" e2e/python/post_object_suite.py
else
  echo "cors-sigv2 suite: 0 passed, 1 failed"
  echo "post-object suite: 0 passed, 1 failed"
  script_failed=$((script_failed + 2))
fi
[[ "${BLEEPSTORE_E2E_SKIP_BROWSER:-0}" == 1 ]] || run_counted browser timeout --kill-after=30 300 "${BLEEPSTORE_PYTHON:-python3}" e2e/browser/cors_browser.py
[[ "${BLEEPSTORE_E2E_SKIP_BROWSER:-0}" == 1 ]] || run_counted browser-post timeout --kill-after=30 300 "${BLEEPSTORE_PYTHON:-python3}" e2e/browser/post_form_browser.py
[[ "${BLEEPSTORE_E2E_SKIP_CLIENTS:-0}" == 1 ]] || run_counted clients timeout --kill-after=30 1200 bash e2e/clients/clients.sh

for pid in "$SERVER_PID" "$VHOST_PID"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    log "server pid $pid died during the suites; last 40 lines of its log:"
    tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
    e2e_failed=$((e2e_failed + 1))
  fi
done
if ((script_failed > 0)); then
  log "failures in the boto3/clients suites; last 40 lines of the server log:"
  tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
stop_server "$SERVER_PID"
stop_server "$VHOST_PID"
SERVER_PID="" VHOST_PID=""

# The servers' logs of the whole run hold no secret key and no signature (header or presigned query).
log_secrets() {
  local pattern="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}|${BLEEPSTORE_SECOND_SECRET_KEY:-bleepstore-second-secret}|Signature=|X-Amz-Signature|x-amz-signature"
  local hits lines
  lines=$(cat "$WORK/server.log" "$WORK/vhost.log" 2>/dev/null | wc -l)
  hits=$(cat "$WORK/server.log" "$WORK/vhost.log" 2>/dev/null | grep -cE "$pattern" || true)
  if [[ $lines -gt 0 && $hits -eq 0 ]]; then
    echo "server logs: $lines lines, no secret key or signature"
    echo "1 passed, 0 failed"
  else
    echo "server logs: $lines lines, $hits with a secret key or signature:"
    cat "$WORK/server.log" "$WORK/vhost.log" 2>/dev/null | grep -E "$pattern" | head -n 5
    echo "0 passed, 1 failed"
  fi
}
run_counted log-secrets log_secrets

# Script suites, each on its own server and data dir; each ends with "N passed, N failed".
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash bash e2e/crash/kill9.sh
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash-complete bash e2e/crash/kill9_complete.sh
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash-memory bash e2e/crash/kill9_memory.sh
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash-versions bash e2e/crash/kill9_versions.sh
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash-objectlock bash e2e/crash/kill9_objectlock.sh
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash-lifecycle bash e2e/crash/kill9_lifecycle.sh
[[ "${BLEEPSTORE_E2E_SKIP_CRASH:-0}" == 1 ]] || run_counted crash-complete-retry bash e2e/crash/kill9_complete_retry.sh
[[ "${BLEEPSTORE_E2E_SKIP_CLUSTER:-0}" == 1 ]] || run_counted cluster timeout --kill-after=30 900 bash e2e/cluster/cluster.sh
[[ "${BLEEPSTORE_E2E_SKIP_AZURE:-0}" == 1 ]] || run_counted azure-gateway bash e2e/azure/run.sh
[[ "${BLEEPSTORE_E2E_SKIP_RSS:-0}" == 1 ]] || run_counted memory bash e2e/resources/rss.sh
[[ "${BLEEPSTORE_E2E_SKIP_5G:-0}" == 1 ]] || run_counted memory-5g bash e2e/resources/rss_multipart.sh
[[ "${BLEEPSTORE_E2E_SKIP_GATEWAY:-0}" == 1 ]] || run_counted aws-gateway bash e2e/gateway/aws_gateway.sh
[[ "${BLEEPSTORE_E2E_SKIP_GCP:-0}" == 1 ]] || run_counted gcp-gateway bash e2e/gateway/gcp_gateway.sh
[[ "${BLEEPSTORE_E2E_SKIP_POSTGRES:-0}" == 1 ]] || run_counted postgres bash e2e/postgres/run.sh
[[ "${BLEEPSTORE_E2E_SKIP_GATEWAY:-0}" == 1 ]] || run_counted aws-gateway-crash bash e2e/gateway/kill9_aws_keys.sh

if [[ -s "$BLEEPSTORE_E2E_METRICS" ]]; then
  echo "== measured =="
  cat "$BLEEPSTORE_E2E_METRICS"
fi
passed=$((e2e_passed + script_passed))
failed=$((e2e_failed + script_failed))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
