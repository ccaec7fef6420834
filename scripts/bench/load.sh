#!/usr/bin/env bash
# Load benchmark, side by side in one run: BleepStore (Release) against the bare-Kestrel ceiling app,
# a 16-thread fsync-per-file baseline and the disk's fdatasync bandwidth. Prints ops/s, MiB/s, p50/p99
# and the ratios docs/performance.md quotes. Loopback only; every process it starts it also stops.
#
#   scripts/bench/load.sh                      # full run (~3-4 min on 2 cores)
#   DURATION=5 LIST_KEYS=100000 scripts/bench/load.sh   # quicker
#   BLEEPSTORE_DLL=/tmp/art-old/bin/BleepStore.Api/release/BleepStore.Api.dll scripts/bench/load.sh  # an older build
#
# Variables: DURATION (s per timed run, 10), WARMUP (s of load before the timed runs, 10: JIT tiering settles),
# ROUNDS (alternating GET runs, 3), START_ROUNDS (fresh starts of each server, 5), BIG_COUNT (64 MiB ops, 16), LIST_KEYS (1000000),
# R2R=0 (plain dotnet build instead of a ReadyToRun publish), SKIP_LIST=1, S3RVER=1 (also run s3rver from npm into a temp dir), BENCH_REPORT=FILE (copy of the table),
# SHARED_TOOLS (../shared/tools), BENCH_ARTIFACTS (build output; default a temp dir), BLEEPSTORE_ENV
# (extra VAR=value words for the server's environment, e.g. "DOTNET_GCgen0size=0x400000").
set -euo pipefail
# shellcheck source=../lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
bench_init load
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-3}
START_ROUNDS=${START_ROUNDS:-5}
BIG_COUNT=${BIG_COUNT:-16}
LIST_KEYS=${LIST_KEYS:-1000000}
BUCKET=bench
stop() { bench_stop "$@"; }

# --- build: server, s3load and kestrel-ceiling (tools copied to a temp dir, never into the repo), bench helpers
bench_build_server
bench_build_helpers
bench_build_s3load
log "building kestrel-ceiling"
cp -r "$SHARED/kestrel-ceiling" "$WORK/kc-src"
rm -rf "$WORK"/kc-src/{bin,obj}
dotnet build "$WORK/kc-src/kestrel-ceiling.csproj" -c Release -nologo -v quiet -o "$WORK/kc" >/dev/null
start_bleepstore() { bench_start_server "$@"; }

# --- 1. start to first signed 200 and idle RSS: START_ROUNDS fresh starts of each, alternating
start_kc() {  # -> sets KC_PID KC_URL KC_START_MS
  local port
  port=$(free_port)
  KC_URL=http://127.0.0.1:$port
  T0=$(now_ns)
  KC_PORT=$port dotnet "$WORK/kc/kestrel-ceiling.dll" >"$WORK/kc.log" 2>&1 &
  KC_PID=$!
  PIDS+=("$KC_PID")
  KC_START_MS=$(wait_first_200 "$KC_PID" "$KC_URL/x")
}
: >"$RES/starts.txt"
for ((r = 1; r <= START_ROUNDS; r++)); do
  log "start round $r/$START_ROUNDS"
  start_kc
  sleep 2
  echo "kc $KC_START_MS $(rss_kib "$KC_PID")" >>"$RES/starts.txt"
  stop "$KC_PID"
  start_bleepstore "$WORK/bs-start"
  sleep 2
  echo "bs $BS_START_MS $(rss_kib "$BS_PID")" >>"$RES/starts.txt"
  stop "$BS_PID"
  rm -rf "$WORK/bs-start"
done

# --- 2. 4 KiB GET c16: both servers up, both warmed the same way (JIT tiering settles), then ROUNDS
#        timed runs alternating ceiling / BleepStore, so a change in the machine's load hits both.
start_kc
start_bleepstore "$WORK/bs"
s3load kc-warm "$KC_URL" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --no-populate --duration "$WARMUP" --warmup 0
s3load bs-warm "$BS_URL" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --duration "$WARMUP" --warmup 0
for ((r = 1; r <= ROUNDS; r++)); do
  s3load "kc-get4k-$r" "$KC_URL" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --no-populate --duration "$DURATION" --warmup 1
  s3load "bs-get4k-$r" "$BS_URL" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --no-populate --duration "$DURATION" --warmup 1
done
s3load kc-raw4k "$KC_URL" --op raw --url "$KC_URL/x" --concurrency 16 --duration "$DURATION" --warmup 1
stop "$KC_PID"

