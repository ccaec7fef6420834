#!/usr/bin/env bash
# Shared by the benchmark scripts (scripts/bench/*.sh): a work dir cleaned up at exit, the processes they start
# (stopped by PID at exit), the server build (ReadyToRun publish, plain build, or a given DLL), the load generator
# from ../shared/tools/s3load, and a server started on a free loopback port with a config of the caller's.
#
#   source scripts/lib/bench.sh; bench_init NAME     # REPO SHARED WORK ART RES PIDS AK SK; log; cleanup trap
#   bench_build_server                                # SERVER_DLL (BLEEPSTORE_DLL, R2R=1 default, or a plain build)
#   bench_build_s3load                                # the s3load function below works after this
#   bench_build_helpers                               # BENCH_DLL (bench/BleepStore.Benchmarks)
#   bench_start_server DIR [YAML] [MORE]              # BS_PID BS_URL BS_START_MS; YAML replaces the metadata/storage
#                                                     # sections (default: SQLite file and local storage under DIR),
#                                                     # MORE is appended (other sections)
#   s3load NAME ENDPOINT ARGS...                      # -> $RES/NAME.json (bench_s3load; scripts may wrap it)
#   bench_stop PID                                    # stops a process we started and forgets it

bench_init() {
  BENCH_NAME=$1
  REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  SHARED=${SHARED_TOOLS:-$REPO/../shared/tools}
  cd "$REPO"
  AK=${AK:-bench-key}
  SK=${SK:-bench-secret-key}
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-$BENCH_NAME.XXXXXX")
  ART=${BENCH_ARTIFACTS:-$WORK/art}
  RES=$WORK/results
  mkdir -p "$RES"
  PIDS=()
  CLEANUP_HOOKS=()
  trap bench_cleanup EXIT
}

log() { printf '[%s %(%H:%M:%S)T] %s\n' "${BENCH_NAME:-bench}" -1 "$*" >&2; }
now_ns() { date +%s%N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

bench_cleanup() {
  local p hook
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for hook in "${CLEANUP_HOOKS[@]}"; do eval "$hook" || true; done
  rm -rf "$WORK"
}

bench_stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

bench_build_server() {
  if [[ -n ${BLEEPSTORE_DLL:-} ]]; then
    SERVER_DLL=$BLEEPSTORE_DLL
  elif [[ ${R2R:-1} == 1 ]]; then
    # ReadyToRun: start to first 200 ~1.6 s -> ~0.5 s here (JIT of MediatR/Dapper/SigV4 paths), +6 MiB RSS of mapped code.
    log "publishing BleepStore (Release, linux-x64, ReadyToRun) into $ART"
    dotnet publish "$REPO/src/Api/BleepStore.Api.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -nologo -v quiet --artifacts-path "$ART" >/dev/null
    SERVER_DLL=$ART/publish/BleepStore.Api/release_linux-x64/BleepStore.Api.dll
  else
    log "building BleepStore (Release) into $ART"
    dotnet build "$REPO/src/Api/BleepStore.Api.csproj" -c Release -nologo -v quiet --artifacts-path "$ART" >/dev/null
    SERVER_DLL=$ART/bin/BleepStore.Api/release/BleepStore.Api.dll
  fi
}

bench_build_helpers() {
  log "building bench helpers"
  dotnet build "$REPO/bench/BleepStore.Benchmarks/BleepStore.Benchmarks.csproj" -c Release -nologo -v quiet --artifacts-path "$ART" >/dev/null
  BENCH_DLL=$ART/bin/BleepStore.Benchmarks/release/BleepStore.Benchmarks.dll
}

# The load generator is copied to a temp dir and built there, never into the repo or ../shared.
bench_build_s3load() {
  log "building s3load"
  cp -r "$SHARED/s3load" "$WORK/s3load-src"
  rm -rf "$WORK"/s3load-src/{bin,obj}
  dotnet build "$WORK/s3load-src/s3load.csproj" -c Release -nologo -v quiet -o "$WORK/s3load" >/dev/null
}

bench_s3load() {  # NAME ENDPOINT ARGS... -> $RES/NAME.json (credentials: $LOAD_AK/$LOAD_SK, default ours; bucket $BUCKET)
  local name=$1 endpoint=$2
  shift 2
  log "s3load $name: $* (load $(loadavg))"
  dotnet "$WORK/s3load/s3load.dll" --endpoint "$endpoint" --access-key "${LOAD_AK:-$AK}" --secret-key "${LOAD_SK:-$SK}" --bucket "${BUCKET:-bench}" \
    --json "$@" >"$RES/$name.json" || log "s3load $name exited $? (errors are in the result)"
}
# A script may redefine s3load (e.g. with credentials per call) on top of bench_s3load.
s3load() { bench_s3load "$@"; }

# Polls until a 200 and prints ms since T0. Signed (curl --aws-sigv4) unless $3 = unsigned.
wait_first_200() {  # PID URL [unsigned]
  local pid=$1 url=$2 mode=${3:-signed} code
  local -a sign=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
  [[ $mode == unsigned ]] && sign=()
  while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${sign[@]}" "$url" || true)
    [[ $code == 200 ]] && break
    kill -0 "$pid" 2>/dev/null || { log "process $pid died"; return 1; }
    (( ($(now_ns) - T0) < 60000000000 )) || { log "no 200 from $url within 60 s"; return 1; }
    sleep 0.002
  done
  echo $(( ($(now_ns) - T0) / 1000000 ))
}

bench_start_server() {  # DIR [YAML for metadata/storage] [more YAML] -> BS_PID BS_URL BS_START_MS
  local dir=$1 backends=${2:-} extra=${3:-} port
  port=$(free_port)
  mkdir -p "$dir"
  if [[ -z $backends ]]; then
    backends="metadata:
  sqlite:
    path: $dir/metadata.db
storage:
  local:
    root_dir: $dir/objects"
  fi
  cat >"$dir/bleepstore.yaml" <<EOF
server:
  host: 127.0.0.1
  port: $port
auth:
  access_key: $AK
  secret_key: $SK
logging:
  level: warn
$backends
$extra
EOF
  T0=$(now_ns)
  # shellcheck disable=SC2086
  env ${BLEEPSTORE_ENV:-} dotnet "$SERVER_DLL" --config "$dir/bleepstore.yaml" >"$dir/server.log" 2>&1 &
  BS_PID=$!
  PIDS+=("$BS_PID")
  BS_URL=http://127.0.0.1:$port
  BS_START_MS=$(wait_first_200 "$BS_PID" "$BS_URL/") || { cat "$dir/server.log" >&2; exit 1; }
}
