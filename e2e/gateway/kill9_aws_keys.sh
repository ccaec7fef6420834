#!/usr/bin/env bash
# Crash-only check of the aws gateway with key_names (decision 0010): an upstream BleepStore server (local backend)
# holds the bytes, a gateway server in front of it keeps every object under gw/{bucket}/{key}. kill -9 the gateway
# (1) during a PUT that overwrites an acknowledged key, once while the staging blob is still being uploaded and once
# just as it is complete upstream (the row commit and the copy to the key's name follow), and (2) during a
# CompleteMultipartUpload of 3 parts of a new key just as its parts are joined under the key's name upstream, and (3)
# during a PUT of a new key, which streams straight under the key's name (no staging blob), once mid-upload and once
# just as its object is complete upstream (the row commit follows), and (4) during a CopyObject to a new key, which
# copies straight under the key's name upstream, as the copy is complete there. After each restart: earlier objects intact (through the gateway and under their key upstream), the overwritten key is one version or the
# other, whole, and upstream holds exactly those bytes; a new key's PUT left nothing (not even under its name upstream)
# or the whole object; Complete left the whole object or the intact upload; every
# listed object reads back whole with its ETag and equals its upstream copy; no key claim is left. Ends with
# "N passed, N failed". Needs a built server (see run_e2e.sh).
#
#   BLEEPSTORE_CRASH_GATEWAY_MIB   size of the overwriting PUT and of each of the 3 parts (default 16, at least 9)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=../../scripts/lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../../scripts/lib/checks.sh
source scripts/lib/checks.sh

MIB_SIZE="${BLEEPSTORE_CRASH_GATEWAY_MIB:-16}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-crash-gateway.XXXXXX")"
BUCKET="crashgw-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
UP_PID="" GW_PID="" CLIENT_PID=""
cleanup() {
  local status=$?
  if [[ -n "$CLIENT_PID" ]]; then kill -KILL "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; fi
  stop_server "$GW_PID"
  stop_server "$UP_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  if ((FAILED > 0)); then
    log "gateway log (last 60 lines):"
    tail -n 60 "$WORK/gateway.log" 2>/dev/null | sed 's/^/  | /' >&2
  fi
  print_counts_and_exit
}

[[ -n "${BLEEPSTORE_PYTHON:-}" ]] || ensure_boto3 || { fail_check "boto3 available"; finish; }
ensure_curl || { fail_check "curl available"; finish; }
export STATE_DIR="$WORK" UPSTREAM_ACCESS_KEY=upstream-key UPSTREAM_SECRET_KEY=upstream-secret UPSTREAM_BUCKET=gateway-bytes
export BLEEPSTORE_ACCESS_KEY="${BLEEPSTORE_ACCESS_KEY:-bleepstore}" BLEEPSTORE_SECRET_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
step() { "$BLEEPSTORE_PYTHON" e2e/gateway/kill9_aws_keys.py "$@"; }

boot_upstream() {
  local port
  port="$(free_port)" || return 1
  mkdir -p "$WORK/upstream"
  BLEEPSTORE_ACCESS_KEY=$UPSTREAM_ACCESS_KEY BLEEPSTORE_SECRET_KEY=$UPSTREAM_SECRET_KEY write_config "$WORK/upstream.yaml" "$port" "$WORK/upstream"
  start_server "$WORK/upstream.yaml" "$WORK/upstream.log" "$WORK" || return 1
  UP_PID=$SERVER_PID
  wait_ready "$port" "$UP_PID" "$WORK/upstream.log" 30 || return 1
  export UPSTREAM_ENDPOINT="http://127.0.0.1:$port"
  step create-upstream-bucket
}

# The gateway on the same data dir every time (its metadata survives the kill); a fresh port each boot.
boot_gateway() {
  local port
  port="$(free_port)" || return 1
  mkdir -p "$WORK/gateway"
  write_config "$WORK/gateway.yaml" "$port" "$WORK/gateway"
  sed -i '/^storage:/,/^logging:/{/^logging:/!d}' "$WORK/gateway.yaml"
  cat >>"$WORK/gateway.yaml" <<YAML
storage:
  backend: aws
  aws:
    bucket: $UPSTREAM_BUCKET
    prefix: gw/
    endpoint_url: $UPSTREAM_ENDPOINT
    use_path_style: true
    access_key_id: $UPSTREAM_ACCESS_KEY
    secret_access_key: $UPSTREAM_SECRET_KEY
    key_names: true
YAML
  start_server "$WORK/gateway.yaml" "$WORK/gateway.log" "$WORK" || return 1
  GW_PID=$SERVER_PID
  wait_ready "$port" "$GW_PID" "$WORK/gateway.log" 30 || return 1
  export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$port"
}

# kill9_when WHAT WAIT-STEP... — kills the gateway (and forgets the client) once WAIT-STEP returns.
kill9_when() {
  local what=$1
  shift
  if step "$@"; then
    kill -0 "$CLIENT_PID" 2>/dev/null && log "kill -9 $what (client still waiting)" || log "kill -9 $what (the client had its answer already)"
  else
    log "the moment to kill never came ($what); killing anyway"
  fi
  kill -KILL "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
  GW_PID=""
  wait "$CLIENT_PID" 2>/dev/null || true
  CLIENT_PID=""
  echo "---- kill -9: $what ----" >>"$WORK/gateway.log"
}

