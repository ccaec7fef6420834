#!/usr/bin/env bash
# Versioning benchmark (issue 14), in one run on one server:
#  (a) 4 KiB PUT (new keys), PUT overwriting 100 keys and GET of 100 keys, c16, on a bucket with versioning
#      Enabled against a bucket that never had versioning, in alternating rounds; ops/s medians and the ratio
#      versioned / unversioned (aim >= 0.9);
#  (b) 1000-entry ListObjectVersions pages, c1, over COUNT (1,000,000) versions seeded straight into the SQLite
#      file by `BleepStore.Benchmarks seed-versions-db` (checked through the server with botocore first), timed by
#      `BleepStore.Benchmarks time-list-versions`: first page, random key-marker, the page after it; p50/p90/p99
#      (aim p50 <= 15 ms), with a ListObjectsV2 page of the same bucket at the same load as reference.
# Loopback only; every process it starts it also stops.
#
#   scripts/bench/versioning.sh                                          # full run (~8 min on a quiet 2-core machine)
#   DURATION=3 WARMUP=3 ROUNDS=2 COUNT=20000 LIST_REQUESTS=50 scripts/bench/versioning.sh   # smoke run
#   BLEEPSTORE_DLL=/tmp/art-old/publish/BleepStore.Api/release_linux-x64/BleepStore.Api.dll scripts/bench/versioning.sh
#
# Variables: DURATION (s per timed run, 10), WARMUP (s of load per bucket and op kind before the timed runs, 10),
# ROUNDS (alternating rounds, 3), COUNT (versions to seed, markers included, 1000000), VERSIONS (entries per key, 4),
# MARKER_EVERY (every Nth key's newest entry is a delete marker, 10; 0 = none), VERSION_SIZE (inline body bytes, 64),
# LIST_REQUESTS (timed requests per page kind, 200), LIST_WARMUP (untimed iterations first, 20),
# SKIP_OPS=1 (no part a), SKIP_LIST=1 (no part b), R2R=0 (plain dotnet build instead of a ReadyToRun publish),
# BLEEPSTORE_DLL (a built server to use), BENCH_REPORT=FILE (copy of the table), BENCH_JSON_DIR (copies of the
# raw results), SHARED_TOOLS (../shared/tools), BENCH_ARTIFACTS (build output; default a temp dir),
# BLEEPSTORE_ENV (extra VAR=value words for the server's environment).
set -euo pipefail
# shellcheck source=../lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
bench_init versioning
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-1000000}
VERSIONS=${VERSIONS:-4}
MARKER_EVERY=${MARKER_EVERY:-10}
VERSION_SIZE=${VERSION_SIZE:-64}
LIST_REQUESTS=${LIST_REQUESTS:-200}
LIST_WARMUP=${LIST_WARMUP:-20}
PLAIN=bench-plain
VERSIONED=bench-versioned
LISTED=bench-versions
PREFIX=s3load/ks-4KiB/
python3 -c 'import botocore' 2>/dev/null || { log "python3 with botocore is required (signed setup and checks)"; exit 1; }

# --- build: server, bench helpers, s3load (copied to a temp dir, never into the repo)
bench_build_server
bench_build_helpers
[[ ${SKIP_OPS:-0} == 1 ]] || bench_build_s3load

s3load() {  # NAME BUCKET ARGS... -> $RES/NAME.json
  local name=$1 bucket=$2
  shift 2
  log "s3load $name: $*"
  dotnet "$WORK/s3load/s3load.dll" --endpoint "$BS_URL" --access-key "$AK" --secret-key "$SK" --bucket "$bucket" \
    --client lean --size 4KiB --concurrency 16 --json "$@" >"$RES/$name.json" || log "s3load $name exited $? (errors are in the result)"
}

# Signed setup and checks through a real client (botocore, path-style); exits non-zero with a reason when a check fails.
cat >"$WORK/s3check.py" <<'PY'
import hashlib, sys
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

