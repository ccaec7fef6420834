#!/usr/bin/env bash
# Cluster mode (docs/cluster.md): one throwaway PostgreSQL, 3 server processes on free ports over it and one shared
# local storage directory (each node with its own cluster.node_id and temp directory). Checks, with boto3 clients:
# exactly one node holds the background lease; a bucket, objects, overwrites and deletes made on one node are seen at
# once on the others (GET, HEAD, LIST together); a multipart upload created on A, parts on B and C, completed on A;
# 16 racing If-None-Match: * PUTs (and If-Match PUTs) spread over the nodes: exactly one 200; a key disabled on one
# node is refused at once by all; kill -9 of the lease holder under load from 16 clients: every acknowledged PUT
# reads back whole from the other two, another node takes the lease, the node restarts with an empty temp directory
# and the others' temp directories untouched; PostgreSQL stopped mid-load: 503 and /readyz not ready on every node,
# then recovery without restarting any node, nothing acknowledged lost.
# Each check prints PASS/FAIL; the last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/lib/common.sh
source "$HERE/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$HERE/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$HERE/../../scripts/lib/crash.sh"

PGCTL="$HERE/../../scripts/lib/postgres.sh"
NODES=(a b c)
declare -A PID PORT
LOAD_PID=""
crash_prelude cluster
# Outside WORK (mode 700): PostgreSQL runs as the user postgres when the suite runs as root.
PGDIR="$(mktemp -u "${TMPDIR:-/tmp}/bleepstore-cluster-pg.XXXXXX")"
SHARED="$WORK/shared"
mkdir -p "$SHARED/objects"

cluster_cleanup() {
  local status=$? n
  if [[ -n "$LOAD_PID" ]]; then kill -KILL "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; fi
  for n in "${NODES[@]}"; do stop_server "${PID[$n]:-}"; done
  bash "$PGCTL" stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$status"
}
trap cluster_cleanup EXIT

finish_cluster() {
  local n
  if ((FAILED > 0)); then
    for n in "${NODES[@]}"; do
      log "last 30 lines of node $n's log:"
      tail -n 30 "$WORK/node-$n.log" 2>/dev/null | sed 's/^/  | /' >&2
    done
  fi
  for n in "${NODES[@]}"; do stop_server "${PID[$n]:-}"; PID[$n]=""; done
  print_counts_and_exit
}

start_pg() { PG_PORT="$(bash "$PGCTL" start "$PGDIR" $$ | tail -n 1)" && [[ "$PG_PORT" =~ ^[0-9]+$ ]]; }
check "PostgreSQL starts" start_pg
((LAST_OK)) || finish_cluster

# node_config NODE — the node's config: PostgreSQL metadata, the shared storage root, its own node id.
node_config() {
  local n=$1
  cat >"$WORK/node-$n.yaml" <<YAML
server:
  host: 127.0.0.1
  port: ${PORT[$n]}
  region: ${BLEEPSTORE_REGION:-us-east-1}
  admin_token: ${BLEEPSTORE_ADMIN_TOKEN:-bleepstore-e2e-admin}
auth:
  access_key: ${BLEEPSTORE_ACCESS_KEY:-bleepstore}
  secret_key: ${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}
metadata:
  engine: postgres
  postgres:
    connection_string: "Host=127.0.0.1;Port=$PG_PORT;Username=bleepstore;Database=postgres"
    pool_size: 40
storage:
  backend: local
  local:
    root_dir: $SHARED/objects
cluster:
  node_id: node-$n
logging:
  level: info
  format: text
lifecycle:
  scan_interval_seconds: 1
YAML
}

# boot_node NODE — starts the node on its port (a free one the first time) and waits for /readyz.
boot_node() {
  local n=$1
  [[ -n "${PORT[$n]:-}" ]] || PORT[$n]="$(free_port)"
  node_config "$n"
  mkdir -p "$WORK/node-$n"
  start_server "$WORK/node-$n.yaml" "$WORK/node-$n.log" "$WORK/node-$n" || return 1
  PID[$n]=$SERVER_PID
  SERVER_PID=""
}
for n in "${NODES[@]}"; do boot_node "$n"; done
for n in "${NODES[@]}"; do
  check "node $n ready on PostgreSQL and the shared storage" wait_ready "${PORT[$n]}" "${PID[$n]}" "$WORK/node-$n.log" 60
