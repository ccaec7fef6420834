#!/usr/bin/env bash
# Memory check for multipart (issue 4: "a 5 GiB multipart upload (100 parts, 4 in parallel) completes with the
# server's peak RSS under 300 MB, and the downloaded bytes hash to what was uploaded"). Starts a server on its own
# port and data dir, uploads a generated object with boto3's managed transfer, downloads it into a hash, and checks
# the server's peak RSS (VmHWM). Reports duration and peak RSS. Opt-in from run_e2e.sh: BLEEPSTORE_E2E_5G=1.
# The last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
#
#   BLEEPSTORE_MPU_SIZE_MIB     object size in MiB (default 5120)
#   BLEEPSTORE_MPU_PARTS        number of parts (default 100)
#   BLEEPSTORE_MPU_CONCURRENCY  parts in flight (default 4)
#   BLEEPSTORE_RSS_LIMIT_MB     peak RSS limit in MB (default 300)
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"

SIZE_MIB="${BLEEPSTORE_MPU_SIZE_MIB:-5120}"
PARTS="${BLEEPSTORE_MPU_PARTS:-100}"
CONCURRENCY="${BLEEPSTORE_MPU_CONCURRENCY:-4}"
LIMIT_KIB=$(("${BLEEPSTORE_RSS_LIMIT_MB:-300}" * 1000 * 1000 / 1024))
BUCKET="rssmpu-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-rss-mpu.XXXXXX")"
SERVER_PID=""

cleanup() {
  local status=$?
  stop_server "$SERVER_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  if ((FAILED > 0)); then
    log "server log (last 40 lines):"
    tail -n 40 "$WORK/server.log" 2>/dev/null | sed 's/^/  | /' >&2
  fi
  stop_server "$SERVER_PID"
  SERVER_PID=""
  print_counts_and_exit
}

ensure_curl || { fail_check "curl available"; finish; }
ensure_boto3 || { fail_check "python3 with boto3 available"; finish; }

boot() {
  PORT="$(free_port)"
  mkdir -p "$WORK/data"
  write_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data"
  start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" && wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" 30
}
check "server starts" boot
((LAST_OK)) || finish
export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$PORT"
PY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../python" && pwd)"

check "create bucket" "$BLEEPSTORE_PYTHON" -c "import sys; sys.path.insert(0, '$PY_DIR'); from bleepstore_e2e import client; client().create_bucket(Bucket='$BUCKET')"

size=$((SIZE_MIB * 1024 * 1024))
started=$SECONDS
transfer() { "$BLEEPSTORE_PYTHON" "$PY_DIR/multipart_5g.py" "$BUCKET" big.bin "$size" "$PARTS" "$CONCURRENCY" >"$WORK/result.json"; }
check "upload ${SIZE_MIB} MiB in $PARTS parts ($CONCURRENCY in parallel) and download it" transfer
elapsed=$((SECONDS - started))
result="$(cat "$WORK/result.json" 2>/dev/null || true)"
log "transfer result: $result"
field() { "$BLEEPSTORE_PYTHON" -c "import json,sys; print(json.load(sys.stdin)['$1'])" <<<"$result" 2>/dev/null; }

hashes_match() { [[ -n "$result" && "$(field upload_md5)" == "$(field download_md5)" && "$(field download_size)" == "$size" ]]; }
check "downloaded bytes hash to the uploaded bytes (md5, size)" hashes_match
etag_is_composite() { [[ "$(field etag)" == *"-$PARTS\"" ]]; }
check "ETag is the composite of $PARTS parts" etag_is_composite

peak="$(rss_kib "$SERVER_PID" VmHWM)"
report_metric "multipart ${SIZE_MIB} MiB ($PARTS parts, $CONCURRENCY parallel): ${elapsed} s total (upload $(field upload_s) s, download $(field download_s) s), server peak RSS $((${peak:-0} / 1024)) MiB"
peak_under_limit() { [[ -n "$peak" ]] && ((peak < LIMIT_KIB)); }
check "server peak RSS under $((LIMIT_KIB / 1024)) MiB during the ${SIZE_MIB} MiB multipart upload and download" peak_under_limit

finish
