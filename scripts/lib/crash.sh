# shellcheck shell=bash
# The shared start of the kill -9 suites (e2e/crash/kill9*.sh). Source after common.sh and checks.sh, then call
# `crash_prelude NAME [awscli [SETTING...]]`: it makes WORK (a temp dir named after NAME) and DATA, sets SERVER_PID and
# WRITER_PID (a background client the suite may start), installs the cleanup trap (kills the writer, stops the
# server, removes WORK), defines finish (stop the server, show the server log's tail when a check failed, print the
# counts and exit), checks curl and the suite's client: boto3 by default; with awscli, the AWS CLI in an isolated
# configuration with the s3 SETTINGs given (isolated_awscli_env) and `awscli` bound to the server. boot starts a
# server on a free port and DATA, ready within 30 s (a suite may define its own after the prelude). Environment the
# suite puts before `boot` reaches write_config (e.g. lifecycle days); py runs python with the endpoint set.

crash_prelude() {
  local client=${2:-boto3}
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-crash-$1.XXXXXX")"
  DATA="$WORK/data"
  SERVER_PID=""
  WRITER_PID=""
  trap crash_cleanup EXIT
  trap 'exit 130' INT TERM
  ensure_curl || { fail_check "curl available"; finish; }
  if [[ $client == awscli ]]; then
    ensure_awscli || { fail_check "awscli available"; finish; }
    isolated_awscli_env "$WORK" "${@:3}"
  else
    ensure_boto3 || { fail_check "boto3 available"; finish; }
  fi
  mkdir -p "$DATA"
}

awscli() { "$BLEEPSTORE_AWS_CLI" --endpoint-url "http://127.0.0.1:$PORT" "$@"; }

crash_cleanup() {
  local status=$?
  if [[ -n "$WRITER_PID" ]]; then kill -KILL "$WRITER_PID" 2>/dev/null || true; wait "$WRITER_PID" 2>/dev/null || true; fi
  stop_server "$SERVER_PID"
  rm -rf "$WORK"
  exit "$status"
}

finish() {
  if ((FAILED > 0)); then
    log "server log (last 60 lines):"
    tail -n 60 "$WORK/server.log" 2>/dev/null | sed 's/^/  | /' >&2
  fi
  stop_server "$SERVER_PID"
  SERVER_PID=""
  print_counts_and_exit
}

boot() {
  PORT="$(free_port)"
  write_config "$WORK/bleepstore.yaml" "$PORT" "$DATA"
  start_server "$WORK/bleepstore.yaml" "$WORK/server.log" "$WORK" && wait_ready "$PORT" "$SERVER_PID" "$WORK/server.log" 30
}

py() { BLEEPSTORE_ENDPOINT="http://127.0.0.1:$PORT" "$BLEEPSTORE_PYTHON" "$@"; }

# count_checks < <(CHECKER…): echoes a checker's output and counts its PASS:/FAIL: lines into PASSED/FAILED.
count_checks() {
  local line
  while IFS= read -r line; do
    case "$line" in
      PASS:*) PASSED=$((PASSED + 1)); echo "$line" ;;
      FAIL:*) FAILED=$((FAILED + 1)); echo "$line" ;;
      *) echo "$line" ;;
    esac
  done
}

# True when no .tmp directory under DATA holds anything (a restart removes what a crash left half-written).
tmp_empty() {
  local leftovers
  leftovers="$(find "$DATA" -type d -name '.tmp' -exec find {} -mindepth 1 \; 2>/dev/null)"
  [[ -z "$leftovers" ]] || { log ".tmp not empty after restart: $leftovers"; return 1; }
}
