#!/usr/bin/env bash
# Runs the sample hosts the way a user would and checks what they did; last line "N passed, N failed".
#   samples/run_samples.sh            # expects a Release build of BleepStore.sln (scripts/test.sh does one)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../scripts/lib/common.sh
source scripts/lib/common.sh

passed=0 failed=0
check() {
  if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAILED: $1"; fi
}

if [[ -n "${BLEEPSTORE_ARTIFACTS:-}" ]]; then
  archiver="$BLEEPSTORE_ARTIFACTS/bin/FileArchiver/release/FileArchiver.dll"
else
  archiver="samples/FileArchiver/bin/Release/net10.0/FileArchiver.dll"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bleepstore-samples.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/inbox"
printf 'hello\n' >"$work/inbox/small.txt"
head -c 3000000 /dev/urandom >"$work/inbox/large.bin"
small_md5="$(md5sum "$work/inbox/small.txt" | cut -d' ' -f1)"
large_md5="$(md5sum "$work/inbox/large.bin" | cut -d' ' -f1)"

log "samples: FileArchiver archives an inbox through the mediator (no HTTP)"
status=0
timeout 120 dotnet "$archiver" --inbox "$work/inbox" --data "$work/data" --once true \
  --Logging:LogLevel:Default=Warning >"$work/first.out" 2>&1 || status=$?
check "first run exits 0 (got $status)" '[[ $status -eq 0 ]]'
check "first run lists small.txt with its MD5 ETag" "grep -qx 'archived small.txt 6 \"$small_md5\"' '$work/first.out'"
check "first run lists large.bin with its MD5 ETag" "grep -qx 'archived large.bin 3000000 \"$large_md5\"' '$work/first.out'"
check "the inbox is emptied" '[[ -z "$(ls -A "$work/inbox")" ]]'
check "metadata is a real SQLite file" '[[ -s "$work/data/metadata.db" ]]'

status=0
timeout 120 dotnet "$archiver" --inbox "$work/inbox" --data "$work/data" --once true \
  --Logging:LogLevel:Default=Warning >"$work/second.out" 2>&1 || status=$?
check "second run exits 0 (got $status)" '[[ $status -eq 0 ]]'
check "a restarted worker still lists both objects" "[[ \$(grep -c '^archived ' '$work/second.out') -eq 2 ]]"
if ((failed)); then
  sed 's/^/  | /' "$work/first.out" "$work/second.out" >&2
fi

# BleepStore.Testing as a team gets it: packed, then restored by a test project outside this repository. A
# version of its own per run, so NuGet's global cache never hands back an older build; removed again after.
log "samples: a test project outside the repo uses the packed BleepStore.Testing"
version="0.1.0-local.$(date +%s).$$"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
trap 'rm -rf "$work" "$cache"/bleepstore.*/"$version"; rmdir "$cache"/bleepstore.* 2>/dev/null' EXIT
mapfile -t OUT_ARGS < <(dotnet_output_args)
status=0
dotnet pack BleepStore.sln -c Release --no-build -nologo -v quiet -p:Version="$version" -o "$work/feed" "${OUT_ARGS[@]}" \
  >"$work/pack.out" 2>&1 || status=$?
check "dotnet pack makes the five packages (exit $status)" '[[ $(ls "$work/feed"/BleepStore.{Domain,Application,Infrastructure,Api,Testing}."$version".nupkg 2>/dev/null | wc -l) -eq 5 ]]'
mkdir -p "$work/consumer"
cp samples/PackageConsumer/PackageConsumer.Tests.csproj.template "$work/consumer/PackageConsumer.Tests.csproj"
cp samples/PackageConsumer/*.cs "$work/consumer/"
cat >"$work/consumer/nuget.config" <<XML
<configuration><packageSources><add key="bleepstore-local" value="$work/feed" /></packageSources></configuration>
XML
status=0
(cd "$work/consumer" && timeout 600 dotnet test -c Release -nologo -p:BleepStoreVersion="$version" \
  --logger "trx;LogFileName=consumer.trx" --results-directory "$work/results") >"$work/consumer.out" 2>&1 || status=$?
check "the consumer's test passes against the packed server (exit $status)" '[[ $status -eq 0 ]] && grep -q "outcome=\"Passed\"" "$work"/results/*.trx'
if ((failed)); then
  tail -n 40 "$work/pack.out" "$work/consumer.out" >&2
fi

echo "$passed passed, $failed failed"
((failed == 0))
