#!/usr/bin/env bash
# Export and import of a large metadata store: time and peak RSS (/usr/bin/time -v) of `bleepstore meta export`
# and `bleepstore meta import` on KEYS object rows (default 1,000,000). The store is built fast by direct SQL
# inserts (python3's sqlite3) into a file whose schema the server made. Not part of the test command.
# Knobs: KEYS, BLEEPSTORE_DLL (else a Release build into a temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
KEYS=${KEYS:-1000000}
WORK=$(mktemp -d /tmp/bleepstore-meta-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log() { echo "meta_bench: $*" >&2; }

if [[ -n ${BLEEPSTORE_DLL:-} ]]; then
  DLL=$BLEEPSTORE_DLL
else
  log "building BleepStore (Release)"
  dotnet build src/Api/BleepStore.Api.csproj -c Release -nologo -v quiet --artifacts-path "$WORK/art" >/dev/null
  DLL=$WORK/art/bin/BleepStore.Api/release/BleepStore.Api.dll
fi

# The schema exactly as the server makes it: import of an empty export creates and migrates the file.
echo '{"bleepstore_export": {"version": 1}}' >"$WORK/empty.json"
dotnet "$DLL" meta import --db "$WORK/source.db" --input "$WORK/empty.json" 2>/dev/null

log "inserting $KEYS object rows"
python3 - "$WORK/source.db" "$KEYS" <<'PY'
import hashlib, sqlite3, sys, time
path, keys = sys.argv[1], int(sys.argv[2])
acl = '{"grants":[{"grantee":{"display_name":"bench","id":"bench","type":"CanonicalUser"},"permission":"FULL_CONTROL"}],"owner":{"display_name":"bench","id":"bench"}}'
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
db.execute("INSERT INTO buckets (name, region, owner_id, owner_display, acl, created_at) VALUES ('bench', 'us-east-1', 'bench', 'bench', ?, '2026-12-02T00:00:00.000Z')", (acl,))
def rows():
    for i in range(keys):
        key = f"data/{i % 1000:03d}/object-{i:08d}.bin"
        etag = '"' + hashlib.md5(key.encode()).hexdigest() + '"'
        blob = hashlib.md5(b"blob" + key.encode()).hexdigest()
        yield ("bench", key, 100_000 + i % 1000, etag, acl, '{"x-amz-meta-run":"bench"}', "2026-12-02T00:00:00.000Z", blob)
start = time.time()
db.executemany("INSERT INTO objects (bucket, key, size, etag, acl, user_metadata, last_modified, blob_id) VALUES (?,?,?,?,?,?,?,?)", rows())
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
print(f"meta_bench: inserted {keys} rows in {time.time() - start:.1f} s", file=sys.stderr)
PY

measure() {  # NAME ARGS... -> one table row from /usr/bin/time -v
  local name=$1
  shift
  /usr/bin/time -v -o "$WORK/$name.time" dotnet "$DLL" "$@" >/dev/null 2>"$WORK/$name.err" || { cat "$WORK/$name.err" >&2; return 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/$name.time")
  printf '| %s | %s | %s MiB | %s |\n' "$name" "$wall" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "| step ($KEYS keys) | wall (m:ss) | peak RSS | load average after |"
echo "| --- | --- | --- | --- |"
measure export meta export --db "$WORK/source.db" --output "$WORK/export.json" --include-credentials
measure import meta import --db "$WORK/target.db" --input "$WORK/export.json"
log "export file: $(du -m "$WORK/export.json" | cut -f1) MiB; source db: $(du -m "$WORK/source.db" | cut -f1) MiB"
log "imported: $(tail -1 "$WORK/import.err")"
cmp <(dotnet "$DLL" meta export --db "$WORK/target.db" --include-credentials | sed 's/"exported_at": "[^"]*"//') \
    <(sed 's/"exported_at": "[^"]*"//' "$WORK/export.json") && log "re-export of the import is byte-identical"