check "upstream server starts" boot_upstream
((LAST_OK)) || finish
check "gateway starts (key_names: true)" boot_gateway
((LAST_OK)) || finish
check "earlier objects and the first version of ow.bin acknowledged" step seed "$BUCKET"
((LAST_OK)) || finish
head -c $((MIB_SIZE * 1024 * 1024)) /dev/urandom >"$WORK/new.bin"
SIZE=$((MIB_SIZE * 1024 * 1024))

after_restart() {
  local what=$1
  check "gateway restarts after kill -9 $what" boot_gateway
  ((LAST_OK)) || finish
  log "claims finished at start-up: $(grep -c 'Key claim on' "$WORK/gateway.log" || true) so far ($(grep -o 'Key claim on [^ ]*' "$WORK/gateway.log" | tail -n 1 || true))"
  check "no key claim left after start-up ($what)" step claims "$WORK/gateway/metadata.db"
  check "earlier objects whole, through the gateway and under their key upstream ($what)" step verify-earlier "$BUCKET"
}

# 1a. PUT overwriting ow.bin, killed while its staging blob is still being uploaded.
step put "$BUCKET" ow.bin "$WORK/new.bin" 2>>"$WORK/client.log" &
CLIENT_PID=$!
kill9_when "during the overwriting PUT's upload" wait-staging "$BUCKET" "$SIZE" uploads
after_restart "mid-upload"
check "ow.bin is one version or the other, whole, same bytes upstream (mid-upload)" step verify-overwrite "$BUCKET" "$WORK/new.bin"

# 1b. The same PUT again, killed as its staging blob lands upstream: row commit and copy to gw/{bucket}/ow.bin next.
step put "$BUCKET" ow.bin "$WORK/new.bin" 2>>"$WORK/client.log" &
CLIENT_PID=$!
kill9_when "as the overwriting PUT's staging blob is complete upstream" wait-staging "$BUCKET" "$SIZE"
after_restart "at publication"
check "ow.bin is one version or the other, whole, same bytes upstream (at publication)" step verify-overwrite "$BUCKET" "$WORK/new.bin"

# 2. CompleteMultipartUpload of 3 parts of a new key, killed as the joined object lands under the key's name
#    upstream (Complete in place, no staging blob): the row commit follows.
check "multipart upload of 3 parts of $MIB_SIZE MiB" step mpu "$BUCKET" mpu.bin "$WORK/new.bin" 3
((LAST_OK)) || finish
step complete "$BUCKET" mpu.bin 2>>"$WORK/client.log" &
CLIENT_PID=$!
kill9_when "as Complete's joined object is complete under the key's name upstream" wait-key "$BUCKET" mpu.bin $((3 * SIZE))
after_restart "at Complete"
check "Complete left the whole object or the intact upload; upstream holds the whole object under its key" step verify-complete "$BUCKET" mpu.bin "$WORK/new.bin"

# 3a. PUT of a new key, killed while its body streams straight under the key's name (an upstream multipart upload).
step put "$BUCKET" new-a.bin "$WORK/new.bin" 2>>"$WORK/client.log" &
CLIENT_PID=$!
kill9_when "during a new key's PUT, streaming under its name" wait-key-upload "$BUCKET" new-a.bin
after_restart "mid new-key PUT"
check "new-a.bin is absent (nothing under its name upstream) or whole (mid new-key PUT)" step verify-new "$BUCKET" new-a.bin "$WORK/new.bin"

# 3b. PUT of a new key, killed as its object is complete under the key's name upstream: the row commit follows.
step put "$BUCKET" new-b.bin "$WORK/new.bin" 2>>"$WORK/client.log" &
CLIENT_PID=$!
kill9_when "as a new key's PUT is complete under its name upstream" wait-key "$BUCKET" new-b.bin "$SIZE"
after_restart "at a new key's commit"
check "new-b.bin is absent (nothing under its name upstream) or whole (at commit)" step verify-new "$BUCKET" new-b.bin "$WORK/new.bin"

# 4. CopyObject to a new key, which copies upstream straight under the key's name (no staging blob), killed as the
#    copy is complete there: the row commit follows.
check "source of the copy acknowledged" step put "$BUCKET" copy-src.bin "$WORK/new.bin"
step copy "$BUCKET" copy-src.bin copy-new.bin 2>>"$WORK/client.log" &
CLIENT_PID=$!
kill9_when "as a new key's CopyObject is complete under its name upstream" wait-key "$BUCKET" copy-new.bin "$SIZE"
after_restart "at a new key's copy commit"
check "copy-new.bin is absent (nothing under its name upstream) or whole (at copy commit)" step verify-new "$BUCKET" copy-new.bin "$WORK/new.bin"
check "the copy's source is whole (at copy commit)" step verify-new "$BUCKET" copy-src.bin "$WORK/new.bin"
check "every listed object reads back whole with its ETag and equals its upstream copy" step verify-all "$BUCKET"
check "no key claim left at the end" step claims "$WORK/gateway/metadata.db"
kill -0 "$UP_PID" 2>/dev/null || fail_check "upstream server still running"
stop_server "$GW_PID"
GW_PID=""
finish
