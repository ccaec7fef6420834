# shellcheck shell=bash
# Helpers shared by run_e2e.sh, e2e/crash/kill9.sh and scripts/test.sh. Source it; it defines functions only.
#
# Environment knobs (all optional):
#   BLEEPSTORE_ARTIFACTS   build with --artifacts-path DIR (isolated output) instead of the default bin/ layout
#   BLEEPSTORE_SERVER_DLL  run this server assembly instead of the one the build produced
#   BLEEPSTORE_SKIP_BUILD  1 = the caller already built the solution in Release; do not build again

BLEEPSTORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# botocore signs with the CRT when python3-awscrt is present (Debian's awscli pulls it in); use its own signer.
export BOTO_DISABLE_CRT=true

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Extra arguments for every dotnet build/test so that all of them agree on where the output is.
dotnet_output_args() {
  if [[ -n "${BLEEPSTORE_ARTIFACTS:-}" ]]; then
    printf '%s\n' --artifacts-path "$BLEEPSTORE_ARTIFACTS"
  fi
}

server_dll() {
  if [[ -n "${BLEEPSTORE_SERVER_DLL:-}" ]]; then
    printf '%s\n' "$BLEEPSTORE_SERVER_DLL"
  elif [[ -n "${BLEEPSTORE_ARTIFACTS:-}" ]]; then
    printf '%s\n' "$BLEEPSTORE_ARTIFACTS/bin/BleepStore.Api/release/BleepStore.Api.dll"
  else
    printf '%s\n' "$BLEEPSTORE_ROOT/src/Api/bin/Release/net10.0/BleepStore.Api.dll"
  fi
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    log "cannot install $*: apt-get not found; install it by hand"
    return 1
  fi
  if [[ $APT_UPDATED -eq 0 ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >&2 || return 1
    APT_UPDATED=1
  fi
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null >&2
}

# A working `aws`; exports BLEEPSTORE_AWS_CLI with its path. A stale shim on PATH (e.g. pyenv's) does not count.
ensure_awscli() {
  local candidate
  for candidate in "${BLEEPSTORE_AWS_CLI:-}" "$(command -v aws 2>/dev/null || true)" /usr/bin/aws; do
    if [[ -n "$candidate" && -x "$candidate" ]] && "$candidate" --version >/dev/null 2>&1; then
      export BLEEPSTORE_AWS_CLI="$candidate"
      return 0
    fi
  done
  apt_install awscli || return 1
  if /usr/bin/aws --version >/dev/null 2>&1; then
    export BLEEPSTORE_AWS_CLI=/usr/bin/aws
    return 0
  fi
  log "awscli is still not usable after installing it"
  return 1
}

ensure_curl() {
  command -v curl >/dev/null || apt_install curl ca-certificates
}

# A python3 that can `import boto3`; exports BLEEPSTORE_PYTHON. The first python3 on PATH (e.g. pyenv's) if it has
# boto3, else Debian's /usr/bin/python3 with python3-boto3 (installed when missing).
ensure_boto3() {
  local candidate
  for candidate in "${BLEEPSTORE_PYTHON:-}" "$(command -v python3 2>/dev/null || true)" /usr/bin/python3; do
    if [[ -n "$candidate" && -x "$candidate" ]] && "$candidate" -c 'import boto3' >/dev/null 2>&1; then
      export BLEEPSTORE_PYTHON="$candidate"
      return 0
    fi
  done
  apt_install python3-boto3 || return 1
  /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || { log "boto3 still not importable after installing python3-boto3"; return 1; }
  export BLEEPSTORE_PYTHON=/usr/bin/python3
}

ensure_rclone() {
  command -v rclone >/dev/null || apt_install rclone
}

# Debian's chromium for the browser suite (e2e/browser); exports BLEEPSTORE_CHROMIUM.
ensure_chromium() {
  local candidate
  for candidate in "${BLEEPSTORE_CHROMIUM:-}" "$(command -v chromium 2>/dev/null || true)" /usr/bin/chromium; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      export BLEEPSTORE_CHROMIUM="$candidate"
      return 0
    fi
  done
  apt_install chromium || return 1
  [[ -x /usr/bin/chromium ]] && export BLEEPSTORE_CHROMIUM=/usr/bin/chromium
}

ensure_s3cmd() {
  command -v s3cmd >/dev/null || apt_install s3cmd
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# write_config FILE PORT DATA_DIR [DOMAIN] — the YAML of spec 70 with everything under DATA_DIR; DOMAIN sets
# server.domain (virtual-hosted style). A second account goes in auth.credentials (proposed key: a list of
# {access_key, secret_key, display_name}); a server that does not know the key ignores it (spec 70: unknown keys ignored).
write_config() {
  local file=$1 port=$2 data=$3 domain=${4:-}
  cat >"$file" <<YAML
server:
  host: 127.0.0.1
  port: $port
  region: ${BLEEPSTORE_REGION:-us-east-1}
  admin_token: ${BLEEPSTORE_ADMIN_TOKEN:-bleepstore-e2e-admin}
${domain:+  domain: $domain}
auth:
  access_key: ${BLEEPSTORE_ACCESS_KEY:-bleepstore}
  secret_key: ${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}
  credentials:
    - access_key: ${BLEEPSTORE_SECOND_ACCESS_KEY:-bleepstore-second}
      secret_key: ${BLEEPSTORE_SECOND_SECRET_KEY:-bleepstore-second-secret}
      display_name: second
metadata:
  engine: sqlite
  sqlite:
    path: $data/metadata.db
storage:
  backend: local
  local:
    root_dir: $data/objects
logging:
  level: ${BLEEPSTORE_LOG_LEVEL:-info}
  format: text
lifecycle:
  day_seconds: ${BLEEPSTORE_LIFECYCLE_DAY_SECONDS:-1}
  scan_interval_seconds: ${BLEEPSTORE_LIFECYCLE_SCAN_SECONDS:-1}
YAML
}

# start_server CONFIG LOG WORKDIR — runs the server in the background; sets SERVER_PID.
start_server() {
  local config=$1 logfile=$2 workdir=$3 dll
  dll="$(server_dll)"
  if [[ ! -f "$dll" ]]; then
    log "server assembly not found: $dll (did the Release build succeed?)"
    return 1
  fi
  (cd "$workdir" && exec dotnet "$dll" --config "$config") >>"$logfile" 2>&1 </dev/null &
  SERVER_PID=$!
  SERVER_STARTED_NS=$(date +%s%N)
}

# wait_ready PORT PID LOG [TIMEOUT_S] — polls /readyz; prints the server log and fails if it dies or times out.
wait_ready() {
  local port=$1 pid=$2 logfile=$3 timeout=${4:-30}
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "server (pid $pid) exited before it was ready; its log:"
      sed 's/^/  | /' "$logfile" >&2
      return 1
    fi
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      log "server pid $pid ready on 127.0.0.1:$port after $(((($(date +%s%N) - ${SERVER_STARTED_NS:-0}) / 1000000))) ms"
      return 0
    fi
    sleep 0.2
  done
  log "server (pid $pid) not ready on port $port after ${timeout}s; its log:"
  sed 's/^/  | /' "$logfile" >&2
  return 1
}

# stop_server PID — SIGTERM, up to 15 s of draining, then SIGKILL. Only ever the given pid.
stop_server() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 75); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}

# trx_counts FILE — prints "PASSED FAILED"; every test that did not pass (failed, skipped, not run) is failed.
trx_counts() {
  local file=$1 counters total passed
  counters="$(grep -o '<Counters [^>]*>' "$file" 2>/dev/null | head -n 1)"
  [[ -n "$counters" ]] || return 1
  total="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  [[ -n "$total" && -n "$passed" ]] || return 1
  echo "$passed $((total - passed))"
}

# trx_failures FILE — one line per test that did not pass: its outcome, its name and the first line of its message,
# so that a failure can be named from the tail of a CI log alone.
trx_failures() {
  python3 - "$1" <<'PY' 2>/dev/null || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
for r in root.iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") == "Passed":
        continue
    message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
    first = (message.text or "").strip().splitlines()[0][:300] if message is not None and message.text else ""
    print(f"{r.get('outcome')}: {r.get('testName')}: {first}")
PY
}
