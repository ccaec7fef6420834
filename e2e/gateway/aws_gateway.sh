#!/usr/bin/env bash
# The S3 API through the AWS gateway (storage.backend: aws): an upstream BleepStore server (local backend, own
# port and data dir) holds the bytes; a second server on the aws gateway in front of it serves the clients. Runs
# against the gateway: a subset of the xunit e2e suite (AWSSDK.S3 and awscli: objects, copies, ranges, conditional
# writes, multipart, TransferUtility, listings) and a boto3 check (multipart with 3 and 40 parts assembled
# upstream by UploadPartCopy, copy, ranges, listings, and what the upstream holds: with key_names on, every object
# under gw/{bucket}/{key}, decision 0010). Ends with "N passed, N failed".
# Needs a built server and e2e suite (see run_e2e.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=../../scripts/lib/common.sh
source scripts/lib/common.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-aws-gateway.XXXXXX")"
UP_PID="" GW_PID=""
cleanup() {
  local status=$?
  stop_server "$GW_PID"
  stop_server "$UP_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

abort() {
  log "$1"
  echo "0 passed, 1 failed"
  exit 1
}

ensure_curl || abort "curl is missing"
[[ -n "${BLEEPSTORE_PYTHON:-}" ]] || ensure_boto3 || abort "boto3 is missing"
mapfile -t OUT_ARGS < <(dotnet_output_args)

export UPSTREAM_ACCESS_KEY=upstream-key UPSTREAM_SECRET_KEY=upstream-secret UPSTREAM_BUCKET=gateway-bytes
UPORT="$(free_port)" || abort "no free port"
mkdir -p "$WORK/upstream" "$WORK/gateway"
BLEEPSTORE_ACCESS_KEY=$UPSTREAM_ACCESS_KEY BLEEPSTORE_SECRET_KEY=$UPSTREAM_SECRET_KEY write_config "$WORK/upstream.yaml" "$UPORT" "$WORK/upstream"
start_server "$WORK/upstream.yaml" "$WORK/upstream.log" "$WORK" || abort "the upstream could not be started"
UP_PID=$SERVER_PID
wait_ready "$UPORT" "$UP_PID" "$WORK/upstream.log" 30 || abort "the upstream did not become ready"
export UPSTREAM_ENDPOINT="http://127.0.0.1:$UPORT"
"$BLEEPSTORE_PYTHON" - <<'PY' || abort "could not create the upstream bucket"
import os, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=os.environ["UPSTREAM_ENDPOINT"], region_name="us-east-1",
                  aws_access_key_id=os.environ["UPSTREAM_ACCESS_KEY"], aws_secret_access_key=os.environ["UPSTREAM_SECRET_KEY"],
                  config=Config(s3={"addressing_style": "path"}))
s3.create_bucket(Bucket=os.environ["UPSTREAM_BUCKET"])
PY

GPORT="$(free_port)" || abort "no free port"
write_config "$WORK/gateway.yaml" "$GPORT" "$WORK/gateway"
# Same server config as the main e2e run, with the storage section swapped for the aws gateway.
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
start_server "$WORK/gateway.yaml" "$WORK/gateway.log" "$WORK" || abort "the gateway could not be started"
GW_PID=$SERVER_PID
wait_ready "$GPORT" "$GW_PID" "$WORK/gateway.log" 30 || abort "the gateway did not become ready"

export BLEEPSTORE_ENDPOINT="http://127.0.0.1:$GPORT"
export BLEEPSTORE_ACCESS_KEY="${BLEEPSTORE_ACCESS_KEY:-bleepstore}" BLEEPSTORE_SECRET_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
export BLEEPSTORE_REGION="${BLEEPSTORE_REGION:-us-east-1}"
export BLEEPSTORE_SECOND_ACCESS_KEY="${BLEEPSTORE_SECOND_ACCESS_KEY:-bleepstore-second}"
export BLEEPSTORE_SECOND_SECRET_KEY="${BLEEPSTORE_SECOND_SECRET_KEY:-bleepstore-second-secret}"
export BLEEPSTORE_E2E_METRICS="$WORK/metrics.txt"
# TransferUtility moves 64 MiB (4 parts of 16 MiB, assembled upstream) instead of the main run's 1 GiB: the bytes
# cross two servers here, and the 1 GiB case of the data path is the main run's.
export BLEEPSTORE_E2E_TRANSFER_MIB="${BLEEPSTORE_E2E_GATEWAY_TRANSFER_MIB:-64}"

# The data-path suites; auth, ACL, addressing and bucket rules do not depend on the storage backend.
FILTER="FullyQualifiedName~BleepStore.E2E.Objects|FullyQualifiedName~BleepStore.E2E.Multipart|FullyQualifiedName~BleepStore.E2E.Cli"
FILTER+="|FullyQualifiedName~ListObjectsV2Tests|FullyQualifiedName~DelimiterAndPagingTests"
status=0
timeout --kill-after=30 900 dotnet test e2e/BleepStore.E2E/BleepStore.E2E.csproj -c Release --no-build -nologo "${OUT_ARGS[@]}" \
  --filter "$FILTER" --logger "trx;LogFileName=gateway.trx" --results-directory "$WORK/results" >"$WORK/xunit.log" 2>&1 || status=$?
if counts="$(trx_counts "$WORK/results/gateway.trx")"; then read -r x_passed x_failed <<<"$counts"; else x_passed=0 x_failed=0; fi
if [[ $status -ne 0 && $x_failed -eq 0 ]]; then x_failed=1; fi
echo "xunit subset through the aws gateway: $x_passed passed, $x_failed failed"
((x_failed == 0)) || grep -E "^\s+(Failed|Error Message)" -A3 "$WORK/xunit.log" | head -60 >&2 || true

b_passed=0 b_failed=0
"$BLEEPSTORE_PYTHON" e2e/gateway/aws_gateway_check.py 2>&1 | tee "$WORK/boto3.log" || true
last="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/boto3.log" | tail -n 1 || true)"
if [[ -n "$last" ]]; then b_passed="${last%% passed*}"; b_failed="${last#*passed, }"; b_failed="${b_failed%% failed}"; else b_failed=1; fi

for pid in "$UP_PID" "$GW_PID"; do
  kill -0 "$pid" 2>/dev/null || { log "server pid $pid died"; b_failed=$((b_failed + 1)); }
done
# The upstream goes away: the gateway's /readyz answers 503 (its health check reaches the upstream), within 20 s.
stop_server "$UP_PID"
UP_PID=""
not_ready=0
for _ in $(seq 1 40); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$GPORT/readyz")" == 503 ]] && { not_ready=1; break; }
  sleep 0.5
done
if ((not_ready)); then
  echo "PASS: /readyz answers 503 once the upstream is gone"
  b_passed=$((b_passed + 1))
else
  echo "FAIL: /readyz answers 503 once the upstream is gone"
  b_failed=$((b_failed + 1))
fi
if ((x_failed + b_failed > 0)); then
  log "last 40 lines of the gateway log:"
  tail -n 40 "$WORK/gateway.log" | sed 's/^/  | /' >&2
fi
echo "$((x_passed + b_passed)) passed, $((x_failed + b_failed)) failed"
