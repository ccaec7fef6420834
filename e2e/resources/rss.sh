#!/usr/bin/env bash
# Memory check (issue: "a 2 GiB PUT and GET each keep the server's peak RSS under 300 MB"): start a server on
# its own port and data dir, report launch-to-ready time and idle RSS, PUT a 2 GiB object with awscli, POST it as a
# browser form with curl, GET it back, and assert the server's peak RSS (VmHWM) stays under the limit and the bytes
# round-trip.
# The last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
#
#   BLEEPSTORE_RSS_OBJECT_SIZE   object size (default 2G; sparse file)
#   BLEEPSTORE_RSS_LIMIT_MB      peak RSS limit in MB (default 300)
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"

SIZE="${BLEEPSTORE_RSS_OBJECT_SIZE:-2G}"
LIMIT_KIB=$(("${BLEEPSTORE_RSS_LIMIT_MB:-300}" * 1000 * 1000 / 1024))
BUCKET="rss-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-rss.XXXXXX")"
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
  stop_server "$SERVER_PID"
  SERVER_PID=""
  print_counts_and_exit
}

ensure_curl || { fail_check "curl available"; finish; }
ensure_awscli || { fail_check "awscli available"; finish; }
isolated_awscli_env "$WORK"
awscli() { "$BLEEPSTORE_AWS_CLI" --endpoint-url "http://127.0.0.1:$PORT" "$@"; }

boot() {
  PORT="$(free_port)"
  mkdir -p "$WORK/data"
  write_config "$WORK/bleepstore.yaml" "$PORT" "$WORK/data"
  start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" && wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" 30
}
check "server starts" boot
((LAST_OK)) || finish

sleep 2
log "idle RSS after start: $(($(rss_kib "$SERVER_PID" VmRSS) / 1024)) MiB (peak so far $(($(rss_kib "$SERVER_PID" VmHWM) / 1024)) MiB)"

peak_under_limit() {
  local what=$1 peak
  peak="$(rss_kib "$SERVER_PID" VmHWM)"
  [[ -n "$peak" ]] || { log "cannot read /proc/$SERVER_PID/status"; return 1; }
  log "peak RSS after $what: $((peak / 1024)) MiB (limit $((LIMIT_KIB / 1024)) MiB)"
  ((peak < LIMIT_KIB))
}

truncate -s "$SIZE" "$WORK/big.bin"
expected_md5="$(md5sum <"$WORK/big.bin" | cut -d' ' -f1)"

check "create bucket" awscli s3 mb "s3://$BUCKET"
check "PUT $SIZE with awscli" awscli s3 cp --quiet "$WORK/big.bin" "s3://$BUCKET/big.bin"
check "peak RSS under limit during the $SIZE PUT" peak_under_limit "PUT"

# POST Object (browser-based upload) streams the form's file part too: an anonymous form to a public-read-write
# bucket (no policy to sign), curl -F reading the file as it sends it; the answer's ETag is the MD5 of the bytes.
post_streams() {
  local etag
  awscli s3api create-bucket --bucket "$BUCKET-post" --acl public-read-write >/dev/null || return 1
  etag="$(curl -sf -D - -o /dev/null -F key=post.bin -F "file=@$WORK/big.bin;type=application/octet-stream" \
    "http://127.0.0.1:$PORT/$BUCKET-post" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: "\(.*\)"$/\1/p')" || return 1
  [[ "$etag" == "$expected_md5" ]] || { log "POST ETag $etag, expected $expected_md5"; return 1; }
}
check "POST Object of $SIZE (multipart/form-data) stored whole" post_streams
check "peak RSS under limit during the $SIZE POST Object" peak_under_limit "POST"
awscli s3 rm --quiet "s3://$BUCKET-post/post.bin" >/dev/null 2>&1 || true
awscli s3 rb "s3://$BUCKET-post" >/dev/null 2>&1 || true
rm -f "$WORK/big.bin"

get_round_trips() {
  local got
  got="$(awscli s3 cp --quiet "s3://$BUCKET/big.bin" - | md5sum | cut -d' ' -f1)" || return 1
  [[ "$got" == "$expected_md5" ]] || { log "GET md5 $got, expected $expected_md5"; return 1; }
}
check "GET $SIZE returns the same bytes" get_round_trips
check "peak RSS under limit during the $SIZE GET" peak_under_limit "GET"

awscli s3 rm --quiet "s3://$BUCKET/big.bin" >/dev/null 2>&1 || true
if ((FAILED > 0)); then
  log "server log (last 40 lines):"
  tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
finish
