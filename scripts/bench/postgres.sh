#!/usr/bin/env bash
# PostgreSQL metadata benchmark (issue 13), side by side in one run:
#  (a) 4 KiB PUT and GET, c16, on one node with SQLite metadata and one node with PostgreSQL metadata (a local
#      PostgreSQL with fsync and synchronous commit on, as a deployment would run it), in alternating rounds;
#      medians and the ratio PostgreSQL / SQLite (aim >= 0.5);
#  (b) ListObjectsV2 1000-key pages, c1, over LIST_KEYS keys seeded into each engine (aim p50 <= 15 ms on both);
#      With PG_VARIANT="Key=value;..." a third node, PostgreSQL with those Npgsql connection string options added
#      (say Multiplexing=true), joins the alternation, on its own database: an A/B of a connection option in one run;
#      with PX_DLL=path/to/BleepStore.Api.dll that third node runs another build (an A/B of two builds in one run);
#  (c) 4 KiB PUT and GET, c16, through one haproxy (round robin over connections) to 1 node and to 3 nodes over the
#      same PostgreSQL and one shared storage directory. On a 2-core machine this shows the cost of more processes
#      on the same cores, not scaling (docs/cluster.md sketches how it scales).
# Each figure also carries the CPU per operation of the server and of the PostgreSQL cluster (utime+stime over the
# run / operations): on a loaded machine that stays comparable where ops/s does not.
# Loopback only; every process it starts it also stops (PostgreSQL by its own data directory).
#
#   scripts/bench/postgres.sh                                              # full run (~6 min on a quiet 2-core machine)
#   DURATION=3 WARMUP=3 ROUNDS=1 LIST_KEYS=20000 scripts/bench/postgres.sh  # smoke run
#
# Variables: DURATION (s per timed run, 10), WARMUP (s of load before the timed runs, 10), ROUNDS (alternating rounds,
# 3), LIST_KEYS (1000000), PG_VARIANT, PX_DLL, SKIP_LIST=1, SKIP_NODES=1 (no part c), R2R=0, BLEEPSTORE_DLL, BENCH_REPORT=FILE,
# BENCH_JSON_DIR, SHARED_TOOLS (../shared/tools), BENCH_ARTIFACTS, BLEEPSTORE_ENV.
set -euo pipefail
# shellcheck source=../lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
bench_init postgres
# shellcheck source=../lib/common.sh
source "$REPO/scripts/lib/common.sh"
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-3}
LIST_KEYS=${LIST_KEYS:-1000000}
BUCKET=bench

bench_build_server
bench_build_helpers
bench_build_s3load

# CPU per operation (ms), the figure that stays comparable on a loaded machine where ops/s does not: the server's
# utime+stime over the run plus the PostgreSQL cluster's (postmaster and every child: backends, WAL writer), written
# beside each result as NAME.cpu ("server_ms database_ms" per operation).
clock_ticks=$(getconf CLK_TCK)
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local master sum=0 pid
  master=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  sum=$(proc_ticks "$master")
  for pid in $(pgrep -P "$master"); do sum=$((sum + $(proc_ticks "$pid"))); done
  echo "$sum"
}
node_pid() { case $1 in sq*) echo "$SQ_PID" ;; pg*) echo "$PG_PID" ;; px*) echo "${PX_PID:-}" ;; *) echo "" ;; esac; }
s3load() {
  local name=$1 pid s0 d0
  pid=$(node_pid "$name")
  [[ -n $pid ]] && s0=$(proc_ticks "$pid") && d0=$(pg_ticks)
  bench_s3load "$@"
  if [[ -n $pid ]]; then
    python3 - "$RES/$name.json" "$(($(proc_ticks "$pid") - s0))" "$(($(pg_ticks) - d0))" "$clock_ticks" >"$RES/$name.cpu" <<'PY' || true
import json, sys
ops = json.load(open(sys.argv[1])).get("Ops") or 0
server, db, hz = (int(x) for x in sys.argv[2:])
print(f"{server * 1000 / hz / ops:.3f} {db * 1000 / hz / ops:.3f}" if ops else "0 0")
PY
  fi
}