done
((FAILED == 0)) || finish_cluster
EP=("http://127.0.0.1:${PORT[a]}" "http://127.0.0.1:${PORT[b]}" "http://127.0.0.1:${PORT[c]}")

LEASE_LINE="now runs the cluster's background jobs"
lease_lines() { cat "$WORK"/node-*.log | grep -c "$LEASE_LINE" || true; }
# holder — the node whose log last says it took the lease.
holder() {
  local n best="" t latest=0
  for n in "${NODES[@]}"; do
    t="$(grep -n "$LEASE_LINE" "$WORK/node-$n.log" 2>/dev/null | tail -n 1 | cut -d: -f1)"
    [[ -n "$t" ]] && best+="$n "
  done
  echo "$best"
}
one_holder() {
  local deadline=$((SECONDS + 15))
  while ((SECONDS < deadline)); do
    [[ "$(lease_lines)" -ge 1 ]] && break
    sleep 0.5
  done
  sleep 2 # the others ask every second: none of them may take it too
  [[ "$(lease_lines)" -eq 1 ]] || { log "lease lines: $(grep -h "$LEASE_LINE" "$WORK"/node-*.log)"; return 1; }
}
check "exactly one of the 3 nodes holds the background lease" one_holder
LEADER="$(holder | tr -d ' ')"
log "lease holder: node $LEADER"

py() { "$BLEEPSTORE_PYTHON" "$@"; }
BUCKET="cluster-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
phase_start=$SECONDS
count_checks < <(py "$HERE/cluster_checks.py" basic "$BUCKET" "${EP[@]}" 2>&1 || true)
log "cross-node checks took $((SECONDS - phase_start)) s"
phase_start=$SECONDS

# wait_acks FILE N — waits (60 s at most) until FILE holds N acknowledged writes.
wait_acks() {
  local file=$1 want=$2 deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    (($(wc -l <"$file") >= want)) && return 0
    sleep 0.2
  done
  log "only $(wc -l <"$file") acknowledged writes in 60 s; load log:"
  tail -n 20 "$WORK/load.log" | sed 's/^/  | /' >&2
  return 1
}
start_load() {
  rm -f "$WORK/stop"
  : >"$1"
  py "$HERE/cluster_checks.py" load "$BUCKET" "$1" "$WORK/stop" "${@:2}" >"$WORK/load.log" 2>&1 &
  LOAD_PID=$!
}
stop_load() {
  touch "$WORK/stop"
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=""
  log "load answers: $(tail -n 1 "$WORK/load.log")"
}

# --- kill -9 of the lease holder under load from 16 clients ---
SURVIVORS=()
SURVIVOR_EP=()
for i in 0 1 2; do
  if [[ "${NODES[$i]}" != "$LEADER" ]]; then SURVIVORS+=("${NODES[$i]}"); SURVIVOR_EP+=("${EP[$i]}"); fi
