#!/usr/bin/env bash
# Runs every suite — unit tests per layer, API tests, then the live-server e2e and crash checks — and ends
# with exactly one line "N passed, N failed" summed over all of them. A skipped or not-run test counts as
# failed; a suite that does not build or crashes counts at least one failure. Exit status 0 only when
# nothing failed. Installs what it needs (Debian's awscli) when missing.
#
#   scripts/test.sh            # everything (what .ci/run does)
#   BLEEPSTORE_ARTIFACTS=/tmp/art scripts/test.sh   # build into an isolated artifacts dir
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

RESULTS="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-test.XXXXXX")"
trap 'rm -rf "$RESULTS"' EXIT
mapfile -t OUT_ARGS < <(dotnet_output_args)
TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
FAILURES=()

record() {
  local suite=$1 passed=$2 failed=$3
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  SUMMARY+=("$(printf '%-22s %5d passed, %d failed' "$suite" "$passed" "$failed")")
}


# Emulators from npm (tests/emulators/<name>/, each pinned by its package-lock.json), installed once.
for dir in tests/emulators/*/; do
  [[ -f "$dir/package-lock.json" && ! -d "$dir/node_modules" ]] || continue
  log "installing $(basename "$dir") (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || log "npm ci failed in $dir; the tests that need it will fail"
done

log "building BleepStore.sln (Release)"
build_ok=1
dotnet build BleepStore.sln -c Release -nologo -v quiet "${OUT_ARGS[@]}" || build_ok=0
((build_ok)) || log "the solution did not build; building each suite on its own, and any that fails counts as failed"

UNIT_SUITES=(tests/Domain.Tests tests/Application.Tests tests/Infrastructure.Tests tests/Api.Tests)
for dir in tests/*/; do
  dir="${dir%/}"
  # Only folders with a project are suites (tests/emulators holds npm packages the suites start).
  compgen -G "$dir/*.csproj" >/dev/null || continue
  [[ " ${UNIT_SUITES[*]} " == *" $dir "* ]] || UNIT_SUITES+=("$dir")
done

for dir in "${UNIT_SUITES[@]}"; do
  name="$(basename "$dir")"
  project="$(ls "$dir"/*.csproj 2>/dev/null | head -n 1)"
  if [[ -z "$project" ]]; then
    log "$name: no project found in $dir"
    record "$name" 0 1
    continue
  fi
  status=0
  if ((!build_ok)); then
    dotnet build "$project" -c Release -nologo -v quiet "${OUT_ARGS[@]}" </dev/null || { record "$name" 0 1; continue; }
  fi
  log "running $name"
  timeout --kill-after=30 900 dotnet test "$project" -c Release --no-build -nologo "${OUT_ARGS[@]}" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" </dev/null || status=$?
  if counts="$(trx_counts "$RESULTS/$name.trx")"; then
    read -r passed failed <<<"$counts"
  else
    passed=0 failed=0
  fi
  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  while IFS= read -r line; do FAILURES+=("$name: $line"); done < <(trx_failures "$RESULTS/$name.trx")
  record "$name" "$passed" "$failed"
done

# A script suite prints "N passed, N failed" as its last such line; a non-zero exit with no failure counted is one.
run_script_suite() {
  local name=$1 script=$2 status=0 last passed=0 failed=0
  local out="$RESULTS/$(basename "$script").log"
  log "running $name ($script)"
  BLEEPSTORE_SKIP_BUILD=$((build_ok)) "$script" </dev/null 2>&1 | tee "$out" || status=$?
  last="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)"
  if [[ -n "$last" ]]; then
    passed="${last%% passed*}"
    failed="${last#*passed, }"
    failed="${failed%% failed}"
  fi
  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  record "$name" "$passed" "$failed"
}

run_script_suite "samples" ./samples/run_samples.sh
run_script_suite "e2e (run_e2e.sh)" ./run_e2e.sh

echo
if ((${#FAILURES[@]})); then
  echo "== unit tests that did not pass =="
  printf '%s\n' "${FAILURES[@]}"
fi
echo "== suites (${SECONDS}s) =="
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
((TOTAL_FAILED == 0))
