# shellcheck shell=bash
# The data-path suites against a server on a storage gateway, for e2e/azure/run.sh and e2e/gateway/gcp_gateway.sh:
# the xunit Objects, Multipart (low-level API and TransferUtility) and ListObjectsV2/paging suites through AWSSDK.S3,
# then the boto3 check e2e/gateway/data_path_check.py (3 and 40 parts, ranges, part reads, copy, listings).
# Source after scripts/lib/common.sh and scripts/lib/checks.sh; needs a built e2e suite (run_e2e.sh builds it).
#
#   gateway_data_path NAME ENDPOINT WORKDIR [PID...]   # adds its counts to PASSED/FAILED (checks.sh), prints both parts
#
# It reports its wall time and the CPU seconds it cost (its clients plus the given server/emulator PIDs): on a loaded
# machine the wall time says little, CPU / cores is about the wall time on a quiet one.
#
# TransferUtility moves BLEEPSTORE_E2E_GATEWAY_TRANSFER_MIB (default 32: two 16 MiB parts, assembled upstream);
# the 1 GiB case of the data path is the main run's.

# cpu_ticks PID... — user+system clock ticks used so far by those processes (their own, not their children's).
cpu_ticks() {
  local pid total=0 t
  for pid in "$@"; do
    t="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    total=$((total + t))
  done
  echo "$total"
}

# children_ticks FILE — user+system ticks of this shell's finished children (bash `times`, run in this shell, not in a
# command substitution, whose subshell has no children of its own).
children_ticks() {
  awk -v hz="$(getconf CLK_TCK)" 'END { s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); s += a[1] * 60 + a[2] } printf "%d\n", s * hz }' "$1"
}

gateway_data_path() {
  local name=$1 endpoint=$2 work=$3 status=0 counts x_passed=0 x_failed=0 b_passed=0 b_failed=0 last filter
  shift 3
  local started=$SECONDS x_seconds servers_before clients_before cpu
  times >"$work/$name-times"
  servers_before="$(cpu_ticks "$@")" clients_before="$(children_ticks "$work/$name-times")"
  local -a out_args
  mapfile -t out_args < <(dotnet_output_args)
  filter="FullyQualifiedName~BleepStore.E2E.Objects|FullyQualifiedName~BleepStore.E2E.Multipart"
  filter+="|FullyQualifiedName~ListObjectsV2Tests|FullyQualifiedName~DelimiterAndPagingTests"
  (
    export BLEEPSTORE_ENDPOINT="$endpoint"
    export BLEEPSTORE_ACCESS_KEY="${BLEEPSTORE_ACCESS_KEY:-bleepstore}" BLEEPSTORE_SECRET_KEY="${BLEEPSTORE_SECRET_KEY:-bleepstore-secret}"
    export BLEEPSTORE_REGION="${BLEEPSTORE_REGION:-us-east-1}"
    export BLEEPSTORE_SECOND_ACCESS_KEY="${BLEEPSTORE_SECOND_ACCESS_KEY:-bleepstore-second}"
    export BLEEPSTORE_SECOND_SECRET_KEY="${BLEEPSTORE_SECOND_SECRET_KEY:-bleepstore-second-secret}"
    export BLEEPSTORE_E2E_TRANSFER_MIB="${BLEEPSTORE_E2E_GATEWAY_TRANSFER_MIB:-32}"
    timeout --kill-after=30 600 dotnet test "$(dirname "${BASH_SOURCE[0]}")/../BleepStore.E2E/BleepStore.E2E.csproj" -c Release --no-build -nologo \
      "${out_args[@]}" --filter "$filter" --logger "trx;LogFileName=$name.trx" --results-directory "$work/results" >"$work/$name-xunit.log" 2>&1
  ) || status=$?
  x_seconds=$((SECONDS - started))
  if counts="$(trx_counts "$work/results/$name.trx")"; then read -r x_passed x_failed <<<"$counts"; fi
  if [[ $status -ne 0 && $x_failed -eq 0 ]]; then x_failed=1; fi
  echo "xunit data-path suites through the $name gateway: $x_passed passed, $x_failed failed"
  ((x_failed == 0)) || grep -E "^\s+(Failed|Error Message)" -A3 "$work/$name-xunit.log" | head -60 >&2 || true

  if [[ -n "${BLEEPSTORE_PYTHON:-}" ]] || ensure_boto3; then
    BLEEPSTORE_ENDPOINT="$endpoint" timeout --kill-after=30 600 "$BLEEPSTORE_PYTHON" \
      "$(dirname "${BASH_SOURCE[0]}")/data_path_check.py" >"$work/$name-boto3.log" 2>&1 || true
    grep -E "^(test_|FAIL|ERROR|Traceback|AssertionError)" "$work/$name-boto3.log" || true
    last="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/$name-boto3.log" | tail -n 1 || true)"
    if [[ -n "$last" ]]; then b_passed="${last%% passed*}"; b_failed="${last#*passed, }"; b_failed="${b_failed%% failed}"; else b_failed=1; tail -n 30 "$work/$name-boto3.log" >&2; fi
  else
    b_failed=1
  fi
  echo "boto3 data-path check through the $name gateway: $b_passed passed, $b_failed failed"
  times >"$work/$name-times"
  cpu=$((($(cpu_ticks "$@") - servers_before + $(children_ticks "$work/$name-times") - clients_before) / $(getconf CLK_TCK)))
  report_metric "$name gateway data path: xunit ${x_seconds} s, boto3 $((SECONDS - started - x_seconds)) s wall; ${cpu} CPU s (clients, server, upstream); load average $(cut -d' ' -f1 /proc/loadavg)"
  PASSED=$((PASSED + x_passed + b_passed)) FAILED=$((FAILED + x_failed + b_failed))
}
