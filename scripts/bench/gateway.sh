#!/usr/bin/env bash
# Gateway and memory-backend benchmark, side by side in one run (a sibling of load.sh, never part of the test command):
#   1. the aws gateway against the same upstream accessed directly: an upstream BleepStore (local backend) and a
#      gateway BleepStore (storage.backend: aws in front of it); the same load tool (s3load --client lean) runs 4 KiB GET
#      c16 and 4 KiB PUT c16 in ROUNDS alternating timed runs against each, then 64 MiB PUT and GET c2; ratios
#      gateway / direct (issue 12 aims: 4 KiB >= 0.6, 64 MiB >= 0.8). The gateway runs with the default key_names
#      (true: nothing inlined, every object upstream); with key_names: false (mode keys compares both) objects up
#      to 64 KiB live inline in the metadata row and never reach the upstream;
#   2. peak server RSS (VmHWM) of a fresh gateway while a 1 GiB object is PUT and then read back through it (aim < 200 MiB);
#   3. 4 KiB GET c16 on the memory backend against the local backend, alternating (aim: memory >= local), and the same
#      at 128 KiB (4 KiB objects are inline in the metadata row on both, so only the 128 KiB run reads the backend);
#   4. (MODES=keys, not in the default set) the cost of key names (decision 0010): two aws gateways on the same upstream,
#      one with key_names: true (the default) and one with key_names: false, 4 KiB and 128 KiB PUT and GET c16 in ROUNDS
#      alternating runs, then 64 MiB PUT c2 with server CPU per op; ratios key names / blob-id names.
#   5. (MODES=rss-azure / rss-gcp, not in the default set) mode 2's procedure on a fresh azure gateway in front of Azurite
#      (tests/emulators/azurite, the pinned npm package) and on a fresh gcp gateway in front of the GCS JSON API test server
#      (tests/emulators/gcs, in memory: it holds every object, ~14 GiB RSS at peak), each with key_names on (the default),
#      plus a 1 GiB multipart upload (8 MiB parts, --verify reads it back): peak VmHWM after each step (aim < 200 MiB).
# Loopback only; every process it starts it also stops.
#
#   scripts/bench/gateway.sh                        # ~9 min on 2 cores
#   MODES="direct rss" DURATION=5 scripts/bench/gateway.sh
#   MODES="rss rss-azure rss-gcp" scripts/bench/gateway.sh     # ~20 min at load 20: 1 GiB through each gateway
#
# Variables: MODES (direct rss memory; keys rss-azure rss-gcp on request), DURATION (s per timed run, 10), WARMUP (s, 5), ROUNDS (3), BIG_COUNT (64 MiB ops, 8),
# RSS_SIZE (1GiB), R2R=0 (plain build), BLEEPSTORE_DLL (a built server), SHARED_TOOLS (../shared/tools), BENCH_REPORT=FILE,
# BENCH_JSON_DIR=DIR (raw s3load results), GATEWAY_ENV (extra VAR=value words for the gateway's environment),
# GATEWAY_AWS (extra storage.aws lines for the gateways, e.g. "response_checksum_validation: when_required").
# Every timed run also records the CPU ms each server spent (/proc/PID/stat), printed per operation.
set -euo pipefail
# shellcheck source=../lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
bench_init gateway-bench
MODES=${MODES:-direct rss memory}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-3}
BIG_COUNT=${BIG_COUNT:-8}
RSS_SIZE=${RSS_SIZE:-1GiB}
UAK=upstream-key
USK=upstream-secret-key
UBUCKET=gateway-bytes
stop() { bench_stop "$@"; }
mode() { [[ " $MODES " == *" $1 "* ]]; }
kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
# cpu NAME PIDS... -- COMMAND...: runs COMMAND and records the CPU ms each PID spent meanwhile in $RES/NAME.cpu
cpu() {
  local name=$1 pids=() before=() i
  shift
  while [[ $1 != -- ]]; do pids+=("$1"); shift; done
  shift
  for i in "${pids[@]}"; do before+=("$(ticks "$i")"); done
  "$@"
  for i in "${!pids[@]}"; do printf '%s ' $(( ($(ticks "${pids[$i]}") - before[i]) * 1000 / $(getconf CLK_TCK) )); done >"$RES/$name.cpu"
}

