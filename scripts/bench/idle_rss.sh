#!/usr/bin/env bash
# Idle RSS and start-up time of the server under config variants, measured as docs/performance.md's load run does
# it: a fresh start, a SigV4-signed GET / polled until 200 (start-up = launch to that 200), VmRSS 2 s later; starts
# alternate between the variants, median per variant.
# Not part of the test command. Knobs: ROUNDS (5), BLEEPSTORE_DLL (else a ReadyToRun publish into a temp dir),
# VARIANTS (space-separated names; each name selects an observability block below), BUILDS (before/after in one run:
# "NAME=path/to/BleepStore.Api.dll ...", every variant of every build, alternating; overrides BLEEPSTORE_DLL).
#
#   ROUNDS=5 scripts/bench/idle_rss.sh
#   BUILDS="before=/tmp/a/BleepStore.Api.dll after=/tmp/b/BleepStore.Api.dll" VARIANTS="metrics_off runtime_off" scripts/bench/idle_rss.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
VARIANTS=${VARIANTS:-"runtime_off runtime_on metrics_off"}
WORK=$(mktemp -d /tmp/bleepstore-idle-rss-XXXXXX)
AK=bench-access SK=bench-secret-key
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "idle_rss: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

declare -A DLLS
if [[ -n ${BUILDS:-} ]]; then
  for spec in $BUILDS; do DLLS[${spec%%=*}]=${spec#*=}; done
elif [[ -n ${BLEEPSTORE_DLL:-} ]]; then
  DLL=$BLEEPSTORE_DLL
else
  log "publishing BleepStore (Release, linux-x64, ReadyToRun)"
  dotnet publish src/Api/BleepStore.Api.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -nologo -v quiet --artifacts-path "$WORK/art" >/dev/null
  DLL=$WORK/art/publish/BleepStore.Api/release_linux-x64/BleepStore.Api.dll
fi
[[ -n ${BUILDS:-} ]] || DLLS[this]=$DLL
NAMES=$(if [[ -n ${BUILDS:-} ]]; then for spec in $BUILDS; do echo "${spec%%=*}"; done; else echo this; fi)

observability() {
  case $1 in
    runtime_off) printf 'observability:\n  metrics: true\n  runtime_metrics: false\n' ;;
    runtime_on) printf 'observability:\n  metrics: true\n  runtime_metrics: true\n' ;;
    metrics_off) printf 'observability:\n  metrics: false\n' ;;
    *) log "unknown variant $1"; exit 2 ;;
  esac
}

measure() {  # VARIANT DLL -> prints "RSS_KiB START_MS"
  local variant=$1 dll=$2 dir port pid code rss started ready
  dir=$WORK/$variant-$RANDOM
  port=$(free_port)
  mkdir -p "$dir"
  { printf 'server:\n  host: 127.0.0.1\n  port: %s\nauth:\n  access_key: %s\n  secret_key: %s\n' "$port" "$AK" "$SK"
    printf 'logging:\n  level: warn\nmetadata:\n  sqlite:\n    path: %s/metadata.db\nstorage:\n  local:\n    root_dir: %s/objects\n' "$dir" "$dir"
    observability "$variant"; } >"$dir/bleepstore.yaml"
  started=$(date +%s%N)
  (cd "$dir" && exec dotnet "$dll" --config "$dir/bleepstore.yaml" >"$dir/log" 2>&1) &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 30000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" \
      -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "http://127.0.0.1:$port/" || true)
    [[ $code == 200 ]] && { ready=$(date +%s%N); break; }
    kill -0 "$pid" 2>/dev/null || { log "server died: $(tail -3 "$dir/log")"; return 1; }
    sleep 0.002
  done
  sleep 2
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$rss $(( (ready - started) / 1000000 ))"
}

declare -A SAMPLES STARTS
for round in $(seq 1 "$ROUNDS"); do
  for b in $NAMES; do
    for v in $VARIANTS; do
      read -r rss ms < <(measure "$v" "${DLLS[$b]}")
      SAMPLES[$b/$v]+="$rss "
      STARTS[$b/$v]+="$ms "
    done
  done
  log "round $round done (load $(cut -d' ' -f1-3 /proc/loadavg))"
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-24s %-10s %-12s %-36s %s\n' build/variant median_MiB median_start samples_KiB samples_start_ms
for b in $NAMES; do
  for v in $VARIANTS; do
    k=$b/$v
    printf '%-24s %-10s %-12s %-36s %s\n' "$k" "$(awk -v k="$(median "${SAMPLES[$k]}")" 'BEGIN {printf "%.1f", k/1024}')" \
      "$(median "${STARTS[$k]}") ms" "${SAMPLES[$k]}" "${STARTS[$k]}"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