done
if [[ ${#SURVIVORS[@]} -ne 2 ]]; then
  fail_check "one lease holder to kill (found '$LEADER')"
  finish_cluster
fi
before_kill=$(lease_lines)
start_load "$WORK/acks-kill" "${EP[@]}"
check "16 clients are writing over 3 nodes when node $LEADER is killed" wait_acks "$WORK/acks-kill" "${BLEEPSTORE_CLUSTER_ACKS:-150}"
kill -KILL "${PID[$LEADER]}"
wait "${PID[$LEADER]}" 2>/dev/null || true
PID[$LEADER]=""
acked_at_kill=$(wc -l <"$WORK/acks-kill")
check "the 2 other nodes go on acknowledging writes after the kill" wait_acks "$WORK/acks-kill" $((acked_at_kill + 50))
stop_load
log "acknowledged: $(wc -l <"$WORK/acks-kill") writes ($acked_at_kill before the kill)"
count_checks < <(py "$HERE/cluster_checks.py" check "$BUCKET" "$WORK/acks-kill" "${SURVIVOR_EP[@]}" 2>&1 || true)
taken_over() {
  local deadline=$((SECONDS + 15))
  while ((SECONDS < deadline)); do
    (($(lease_lines) > before_kill)) && return 0
    sleep 0.5
  done
  return 1
}
check "another node takes the background lease after the holder's kill -9" taken_over

# The killed node's temp files died with it; a survivor's in-flight temp file stays through its restart.
survivor_tmp="$SHARED/objects/.tmp/node-${SURVIVORS[0]}/0123456789abcdef0123456789abcdef"
echo in-flight >"$survivor_tmp"
echo leftover >"$SHARED/objects/.tmp/node-$LEADER/fedcba9876543210fedcba9876543210"
restart_killed() { boot_node "$LEADER" && wait_ready "${PORT[$LEADER]}" "${PID[$LEADER]}" "$WORK/node-$LEADER.log" 60; }
check "node $LEADER restarts into the running cluster" restart_killed
own_tmp_empty() { [[ -z "$(ls -A "$SHARED/objects/.tmp/node-$LEADER")" ]]; }
check "its restart emptied its own temp directory" own_tmp_empty
check "and left node ${SURVIVORS[0]}'s in-flight temp file alone" test -f "$survivor_tmp"
rm -f "$survivor_tmp"
count_checks < <(py "$HERE/cluster_checks.py" check "$BUCKET" "$WORK/acks-kill" "http://127.0.0.1:${PORT[$LEADER]}" 2>&1 || true)

log "kill -9 phase took $((SECONDS - phase_start)) s"
phase_start=$SECONDS
# --- PostgreSQL stopped and restarted mid-load ---
pids_before="${PID[a]} ${PID[b]} ${PID[c]}"
start_load "$WORK/acks-pg" "${EP[@]}"
check "16 clients are writing over 3 nodes when PostgreSQL stops" wait_acks "$WORK/acks-pg" 100
check "PostgreSQL stops (an outage)" bash "$PGCTL" pause "$PGDIR"
sleep 1
not_ready() {
  local n code
  for n in "${NODES[@]}"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:${PORT[$n]}/readyz" || true)"
    [[ "$code" == 503 ]] || { log "node $n /readyz answered $code"; return 1; }
  done
}
check "/readyz answers 503 on every node while the database is down" not_ready
put_503() {
  py - "$BUCKET" "${EP[@]}" <<'PY'
import sys, os
sys.path.insert(0, os.path.join(os.environ["HERE"], "..", "python"))
from bleepstore_e2e import client
import botocore.exceptions
bad = []
for ep in sys.argv[2:]:
    try:
        client(ep).put_object(Bucket=sys.argv[1], Key="outage", Body=b"x")
        bad.append(f"{ep}: 200")
    except botocore.exceptions.ClientError as e:
        got = (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"])
        if got != (503, "ServiceUnavailable"):
            bad.append(f"{ep}: {got}")
if bad:
    print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
HERE="$HERE" check "a PUT on every node answers 503 ServiceUnavailable while the database is down" put_503
acked_down=$(wc -l <"$WORK/acks-pg")
sleep 2
resume_pg() { bash "$PGCTL" resume "$PGDIR" >/dev/null; }
check "PostgreSQL restarts on the same port" resume_pg
all_ready() {
  local n deadline=$((SECONDS + 30))
  for n in "${NODES[@]}"; do
    until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${PORT[$n]}/readyz" 2>/dev/null; do
      ((SECONDS < deadline)) || { log "node $n not ready 30 s after the database came back"; return 1; }
      sleep 0.5
    done
  done
}
check "every node is ready again within 30 s, by itself" all_ready
check "writes are acknowledged again after the outage" wait_acks "$WORK/acks-pg" $((acked_down + 100))
stop_load
saw_503() { grep -q '"[a-z]* *503 ServiceUnavailable"\|"503 ServiceUnavailable"' "$WORK/load.log"; }
check "clients under load saw 503 ServiceUnavailable during the outage" saw_503
check "no node was restarted" test "$pids_before" == "${PID[a]} ${PID[b]} ${PID[c]}"
no_wrong_body() { ! grep -q "WRONG BODY" "$WORK/load.log"; }
check "no GET under load returned a wrong body" no_wrong_body
count_checks < <(py "$HERE/cluster_checks.py" check "$BUCKET" "$WORK/acks-pg" "${EP[@]}" 2>&1 || true)
for n in "${NODES[@]}"; do
  check "node $n still running" kill -0 "${PID[$n]}"
done
log "database outage phase took $((SECONDS - phase_start)) s; the suite $SECONDS s"

finish_cluster
