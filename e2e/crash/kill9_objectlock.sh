#!/usr/bin/env bash
# Crash-only check for object lock (docs/object-lock.md): 4 boto3 clients PUT versions with COMPLIANCE retention,
# GOVERNANCE retention or a legal hold into an object lock bucket; the server is killed with kill -9 in the middle;
# after a restart every acknowledged version still carries its lock (HEAD and the retention / legal-hold calls) and
# DELETE by version id is refused for each. Each check prints PASS/FAIL; the last line is "N passed, N failed".
# Needs a built server (see run_e2e.sh).
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/crash.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUCKET="crash-lock-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
crash_prelude objectlock

check "server starts" boot
((LAST_OK)) || finish

make_lock_bucket() {
  py - "$BUCKET" "$HERE/../python" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from bleepstore_e2e import client
client().create_bucket(Bucket=sys.argv[1], ObjectLockEnabledForBucket=True)
PY
}
check "object lock bucket $BUCKET" make_lock_bucket
((LAST_OK)) || finish

touch "$WORK/acks"
py "$HERE/objectlock_load.py" write "http://127.0.0.1:$PORT" "$BUCKET" "$WORK/acks" >>"$WORK/writer.log" 2>&1 &
WRITER_PID=$!

enough_acks() {
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    (($(wc -l <"$WORK/acks") >= ${BLEEPSTORE_CRASH_LOCK_ACKS:-60})) && return 0
    sleep 0.2
  done
  log "writers acknowledged only $(wc -l <"$WORK/acks") writes in 60 s; writer log:"
  sed 's/^/  | /' "$WORK/writer.log" >&2
  return 1
}
check "4 clients are writing locked versions when the server is killed" enough_acks

kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
wait "$WRITER_PID" 2>/dev/null || true
WRITER_PID=""
log "acknowledged before kill -9: $(wc -l <"$WORK/acks") locked writes"

check "server restarts on the crashed data dir" boot
((LAST_OK)) || finish

count_checks < <(py "$HERE/objectlock_load.py" check "http://127.0.0.1:$PORT" "$BUCKET" "$WORK/acks" 2>&1 || true)

if ((FAILED > 0)); then
  log "object lock crash check failed; server log:"
  tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
finish