cmd, url, ak, sk = sys.argv[1:5]
args = sys.argv[5:]
s3 = botocore.session.get_session().create_client(
    "s3", region_name="us-east-1", endpoint_url=url, aws_access_key_id=ak, aws_secret_access_key=sk,
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))

def fail(msg):
    print(f"CHECK FAILED: {msg}", file=sys.stderr)
    sys.exit(1)

def expect(cond, msg):
    if not cond:
        fail(msg)

def status(bucket):
    return s3.get_bucket_versioning(Bucket=bucket).get("Status")

def body(key, seq, size):  # as VersionsDbSeeder.Body
    unit = f"{key} v{seq} ".encode()
    return (unit * (size // len(unit) + 1))[:size]

def entries(page):  # Version and DeleteMarker entries in listing order (key, then newest first)
    out = [dict(e, Marker=False) for e in page.get("Versions", [])] + [dict(e, Marker=True) for e in page.get("DeleteMarkers", [])]
    return sorted(out, key=lambda e: (e["Key"], -e["LastModified"].timestamp()))

if cmd == "setup":  # PLAIN VERSIONED: create both, enable versioning on the second
    plain, versioned = args
    for b in (plain, versioned):
        s3.create_bucket(Bucket=b)
    s3.put_bucket_versioning(Bucket=versioned, VersioningConfiguration={"Status": "Enabled"})
    expect(status(versioned) == "Enabled", f"{versioned} versioning is {status(versioned)!r}")
    expect(status(plain) is None, f"{plain} versioning is {status(plain)!r}")
    print(f"{versioned}: versioning Enabled; {plain}: never versioned")

elif cmd == "after-ops":  # PLAIN VERSIONED PREFIX: versioning was in force during the runs
    plain, versioned, prefix = args
    key = prefix + "00000000"
    v = s3.list_object_versions(Bucket=versioned, Prefix=key, MaxKeys=1000)
    vs = [e for e in v.get("Versions", []) if e["Key"] == key]
    expect(len(vs) >= 2, f"{versioned}/{key}: {len(vs)} versions after the overwrite runs (expected many)")
    expect(all(e["VersionId"] != "null" for e in vs), f"{versioned}/{key}: a null version in an Enabled bucket")
    p = s3.list_object_versions(Bucket=plain, Prefix=key)
    ps = p.get("Versions", [])
    expect(len(ps) == 1 and ps[0]["VersionId"] == "null", f"{plain}/{key}: {len(ps)} versions, ids {[e['VersionId'] for e in ps]} (expected one null)")
    got = s3.get_object(Bucket=versioned, Key=key)
    expect(got.get("VersionId") == vs[0]["VersionId"] and vs[0]["IsLatest"], f"{versioned}/{key}: GET answered version {got.get('VersionId')}, newest listed {vs[0]['VersionId']}")
    print(f"{versioned}/{key}: {len(vs)} versions, GET answers the newest; {plain}/{key}: one null version")

elif cmd == "seed":  # BUCKET PREFIX KEYS VERSIONS MARKER_EVERY SIZE: the seeded bucket answers as the server would
    bucket, prefix = args[0], args[1]
    keys, versions, marker_every, size = map(int, args[2:])
    expect(status(bucket) == "Enabled", f"{bucket} versioning is {status(bucket)!r}")
    deleted = lambda k: marker_every > 0 and k % marker_every == marker_every - 1
    name = lambda k: f"{prefix}{k:08d}"
    # 1. first page: every key with `versions` entries, newest first, IsLatest on the first only, markers where expected
    n_keys = min(keys, 2 * max(marker_every, 1) + 1)
    want = n_keys * versions
    page = s3.list_object_versions(Bucket=bucket, Prefix=prefix, MaxKeys=want)
    got = entries(page)
    expect(len(got) == want, f"first page: {len(got)} entries, expected {want}")
    expect(page["IsTruncated"] == (keys > n_keys), f"first page: IsTruncated {page['IsTruncated']}")
    for k in range(n_keys):
        es = got[k * versions:(k + 1) * versions]
        expect(all(e["Key"] == name(k) for e in es), f"first page: entries of {name(k)} out of order: {[e['Key'] for e in es]}")
        expect([e["IsLatest"] for e in es] == [True] + [False] * (versions - 1), f"{name(k)}: IsLatest {[e['IsLatest'] for e in es]}")
        expect([e["Marker"] for e in es] == [deleted(k)] + [False] * (versions - 1), f"{name(k)}: markers {[e['Marker'] for e in es]}")
        expect(len({e["VersionId"] for e in es}) == versions and all(len(e["VersionId"]) == 32 for e in es), f"{name(k)}: version ids {[e['VersionId'] for e in es]}")
        for seq, e in zip(range(versions - 1, -1, -1), es):
            if not e["Marker"]:
                expect(e["Size"] == size and e["ETag"] == '"' + hashlib.md5(body(name(k), seq, size)).hexdigest() + '"', f"{name(k)} v{seq}: size {e['Size']} etag {e['ETag']}")
    # 2. paging with key and version-id markers: pages of 3 give exactly the same entries
    paged, km, vm = [], None, None
    while len(paged) < want:
        kw = {"KeyMarker": km, "VersionIdMarker": vm} if km else {}
        p = s3.list_object_versions(Bucket=bucket, Prefix=prefix, MaxKeys=3, **kw)
        paged += entries(p)
        km, vm = p.get("NextKeyMarker"), p.get("NextVersionIdMarker")
        expect(p["IsTruncated"] or len(paged) >= want, "paging: IsTruncated false too early")
        if not p["IsTruncated"]:
            break
    ids = lambda es: [(e["Key"], e["VersionId"]) for e in es]
    expect(ids(paged[:want]) == ids(got), "paging by 3 with key/version-id markers does not repeat the first page")
    # 3. GET: latest, an old version by id, a deleted key
    live = next(k for k in range(n_keys) if not deleted(k))
    es = got[live * versions:(live + 1) * versions]
    r = s3.get_object(Bucket=bucket, Key=name(live))
    expect(r["Body"].read() == body(name(live), versions - 1, size) and r.get("VersionId") == es[0]["VersionId"], f"GET {name(live)}: wrong body or version {r.get('VersionId')}")
    r = s3.get_object(Bucket=bucket, Key=name(live), VersionId=es[-1]["VersionId"])
    expect(r["Body"].read() == body(name(live), 0, size), f"GET {name(live)}?versionId (oldest): wrong body")
    if marker_every > 0 and keys >= marker_every:
        gone = marker_every - 1
        try:
            s3.get_object(Bucket=bucket, Key=name(gone))
            fail(f"GET {name(gone)} (newest is a delete marker) answered 200")
        except ClientError as e:
            h = e.response["ResponseMetadata"]["HTTPHeaders"]
            expect(e.response["Error"]["Code"] == "NoSuchKey" and h.get("x-amz-delete-marker") == "true", f"GET {name(gone)}: {e.response['Error']['Code']}, marker header {h.get('x-amz-delete-marker')}")
    # 4. a write through the server on top of seeded history gets the next sequence; deleting it restores the seeded latest
    put = s3.put_object(Bucket=bucket, Key=name(live), Body=b"written by the server")
    vs = entries(s3.list_object_versions(Bucket=bucket, Prefix=name(live)))
    expect(len(vs) == versions + 1 and vs[0]["VersionId"] == put["VersionId"] and vs[0]["IsLatest"] and not vs[1]["IsLatest"]
           and vs[1]["VersionId"] == es[0]["VersionId"], f"after a PUT on {name(live)}: {[(e['VersionId'], e['IsLatest']) for e in vs]}")
    s3.delete_object(Bucket=bucket, Key=name(live), VersionId=put["VersionId"])
    r = s3.get_object(Bucket=bucket, Key=name(live))
    expect(r["Body"].read() == body(name(live), versions - 1, size) and r.get("VersionId") == es[0]["VersionId"], f"GET {name(live)} after deleting the new version: not the seeded latest")
    print(f"{bucket}: first page of {want} entries, paging by 3, GET latest / by version id / deleted key, PUT + DELETE version on top: all as expected")
else:
    fail(f"unknown command {cmd}")
PY
s3check() { python3 "$WORK/s3check.py" "$1" "$BS_URL" "$AK" "$SK" "${@:2}" >&2; }

# --- (a) 4 KiB PUT / overwrite / GET c16, versioned bucket against a never-versioned one, alternating
if [[ ${SKIP_OPS:-0} != 1 ]]; then
  echo "$(loadavg)" >"$RES/ops-load-start.txt"
  bench_start_server "$WORK/bs"
  s3check setup "$PLAIN" "$VERSIONED"
  # Warm-up, the same for both: new-key PUTs, then GETs (which PUT the 100 keys first: the key space of every later run).
  for b in "$PLAIN" "$VERSIONED"; do
    s3load "warm-put-$b" "$b" --op put --duration "$WARMUP" --warmup 0
    s3load "warm-get-$b" "$b" --op get --objects 100 --duration "$WARMUP" --warmup 0
  done
  for ((r = 1; r <= ROUNDS; r++)); do
    # Odd rounds unversioned first, even rounds versioned first, so a drift in the machine's load hits both.
    if ((r % 2)); then order=("$PLAIN" "$VERSIONED"); else order=("$VERSIONED" "$PLAIN"); fi
    for b in "${order[@]}"; do s3load "put-$b-$r" "$b" --op put --duration "$DURATION" --warmup 1; done
    for b in "${order[@]}"; do s3load "overwrite-$b-$r" "$b" --op mixed --mix put:100 --objects 100 --no-populate --duration "$DURATION" --warmup 1; done
    for b in "${order[@]}"; do s3load "get-$b-$r" "$b" --op get --objects 100 --no-populate --duration "$DURATION" --warmup 1; done
  done
  s3check after-ops "$PLAIN" "$VERSIONED" "$PREFIX"
  bench_stop "$BS_PID"
  rm -rf "$WORK/bs"
  echo "$(loadavg)" >"$RES/ops-load-end.txt"
fi

# --- (b) ListObjectVersions 1000-entry pages over COUNT versions
if [[ ${SKIP_LIST:-0} != 1 ]]; then
  KEYS=$((COUNT / VERSIONS))
  echo "$(loadavg)" >"$RES/list-load-start.txt"
  log "seeding $COUNT versions ($KEYS keys x $VERSIONS, every ${MARKER_EVERY}th key deleted, $VERSION_SIZE-byte bodies)"
  mkdir -p "$WORK/list"
  dotnet "$BENCH_DLL" seed-versions-db --db "$WORK/list/metadata.db" --bucket "$LISTED" --count "$COUNT" --versions "$VERSIONS" \
    --marker-every "$MARKER_EVERY" --size "$VERSION_SIZE" --prefix "$PREFIX" --owner "$AK" | tee "$RES/seed.txt" >&2
  bench_start_server "$WORK/list"
  s3check seed "$LISTED" "$PREFIX" "$KEYS" "$VERSIONS" "$MARKER_EVERY" "$VERSION_SIZE"
  log "timing ListObjectVersions pages: $LIST_WARMUP untimed + $LIST_REQUESTS timed iterations"
  dotnet "$BENCH_DLL" time-list-versions --endpoint "$BS_URL" --bucket "$LISTED" --prefix "$PREFIX" --keys "$KEYS" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --access-key "$AK" --secret-key "$SK" >"$RES/listv.json" ||
    { log "time-list-versions failed: $(grep -o '"FirstError".*' "$RES/listv.json" || true)"; exit 1; }
  bench_stop "$BS_PID"
  rm -rf "$WORK/list"
  echo "$(loadavg)" >"$RES/list-load-end.txt"
fi

# --- report
python3 - "$RES" "$ROUNDS" "$(nproc)" "$PLAIN" "$VERSIONED" "$COUNT" "$VERSIONS" "$MARKER_EVERY" "$VERSION_SIZE" >"$WORK/report.txt" <<'PY'
import json, os, statistics, sys
res, rounds, cpus, plain, versioned, count, versions, marker_every, size = sys.argv[1:]
rounds, count, versions, marker_every = int(rounds), int(count), int(versions), int(marker_every)
def load(n):
    try:
        return json.load(open(os.path.join(res, n + ".json")))
    except Exception:
        return None
def text(n):
    p = os.path.join(res, n)
    return open(p).read().strip() if os.path.exists(p) else "?"
def median_run(runs):  # the run with the median ops/s (its latencies belong to it)
    runs = sorted([r for r in runs if r], key=lambda r: r["OpsPerSec"])
    return runs[len(runs) // 2] if runs else None
def fig(r):
    if r is None:
        return f"{'(not run)':>36}"
    l = r["LatencyMs"]
    err = f" ERRORS {r['ErrorOps']}" if r.get("ErrorOps") else ""
    return f"{r['OpsPerSec']:7.0f} ops/s p50 {l['P50']:6.2f} p99 {l['P99']:6.2f}{err}"
print(f"BleepStore versioning benchmark (issue 14) — {cpus} CPUs, loopback")
if os.path.exists(os.path.join(res, "ops-load-start.txt")):
    print()
    print(f"4 KiB c16, lean client, median of {rounds} alternating rounds; load average {text('ops-load-start.txt')} at start, {text('ops-load-end.txt')} at end")
    print(f"{'':22} {'never versioned':>36}   {'versioning Enabled':>36}   ratio  per round          aim")
    for op, label in (("put", "PUT new keys"), ("overwrite", "PUT over 100 keys"), ("get", "GET of 100 keys")):
        a = [load(f"{op}-{plain}-{r}") for r in range(1, rounds + 1)]
        b = [load(f"{op}-{versioned}-{r}") for r in range(1, rounds + 1)]
        ma, mb = median_run(a), median_run(b)
        per = [y["OpsPerSec"] / x["OpsPerSec"] for x, y in zip(a, b) if x and y and x["OpsPerSec"]]
        ratio = f"{mb['OpsPerSec'] / ma['OpsPerSec']:5.2f}x" if ma and mb and ma["OpsPerSec"] else "  n/a "
        aim = ">= 0.90" if op != "overwrite" else "(versioned keeps every overwrite)"
        print(f"{label:22} {fig(ma)}   {fig(mb)}   {ratio}  {' '.join(f'{x:.2f}' for x in per):17}  {aim}")
lv = load("listv")
if lv:
    keys = count // versions
    print()
    deleted = f", every {marker_every}th key's newest entry a delete marker" if marker_every > 0 else ""
    print(f"ListObjectVersions, max-keys {lv['MaxKeys']}, c1, {lv['Requests']} timed requests per kind; {count:,} versions = {keys:,} keys x {versions}{deleted}, {size}-byte inline bodies")
    print(f"  {text('seed.txt')}; load average {text('list-load-start.txt')} at start, {text('list-load-end.txt')} at end")
    for kind, label in (("first", "first page"), ("marker", "random key-marker"), ("next", "next page (key+version id)"), ("v2", "ListObjectsV2, same bucket")):
        s = lv.get(kind)
        if not s:
            continue
        aim = "(reference: current keys only)" if kind == "v2" else "aim p50 <= 15 ms"
        print(f"  {label:28} p50 {s['P50']:6.2f} ms  p90 {s['P90']:6.2f} ms  p99 {s['P99']:6.2f} ms  max {s['Max']:6.2f} ms  {s['EntriesPerPage']:6.0f} entries/page  {aim}")
    if lv["Errors"]:
        print(f"  ERRORS {lv['Errors']}: {lv['FirstError']}")
PY
cat "$WORK/report.txt"
[[ -n ${BENCH_REPORT:-} ]] && cp "$WORK/report.txt" "$BENCH_REPORT"
if [[ -n ${BENCH_JSON_DIR:-} ]]; then
  mkdir -p "$BENCH_JSON_DIR"
  cp "$RES"/* "$BENCH_JSON_DIR/"
fi
exit 0
