# shellcheck shell=bash
# Counted shell assertions and an isolated awscli environment, for the script suites under e2e/.
# Source after common.sh.

PASSED=0
FAILED=0
LAST_OK=0

# check NAME COMMAND... — one counted assertion; LAST_OK tells the caller whether it held.
check() {
  local name=$1
  shift
  if "$@"; then
    PASSED=$((PASSED + 1)) LAST_OK=1
    echo "PASS: $name"
  else
    FAILED=$((FAILED + 1)) LAST_OK=0
    echo "FAIL: $name"
  fi
}

# fail_check NAME — a counted failure for a step that could not even be attempted.
fail_check() {
  FAILED=$((FAILED + 1)) LAST_OK=0
  echo "FAIL: $1"
}

# print_counts_and_exit — the suite's closing line; exit status 0 only when nothing failed.
print_counts_and_exit() {
  echo "$PASSED passed, $FAILED failed"
  if ((FAILED == 0)); then exit 0; fi
  exit 1
}

# isolated_awscli_env DIR [S3_SETTING...] — credentials from BLEEPSTORE_*, a private config file in DIR
# (path-style, one attempt, single-request transfers up to 16 GB unless a multipart_threshold setting is given, plus
# any extra `s3 =` settings, e.g. "multipart_threshold = 8MB").
isolated_awscli_env() {
  local dir=$1 setting
  shift
  {
    echo "[default]"
    echo "region = ${BLEEPSTORE_REGION:-us-east-1}"
    echo "max_attempts = 1"
    echo "s3 ="
    echo "  addressing_style = path"
    # Single-request transfers unless the caller sets its own threshold.
    [[ " $* " == *" multipart_threshold "* ]] || echo "  multipart_threshold = 16GB"
    for setting in "$@"; do echo "  $setting"; done
  } >"$dir/aws-config"
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 AWS_REQUEST_CHECKSUM_CALCULATION
  export AWS_ACCESS_KEY_ID="${BLEEPSTORE_ACCESS_KEY:-bleepstore}"
  export AWS_SECRET_ACCESS_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
  export AWS_DEFAULT_REGION="${BLEEPSTORE_REGION:-us-east-1}"
  export AWS_CONFIG_FILE="$dir/aws-config" AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
}

# rss_kib PID FIELD — VmRSS (current) or VmHWM (peak) of a process, in KiB.
rss_kib() {
  awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status" 2>/dev/null
}

# report_metric LINE — a measured number for the run's closing "measured" block (BLEEPSTORE_E2E_METRICS) and the log.
report_metric() {
  echo "METRIC: $*"
  if [[ -n "${BLEEPSTORE_E2E_METRICS:-}" ]]; then
    printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >>"$BLEEPSTORE_E2E_METRICS"
  fi
}