bench_build_server
bench_build_s3load
s3load() {  # NAME ENDPOINT AK SK ARGS... -> $RES/NAME.json
  LOAD_AK=$3 LOAD_SK=$4 bench_s3load "$1" "$2" "${@:5}"
}

# start NAME STORAGE_YAML [ENV...] -> sets PID URL; the server's own credentials are AK/SK except for the upstream.
start() {
  local name=$1 storage=$2 dir=$WORK/$1 port ak=$AK sk=$SK
  shift 2
  [[ $name == upstream ]] && ak=$UAK sk=$USK
  port=$(free_port)
  mkdir -p "$dir"
  cat >"$dir/bleepstore.yaml" <<EOF
server:
  host: 127.0.0.1
  port: $port
auth:
  access_key: $ak
  secret_key: $sk
logging:
  level: warn
metadata:
  sqlite:
    path: $dir/metadata.db
$storage
EOF
  # shellcheck disable=SC2068
  (cd "$dir" && exec env $@ dotnet "$SERVER_DLL" --config "$dir/bleepstore.yaml") >"$dir/server.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  URL=http://127.0.0.1:$port
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$URL/readyz" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  log "$name did not become ready"; cat "$dir/server.log" >&2; exit 1
}
local_storage() { printf 'storage:\n  backend: local\n  local:\n    root_dir: %s\n' "$WORK/$1/objects"; }
gateway_storage() {  # [PREFIX] [KEY_NAMES]
  printf 'storage:\n  backend: aws\n  aws:\n    bucket: %s\n    prefix: %s\n    endpoint_url: %s\n    use_path_style: true\n    access_key_id: %s\n    secret_access_key: %s\n' \
    "$UBUCKET" "${1:-gw/}" "$UP_URL" "$UAK" "$USK"
  [[ -z ${2:-} ]] || printf '    key_names: %s\n' "$2"
  [[ -z ${GATEWAY_AWS:-} ]] || printf '    %s\n' "$GATEWAY_AWS"
}
start_gateway() {  # NAME -> GW_PID GW_URL
  # shellcheck disable=SC2086
  start "$1" "$(gateway_storage)" ${GATEWAY_ENV:-}
  GW_PID=$PID GW_URL=$URL
}

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average at start: $LOAD"

if mode direct || mode rss || mode keys; then
  start upstream "$(local_storage upstream)"
  UP_PID=$PID UP_URL=$URL
  curl -fsS -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" --user "$UAK:$USK" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$UP_URL/$UBUCKET" >/dev/null
fi

