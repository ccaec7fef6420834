#!/usr/bin/env bash
# The azure gateway end to end: Azurite (tests/emulators/azurite) on a free loopback port, a server with
# storage.backend: azure in front of it, then awscli: PUT/GET, multipart of 3 parts, CopyObject, range reads,
# listings; the data-path suites through AWSSDK.S3 and boto3 (e2e/gateway/data_path.sh: objects, copies, ranges,
# multipart of 3 and 40 parts, TransferUtility, listings); then kill -9 during a PUT and during
# CompleteMultipartUpload, restart, and check that nothing half-done is visible and the earlier objects are intact.
# The last line is "N passed, N failed".
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../gateway/data_path.sh
source "$(dirname "${BASH_SOURCE[0]}")/../gateway/data_path.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AZURITE_DIR="$ROOT/tests/emulators/azurite"
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-azure-e2e.XXXXXX")"
SERVER_PID="" AZURITE_PID="" CLIENT_PID=""

cleanup() {
  local status=$?
  if [[ -n "$CLIENT_PID" ]]; then kill -KILL "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; fi
  stop_server "$SERVER_PID"
  if [[ -n "$AZURITE_PID" ]]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
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
ensure_awscli || { fail_check "awscli available"; finish; }
[[ -x "$AZURITE_DIR/node_modules/.bin/azurite-blob" ]] || (cd "$AZURITE_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2
isolated_awscli_env "$WORK"
AZ_PORT="$(free_port)"
"$AZURITE_DIR/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZ_PORT" --location "$WORK/azurite" \
  --skipApiVersionCheck --loose --disableTelemetry --silent >"$WORK/azurite.log" 2>&1 &
AZURITE_PID=$!
ENDPOINT="http://127.0.0.1:$AZ_PORT/devstoreaccount1"
azurite_up() { for _ in $(seq 1 100); do python3 "$ROOT/e2e/azure/create_container.py" "$ENDPOINT" devstoreaccount1 "$KEY" bleepstore 2>/dev/null && return 0; sleep 0.2; done; return 1; }
check "Azurite starts and the container is created" azurite_up
((LAST_OK)) || finish

mkdir -p "$WORK/data"
boot() {
  PORT="$(free_port)"
  write_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data"
  python3 - "$WORK/bleepstore.yaml" "$ENDPOINT" "$KEY" <<'PY'
import sys
path, endpoint, key = sys.argv[1:4]
text = open(path).read()
cs = f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint={endpoint};"
text = text.replace("  backend: local\n", f"  backend: azure\n  azure:\n    container: bleepstore\n    prefix: e2e/\n    connection_string: \"{cs}\"\n")
open(path, "w").write(text)
PY
  start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" && wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" 30
}
awscli() { "$BLEEPSTORE_AWS_CLI" --endpoint-url "http://127.0.0.1:$PORT" "$@"; }

check "server starts on the azure gateway" boot
((LAST_OK)) || finish
B="azure-e2e"
check "create bucket" awscli s3 mb "s3://$B"
echo "earlier object" >"$WORK/earlier.txt"
check "PUT a small object" awscli s3 cp --quiet "$WORK/earlier.txt" "s3://$B/earlier.txt"
head -c $((7 * 1024 * 1024 + 5)) /dev/urandom >"$WORK/seven.bin"
check "PUT 7 MiB in one request (staged blocks)" awscli s3api put-object --bucket "$B" --key seven.bin --body "$WORK/seven.bin"
same() { awscli s3 cp --quiet "s3://$B/$1" "$WORK/got" && cmp -s "$WORK/got" "$2"; }
check "GET 7 MiB object round-trips" same seven.bin "$WORK/seven.bin"
range_ok() { awscli s3api get-object --bucket "$B" --key seven.bin --range bytes=4194300-4194399 "$WORK/range" >/dev/null && cmp -s "$WORK/range" <(tail -c +4194301 "$WORK/seven.bin" | head -c 100); }
check "range read across a block boundary" range_ok
check "CopyObject (server-side)" awscli s3api copy-object --bucket "$B" --key copy.bin --copy-source "$B/seven.bin"
check "GET the copy" same copy.bin "$WORK/seven.bin"

multipart() {
  local parts=$1 size=$2 key=$3 id n etag list=""
  head -c "$size" /dev/urandom >"$WORK/part.bin"
  id="$(awscli s3api create-multipart-upload --bucket "$B" --key "$key" --query UploadId --output text)" || return 1
  for n in $(seq 1 "$parts"); do
    etag="$(awscli s3api upload-part --bucket "$B" --key "$key" --upload-id "$id" --part-number "$n" --body "$WORK/part.bin" --query ETag --output text)" || return 1
    list+="${list:+,}{\"PartNumber\":$n,\"ETag\":$etag}"
  done
  echo "{\"Parts\":[$list]}" >"$WORK/parts.json"
  awscli s3api complete-multipart-upload --bucket "$B" --key "$key" --upload-id "$id" --multipart-upload "file://$WORK/parts.json" >/dev/null || return 1
  for n in $(seq 1 "$parts"); do cat "$WORK/part.bin"; done >"$WORK/expected.bin"
  same "$key" "$WORK/expected.bin"
}
# awscli starts a process per part: 3 parts here; 40 parts go through boto3 in the data-path check below.
check "multipart, 3 parts of 5 MiB, round-trips" multipart 3 $((5 * 1024 * 1024)) mpu3.bin
listing() { [[ "$(awscli s3api list-objects-v2 --bucket "$B" --query 'Contents[].Key' --output text | tr '\t' ' ')" == "copy.bin earlier.txt mpu3.bin seven.bin" ]]; }
check "ListObjectsV2 lists exactly the objects" listing
rm -f "$WORK"/*.bin

# AWSSDK.S3 (xunit Objects, Multipart, listing suites) and boto3 (3 and 40 parts, ranges, copy, listings).
gateway_data_path azure "http://127.0.0.1:$PORT" "$WORK" "$SERVER_PID" "$AZURITE_PID"

# kill -9 while a 200 MiB PUT streams in: afterwards the key is absent, the earlier objects intact.
kill_server() { kill -KILL "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; wait "$CLIENT_PID" 2>/dev/null || true; CLIENT_PID=""; }
head -c $((200 * 1024 * 1024)) /dev/urandom | awscli s3 cp - "s3://$B/crash-put.bin" --expected-size $((200 * 1024 * 1024)) >/dev/null 2>&1 &
CLIENT_PID=$!
sleep 3
kill_server
check "server restarts after kill -9 during a PUT" boot
((LAST_OK)) || finish
# Key names are on (the default, decision 0010): start-up finished every key claim the crash left.
no_claims() { "$BLEEPSTORE_PYTHON" "$ROOT/e2e/gateway/key_names_crash.py" claims "$WORK/data/metadata.db"; }
check "no key claim left after start-up (PUT)" no_claims
absent() { ! awscli s3api head-object --bucket "$B" --key "$1" >/dev/null 2>&1; }
check "the interrupted PUT is not visible" absent crash-put.bin
earlier_intact() { [[ "$(awscli s3 cp --quiet "s3://$B/earlier.txt" -)" == "earlier object" ]]; }
check "earlier object intact after the PUT crash" earlier_intact

# kill -9 during Complete of 3 parts of 100 MiB: either the whole object or the intact upload, never half.
head -c $((100 * 1024 * 1024)) /dev/urandom >"$WORK/part.bin"
ID="$(awscli s3api create-multipart-upload --bucket "$B" --key crash-mpu.bin --query UploadId --output text)"
list=""
for n in 1 2 3; do
  etag="$(awscli s3api upload-part --bucket "$B" --key crash-mpu.bin --upload-id "$ID" --part-number "$n" --body "$WORK/part.bin" --query ETag --output text)"
  list+="${list:+,}{\"PartNumber\":$n,\"ETag\":$etag}"
done
echo "{\"Parts\":[$list]}" >"$WORK/parts.json"
expected_md5="$(for _ in 1 2 3; do cat "$WORK/part.bin"; done | md5sum | cut -d' ' -f1)"
rm -f "$WORK/part.bin"
awscli s3api complete-multipart-upload --bucket "$B" --key crash-mpu.bin --upload-id "$ID" --multipart-upload "file://$WORK/parts.json" >"$WORK/complete.log" 2>&1 &
CLIENT_PID=$!
sleep 1.5
still_running() { kill -0 "$CLIENT_PID" 2>/dev/null; }
check "Complete still in flight when the server is killed" still_running
kill_server
check "server restarts after kill -9 during Complete" boot
((LAST_OK)) || finish
check "no key claim left after start-up (Complete)" no_claims
whole_or_intact() {
  if awscli s3api head-object --bucket "$B" --key crash-mpu.bin >/dev/null 2>&1; then
    log "outcome: the object exists"
  else
    log "outcome: upload intact; completing again"
    # Azurite has no Put Block From URL, so this Complete streams 300 MiB through the gateway: more than awscli's
    # default 60 s read timeout on a loaded machine.
    awscli --cli-read-timeout 600 s3api complete-multipart-upload --bucket "$B" --key crash-mpu.bin --upload-id "$ID" --multipart-upload "file://$WORK/parts.json" >/dev/null || return 1
  fi
  [[ "$(awscli s3 cp --quiet "s3://$B/crash-mpu.bin" - | md5sum | cut -d' ' -f1)" == "$expected_md5" ]]
}
check "after the Complete crash: the whole object (now or after a second Complete), never a half one" whole_or_intact
check "earlier object intact after the Complete crash" earlier_intact
check "earlier multipart object intact" bash -c "[[ \$(\"$BLEEPSTORE_AWS_CLI\" --endpoint-url http://127.0.0.1:$PORT s3api head-object --bucket $B --key mpu3.bin --query ContentLength --output text) == $((3 * 5 * 1024 * 1024)) ]]"
# Azurite goes away: the gateway's /readyz answers 503 (its health check reaches the container), within 20 s.
kill "$AZURITE_PID" 2>/dev/null || true
wait "$AZURITE_PID" 2>/dev/null || true
AZURITE_PID=""
not_ready() {
  local _
  for _ in $(seq 1 40); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/readyz")" == 503 ]] && return 0
    sleep 0.5
  done
  return 1
}
check "/readyz answers 503 once the upstream is gone" not_ready
finish