# --- 3. BleepStore writes: 4 KiB durable PUT c16 (alternating with s3rver when S3RVER=1), 64 MiB PUT/GET c2
S3_URL=
if [[ ${S3RVER:-0} == 1 ]]; then  # s3rver: Node fake S3, no signature checks, from npm into the temp dir
  log "npm install s3rver into a temp dir"
  if (cd "$WORK" && timeout 120 npm install --silent --no-audit --no-fund s3rver >/dev/null 2>&1); then
    port=$(free_port)
    mkdir -p "$WORK/s3rver-data"
    "$WORK/node_modules/.bin/s3rver" -d "$WORK/s3rver-data" -a 127.0.0.1 -p "$port" --silent >"$WORK/s3rver.log" 2>&1 &
    S3_PID=$!
    PIDS+=("$S3_PID")
    S3_URL=http://127.0.0.1:$port
    sleep 2
  else
    log "s3rver did not install; skipped"
  fi
fi
# s3rver checks no signatures but knows only its own default key pair (any other: InvalidAccessKeyId).
s3rver_load() { LOAD_AK=S3RVER LOAD_SK=S3RVER s3load "$@"; }
s3load bs-put-warm "$BS_URL" --client lean --op put --size 4KiB --concurrency 16 --duration "$WARMUP" --warmup 0
if [[ -n $S3_URL ]]; then s3rver_load s3rver-put-warm "$S3_URL" --client lean --op put --size 4KiB --concurrency 16 --duration "$WARMUP" --warmup 0; fi
for ((r = 1; r <= ROUNDS; r++)); do
  s3load "bs-put4k-$r" "$BS_URL" --client lean --op put --size 4KiB --concurrency 16 --duration "$DURATION" --warmup 1
  if [[ -n $S3_URL ]]; then s3rver_load "s3rver-put4k-$r" "$S3_URL" --client lean --op put --size 4KiB --concurrency 16 --duration "$DURATION" --warmup 1; fi
done
if [[ -n $S3_URL ]]; then
  s3rver_load s3rver-get4k "$S3_URL" --client lean --op get --size 4KiB --concurrency 16 --objects 100 --duration "$DURATION" --warmup "$WARMUP"
  stop "$S3_PID"
fi
s3load bs-put64m "$BS_URL" --client lean --unsigned-payload --op put --size 64MiB --concurrency 2 --count "$BIG_COUNT" --warmup 0
s3load bs-get64m "$BS_URL" --client lean --op get --size 64MiB --concurrency 2 --objects 4 --count "$((BIG_COUNT * 2))" --warmup 0
BS_RSS_AFTER=$(rss_kib "$BS_PID")
stop "$BS_PID"
rm -rf "$WORK/bs"

# --- 4. baselines: 16-thread write+fsync+rename of 4 KiB files; 1 GiB sequential write with fdatasync
log "fsync-per-file baseline (16 threads, $DURATION s)"
dotnet "$BENCH_DLL" fsync-baseline --dir "$WORK/fsync" --threads 16 --seconds "$DURATION" >"$RES/fsync.json"
log "dd 1 GiB conv=fdatasync"
sync
t0=$(now_ns)
dd if=/dev/zero of="$WORK/dd.bin" bs=1M count=1024 conv=fdatasync status=none
DD_MS=$(( ($(now_ns) - t0) / 1000000 ))
rm -f "$WORK/dd.bin"

# --- 5. ListObjectsV2 1000-key pages from a bucket of LIST_KEYS keys
if [[ ${SKIP_LIST:-0} != 1 ]]; then
  log "seeding $LIST_KEYS keys"
  mkdir -p "$WORK/list"
  dotnet "$BENCH_DLL" seed-list-db --db "$WORK/list/metadata.db" --bucket "$BUCKET" --count "$LIST_KEYS" --prefix "s3load/ks-4KiB/" --owner "$AK" >&2
  start_bleepstore "$WORK/list"
  s3load bs-list1m "$BS_URL" --client lean --op list --size 4KiB --list-max-keys 1000 --objects "$LIST_KEYS" --no-populate --concurrency 1 --duration "$DURATION" --warmup "$WARMUP"
  stop "$BS_PID"
  rm -rf "$WORK/list"
fi

# --- report
python3 - "$RES" "$ROUNDS" "$BS_RSS_AFTER" "$DD_MS" "$(nproc)" "$LIST_KEYS" >"$WORK/report.txt" <<'PY'
import json, os, statistics, sys
res, rounds, bs_rss_after, dd_ms, cpus, list_keys = sys.argv[1:]
rounds = int(rounds)
starts = {"kc": [], "bs": []}
for line in open(os.path.join(res, "starts.txt")):
    who, ms, rss = line.split()
    starts[who].append((int(ms), int(rss)))
med = statistics.median
def load(n):
    p = os.path.join(res, n + ".json")
    try:
        return json.load(open(p))
    except Exception:
        return None
def fig(r):
    if r is None:
        return "(not run)"
    l = r["LatencyMs"]
    err = f"  ERRORS {r['ErrorOps']}" if r.get("ErrorOps") else ""
    return f"{r['OpsPerSec']:9.0f} ops/s {r['MiBPerSec']:8.1f} MiB/s  p50 {l['P50']:7.2f} ms  p99 {l['P99']:7.2f} ms{err}"
def ratio(a, b):
    return f"{a / b:5.2f}x" if a and b else "  n/a"