if mode direct; then
  start_gateway gateway
  direct() { s3load "$1" "$UP_URL" "$UAK" "$USK" "${@:2}"; }
  through() { s3load "$1" "$GW_URL" "$AK" "$SK" "${@:2}"; }
  get4k=(--client lean --op get --size 4KiB --concurrency 16 --objects 100)
  put4k=(--client lean --op put --size 4KiB --concurrency 16)
  direct d-get-warm "${get4k[@]}" --duration "$WARMUP" --warmup 0
  through g-get-warm "${get4k[@]}" --duration "$WARMUP" --warmup 0
  direct d-put-warm "${put4k[@]}" --duration "$WARMUP" --warmup 0
  through g-put-warm "${put4k[@]}" --duration "$WARMUP" --warmup 0
  for ((r = 1; r <= ROUNDS; r++)); do
    cpu "d-get4k-$r" "$GW_PID" "$UP_PID" -- direct "d-get4k-$r" "${get4k[@]}" --no-populate --duration "$DURATION" --warmup 1
    cpu "g-get4k-$r" "$GW_PID" "$UP_PID" -- through "g-get4k-$r" "${get4k[@]}" --no-populate --duration "$DURATION" --warmup 1
  done
  for ((r = 1; r <= ROUNDS; r++)); do
    cpu "d-put4k-$r" "$GW_PID" "$UP_PID" -- direct "d-put4k-$r" "${put4k[@]}" --duration "$DURATION" --warmup 1
    cpu "g-put4k-$r" "$GW_PID" "$UP_PID" -- through "g-put4k-$r" "${put4k[@]}" --duration "$DURATION" --warmup 1
  done
  # Above the 64 KiB inline limit: every GET and PUT goes upstream.
  direct d-get128k-pop --client lean --op get --size 128KiB --concurrency 16 --objects 100 --duration 1 --warmup 0
  through g-get128k-pop --client lean --op get --size 128KiB --concurrency 16 --objects 100 --duration 1 --warmup 0
  for ((r = 1; r <= ROUNDS; r++)); do
    cpu "d-get128k-$r" "$GW_PID" "$UP_PID" -- direct "d-get128k-$r" --client lean --op get --size 128KiB --concurrency 16 --objects 100 --no-populate --duration "$DURATION" --warmup 1
    cpu "g-get128k-$r" "$GW_PID" "$UP_PID" -- through "g-get128k-$r" --client lean --op get --size 128KiB --concurrency 16 --objects 100 --no-populate --duration "$DURATION" --warmup 1
    cpu "d-put128k-$r" "$GW_PID" "$UP_PID" -- direct "d-put128k-$r" --client lean --unsigned-payload --op put --size 128KiB --concurrency 16 --duration "$DURATION" --warmup 1
    cpu "g-put128k-$r" "$GW_PID" "$UP_PID" -- through "g-put128k-$r" --client lean --unsigned-payload --op put --size 128KiB --concurrency 16 --duration "$DURATION" --warmup 1
  done
  # CPU ms of the gateway and of the upstream during each run (.cpu files: "gateway upstream"), to say where time goes.
  cpu d-put64m "$GW_PID" "$UP_PID" -- direct d-put64m --client lean --unsigned-payload --op put --size 64MiB --concurrency 2 --count "$BIG_COUNT" --warmup 0
  cpu g-put64m "$GW_PID" "$UP_PID" -- through g-put64m --client lean --unsigned-payload --op put --size 64MiB --concurrency 2 --count "$BIG_COUNT" --warmup 0
  direct d-get64m-pop --client lean --op get --size 64MiB --concurrency 2 --objects 4 --count 1 --warmup 0
  through g-get64m-pop --client lean --op get --size 64MiB --concurrency 2 --objects 4 --count 1 --warmup 0
  cpu d-get64m "$GW_PID" "$UP_PID" -- direct d-get64m --client lean --op get --size 64MiB --concurrency 2 --objects 4 --no-populate --count "$((BIG_COUNT * 2))" --warmup 0
  cpu g-get64m "$GW_PID" "$UP_PID" -- through g-get64m --client lean --op get --size 64MiB --concurrency 2 --objects 4 --no-populate --count "$((BIG_COUNT * 2))" --warmup 0
  echo "$(kib "$GW_PID" VmHWM) $(kib "$UP_PID" VmHWM)" >"$RES/direct-hwm.txt"
  stop "$GW_PID"
fi

