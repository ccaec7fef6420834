#!/usr/bin/env bash
# Crash-only check for the lifecycle worker (docs/lifecycle.md): an unversioned bucket with objects to expire (old/)
# and objects no rule names (keep/), a versioned bucket with v/ keys of 3 versions (NoncurrentVersionExpiration keeps
# the newest noncurrent one) and keep/ keys; once the worker's first deletion is seen, kill -9. Then, with the worker
# off: it was killed mid-job, nothing acknowledged and not due is lost, everything listed reads back whole, fsck finds
# no row without bytes; then with the worker on: it finishes the job and the same holds.
# Each check prints PASS/FAIL; the last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/crash.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="crash-lc-$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n')"
crash_prelude lifecycle

# boot SCAN_SECONDS — a server on the data dir with 1-second lifecycle days; SCAN 0 = the worker off.
boot() {
  PORT="$(free_port)"
  BLEEPSTORE_LIFECYCLE_DAY_SECONDS=1 BLEEPSTORE_LIFECYCLE_SCAN_SECONDS=$1 write_config "$WORK/bleepstore.yaml" "$PORT" "$DATA"
  start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" && wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" 30
}

py() { "$BLEEPSTORE_PYTHON" "$HERE/lifecycle_load.py" "$1" "http://127.0.0.1:$PORT" "$PREFIX" "${@:2}"; }

# counted PY-ARGS... — runs the checker, counts its PASS/FAIL lines.
counted() { count_checks < <(py "$@" 2>&1 || echo "FAIL: lifecycle_load.py $1 exited with an error"); }

check "server starts (worker on, 1-second days)" boot 1
((LAST_OK)) || finish
counted load "$WORK/manifest"
check "rules put on both buckets" py rules
check "the worker starts deleting" py watch "$WORK/manifest"
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

fsck_no_missing() {
  (cd "$WORK" && dotnet "$(server_dll)" fsck --config "$WORK/bleepstore.yaml") >"$WORK/fsck.out" 2>&1 || true
  sed 's/^/  | /' "$WORK/fsck.out" >&2
  ! grep -Eq '^(missing-bytes|size-mismatch|etag-mismatch|missing-part-bytes) ' "$WORK/fsck.out"
}
check "fsck after kill -9: no row without its bytes" fsck_no_missing

check "server restarts with the worker off" boot 0
((LAST_OK)) || finish
counted midway "$WORK/manifest"
counted intact "$WORK/manifest"
stop_server "$SERVER_PID"
SERVER_PID=""

check "server restarts with the worker on" boot 1
((LAST_OK)) || finish
counted done "$WORK/manifest"

if ((FAILED > 0)); then
  log "lifecycle crash check failed; server log:"
  tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
finish