rows = []
def row(name, ours, theirs_label, theirs, value_ours, value_theirs, target):
    rows.append((name, ours, theirs_label, theirs, ratio(value_ours, value_theirs), target))
gs = [load(f"bs-get4k-{r}") for r in range(1, rounds + 1)]
kgs = [load(f"kc-get4k-{r}") for r in range(1, rounds + 1)]
def median_run(runs):  # the run with the median ops/s (its latencies belong to it)
    runs = sorted([r for r in runs if r], key=lambda r: r["OpsPerSec"])
    return runs[len(runs) // 2] if runs else None
g, kg, kr = median_run(gs), median_run(kgs), load("kc-raw4k")
round_ratios = [a["OpsPerSec"] / b["OpsPerSec"] for a, b in zip(gs, kgs) if a and b]
ps = [load(f"bs-put4k-{r}") for r in range(1, rounds + 1)]
s3ps = [load(f"s3rver-put4k-{r}") for r in range(1, rounds + 1)]
p, fs = median_run(ps), load("fsync")
put_ratios = [a["OpsPerSec"] / b["OpsPerSec"] for a, b in zip(ps, s3ps) if a and b]
pb, gb, ls = load("bs-put64m"), load("bs-get64m"), load("bs-list1m")
s3p, s3g = median_run(s3ps), load("s3rver-get4k")
dd_mibs = 1024 / (int(dd_ms) / 1000)
ops = lambda r: r and r["OpsPerSec"]
mibs = lambda r: r and r["MiBPerSec"]
print(f"BleepStore load benchmark — {cpus} CPUs, loopback; ratios are BleepStore / reference")
print()
print(f"{'4 KiB GET c16 (median)':26} {fig(g)}")
print(f"{'  ceiling signed GET c16':26} {fig(kg)}   ratio {ratio(ops(g), ops(kg))}  (target >= 0.60)")
print(f"{'  ratio per round':26} " + "  ".join(f"{x:.2f}" for x in round_ratios) + f"   (median {med(round_ratios):.2f})" if round_ratios else "")
print(f"{'  ceiling raw GET c16':26} {fig(kr)}   ratio {ratio(ops(g), ops(kr))}")
print(f"{'4 KiB PUT c16 (median)':26} {fig(p)}")
if fs:
    print(f"{'  fsync-per-file 16 thr':26} {fs['OpsPerSec']:9.0f} files/s               p50 {fs['P50']:7.2f} ms  p99 {fs['P99']:7.2f} ms   ratio {ratio(ops(p), fs['OpsPerSec'])}  (target >= 3.00)")
if s3p:
    print(f"{'  s3rver PUT c16 (median)':26} {fig(s3p)}   ratio {ratio(ops(p), ops(s3p))}  (target >= 3.00)")
    print(f"{'  ratio per round':26} " + "  ".join(f"{x:.2f}" for x in put_ratios) + f"   (median {med(put_ratios):.2f})")
if s3g:
    print(f"{'  s3rver GET c16':26} {fig(s3g)}   ratio {ratio(ops(g), ops(s3g))}")
print(f"{'64 MiB PUT c2':26} {fig(pb)}")
print(f"{'  disk dd fdatasync 1 GiB':26} {'':15}{dd_mibs:8.1f} MiB/s   ratio {ratio(mibs(pb), dd_mibs)}  (target >= 0.70)")
print(f"{'64 MiB GET c2':26} {fig(gb)}   {(mibs(gb) or 0) / 1024:5.2f} GiB/s  (target >= 1 GiB/s)")
bs_start, kc_start = med([m for m, _ in starts["bs"]]), med([m for m, _ in starts["kc"]])
bs_rss, kc_rss = med([k for _, k in starts["bs"]]), med([k for _, k in starts["kc"]])
print(f"{'start to first signed 200':26} {bs_start:6.0f} ms   ceiling {kc_start:6.0f} ms   ratio {ratio(bs_start, kc_start)}  (target <= 1.20; medians of {len(starts['bs'])} starts each)")
print(f"{'  each start, ms':26} ours " + " ".join(str(m) for m, _ in starts["bs"]) + " | ceiling " + " ".join(str(m) for m, _ in starts["kc"]))
print(f"{'idle RSS after 1st request':26} {bs_rss/1024:6.1f} MiB  ceiling {kc_rss/1024:6.1f} MiB   (target <= 60 MiB; after the load runs {int(bs_rss_after)/1024:.1f} MiB)")
if ls:
    print(f"{'ListObjectsV2 1000 of ' + list_keys:26} {fig(ls)}   (target p50 <= 15 ms)")
PY
cat "$WORK/report.txt"
[[ -n ${BENCH_REPORT:-} ]] && cp "$WORK/report.txt" "$BENCH_REPORT"
for f in "$RES"/*.json; do
  [[ -n ${BENCH_JSON_DIR:-} ]] && { mkdir -p "$BENCH_JSON_DIR"; cp "$f" "$BENCH_JSON_DIR/"; }
done
exit 0