if mode keys; then
  # shellcheck disable=SC2086
  start gw-keys "$(gateway_storage keys/ true)" ${GATEWAY_ENV:-}
  KEYS_PID=$PID KEYS_URL=$URL
  # shellcheck disable=SC2086
  start gw-ids "$(gateway_storage ids/ false)" ${GATEWAY_ENV:-}
  IDS_PID=$PID IDS_URL=$URL
  on() { s3load "$1" "$KEYS_URL" "$AK" "$SK" "${@:2}"; }
  off() { s3load "$1" "$IDS_URL" "$AK" "$SK" "${@:2}"; }
  for size in 4 128; do
    get=(--client lean --op get --size "${size}KiB" --concurrency 16 --objects 100)
    put=(--client lean --unsigned-payload --op put --size "${size}KiB" --concurrency 16)
    on "k-get${size}k-pop" "${get[@]}" --duration "$WARMUP" --warmup 0
    off "o-get${size}k-pop" "${get[@]}" --duration "$WARMUP" --warmup 0
    for ((r = 1; r <= ROUNDS; r++)); do
      on "k-put${size}k-$r" "${put[@]}" --duration "$DURATION" --warmup 1
      off "o-put${size}k-$r" "${put[@]}" --duration "$DURATION" --warmup 1
      on "k-get${size}k-$r" "${get[@]}" --no-populate --duration "$DURATION" --warmup 1
      off "o-get${size}k-$r" "${get[@]}" --no-populate --duration "$DURATION" --warmup 1
    done
  done
  cpu k-put64m "$KEYS_PID" "$UP_PID" -- on k-put64m --client lean --unsigned-payload --op put --size 64MiB --concurrency 2 --count "$BIG_COUNT" --warmup 0
  cpu o-put64m "$IDS_PID" "$UP_PID" -- off o-put64m --client lean --unsigned-payload --op put --size 64MiB --concurrency 2 --count "$BIG_COUNT" --warmup 0
  stop "$KEYS_PID"
  stop "$IDS_PID"
fi

if mode rss; then
  # A fresh gateway, so its VmHWM is this transfer's peak; the upstream's is printed beside it.
  start_gateway gateway-rss
  echo "$(kib "$GW_PID" VmRSS)" >"$RES/rss-idle.txt"
  s3load g-put1g "$GW_URL" "$AK" "$SK" --client lean --unsigned-payload --op put --size "$RSS_SIZE" --concurrency 1 --count 1 --warmup 0 --prefix rss
  echo "$(kib "$GW_PID" VmHWM)" >"$RES/rss-put.txt"
  s3load g-get1g "$GW_URL" "$AK" "$SK" --client lean --op get --size "$RSS_SIZE" --concurrency 1 --objects 1 --count 2 --warmup 0 --prefix rss
  echo "$(kib "$GW_PID" VmHWM)" >"$RES/rss-get.txt"
  s3load g-mpu1g "$GW_URL" "$AK" "$SK" --op multipart --size "$RSS_SIZE" --part-size 8MiB --concurrency 1 --count 1 --warmup 0 --verify --prefix rss-mpu
  echo "$(kib "$GW_PID" VmHWM)" >"$RES/rss-mpu.txt"
  stop "$GW_PID"
fi
[[ -n ${UP_PID:-} ]] && stop "$UP_PID"

# rss_through NAME STORAGE_YAML: mode 2's procedure (and a multipart upload) on a fresh gateway; $RES/NAME-{idle,put,get,mpu}.txt
rss_through() {
  local name=$1
  # shellcheck disable=SC2086
  start "$name" "$2" ${GATEWAY_ENV:-}
  echo "$(kib "$PID" VmRSS)" >"$RES/$name-idle.txt"
  s3load "$name-put" "$URL" "$AK" "$SK" --client lean --unsigned-payload --op put --size "$RSS_SIZE" --concurrency 1 --count 1 --warmup 0 --prefix rss
  echo "$(kib "$PID" VmHWM)" >"$RES/$name-put.txt"
  s3load "$name-get" "$URL" "$AK" "$SK" --client lean --op get --size "$RSS_SIZE" --concurrency 1 --objects 1 --count 2 --warmup 0 --verify --prefix rss
  echo "$(kib "$PID" VmHWM)" >"$RES/$name-get.txt"
  s3load "$name-mpu" "$URL" "$AK" "$SK" --op multipart --size "$RSS_SIZE" --part-size 8MiB --concurrency 1 --count 1 --warmup 0 --verify --prefix rss-mpu
  echo "$(kib "$PID" VmHWM)" >"$RES/$name-mpu.txt"
  echo "$(kib "$UPSTREAM_PID" VmHWM)" >"$RES/$name-upstream.txt"
  stop "$PID"
}

