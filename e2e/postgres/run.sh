#!/usr/bin/env bash
# The S3 API on metadata.engine: postgres (issue 13, one node). Starts a throwaway PostgreSQL (scripts/lib/postgres.sh:
# Debian's package, a temp data dir, a free loopback port; stopped and removed at the end by its own directory) and
# the server with its metadata in it (local storage), plus a second server on its own database with
# server.domain: localhost for virtual-hosted style; then runs against them the whole xunit AWSSDK.S3 suite
# (listing scale and TransferUtility turned down: BLEEPSTORE_E2E_POSTGRES_LIST_KEYS, default 5000;
# BLEEPSTORE_E2E_POSTGRES_TRANSFER_MIB, default 64) and the cheap boto3 suites (boto3, versioning, lifecycle,
# POST Object). Ends with "N passed, N failed"; logs its wall time as a metric.
# Needs a built server and e2e suite (see run_e2e.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=../../scripts/lib/common.sh
source scripts/lib/common.sh

PARENT_METRICS="${BLEEPSTORE_E2E_METRICS:-}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-postgres.XXXXXX")"
# Beside WORK, not in it: mktemp's 0700 directory would keep out the user `postgres` the server runs as under root.
PG_DIR="${TMPDIR:-/tmp}/bleepstore-postgres-db.$$"
SERVER_PID="" VHOST_PID=""
STARTED=$SECONDS
cleanup() {
  local status=$?
  stop_server "$SERVER_PID"
  stop_server "$VHOST_PID"
  scripts/lib/postgres.sh stop "$PG_DIR" || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

abort() {
  log "$1"
  echo "0 passed, 1 failed"
  exit 1
}

ensure_curl || abort "curl is missing"
[[ -n "${BLEEPSTORE_PYTHON:-}" ]] || ensure_boto3 || log "boto3 unavailable: the boto3 suites will fail"
mapfile -t OUT_ARGS < <(dotnet_output_args)

PG_PORT="$(scripts/lib/postgres.sh start "$PG_DIR" $$ | tail -n 1)" || abort "PostgreSQL could not be started"
[[ "$PG_PORT" =~ ^[0-9]+$ ]] || abort "PostgreSQL could not be started"
log "PostgreSQL on 127.0.0.1:$PG_PORT (data: $PG_DIR)"
PSQL="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
for db in main vhost; do
  "$PSQL" -q -h 127.0.0.1 -p "$PG_PORT" -U bleepstore -d postgres -c "CREATE DATABASE $db" || abort "could not create database $db"
done

# write_pg_config FILE PORT DATA DATABASE [DOMAIN] — the main run's config with its metadata section on PostgreSQL.
write_pg_config() {
  local file=$1 port=$2 data=$3 database=$4 domain=${5:-}
  write_config "$file" "$port" "$data" "$domain"
  sed -i '/^metadata:/,/^storage:/{/^storage:/!d}' "$file"
  sed -i "s|^storage:|metadata:\n  engine: postgres\n  postgres:\n    connection_string: 'Host=127.0.0.1;Port=$PG_PORT;Username=bleepstore;Database=$database'\nstorage:|" "$file"
}

PORT="$(free_port)" || abort "no free port"
mkdir -p "$WORK/data" "$WORK/vhost" "$WORK/results"
write_pg_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data" main
grep -q "engine: postgres" "$WORK/bleepstore.yaml" || abort "the config was not rewritten for postgres"
start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" || abort "the server could not be started"
SERVER_PID=$SERVER_PID
MAIN_PID=$SERVER_PID
wait_ready "$PORT" "$MAIN_PID" "$WORK/server.log" 60 || abort "the server did not become ready"
VPORT="$(free_port)" || abort "no free port"
write_pg_config "$WORK/vhost.yaml" "$VPORT" "$WORK/vhost" vhost localhost
if start_server "$WORK/vhost.yaml" "$WORK/vhost.log" "$WORK" && wait_ready "$VPORT" "$SERVER_PID" "$WORK/vhost.log" 60; then
  export BLEEPSTORE_VHOST_ENDPOINT="http://localhost:$VPORT"
else
  log "the virtual-host server did not start: its tests will fail"
fi
VHOST_PID=$SERVER_PID SERVER_PID=$MAIN_PID

export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$PORT"
export BLEEPSTORE_ACCESS_KEY="${BLEEPSTORE_ACCESS_KEY:-bleepstore}" BLEEPSTORE_SECRET_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
export BLEEPSTORE_REGION="${BLEEPSTORE_REGION:-us-east-1}"
export BLEEPSTORE_ADMIN_TOKEN="${BLEEPSTORE_ADMIN_TOKEN:-bleepstore-e2e-admin}"
export BLEEPSTORE_SECOND_ACCESS_KEY="${BLEEPSTORE_SECOND_ACCESS_KEY:-bleepstore-second}"
export BLEEPSTORE_SECOND_SECRET_KEY="${BLEEPSTORE_SECOND_SECRET_KEY:-bleepstore-second-secret}"
export BLEEPSTORE_E2E_METRICS="$WORK/metrics.txt"
: >"$BLEEPSTORE_E2E_METRICS"
# The scale checks are the main run's; here they only have to pass on PostgreSQL.
export BLEEPSTORE_E2E_LIST_KEYS="${BLEEPSTORE_E2E_POSTGRES_LIST_KEYS:-5000}"
export BLEEPSTORE_E2E_TRANSFER_MIB="${BLEEPSTORE_E2E_POSTGRES_TRANSFER_MIB:-64}"

status=0
timeout --kill-after=30 1200 dotnet test e2e/BleepStore.E2E/BleepStore.E2E.csproj -c Release --no-build -nologo "${OUT_ARGS[@]}" \
  --logger "trx;LogFileName=postgres.trx" --results-directory "$WORK/results" >"$WORK/xunit.log" 2>&1 || status=$?
if counts="$(trx_counts "$WORK/results/postgres.trx")"; then read -r x_passed x_failed <<<"$counts"; else x_passed=0 x_failed=0; fi
if [[ $status -ne 0 && $x_failed -eq 0 ]]; then x_failed=1; fi
echo "xunit suite on postgres: $x_passed passed, $x_failed failed"
((x_failed == 0)) || grep -E "^\s+(Failed|Error Message)" -A3 "$WORK/xunit.log" | head -80 >&2 || true

b_passed=0 b_failed=0
for suite in boto3_suite versioning_suite lifecycle_suite post_object_suite; do
  if [[ -z "${BLEEPSTORE_PYTHON:-}" ]]; then
    echo "$suite on postgres: 0 passed, 1 failed"
    b_failed=$((b_failed + 1))
    continue
  fi
  timeout --kill-after=30 600 "$BLEEPSTORE_PYTHON" "e2e/python/$suite.py" >"$WORK/$suite.log" 2>&1 || true
  last="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/$suite.log" | tail -n 1 || true)"
  if [[ -n "$last" ]]; then
    p="${last%% passed*}" f="${last#*passed, }"
    f="${f%% failed}"
  else
    p=0 f=1
  fi
  echo "$suite on postgres: $p passed, $f failed"
  ((f == 0)) || tail -n 40 "$WORK/$suite.log" | sed 's/^/  | /' >&2
  b_passed=$((b_passed + p)) b_failed=$((b_failed + f))