# --- a durable PostgreSQL in the work dir (stopped at exit)
# Its own temp dir directly under TMPDIR: PostgreSQL runs as the user postgres, who cannot enter $WORK (0700, ours).
PG_DIR=$(mktemp -u "${TMPDIR:-/tmp}/bleepstore-pgbench.XXXXXX")
PG_PORT=$(PG_DURABLE=1 "$REPO/scripts/lib/postgres.sh" start "$PG_DIR" $$)
CLEANUP_HOOKS+=("'$REPO/scripts/lib/postgres.sh' stop '$PG_DIR'")
pg_cs() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=bleepstore;Database=$1"; }
pg_db() { psql -q -h 127.0.0.1 -p "$PG_PORT" -U bleepstore -d postgres -c "CREATE DATABASE $1" >/dev/null; }
pg_yaml() {  # DATABASE STORAGE_DIR [EXTRA CONNECTION STRING OPTIONS]
  cat <<EOF
metadata:
  engine: postgres
  postgres:
    connection_string: "$(pg_cs "$1")${3:+;$3}"
storage:
  local:
    root_dir: $2
EOF
}

# --- (a) SQLite node and PostgreSQL node, both up, alternating
pg_db bench_ops
bench_start_server "$WORK/sqlite"
SQ_PID=$BS_PID SQ_URL=$BS_URL
bench_start_server "$WORK/pgnode" "$(pg_yaml bench_ops "$WORK/pgnode/objects")"
PG_PID=$BS_PID PG_URL=$BS_URL
NODES=(sq pg)
if [[ -n ${PG_VARIANT:-} || -n ${PX_DLL:-} ]]; then
  pg_db bench_variant
  main_dll=$SERVER_DLL
  SERVER_DLL=${PX_DLL:-$SERVER_DLL}
  bench_start_server "$WORK/pxnode" "$(pg_yaml bench_variant "$WORK/pxnode/objects" "${PG_VARIANT:-}")"
  SERVER_DLL=$main_dll
  PX_PID=$BS_PID PX_URL=$BS_URL
  NODES+=(px)
fi
node_url() { case $1 in sq) echo SQ_URL ;; pg) echo PG_URL ;; px) echo PX_URL ;; esac; }
for who in "${NODES[@]}"; do
  url=$(node_url "$who")
  s3load "$who-put-warm" "${!url}" --client lean --op put --size 4KiB --concurrency 16 --duration "$WARMUP" --warmup 0
  s3load "$who-get-warm" "${!url}" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --duration "$WARMUP" --warmup 0
done
for ((r = 1; r <= ROUNDS; r++)); do
  for who in "${NODES[@]}"; do
    url=$(node_url "$who")
    s3load "$who-put4k-$r" "${!url}" --client lean --op put --size 4KiB --concurrency 16 --duration "$DURATION" --warmup 1
    s3load "$who-get4k-$r" "${!url}" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --no-populate --duration "$DURATION" --warmup 1
  done
done
bench_stop "$SQ_PID"
bench_stop "$PG_PID"
[[ -z ${PX_PID:-} ]] || bench_stop "$PX_PID"
rm -rf "$WORK/sqlite" "$WORK/pgnode" "$WORK/pxnode"