if mode rss-azure; then
  AZURITE_DIR=$REPO/tests/emulators/azurite
  AZ_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # Azurite's public dev key
  [[ -x $AZURITE_DIR/node_modules/.bin/azurite-blob ]] || (cd "$AZURITE_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2
  AZ_PORT=$(free_port)
  "$AZURITE_DIR/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZ_PORT" --location "$WORK/azurite" \
    --skipApiVersionCheck --loose --disableTelemetry --silent >"$WORK/azurite.log" 2>&1 &
  UPSTREAM_PID=$!
  PIDS+=("$UPSTREAM_PID")
  AZ_URL=http://127.0.0.1:$AZ_PORT/devstoreaccount1
  for _ in $(seq 1 100); do python3 e2e/azure/create_container.py "$AZ_URL" devstoreaccount1 "$AZ_KEY" gateway-bytes 2>/dev/null && break; sleep 0.2; done
  rss_through rss-azure "$(printf 'storage:\n  backend: azure\n  azure:\n    container: gateway-bytes\n    prefix: gw/\n    connection_string: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=%s;"\n' "$AZ_KEY" "$AZ_URL")"
  stop "$UPSTREAM_PID"
fi

if mode rss-gcp; then
  log "building the GCS JSON API test server"
  dotnet build tests/emulators/gcs/BleepStore.GcsTestServer.csproj -c Release -nologo -v quiet --artifacts-path "$ART" >/dev/null
  dotnet "$ART/bin/BleepStore.GcsTestServer/release/BleepStore.GcsTestServer.dll" gateway-bytes >"$WORK/gcs.log" 2>&1 </dev/null &
  UPSTREAM_PID=$!
  PIDS+=("$UPSTREAM_PID")
  GCS_URL=""
  for _ in $(seq 1 150); do GCS_URL=$(sed -n 's/^listening on //p' "$WORK/gcs.log"); [[ -n $GCS_URL ]] && break; sleep 0.2; done
  [[ -n $GCS_URL ]] || { log "the GCS test server did not start"; cat "$WORK/gcs.log" >&2; exit 1; }
  rss_through rss-gcp "$(printf 'storage:\n  backend: gcp\n  gcp:\n    bucket: gateway-bytes\n    prefix: gw/\n    endpoint: %s/\n' "$GCS_URL")"
  stop "$UPSTREAM_PID"
fi

if mode memory; then
  start memory "$(printf 'storage:\n  backend: memory\n')"
  MEM_URL=$URL MEM_PID=$PID
  start local "$(local_storage local)"
  LOC_URL=$URL LOC_PID=$PID
  get4k=(--client lean --op get --size 4KiB --concurrency 16 --objects 100)
  s3load m-get-warm "$MEM_URL" "$AK" "$SK" "${get4k[@]}" --duration "$WARMUP" --warmup 0
  s3load l-get-warm "$LOC_URL" "$AK" "$SK" "${get4k[@]}" --duration "$WARMUP" --warmup 0
  for ((r = 1; r <= ROUNDS; r++)); do
    s3load "m-get4k-$r" "$MEM_URL" "$AK" "$SK" "${get4k[@]}" --no-populate --duration "$DURATION" --warmup 1
    s3load "l-get4k-$r" "$LOC_URL" "$AK" "$SK" "${get4k[@]}" --no-populate --duration "$DURATION" --warmup 1
  done
  # 4 KiB objects are inline in their metadata row on every backend; 128 KiB ones are read from the storage backend.
  get128k=(--client lean --op get --size 128KiB --concurrency 16 --objects 100)
  s3load m-get128k-pop "$MEM_URL" "$AK" "$SK" "${get128k[@]}" --duration "$WARMUP" --warmup 0
  s3load l-get128k-pop "$LOC_URL" "$AK" "$SK" "${get128k[@]}" --duration "$WARMUP" --warmup 0
  for ((r = 1; r <= ROUNDS; r++)); do
    s3load "m-get128k-$r" "$MEM_URL" "$AK" "$SK" "${get128k[@]}" --no-populate --duration "$DURATION" --warmup 1
    s3load "l-get128k-$r" "$LOC_URL" "$AK" "$SK" "${get128k[@]}" --no-populate --duration "$DURATION" --warmup 1
  done
  stop "$MEM_PID"
  stop "$LOC_PID"
fi

python3 - "$RES" "$ROUNDS" "$(nproc)" "$LOAD" "$(cut -d' ' -f1-3 /proc/loadavg)" "$RSS_SIZE" >"$WORK/report.txt" <<'PY'
import json, os, statistics, sys
res, rounds, cpus, load_start, load_end, rss_size = sys.argv[1:]
rounds = int(rounds)
def load(n):
    try:
        return json.load(open(os.path.join(res, n + ".json")))
    except Exception:
        return None
def fig(r):
    if r is None:
        return "(not run)"
    l = r["LatencyMs"]
    err = f"  ERRORS {r['ErrorOps']}" if r.get("ErrorOps") else ""
    return f"{r['OpsPerSec']:9.1f} ops/s {r['MiBPerSec']:8.1f} MiB/s  p50 {l['P50']:8.2f} ms  p99 {l['P99']:8.2f} ms{err}"
def median_run(runs):
    runs = sorted([r for r in runs if r], key=lambda r: r["OpsPerSec"])
    return runs[len(runs) // 2] if runs else None
def pair(label, ours, theirs, aim, theirs_label):
    a, b = ours, theirs
    if a is None and b is None:
        return
    print(f"{label:28} {fig(a)}")
    ratio = f"{a['OpsPerSec'] / b['OpsPerSec']:.2f}x" if a and b and b["OpsPerSec"] else "n/a"
    print(f"{'  ' + theirs_label:28} {fig(b)}   ratio {ratio}  (aim >= {aim})")
def cpu_rounds(side, what):
    """(gateway, upstream) CPU ms per operation over the timed rounds (warm-up second included), or None."""
    gw = up = ops = 0
    for r in range(1, rounds + 1):
        try:
            g, u = [int(x) for x in open(os.path.join(res, f"{side}-{what}-{r}.cpu")).read().split()]
        except Exception:
            return None
        j = load(f"{side}-{what}-{r}")
        if not j:
            return None
        gw, up, ops = gw + g, up + u, ops + j["Ops"] * (1 + 1 / max(1.0, j.get("ElapsedSec") or 10))  # the 1 s warm-up is in the CPU, not in Ops
    return (gw / ops, up / ops) if ops else None
def rounds_of(prefix_a, prefix_b, what):
    xs = [(load(f"{prefix_a}-{what}-{r}"), load(f"{prefix_b}-{what}-{r}")) for r in range(1, rounds + 1)]
    per = [a["OpsPerSec"] / b["OpsPerSec"] for a, b in xs if a and b and b["OpsPerSec"]]
    return median_run([a for a, _ in xs]), median_run([b for _, b in xs]), per
print(f"BleepStore gateway benchmark — {cpus} CPUs, loopback, s3load --client lean; load average {load_start} at start, {load_end} at end")
print()
for what, label, aim in [("get4k", "4 KiB GET c16", "0.60"), ("put4k", "4 KiB PUT c16", "0.60"),
                         ("get128k", "128 KiB GET c16", "0.60"), ("put128k", "128 KiB PUT c16", "0.60")]:
    g, d, per = rounds_of("g", "d", what)
    pair(f"{label} via gateway", g, d, aim, "same upstream, direct")
    if per:
        print(f"{'  ratio per round':28} " + "  ".join(f"{x:.2f}" for x in per) + f"   (median {statistics.median(per):.2f})")
    for side, who in (("g", "via gateway"), ("d", "direct")):
        cpu_ms = cpu_rounds(side, what)
        if cpu_ms:
            print(f"{'  server CPU per op, ' + who:28} gateway {cpu_ms[0]:6.3f} ms, upstream {cpu_ms[1]:6.3f} ms")
def cpu_line(name):
    try:
        gw, up = [int(x) for x in open(os.path.join(res, name + ".cpu")).read().split()]
        r = load(name)
        n = r["Ops"] if r else 0
        if n:
            print(f"{'    server CPU per op':28} gateway {gw / n:6.0f} ms, upstream {up / n:6.0f} ms")
    except Exception:
        pass
for what, label in [("put64m", "64 MiB PUT c2"), ("get64m", "64 MiB GET c2")]:
    pair(f"{label} via gateway", load("g-" + what), load("d-" + what), "0.80", "same upstream, direct")
    if load("g-" + what) or load("d-" + what):
        print("  via gateway:"); cpu_line("g-" + what)
        print("  direct:"); cpu_line("d-" + what)
try:
    gw, up = open(os.path.join(res, "direct-hwm.txt")).read().split()
    print(f"{'  peak RSS after these runs':28} gateway {int(gw)/1024:.0f} MiB, upstream {int(up)/1024:.0f} MiB")
except Exception:
    pass
try:
    idle = int(open(os.path.join(res, "rss-idle.txt")).read())
    put = int(open(os.path.join(res, "rss-put.txt")).read())
    get = int(open(os.path.join(res, "rss-get.txt")).read())
    p, g = load("g-put1g"), load("g-get1g")
    print(f"{rss_size + ' through the gateway':28} peak RSS {put/1024:.0f} MiB after the PUT, {get/1024:.0f} MiB after 2 GETs (idle {idle/1024:.0f} MiB; aim < 200 MiB)")
    print(f"{'  PUT':28} {fig(p)}")
    print(f"{'  GET':28} {fig(g)}")
    mpu = int(open(os.path.join(res, "rss-mpu.txt")).read())
    print(f"{'  multipart (8 MiB parts)':28} peak RSS {mpu/1024:.0f} MiB after it   {fig(load('g-mpu1g'))}")
except Exception:
    pass
for gw in ("azure", "gcp"):
    try:
        n = f"rss-{gw}"
        idle, put, get, mpu, up = (int(open(os.path.join(res, f"{n}-{s}.txt")).read()) for s in ("idle", "put", "get", "mpu", "upstream"))
        print(f"{rss_size + ' through ' + gw:28} peak RSS {put/1024:.0f} MiB after the PUT, {get/1024:.0f} MiB after 2 GETs, {mpu/1024:.0f} MiB after a multipart upload (idle {idle/1024:.0f} MiB; aim < 200 MiB; upstream peak {up/1024:.0f} MiB)")
        print(f"{'  PUT':28} {fig(load(n + '-put'))}")
        print(f"{'  GET':28} {fig(load(n + '-get'))}")
        print(f"{'  multipart (8 MiB parts)':28} {fig(load(n + '-mpu'))}")
    except Exception:
        pass
for what, label in [("put4k", "4 KiB PUT c16"), ("get4k", "4 KiB GET c16"), ("put128k", "128 KiB PUT c16"), ("get128k", "128 KiB GET c16")]:
    k, o, per = rounds_of("k", "o", what)
    if k or o:
        pair(f"{label} key names", k, o, "n/a", "blob-id names (key_names: false)")
        if per:
            print(f"{'  ratio per round':28} " + "  ".join(f"{x:.2f}" for x in per) + f"   (median {statistics.median(per):.2f})")
if load("k-put64m") or load("o-put64m"):
    pair("64 MiB PUT c2 key names", load("k-put64m"), load("o-put64m"), "n/a", "blob-id names (key_names: false)")
    print("  key names:"); cpu_line("k-put64m")
    print("  blob-id names:"); cpu_line("o-put64m")
for what, label in [("get4k", "4 KiB GET c16 memory"), ("get128k", "128 KiB GET c16 memory")]:
    m, l, per = rounds_of("m", "l", what)
    if m or l:
        pair(label, m, l, "1.00", "local backend")
        if per:
            print(f"{'  ratio per round':28} " + "  ".join(f"{x:.2f}" for x in per) + f"   (median {statistics.median(per):.2f})")
PY
cat "$WORK/report.txt"
[[ -n ${BENCH_REPORT:-} ]] && cp "$WORK/report.txt" "$BENCH_REPORT"
if [[ -n ${BENCH_JSON_DIR:-} ]]; then mkdir -p "$BENCH_JSON_DIR"; cp "$RES"/* "$BENCH_JSON_DIR/"; fi
exit 0
