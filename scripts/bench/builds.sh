#!/usr/bin/env bash
# Before/after in one run: several builds of BleepStore, each its own server (SQLite + local storage), all running at
# once; 4 KiB c16 runs (lean client) alternate between them in rotating order, so a drift in the machine's load hits
# every build alike. Per run: ops/s, p50 and the server's CPU time per operation (utime+stime of its process over the
# run / operations), the figure that stays comparable on a shared, loaded machine where ops/s does not.
# Each build gets a never-versioned bucket and, when it has bucket versioning, a versioning-Enabled one.
# Loopback only; every process it starts it also stops, and the git worktrees it adds it removes.
#
#   BUILDS="before=HEAD~1 after=HEAD" scripts/bench/builds.sh
#   BUILDS="preversioning=8a5a824^ head=HEAD" OPS="put get" scripts/bench/builds.sh
#   BUILDS="a=/path/to/BleepStore.Api.dll b=HEAD" ROUNDS=2 DURATION=3 scripts/bench/builds.sh   # smoke run
#
# Variables: BUILDS (NAME=REF or NAME=path/to/BleepStore.Api.dll, space-separated; a ref is checked out into a temp
# worktree and published ReadyToRun), OPS (put overwrite get), ROUNDS (4), DURATION (s per run, 6), BENCH_REPORT=FILE
# (copy of the table), SHARED_TOOLS (../shared/tools).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
bench_init builds
read -r -a BUILD_SPECS <<<"${BUILDS:?BUILDS=\"NAME=REF ...\" is required}"
read -r -a OPS <<<"${OPS:-put overwrite get}"
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-6}
python3 -c 'import botocore' 2>/dev/null || { log "python3 with botocore is required"; exit 1; }

declare -A DLL URL PID
NAMES=()
for spec in "${BUILD_SPECS[@]}"; do
  name=${spec%%=*} ref=${spec#*=}
  NAMES+=("$name")
  if [[ $ref == *.dll ]]; then
    DLL[$name]=$ref
    continue
  fi
  src=$WORK/src-$name
  git -C "$REPO" worktree add --detach "$src" "$ref" >/dev/null 2>&1
  CLEANUP_HOOKS+=("git -C '$REPO' worktree remove --force '$src'")
  log "publishing $name ($ref = $(git -C "$src" rev-parse --short HEAD)) ReadyToRun"
  dotnet publish "$src/src/Api/BleepStore.Api.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -nologo -v quiet --artifacts-path "$WORK/art-$name" >/dev/null
  DLL[$name]=$WORK/art-$name/publish/BleepStore.Api/release_linux-x64/BleepStore.Api.dll
done
bench_build_s3load

COMBOS=()
for name in "${NAMES[@]}"; do
  SERVER_DLL=${DLL[$name]}
  bench_start_server "$WORK/srv-$name"
  URL[$name]=$BS_URL
  PID[$name]=$BS_PID
  # The never-versioned bucket always; the versioned one where PutBucketVersioning works in this build.
  versioned=$(python3 - "$BS_URL" "$AK" "$SK" <<'PY'
import sys, botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
url, ak, sk = sys.argv[1:]
s3 = botocore.session.get_session().create_client("s3", region_name="us-east-1", endpoint_url=url, aws_access_key_id=ak,
    aws_secret_access_key=sk, config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
s3.create_bucket(Bucket="bench-plain")
s3.create_bucket(Bucket="bench-versioned")
try:
    s3.put_bucket_versioning(Bucket="bench-versioned", VersioningConfiguration={"Status": "Enabled"})
    ok = s3.get_bucket_versioning(Bucket="bench-versioned").get("Status") == "Enabled"
except ClientError as e:
    ok = False
print("yes" if ok else "no")
PY
)
  COMBOS+=("$name:bench-plain")
  [[ $versioned == yes ]] && COMBOS+=("$name:bench-versioned")
  log "$name: ${DLL[$name]} on $BS_URL (versioning: $versioned)"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() {  # COMBO OP LABEL -> $RES/LABEL.json with the server's CPU ticks added
  local name=${1%%:*} bucket=${1#*:} op=$2 label=$3 args c0 c1
  case $op in
    put) args=(--op put) ;;
    overwrite) args=(--op mixed --mix put:100 --objects 100 --no-populate) ;;
    get) args=(--op get --objects 100 --no-populate) ;;
    populate) args=(--op get --objects 100) ;;
  esac
  c0=$(cpu_ticks "${PID[$name]}")
  BUCKET=$bucket s3load "$label" "${URL[$name]}" --client lean --size 4KiB --concurrency 16 "${args[@]}" --duration "$DURATION" --warmup 0
  c1=$(cpu_ticks "${PID[$name]}")
  echo "$((c1 - c0)) $(getconf CLK_TCK) $(loadavg)" >"$RES/$label.cpu"
}

echo "$(loadavg)" >"$RES/load-start.txt"
for c in "${COMBOS[@]}"; do run "$c" populate "warm-${c/:/-}"; done  # the 100 keys every overwrite and GET run uses
for ((r = 1; r <= ROUNDS; r++)); do
  n=${#COMBOS[@]}
  for op in "${OPS[@]}"; do
    for ((k = 0; k < n; k++)); do
      c=${COMBOS[$(((k + r) % n))]}
      run "$c" "$op" "$op-${c/:/-}-$r"
    done
  done
done
echo "$(loadavg)" >"$RES/load-end.txt"

python3 - "$RES" "$ROUNDS" "$(nproc)" "${OPS[*]}" "${COMBOS[@]}" >"$WORK/report.txt" <<'PY'
import json, os, statistics, sys
res, rounds, cpus, ops = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split()
combos = sys.argv[5:]
def one(label):
    try:
        d = json.load(open(os.path.join(res, label + ".json")))
        ticks, hz, l1, _, _ = open(os.path.join(res, label + ".cpu")).read().split()
        return d["OpsPerSec"], d["LatencyMs"]["P50"], int(ticks) * 1000 / int(hz) / max(d["Ops"], 1), float(l1), d.get("ErrorOps", 0)
    except Exception:
        return None
text = lambda n: open(os.path.join(res, n)).read().strip()
print(f"BleepStore builds compared — {cpus} CPUs, loopback, 4 KiB c16 lean client, {rounds} rounds in rotating order")
print(f"load average {text('load-start.txt')} at start, {text('load-end.txt')} at end")
print(f"{'op':10} {'build:bucket':28} {'ops/s med':>9} {'p50 ms':>7} {'CPU ms/op med':>13}  CPU ms/op per round      load (1 min) per round")
for op in ops:
    for c in combos:
        runs = [one(f"{op}-{c.replace(':', '-')}-{r}") for r in range(1, rounds + 1)]
        runs = [x for x in runs if x]
        if not runs:
            continue
        err = sum(x[4] for x in runs)
        print(f"{op:10} {c:28} {statistics.median(x[0] for x in runs):9.0f} {statistics.median(x[1] for x in runs):7.2f} "
              f"{statistics.median(x[2] for x in runs):13.3f}  {' '.join(f'{x[2]:.3f}' for x in runs):24} {' '.join(f'{x[3]:.0f}' for x in runs)}"
              + (f"  ERRORS {err}" if err else ""))
PY
cat "$WORK/report.txt"
[[ -n ${BENCH_REPORT:-} ]] && cp "$WORK/report.txt" "$BENCH_REPORT"
exit 0
