#!/usr/bin/env bash
# Real command-line clients against a running server (BLEEPSTORE_ENDPOINT): awscli with its default multipart
# settings (200 MiB cp up/down, sync of a nested tree there and back, special keys, rm --recursive, rb --force),
# rclone (copy + check, multipart), s3cmd (50 MiB put/get), curl on presigned URLs. Installs rclone, s3cmd,
# awscli and curl from Debian when missing; a tool that is still missing fails its checks.
# The last line is "N passed, N failed".
#
#   BLEEPSTORE_CLI_BIG_MIB    size of the `aws s3 cp` file (default 200)
#   BLEEPSTORE_S3CMD_MIB      size of the s3cmd file (default 50)
set -uo pipefail
# shellcheck source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
# shellcheck source=../../scripts/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/checks.sh"

ENDPOINT="${BLEEPSTORE_ENDPOINT:?BLEEPSTORE_ENDPOINT must point at a running server}"
HOSTPORT="${ENDPOINT#*://}"
BIG_MIB="${BLEEPSTORE_CLI_BIG_MIB:-200}"
S3CMD_MIB="${BLEEPSTORE_S3CMD_MIB:-50}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-clients.XXXXXX")"
BUCKET="cli-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
trap 'rm -rf "$WORK"' EXIT

have_aws=1 have_rclone=1 have_s3cmd=1
ensure_curl || fail_check "curl available"
ensure_awscli || { have_aws=0; fail_check "awscli available"; }
ensure_rclone || { have_rclone=0; fail_check "rclone available"; }
ensure_s3cmd || { have_s3cmd=0; fail_check "s3cmd available"; }

# awscli with its own defaults for transfers (8 MB threshold and chunks: a 200 MiB cp is multipart).
isolated_awscli_env "$WORK" "multipart_threshold = 8MB" "multipart_chunksize = 8MB"
awscli() { "$BLEEPSTORE_AWS_CLI" --endpoint-url "$ENDPOINT" "$@"; }
md5() { md5sum <"$1" | cut -d' ' -f1; }

# A nested tree: dirs, unicode and URL-special names, an empty file, a 12 MiB file (multipart for every client here).
make_tree() {
  local root=$1
  mkdir -p "$root/a/b/c" "$root/ünïcödé/日本" "$root/with space/plus+sign" "$root/emptydir-sibling"
  echo "top" >"$root/top.txt"
  : >"$root/empty.bin"
  echo "deep" >"$root/a/b/c/deep.txt"
  printf 'percent' >"$root/a/100%.txt"
  echo "unicode" >"$root/ünïcödé/日本/ファイル 🙂.txt"
  echo "hash" >"$root/with space/plus+sign/hash#and?q.txt"
  head -c $((12 * 1024 * 1024 + 3)) /dev/urandom >"$root/a/b/twelve-mib.bin"
  echo "x" >"$root/emptydir-sibling/x"
}

trees_equal() {
  local left=$1 right=$2 out
  out="$(diff -r "$left" "$right" 2>&1)" || { log "trees differ: $out"; return 1; }
}