# --- (b) 1000-key pages of a LIST_KEYS-key bucket on each engine
if [[ ${SKIP_LIST:-0} != 1 ]]; then
  log "seeding $LIST_KEYS keys into SQLite and into PostgreSQL"
  mkdir -p "$WORK/sqlite-list"
  dotnet "$BENCH_DLL" seed-list-db --db "$WORK/sqlite-list/metadata.db" --bucket "$BUCKET" --count "$LIST_KEYS" --prefix "s3load/ks-4KiB/" --owner "$AK" >&2
  pg_db bench_list
  dotnet "$BENCH_DLL" seed-list-pg --connection "$(pg_cs bench_list)" --bucket "$BUCKET" --count "$LIST_KEYS" --prefix "s3load/ks-4KiB/" --owner "$AK" >&2
  bench_start_server "$WORK/sqlite-list"
  SQ_PID=$BS_PID SQ_URL=$BS_URL
  bench_start_server "$WORK/pg-list" "$(pg_yaml bench_list "$WORK/pg-list/objects")"
  PG_PID=$BS_PID PG_URL=$BS_URL
  for who in sq pg; do
    url=SQ_URL; [[ $who == pg ]] && url=PG_URL
    s3load "$who-list" "${!url}" --client lean --op list --size 4KiB --list-max-keys 1000 --objects "$LIST_KEYS" --no-populate --concurrency 1 --duration "$DURATION" --warmup "$WARMUP"
  done
  bench_stop "$SQ_PID"
  bench_stop "$PG_PID"
fi

# --- (c) 1 node vs 3 nodes over one PostgreSQL, one shared storage dir, behind haproxy
if [[ ${SKIP_NODES:-0} != 1 ]]; then
  command -v haproxy >/dev/null || apt_install haproxy >/dev/null || { log "haproxy missing"; exit 1; }
  pg_db bench_nodes
  NODE_URLS=()
  for n in 1 2 3; do
    bench_start_server "$WORK/node$n" "$(pg_yaml bench_nodes "$WORK/shared-objects")"
    NODE_URLS+=("${BS_URL#http://}")
  done
  start_haproxy() {  # NAME COUNT -> HA_URL HA_PID
    local port servers="" i
    port=$(free_port)
    for ((i = 0; i < $2; i++)); do servers+="  server n$i ${NODE_URLS[$i]}"$'\n'; done
    cat >"$WORK/$1.cfg" <<EOF
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 5s
  timeout client 120s
  timeout server 120s
frontend s3
  bind 127.0.0.1:$port
  default_backend nodes
backend nodes
  balance roundrobin
$servers
EOF
    haproxy -f "$WORK/$1.cfg" -db >"$WORK/$1.log" 2>&1 &
    HA_PID=$!
    PIDS+=("$HA_PID")
    HA_URL=http://127.0.0.1:$port
    sleep 0.5
  }
  start_haproxy ha1 1
  H1_PID=$HA_PID H1_URL=$HA_URL
  start_haproxy ha3 3
  H3_PID=$HA_PID H3_URL=$HA_URL
  for who in n1 n3; do
    url=H1_URL; [[ $who == n3 ]] && url=H3_URL
    s3load "$who-put-warm" "${!url}" --client lean --op put --size 4KiB --concurrency 16 --duration "$WARMUP" --warmup 0
    s3load "$who-get-warm" "${!url}" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --duration "$WARMUP" --warmup 0
  done
  for ((r = 1; r <= ROUNDS; r++)); do
    for who in n1 n3; do
      url=H1_URL; [[ $who == n3 ]] && url=H3_URL
      s3load "$who-put4k-$r" "${!url}" --client lean --op put --size 4KiB --concurrency 16 --duration "$DURATION" --warmup 1
      s3load "$who-get4k-$r" "${!url}" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --no-populate --duration "$DURATION" --warmup 1
    done
  done
fi

# --- report
python3 - "$RES" "$ROUNDS" "$(nproc)" "$LIST_KEYS" "${PG_VARIANT:-}${PX_DLL:+ (build $PX_DLL)}" >"$WORK/report.txt" <<'PY'
import json, os, statistics, sys
res, rounds, cpus, list_keys, variant = sys.argv[1:]
rounds = int(rounds)
def load(n):
    try:
        r = json.load(open(os.path.join(res, n + ".json")))
        r["_name"] = n
        return r
    except Exception:
        return None
def cpu(n):
    try:
        server, db = (float(x) for x in open(os.path.join(res, n + ".cpu")).read().split())
        return server, db
    except Exception:
        return None
