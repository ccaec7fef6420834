#!/usr/bin/env bash
# The gcp gateway end to end: the in-repo GCS JSON API test server (tests/emulators/gcs, the same code the storage
# contract runs against; no GCS emulator runs here) as a process on a free loopback port, a server with
# storage.backend: gcp in front of it (storage.gcp.endpoint, unauthenticated), then the data-path suites through
# AWSSDK.S3 and boto3 (e2e/gateway/data_path.sh: objects, copies, ranges, multipart of 3 and 40 parts composed
# upstream, TransferUtility, listings); that the bytes live upstream under the prefix and leave with their objects; and
# that /readyz turns 503 when the upstream goes away. The last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=../../scripts/lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../../scripts/lib/checks.sh
source scripts/lib/checks.sh
# shellcheck source=data_path.sh
source e2e/gateway/data_path.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-gcp-e2e.XXXXXX")"
SERVER_PID="" GCS_PID=""
cleanup() {
  local status=$?
  stop_server "$SERVER_PID"
  stop_server "$GCS_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
finish() {
  ((FAILED == 0)) || tail -n 40 "$WORK/server.log" 2>/dev/null | sed 's/^/  | /' >&2
  print_counts_and_exit
}

ensure_curl || { fail_check "curl available"; finish; }
mapfile -t OUT_ARGS < <(dotnet_output_args)
if [[ -n "${BLEEPSTORE_ARTIFACTS:-}" ]]; then
  GCS_DLL="$BLEEPSTORE_ARTIFACTS/bin/BleepStore.GcsTestServer/release/BleepStore.GcsTestServer.dll"
else
  GCS_DLL="tests/emulators/gcs/bin/Release/net10.0/BleepStore.GcsTestServer.dll"
fi
[[ -f "$GCS_DLL" ]] || dotnet build tests/emulators/gcs/BleepStore.GcsTestServer.csproj -c Release -nologo -v quiet "${OUT_ARGS[@]}" >&2 || true

UPSTREAM_BUCKET=gcs-bytes
dotnet "$GCS_DLL" "$UPSTREAM_BUCKET" >"$WORK/gcs.log" 2>&1 </dev/null &
GCS_PID=$!
gcs_up() {
  for _ in $(seq 1 150); do
    GCS_URL="$(sed -n 's/^listening on //p' "$WORK/gcs.log")"
    [[ -n "$GCS_URL" ]] && return 0
    kill -0 "$GCS_PID" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
check "the GCS JSON API test server starts as a process" gcs_up
((LAST_OK)) || { cat "$WORK/gcs.log" >&2; finish; }

PORT="$(free_port)"
mkdir -p "$WORK/data"
write_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data"
sed -i '/^storage:/,/^logging:/{/^logging:/!d}' "$WORK/bleepstore.yaml"
cat >>"$WORK/bleepstore.yaml" <<YAML
storage:
  backend: gcp
  gcp:
    bucket: $UPSTREAM_BUCKET
    prefix: e2e/
    endpoint: $GCS_URL/
YAML
boot() { start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" && wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" 30; }
check "server starts on the gcp gateway" boot
((LAST_OK)) || finish

gateway_data_path gcp "http://127.0.0.1:$PORT" "$WORK" "$SERVER_PID" "$GCS_PID"

# What the upstream holds, through its own JSON API (unauthenticated, as the test server allows).
upstream_count() {
  curl -fsS "$GCS_URL/storage/v1/b/$UPSTREAM_BUCKET/o?prefix=e2e/" | python3 -c 'import json, sys; print(len(json.load(sys.stdin).get("items", [])))'
}
ensure_boto3 || true
S3=("$BLEEPSTORE_PYTHON" -c 'import os, sys; sys.path.insert(0, "e2e/python"); from bleepstore_e2e import client; s3 = client(); exec(sys.argv[1])')
export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$PORT"
bytes_upstream() {
  local before after
  before="$(upstream_count)" || return 1
  "${S3[@]}" 's3.create_bucket(Bucket="gcp-e2e"); s3.put_object(Bucket="gcp-e2e", Key="k", Body=os.urandom(100_000))' || return 1
  after="$(upstream_count)" || return 1
  ((after == before + 1)) || { log "upstream objects: $before before the PUT, $after after"; return 1; }
  "${S3[@]}" 's3.delete_object(Bucket="gcp-e2e", Key="k"); s3.delete_bucket(Bucket="gcp-e2e")' || return 1
  after="$(upstream_count)" || return 1
  ((after == before)) || { log "upstream objects: $before before, $after after the DELETE"; return 1; }
}
check "a PUT adds one upstream object under the prefix, its DELETE removes it" bytes_upstream
# Everything the data-path suites wrote they also deleted: nothing is left upstream under the prefix.
check "no upstream object left after the suites emptied their buckets" bash -c "[[ \$(curl -fsS '$GCS_URL/storage/v1/b/$UPSTREAM_BUCKET/o?prefix=e2e/' | python3 -c 'import json, sys; print(len(json.load(sys.stdin).get(\"items\", [])))') == 0 ]]"

# kill -9 with key names on (the default, decision 0010): during an overwriting PUT and during a Complete. After each
# restart no key claim is left, the earlier objects are whole and the same under their key upstream, the key is one
# version or the other (Complete: the whole object, or the intact upload that then completes), upstream the same.
export STATE_DIR="$WORK" GCS_URL UPSTREAM_BUCKET UPSTREAM_PREFIX=e2e/
crash() { "$BLEEPSTORE_PYTHON" e2e/gateway/key_names_crash.py "$@"; }
CB="gcp-crash"
kill_server() { kill -KILL "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; wait "$CLIENT_PID" 2>/dev/null || true; CLIENT_PID=""; }
check "earlier objects and the first version of ow.bin acknowledged" crash seed "$CB"
head -c $((48 * 1024 * 1024)) /dev/urandom >"$WORK/new.bin"
crash put "$CB" ow.bin "$WORK/new.bin" 2>>"$WORK/client.log" &
CLIENT_PID=$!
sleep 1.5
kill_server
check "server restarts after kill -9 during an overwriting PUT" boot
((LAST_OK)) || finish
check "no key claim left after start-up (PUT)" crash claims "$WORK/data/metadata.db"
check "ow.bin is one version or the other, whole, the same under its key upstream" crash verify-overwrite "$CB" "$WORK/new.bin"
check "multipart upload of 3 parts of 5 MiB" crash mpu "$CB" mpu.bin 3 5
crash complete "$CB" mpu.bin 2>>"$WORK/client.log" &
CLIENT_PID=$!
sleep 0.3
kill_server
check "server restarts after kill -9 during Complete" boot
((LAST_OK)) || finish
check "no key claim left after start-up (Complete)" crash claims "$WORK/data/metadata.db"
check "Complete left the whole object or the intact upload; upstream holds the whole object under its key" crash verify-complete "$CB" mpu.bin
check "every listed object reads back whole with its ETag and equals its upstream copy" crash verify-all "$CB"
rm -f "$WORK/new.bin"

stop_server "$GCS_PID"
GCS_PID=""
not_ready() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/readyz")" == 503 ]]; }
check "/readyz answers 503 once the upstream is gone" not_ready
finish
