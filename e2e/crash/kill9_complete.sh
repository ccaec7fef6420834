#!/usr/bin/env bash
# Crash-only check for CompleteMultipartUpload (issue 4: "kill -9 during CompleteMultipartUpload leaves either the
# complete object or the intact upload, never a half object"). Uploads 3 large parts, starts Complete, kills the
# server with SIGKILL while the assembled blob is being written under objects/.tmp, restarts on the same data dir
# and checks: either the object exists and hashes right (and the upload is gone), or the upload is intact (ListParts
# shows every part) and a second Complete succeeds and hashes right; no temp file is left, no half object is visible.
# The last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
#
#   BLEEPSTORE_CRASH_PART_MIB   size of each of the 3 parts (default 200)
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/crash.sh"

PART_MIB="${BLEEPSTORE_CRASH_PART_MIB:-200}"
PARTS=3
BUCKET="crashmpu-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
KEY="assembled/large.bin"
crash_prelude complete awscli

tmp_files() { find "$DATA/objects/.tmp" -type f -printf '%s %P\n' 2>/dev/null; }
# Files under the data root except the metadata database and .tmp, as "path size".
blob_files() { (cd "$DATA" && find . -type f ! -name 'metadata.db*' ! -path './objects/.tmp/*' -printf '%P %s\n' | sort); }

check "server starts" boot
((LAST_OK)) || finish
check "create bucket" awscli s3 mb "s3://$BUCKET"
echo "earlier object" >"$WORK/earlier.txt"
check "PUT an earlier object" awscli s3 cp --quiet "$WORK/earlier.txt" "s3://$BUCKET/earlier.txt"

head -c $((PART_MIB * 1024 * 1024)) /dev/urandom >"$WORK/part.bin"
expected_md5="$(for _ in $(seq 1 $PARTS); do cat "$WORK/part.bin"; done | md5sum | cut -d' ' -f1)"
expected_size=$((PARTS * PART_MIB * 1024 * 1024))

UPLOAD_ID=""
create_upload() {
  UPLOAD_ID="$(awscli s3api create-multipart-upload --bucket "$BUCKET" --key "$KEY" --query UploadId --output text)" && [[ -n "$UPLOAD_ID" && "$UPLOAD_ID" != None ]]
}
check "CreateMultipartUpload" create_upload
((LAST_OK)) || finish

upload_parts() {
  local n etag parts=""
  for n in $(seq 1 $PARTS); do
    etag="$(awscli s3api upload-part --bucket "$BUCKET" --key "$KEY" --upload-id "$UPLOAD_ID" --part-number "$n" --body "$WORK/part.bin" --query ETag --output text)" || return 1
    parts+="${parts:+,}{\"PartNumber\":$n,\"ETag\":$etag}"
  done
  echo "{\"Parts\":[$parts]}" >"$WORK/parts.json"
}
check "upload $PARTS parts of $PART_MIB MiB" upload_parts
((LAST_OK)) || finish
rm -f "$WORK/part.bin"
blob_files >"$WORK/before.files"

awscli s3api complete-multipart-upload --bucket "$BUCKET" --key "$KEY" --upload-id "$UPLOAD_ID" \
  --multipart-upload "file://$WORK/parts.json" >"$WORK/complete.log" 2>&1 &
WRITER_PID=$!
started=$(date +%s%N)

complete_in_flight() {
  local deadline=$((SECONDS + 120)) seen
  while ((SECONDS < deadline)); do
    seen="$(tmp_files | awk '$1 > 0' | head -n 1)"
    if [[ -n "$seen" ]]; then
      log "assembly in flight after $((($(date +%s%N) - started) / 1000000)) ms: .tmp/${seen#* } at ${seen%% *} bytes"
      kill -0 "$WRITER_PID" 2>/dev/null || { log "but Complete already answered: $(cat "$WORK/complete.log")"; return 1; }
      return 0
    fi
    kill -0 "$WRITER_PID" 2>/dev/null || { log "Complete answered before any temp file was seen: $(cat "$WORK/complete.log")"; return 1; }
    sleep 0.02
  done
  log "no assembled temp file under objects/.tmp within 120 s"
  return 1
}
check "CompleteMultipartUpload is assembling (temp file under objects/.tmp) when the server is killed" complete_in_flight
kill -KILL "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
wait "$WRITER_PID" 2>/dev/null || true
WRITER_PID=""
log "left in .tmp right after kill -9: $(tmp_files | tr '\n' ' ')"
echo "---- restart ----" >>"$WORK/server.log"