def fig(r):
    if r is None:
        return "(not run)"
    l = r["LatencyMs"]
    err = f"  ERRORS {r['ErrorOps']}" if r.get("ErrorOps") else ""
    c = cpu(r["_name"]) if "_name" in r else None
    cpu_text = f"  CPU/op server {c[0]:.3f} + db {c[1]:.3f} ms" if c else ""
    return f"{r['OpsPerSec']:8.0f} ops/s  p50 {l['P50']:7.2f} ms  p99 {l['P99']:7.2f} ms{cpu_text}{err}"
def median_run(runs):
    runs = sorted([r for r in runs if r], key=lambda r: r["OpsPerSec"])
    return runs[len(runs) // 2] if runs else None
def pair(label, a_name, b_name, a_label, b_label, aim):
    a = [load(f"{a_name}-{r}") for r in range(1, rounds + 1)]
    b = [load(f"{b_name}-{r}") for r in range(1, rounds + 1)]
    ma, mb = median_run(a), median_run(b)
    if not ma or not mb:
        return
    ratios = [y["OpsPerSec"] / x["OpsPerSec"] for x, y in zip(a, b) if x and y]
    print(f"{label}")
    print(f"  {a_label:24} {fig(ma)}")
    print(f"  {b_label:24} {fig(mb)}   ratio {mb['OpsPerSec'] / ma['OpsPerSec']:.2f}x {aim}")
    print(f"  {'ratio per round':24} " + "  ".join(f"{x:.2f}" for x in ratios))
    ca = [cpu(r["_name"]) for r in a if r]
    cb = [cpu(r["_name"]) for r in b if r]
    ca, cb = [c for c in ca if c], [c for c in cb if c]
    if ca and cb:
        ta = statistics.median(x + y for x, y in ca)
        tb = statistics.median(x + y for x, y in cb)
        print(f"  {'CPU per op, median':24} {ta:.3f} ms -> {tb:.3f} ms (server + database; {tb / ta:.2f}x)")
print(f"PostgreSQL metadata benchmark — {cpus} CPUs, loopback, PostgreSQL durable (fsync on)")
print()
pair("4 KiB PUT c16", "sq-put4k", "pg-put4k", "SQLite node", "PostgreSQL node", "(aim >= 0.5)")
pair("4 KiB GET c16", "sq-get4k", "pg-get4k", "SQLite node", "PostgreSQL node", "(aim >= 0.5)")
if variant:
    print(f"PostgreSQL node with {variant} (px) against the plain PostgreSQL node (pg), same rounds:")
    pair("4 KiB PUT c16", "pg-put4k", "px-put4k", "PostgreSQL node", "variant node", "")
    pair("4 KiB GET c16", "pg-get4k", "px-get4k", "PostgreSQL node", "variant node", "")
    pair("4 KiB PUT c16", "sq-put4k", "px-put4k", "SQLite node", "variant node", "(aim >= 0.5)")
    pair("4 KiB GET c16", "sq-get4k", "px-get4k", "SQLite node", "variant node", "(aim >= 0.5)")
for who, label in (("sq", "SQLite"), ("pg", "PostgreSQL")):
    r = load(f"{who}-list")
    if r:
        print(f"ListObjectsV2 1000 of {list_keys} on {label:10} {fig(r)}   (aim p50 <= 15 ms)")
pair("4 KiB PUT c16 through haproxy", "n1-put4k", "n3-put4k", "1 node", "3 nodes", "(2 cores: overhead, not scaling)")
pair("4 KiB GET c16 through haproxy", "n1-get4k", "n3-get4k", "1 node", "3 nodes", "(2 cores: overhead, not scaling)")
PY
cat "$WORK/report.txt"
[[ -n ${BENCH_REPORT:-} ]] && cp "$WORK/report.txt" "$BENCH_REPORT"
if [[ -n ${BENCH_JSON_DIR:-} ]]; then mkdir -p "$BENCH_JSON_DIR" && cp "$RES"/*.json "$BENCH_JSON_DIR/"; fi
exit 0
