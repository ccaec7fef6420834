#!/usr/bin/env bash
# Crash-only check for versioning (docs/versioning.md): 8 boto3 clients write versions and delete markers of 4 keys
# of a versioned bucket; the server is killed with kill -9 in the middle; after a restart every acknowledged version
# and marker is listed and reads back whole by version id, every listed version reads back whole (none half there),
# nothing is left in .tmp, and `bleepstore fsck` (server stopped) finds no row without bytes and, once its --repair
# has removed the blobs of writes that were never acknowledged, nothing at all.
# Each check prints PASS/FAIL; the last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/crash.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUCKET="crash-ver-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
crash_prelude versions

check "server starts" boot
((LAST_OK)) || finish

make_versioned_bucket() {
  py - "$BUCKET" "$HERE/../python" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from bleepstore_e2e import client
s3 = client()
s3.create_bucket(Bucket=sys.argv[1])
s3.put_bucket_versioning(Bucket=sys.argv[1], VersioningConfiguration={"Status": "Enabled"})
PY
}
check "versioned bucket $BUCKET" make_versioned_bucket
((LAST_OK)) || finish

touch "$WORK/acks"
py "$HERE/versions_load.py" write "http://127.0.0.1:$PORT" "$BUCKET" "$WORK/acks" >>"$WORK/writer.log" 2>&1 &
WRITER_PID=$!

enough_acks() {
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    (($(wc -l <"$WORK/acks") >= ${BLEEPSTORE_CRASH_VERSION_ACKS:-150})) && return 0
    sleep 0.2
  done
  log "writers acknowledged only $(wc -l <"$WORK/acks") writes in 60 s; writer log:"
  sed 's/^/  | /' "$WORK/writer.log" >&2
  return 1
}
check "8 clients are writing versions when the server is killed" enough_acks

kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
wait "$WRITER_PID" 2>/dev/null || true
WRITER_PID=""
log "acknowledged before kill -9: $(wc -l <"$WORK/acks") writes"

fsck() { (cd "$WORK" && dotnet "$(server_dll)" fsck --config "$WORK/bleepstore.yaml" "$@") >"$WORK/fsck.out" 2>&1; }

# Only blobs of writes whose commit never happened may be found (orphans, reclaimable); never a row without its bytes.
fsck_only_orphans() {
  fsck || true
  sed 's/^/  | /' "$WORK/fsck.out" >&2
  ! grep -Eq '^(missing-bytes|size-mismatch|etag-mismatch|missing-part-bytes) ' "$WORK/fsck.out"
}
check "fsck after kill -9: no version without its bytes" fsck_only_orphans
repair_then_clean() {
  fsck --repair || true
  fsck --deep || { sed 's/^/  | /' "$WORK/fsck.out" >&2; return 1; }
  grep -q 'clean' "$WORK/fsck.out"
}
check "fsck --repair leaves a clean store (no orphan blob left)" repair_then_clean

check "server restarts on the crashed data dir" boot
((LAST_OK)) || finish

check "no .tmp leftovers after restart" tmp_empty

# One PASS/FAIL line per check from the checker, counted here.
count_checks < <(py "$HERE/versions_load.py" check "http://127.0.0.1:$PORT" "$BUCKET" "$WORK/acks" 2>&1 || true)

if ((FAILED > 0)); then
  log "versions crash check failed; server log:"
  tail -n 40 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
finish