check "server restarts on the crashed data dir" boot
((LAST_OK)) || finish

object_hashes_right() {
  local got
  got="$(awscli s3 cp --quiet "s3://$BUCKET/$KEY" - | md5sum | cut -d' ' -f1)" || return 1
  [[ "$got" == "$expected_md5" ]] || { log "GET md5 $got, expected $expected_md5"; return 1; }
}

OUTCOME=""
if head="$(awscli s3api head-object --bucket "$BUCKET" --key "$KEY" --output json 2>&1)"; then
  OUTCOME="complete"
  log "after restart: the object exists ($head)"
  size_is_full() { grep -q "\"ContentLength\": $expected_size," <<<"$head" || { log "size is not $expected_size: $head"; return 1; }; }
  check "outcome A (complete object): full size" size_is_full
  check "outcome A: GET hashes to the uploaded bytes" object_hashes_right
  upload_gone() { ! awscli s3api list-parts --bucket "$BUCKET" --key "$KEY" --upload-id "$UPLOAD_ID" >/dev/null 2>&1; }
  check "outcome A: the upload is gone (ListParts → NoSuchUpload)" upload_gone
else
  OUTCOME="upload intact"
  log "after restart: no object ($head)"
  grep -q 404 <<<"$head" || { fail_check "HEAD of the key answers 404 (not an error)"; }
  parts_listed() {
    local n
    n="$(awscli s3api list-parts --bucket "$BUCKET" --key "$KEY" --upload-id "$UPLOAD_ID" --query 'length(Parts)' --output text)" || return 1
    [[ "$n" == "$PARTS" ]] || { log "ListParts shows $n parts"; return 1; }
  }
  check "outcome B (upload intact): ListParts shows all $PARTS parts" parts_listed
  uploads_listed() { awscli s3api list-multipart-uploads --bucket "$BUCKET" --query 'Uploads[].UploadId' --output text | grep -qF "$UPLOAD_ID"; }
  check "outcome B: ListMultipartUploads lists the upload" uploads_listed
  no_new_blob() {
    local now
    now="$(blob_files)"
    [[ "$now" == "$(cat "$WORK/before.files")" ]] || { log "files changed:"; diff "$WORK/before.files" <(echo "$now") | sed 's/^/  /' >&2; return 1; }
  }
  check "outcome B: no new blob under the data root (no half object stored)" no_new_blob
  check "outcome B: a second Complete succeeds" awscli s3api complete-multipart-upload --bucket "$BUCKET" --key "$KEY" \
    --upload-id "$UPLOAD_ID" --multipart-upload "file://$WORK/parts.json"
  check "outcome B: GET after the second Complete hashes to the uploaded bytes" object_hashes_right
fi
report_metric "kill -9 during CompleteMultipartUpload ($PARTS x $PART_MIB MiB): outcome after restart = $OUTCOME"

check "no temp file left under objects/.tmp after restart" tmp_empty

earlier_intact() { [[ "$(awscli s3 cp --quiet "s3://$BUCKET/earlier.txt" -)" == "earlier object" ]]; }
check "earlier object intact" earlier_intact

# Once the object exists, the data root holds the earlier object, the assembled blob and nothing else: no
# orphaned part blobs, no published-but-uncommitted assembly.
no_stray_blobs() {
  local files total expected deadline=$((SECONDS + 10))
  expected=$((expected_size + $(stat -c %s "$WORK/earlier.txt")))
  # Part data is removed after the commit, possibly in the background: allow a few seconds.
  while :; do
    files="$(blob_files)"
    total="$(awk '{ s += $NF } END { print s + 0 }' <<<"$files")"
    # The earlier object (small) may be stored inline in the metadata DB instead of as a file.
    if ((total == expected || total == expected_size)) || ((SECONDS >= deadline)); then break; fi
    sleep 0.5
  done
  if ((total != expected && total != expected_size)); then
    log "bytes under the data root: $total, expected $expected_size (+ earlier object); files:"
    sed 's/^/  /' <<<"$files" >&2
    return 1
  fi
}
check "no stray blobs: only the final object's bytes remain under the data root" no_stray_blobs

finish
