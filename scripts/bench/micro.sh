#!/usr/bin/env bash
# BenchmarkDotNet suites for the hot paths (bench/BleepStore.Benchmarks). Not part of scripts/test.sh.
#
#   scripts/bench/micro.sh                       # every suite, default job (minutes)
#   scripts/bench/micro.sh --filter '*Metadata*' --job short
#   BENCH_ARTIFACTS=/tmp/art scripts/bench/micro.sh --list flat
#
# Suites: RoutingBenchmarks, SigV4Benchmarks, ListingXmlBenchmarks, AwsChunkedBenchmarks, MetadataBenchmarks, ValidationBenchmarks
# (the last builds a 1,000,000-key SQLite file once in $TMPDIR/bleepstore-bench/). Results land in
# ./BenchmarkDotNet.Artifacts/ (ignored by git).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ART=${BENCH_ARTIFACTS:-${TMPDIR:-/tmp}/bleepstore-bench-art}
dotnet build bench/BleepStore.Benchmarks/BleepStore.Benchmarks.csproj -c Release -nologo -v quiet --artifacts-path "$ART" >/dev/null
[[ $# -gt 0 ]] || set -- --filter '*'
exec dotnet "$ART/bin/BleepStore.Benchmarks/release/BleepStore.Benchmarks.dll" "$@"