done

for pid in "$MAIN_PID" "$VHOST_PID"; do
  kill -0 "$pid" 2>/dev/null || { log "server pid $pid died"; b_failed=$((b_failed + 1)); }
done
if ((x_failed + b_failed > 0)); then
  log "last 60 lines of the server log:"
  tail -n 60 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
# A clean shutdown: SIGTERM drains and exits 0 (the lease released, the listener stopped), no abort.
for pid in "$MAIN_PID" "$VHOST_PID"; do
  kill -0 "$pid" 2>/dev/null || continue
  kill -TERM "$pid"
  rc=0
  timeout 20 tail --pid="$pid" -f /dev/null || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || rc=$?
  if ((rc == 0)); then
    b_passed=$((b_passed + 1))
  else
    log "server pid $pid exited $rc on SIGTERM"
    b_failed=$((b_failed + 1))
  fi
done
SERVER_PID="" VHOST_PID=""
# A stack trace in a server log means an unhandled path (PostgreSQL errors must be S3 answers).
if grep -q "Unhandled exception\|NotImplementedException" "$WORK/server.log" "$WORK/vhost.log"; then
  log "a server log holds an unhandled exception:"
  grep -m 5 -A 3 "Unhandled exception\|NotImplementedException" "$WORK/server.log" "$WORK/vhost.log" | sed 's/^/  | /' >&2
  b_failed=$((b_failed + 1))
else
  b_passed=$((b_passed + 1))
fi

sed 's/^/postgres: /' "$BLEEPSTORE_E2E_METRICS"
[[ -z "$PARENT_METRICS" ]] || sed 's/^/postgres: /' "$BLEEPSTORE_E2E_METRICS" >>"$PARENT_METRICS"
wall="postgres suite wall time: $((SECONDS - STARTED)) s (xunit with ${BLEEPSTORE_E2E_LIST_KEYS} listing keys, ${BLEEPSTORE_E2E_TRANSFER_MIB} MiB transfer; 4 boto3 suites)"
log "$wall"
[[ -z "$PARENT_METRICS" ]] || echo "$wall" >>"$PARENT_METRICS"
echo "$((x_passed + b_passed)) passed, $((x_failed + b_failed)) failed"
