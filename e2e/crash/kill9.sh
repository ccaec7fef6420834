#!/usr/bin/env bash
# Crash-only check (spec 70, "kill -9 is always safe"): start a server on its own port and data dir, store a
# few objects, kill -9 the server in the middle of a large PUT, restart it on the same data dir, and check
# that the interrupted object is invisible, nothing of it is left on disk, and every earlier object is intact.
# Each check prints PASS/FAIL; the last line is "N passed, N failed". Needs a built server (see run_e2e.sh).
#
#   BLEEPSTORE_CRASH_PUT_SIZE   size of the interrupted PUT (default 1G, a sparse file)
#   BLEEPSTORE_CRASH_OBJECTS    number of earlier objects (default 4)
set -euo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"
# shellcheck source=../../scripts/lib/crash.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/crash.sh"

LARGE_SIZE="${BLEEPSTORE_CRASH_PUT_SIZE:-1G}"
EARLIER="${BLEEPSTORE_CRASH_OBJECTS:-4}"
MIN_INFLIGHT_BYTES=$((8 * 1024 * 1024))
BUCKET="crash-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
LARGE_KEY="interrupted/large.bin"

# Throttled so that the interrupted PUT is reliably mid-body when the server dies.
crash_prelude put awscli "max_bandwidth = 48MB/s"

# Files under the data root except the metadata database (and its -wal/-shm/-journal), as "path size".
data_files() { (cd "$DATA" && find . -type f ! -name 'metadata.db*' -printf '%P %s\n' | sort); }
data_paths() { data_files | awk '{ $NF = ""; sub(/ $/, ""); print }'; }
new_bytes() { data_files | awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen) { total += $NF } END { print total + 0 }' "$WORK/before.paths" -; }

check "server starts" boot
((LAST_OK)) || finish

check "create bucket $BUCKET" awscli s3 mb "s3://$BUCKET"

put_earlier() {
  local i
  for i in $(seq 1 "$EARLIER"); do
    head -c $((256 * 1024 + i * 4099)) /dev/urandom >"$WORK/earlier-$i.bin"
    md5sum <"$WORK/earlier-$i.bin" | cut -d' ' -f1 >"$WORK/earlier-$i.md5"
    awscli s3 cp --quiet "$WORK/earlier-$i.bin" "s3://$BUCKET/earlier/object-$i.bin" || return 1
  done
}
check "PUT $EARLIER earlier objects" put_earlier

data_paths >"$WORK/before.paths"
log "files under the data root before the large PUT: $(wc -l <"$WORK/before.paths")"

truncate -s "$LARGE_SIZE" "$WORK/large.bin"
"$BLEEPSTORE_AWS_CLI" --endpoint-url "http://127.0.0.1:$PORT" s3 cp --quiet "$WORK/large.bin" "s3://$BUCKET/$LARGE_KEY" >"$WORK/client.log" 2>&1 &
WRITER_PID=$!

upload_in_flight() {
  local deadline=$((SECONDS + 90)) bytes=0
  while ((SECONDS < deadline)); do
    bytes="$(new_bytes)"
    if ((bytes >= MIN_INFLIGHT_BYTES)); then
      log "large PUT in flight: $bytes new bytes on disk"
      kill -0 "$WRITER_PID" 2>/dev/null || { log "but the client already finished: $(cat "$WORK/client.log")"; return 1; }
      return 0
    fi
    if ! kill -0 "$WRITER_PID" 2>/dev/null; then
      log "the large PUT ended before $MIN_INFLIGHT_BYTES bytes reached the disk: $(cat "$WORK/client.log")"
      return 1
    fi
    sleep 0.1
  done
  log "no temp bytes appeared under $DATA within 90 s (seen: $bytes)"
  return 1
}
check "large PUT ($LARGE_SIZE) is streaming to disk when the server is killed" upload_in_flight

kill -KILL "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
wait "$WRITER_PID" 2>/dev/null || true
WRITER_PID=""
log "after kill -9, left on disk besides the earlier files: $(data_files | awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen)' "$WORK/before.paths" - | tr '\n' ' ')"
echo "---- restart ----" >>"$WORK/server.log"

check "server restarts on the crashed data dir" boot
((LAST_OK)) || finish

head_is_404() {
  local out
  if out="$(awscli s3api head-object --bucket "$BUCKET" --key "$LARGE_KEY" 2>&1)"; then
    log "HEAD of the interrupted key succeeded: $out"
    return 1
  fi
  grep -q '404' <<<"$out" || { log "HEAD failed but not with 404: $out"; return 1; }
}
check "interrupted key: HEAD 404" head_is_404

listing_is_earlier_only() {
  local listed expected
  listed="$(awscli s3api list-objects-v2 --bucket "$BUCKET" --query 'Contents[].Key' --output text | tr '\t' '\n' | sort)" || return 1
  expected="$(for i in $(seq 1 "$EARLIER"); do echo "earlier/object-$i.bin"; done | sort)"
  [[ "$listed" == "$expected" ]] || { log "listing: $(tr '\n' ' ' <<<"$listed") expected: $(tr '\n' ' ' <<<"$expected")"; return 1; }
}
check "listing shows exactly the earlier objects" listing_is_earlier_only

tmp_dirs_empty() {
  local leftovers
  leftovers="$(find "$DATA" -type d -name '.tmp' -exec find {} -mindepth 1 \; 2>/dev/null)"
  [[ -z "$leftovers" ]] || { log ".tmp not empty after restart: $leftovers"; return 1; }
}
check "no .tmp leftovers after restart" tmp_dirs_empty

no_stray_files() {
  local after
  after="$(data_paths)"
  log "files under the data root after restart: $(wc -l <<<"$after") (earlier objects: $EARLIER)"
  if [[ "$after" != "$(cat "$WORK/before.paths")" ]]; then
    log "files differ from those before the large PUT:"
    diff <(cat "$WORK/before.paths") <(echo "$after") | sed 's/^/  /' >&2 || true
    return 1
  fi
}
check "no stray file under the data root (same files as before the large PUT)" no_stray_files

object_intact() {
  local i=$1 got
  got="$(awscli s3 cp --quiet "s3://$BUCKET/earlier/object-$i.bin" - | md5sum | cut -d' ' -f1)" || return 1
  [[ "$got" == "$(cat "$WORK/earlier-$i.md5")" ]] || { log "object-$i md5 $got, expected $(cat "$WORK/earlier-$i.md5")"; return 1; }
}
for i in $(seq 1 "$EARLIER"); do
  check "earlier object $i intact (GET md5)" object_intact "$i"
done

if [[ $FAILED -gt 0 ]]; then
  log "crash check failed; server log:"
  tail -n 60 "$WORK/server.log" | sed 's/^/  | /' >&2
fi
finish
