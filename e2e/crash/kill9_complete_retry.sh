#!/usr/bin/env bash
# Crash-only check for retried CompleteMultipartUpload (docs/decisions/0011 schema step 8, completed_uploads): 4 boto3
# clients run 2-part uploads and complete them; the server is killed with kill -9 in the middle; after a restart every
# Complete, acknowledged or in flight, sent again with the same parts answers 200 with the same ETag (the record was
# committed with the object, or the upload is still open and completes now) and the object reads back whole; another
# parts list for a finished upload is NoSuchUpload; nothing is left in .tmp.
# Each check prints PASS/FAIL; the last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/crash.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUCKET="crash-retry-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
crash_prelude retry

check "server starts" boot
((LAST_OK)) || finish

make_bucket() {
  py - "$BUCKET" "$HERE/../python" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from bleepstore_e2e import client
client().create_bucket(Bucket=sys.argv[1])
PY
}
check "bucket $BUCKET" make_bucket
((LAST_OK)) || finish

touch "$WORK/acks" "$WORK/pending"
py "$HERE/complete_retry_load.py" write "http://127.0.0.1:$PORT" "$BUCKET" "$WORK" >>"$WORK/writer.log" 2>&1 &
WRITER_PID=$!

enough_acks() {
  local deadline=$((SECONDS + 120))
  while ((SECONDS < deadline)); do
    (($(wc -l <"$WORK/acks") >= ${BLEEPSTORE_CRASH_RETRY_ACKS:-6})) && return 0
    sleep 0.1
  done
  log "writers acknowledged only $(wc -l <"$WORK/acks") Completes in 120 s; writer log:"
  sed 's/^/  | /' "$WORK/writer.log" >&2
  return 1
}
check "4 clients are completing uploads when the server is killed" enough_acks

kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
wait "$WRITER_PID" 2>/dev/null || true
WRITER_PID=""
log "before kill -9: $(wc -l <"$WORK/acks") Completes acknowledged, $(wc -l <"$WORK/pending") sent"

check "server restarts on the crashed data dir" boot
((LAST_OK)) || finish

check "no .tmp leftovers after restart" tmp_empty

count_checks < <(py "$HERE/complete_retry_load.py" check "http://127.0.0.1:$PORT" "$BUCKET" "$WORK" 2>&1 || true)

if ((FAILED > 0)); then
  log "complete-retry crash check failed; server log:"
  tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
finish