if ((have_aws)); then
  check "aws s3 mb" awscli s3 mb "s3://$BUCKET"

  head -c $((BIG_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big.bin"
  big_md5="$(md5 "$WORK/big.bin")"
  check "aws s3 cp ${BIG_MIB} MiB up (multipart)" awscli s3 cp --quiet "$WORK/big.bin" "s3://$BUCKET/big/file.bin"
  big_is_multipart() {
    local etag
    etag="$(awscli s3api head-object --bucket "$BUCKET" --key big/file.bin --query ETag --output text)" || return 1
    log "ETag of the ${BIG_MIB} MiB object: $etag"
    [[ "$etag" =~ -[0-9]+\"?$ ]]
  }
  check "aws s3 cp ${BIG_MIB} MiB used multipart (composite ETag)" big_is_multipart
  rm -f "$WORK/big.bin"
  big_down() {
    awscli s3 cp --quiet "s3://$BUCKET/big/file.bin" "$WORK/big-down.bin" || return 1
    [[ "$(md5 "$WORK/big-down.bin")" == "$big_md5" ]] || { log "downloaded md5 differs"; return 1; }
  }
  check "aws s3 cp ${BIG_MIB} MiB down, same md5" big_down
  rm -f "$WORK/big-down.bin"

  make_tree "$WORK/tree"
  check "aws s3 sync tree up" awscli s3 sync --quiet "$WORK/tree" "s3://$BUCKET/tree"
  sync_again_is_noop() {
    local out
    out="$(awscli s3 sync --dryrun "$WORK/tree" "s3://$BUCKET/tree")" || return 1
    [[ -z "$out" ]] || { log "second sync wants to transfer: $out"; return 1; }
  }
  check "aws s3 sync again: nothing to transfer" sync_again_is_noop
  check "aws s3 sync tree down" awscli s3 sync --quiet "s3://$BUCKET/tree" "$WORK/tree-down"
  check "synced tree equals the original (files, names, bytes)" trees_equal "$WORK/tree" "$WORK/tree-down"
  empty_file_round_trips() { [[ -f "$WORK/tree-down/empty.bin" && ! -s "$WORK/tree-down/empty.bin" ]]; }
  check "empty file round-trips through sync" empty_file_round_trips

  special_key_round_trip() {
    local key="special/sp ace+plus%pct?q#h ünï 🙂.txt" got
    echo "special content" >"$WORK/special.txt"
    awscli s3 cp --quiet "$WORK/special.txt" "s3://$BUCKET/$key" || return 1
    got="$(awscli s3api list-objects-v2 --bucket "$BUCKET" --prefix special/ --query 'Contents[].Key' --output text)" || return 1
    [[ "$got" == "$key" ]] || { log "listed key: '$got'"; return 1; }
    awscli s3 cp --quiet "s3://$BUCKET/$key" "$WORK/special-down.txt" || return 1
    cmp -s "$WORK/special.txt" "$WORK/special-down.txt"
  }
  check "awscli: unicode and URL-special key round-trips (cp up, list, cp down)" special_key_round_trip

  s3api_entity_headers() {
    local out
    awscli s3api put-object --bucket "$BUCKET" --key headers.txt --body "$WORK/special.txt" --content-type text/x-cli \
      --cache-control max-age=5 --content-disposition 'attachment; filename="h.txt"' --content-language nl \
      --content-encoding identity --expires 2032-01-01T00:00:00Z --storage-class STANDARD_IA --metadata k=v >/dev/null || return 1
    out="$(awscli s3api head-object --bucket "$BUCKET" --key headers.txt --output json)" || return 1
    for want in '"ContentType": "text/x-cli"' '"CacheControl": "max-age=5"' '"ContentLanguage": "nl"' '"ContentEncoding": "identity"' \
      '"StorageClass": "STANDARD_IA"' '"k": "v"' 'attachment; filename=\"h.txt\"' '2032'; do
      grep -qF "$want" <<<"$out" || { log "head-object lacks $want: $out"; return 1; }
    done
  }
  check "awscli s3api: content headers, storage class and metadata stored and returned" s3api_entity_headers

  # Deterministic form of a sync failure: an empty file, then another file, one request at a time on one connection.
  empty_then_next_on_one_connection() {
    mkdir -p "$WORK/seq" && : >"$WORK/seq/a-empty.bin" && echo next >"$WORK/seq/b-next.txt"
    cp "$AWS_CONFIG_FILE" "$WORK/aws-config-seq" && echo "  max_concurrent_requests = 1" >>"$WORK/aws-config-seq"
    AWS_CONFIG_FILE="$WORK/aws-config-seq" awscli --cli-read-timeout 10 s3 cp --quiet --recursive "$WORK/seq" "s3://$BUCKET/seq/"
  }
  check "aws s3 cp --recursive: empty file then another file on one connection" empty_then_next_on_one_connection

  list_versions_works() { awscli s3api list-object-versions --bucket "$BUCKET" --max-items 5 >/dev/null; }
  check "aws s3api list-object-versions answers" list_versions_works

  rm_recursive() {
    local left
    awscli s3 rm --quiet --recursive "s3://$BUCKET/tree" || return 1
    left="$(awscli s3api list-objects-v2 --bucket "$BUCKET" --prefix tree/ --query 'length(Contents || `[]`)' --output text)" || return 1
    [[ "$left" == 0 ]] || { log "objects left under tree/: $left"; return 1; }
  }
  check "aws s3 rm --recursive empties the prefix" rm_recursive
  # Refill, then remove the bucket with its objects in one command.
  awscli s3 sync --quiet "$WORK/tree" "s3://$BUCKET/tree" || true
  rb_force() { awscli s3 rb --force "s3://$BUCKET" >"$WORK/rb.log" 2>&1 || { cat "$WORK/rb.log" >&2; return 1; }; }
  check "aws s3 rb --force removes a non-empty bucket" rb_force
  bucket_gone() { ! awscli s3api head-bucket --bucket "$BUCKET" >/dev/null 2>&1; }
  check "bucket is gone after rb --force" bucket_gone
fi

if ((have_rclone)); then
  export RCLONE_CONFIG_BS_TYPE=s3 RCLONE_CONFIG_BS_PROVIDER=Other RCLONE_CONFIG_BS_ENDPOINT="$ENDPOINT" \
    RCLONE_CONFIG_BS_ACCESS_KEY_ID="${BLEEPSTORE_ACCESS_KEY:-bleepstore}" RCLONE_CONFIG_BS_SECRET_ACCESS_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}" \
    RCLONE_CONFIG_BS_REGION="${BLEEPSTORE_REGION:-us-east-1}" RCLONE_CONFIG_BS_FORCE_PATH_STYLE=true \
    RCLONE_CONFIG_BS_UPLOAD_CUTOFF=5M RCLONE_CONFIG_BS_CHUNK_SIZE=5M RCLONE_CONFIG=/dev/null
  RBUCKET="rc-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  [[ -d "$WORK/tree" ]] || make_tree "$WORK/tree"
  # AWS_CA_BUNDLE (set on some machines) makes rclone's S3 backend fail on a plain-HTTP endpoint.
  rc() { env -u AWS_CA_BUNDLE rclone --retries 1 --low-level-retries 1 "$@"; }
  check "rclone mkdir" rc mkdir "bs:$RBUCKET"
  check "rclone copy tree up (12 MiB file multipart at 5M chunks)" rc copy "$WORK/tree" "bs:$RBUCKET/tree"
  check "rclone check: remote equals local (sizes and hashes)" rc check "$WORK/tree" "bs:$RBUCKET/tree"
  rclone_down() { rc copy "bs:$RBUCKET/tree" "$WORK/rclone-down" && trees_equal "$WORK/tree" "$WORK/rclone-down"; }
  check "rclone copy back equals the original" rclone_down
  rclone_special_names() {
    local listed
    listed="$(rc lsf -R "bs:$RBUCKET/tree" | sort)" || return 1
    grep -qxF "ünïcödé/日本/ファイル 🙂.txt" <<<"$listed" && grep -qxF "with space/plus+sign/hash#and?q.txt" <<<"$listed" && grep -qxF "a/100%.txt" <<<"$listed" \
      || { log "rclone lsf: $listed"; return 1; }
  }
  check "rclone lists unicode and URL-special names" rclone_special_names
  check "rclone purge" rc purge "bs:$RBUCKET"
fi

if ((have_s3cmd)); then
  cat >"$WORK/s3cmd.cfg" <<CFG
[default]
access_key = ${BLEEPSTORE_ACCESS_KEY:-bleepstore}
secret_key = ${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}
host_base = $HOSTPORT
host_bucket = $HOSTPORT
bucket_location = ${BLEEPSTORE_REGION:-us-east-1}
use_https = False
signature_v2 = False
check_ssl_certificate = False
multipart_chunk_size_mb = 15
CFG
  s3c() { s3cmd -c "$WORK/s3cmd.cfg" --no-progress "$@"; }
  SBUCKET="s3c-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  head -c $((S3CMD_MIB * 1024 * 1024)) /dev/urandom >"$WORK/s3cmd.bin"
  check "s3cmd mb" s3c mb "s3://$SBUCKET"
  check "s3cmd put ${S3CMD_MIB} MiB (multipart, 15 MiB chunks)" s3c put "$WORK/s3cmd.bin" "s3://$SBUCKET/dir/file name+1.bin"
  s3cmd_get() {
    s3c get "s3://$SBUCKET/dir/file name+1.bin" "$WORK/s3cmd-down.bin" || return 1
    [[ "$(md5 "$WORK/s3cmd-down.bin")" == "$(md5 "$WORK/s3cmd.bin")" ]] || { log "s3cmd download md5 differs"; return 1; }
  }
  check "s3cmd get ${S3CMD_MIB} MiB, same md5" s3cmd_get
  s3cmd_ls() { s3c ls "s3://$SBUCKET/dir/" | grep -qF "file name+1.bin"; }
  check "s3cmd ls shows the object" s3cmd_ls
  s3c del --recursive --force "s3://$SBUCKET" >/dev/null 2>&1 || true
  check "s3cmd rb" s3c rb "s3://$SBUCKET"
  rm -f "$WORK/s3cmd.bin" "$WORK/s3cmd-down.bin"
fi

print_counts_and_exit
