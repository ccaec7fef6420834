"""Helper of kill9_lifecycle.sh: fills two buckets, puts their lifecycle rules, waits for the worker's first deletion,
and checks the store afterwards. The manifest (one JSON line per write: bucket, key, version id, md5, size) lists
every acknowledged write; each command prints PASS:/FAIL: lines.

  load ENDPOINT PREFIX MANIFEST   unversioned PREFIX-u: old/ (to expire) and keep/ objects; versioned PREFIX-v:
                                  v/ keys with 3 versions (to keep 1 noncurrent) and keep/ keys with 2
  rules ENDPOINT PREFIX           Expiration Days 1 on old/ (PREFIX-u), NoncurrentVersionExpiration 1 day,
                                  NewerNoncurrentVersions 1 on v/ (PREFIX-v)
  watch ENDPOINT PREFIX MANIFEST  returns once the first old/ object or v/ version is gone (60 s at most)
  midway ENDPOINT PREFIX MANIFEST (worker off) something was removed and something due is still there
  intact ENDPOINT PREFIX MANIFEST nothing not due is lost, everything listed reads back whole, no version half there
  done ENDPOINT PREFIX MANIFEST   (worker on) waits until everything due is gone, then `intact` again
"""
import concurrent.futures
import hashlib
import json
import sys
import threading
import time

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/python")
from bleepstore_e2e import client  # noqa: E402

OLD, KEEP, VKEYS, VKEEP = 600, 80, 200, 40


def body(bucket, key, n):
    seed = hashlib.sha256(f"{bucket}/{key}/{n}".encode()).digest()
    size = 100 * 1024 if seed[0] % 10 == 0 else 700
    return (seed * (size // len(seed) + 1))[:size]


def load(endpoint, prefix, manifest):
    s3 = client(endpoint)
    u, v = prefix + "-u", prefix + "-v"
    s3.create_bucket(Bucket=u)
    s3.create_bucket(Bucket=v)
    s3.put_bucket_versioning(Bucket=v, VersioningConfiguration={"Status": "Enabled"})
    jobs = [(u, f"old/{i:05d}", 0) for i in range(OLD)] + [(u, f"keep/{i:05d}", 0) for i in range(KEEP)]
    jobs += [(v, f"v/{i:05d}", n) for n in range(3) for i in range(VKEYS)] + [(v, f"keep/{i:05d}", n) for n in range(2) for i in range(VKEEP)]

    local = threading.local()

    def put(job):
        bucket, key, n = job
        data = body(bucket, key, n)
        if not hasattr(local, "s3"):
            # One client per thread: making a boto3 client costs more CPU than a small PUT.
            local.s3 = client(endpoint)
        r = local.s3.put_object(Bucket=bucket, Key=key, Body=data)
        return {"bucket": bucket, "key": key, "n": n, "version": r.get("VersionId"), "md5": hashlib.md5(data).hexdigest(), "size": len(data)}

    with open(manifest, "w") as out, concurrent.futures.ThreadPoolExecutor(8) as pool:
        # Versions of one key in order: generation n of every key before generation n + 1.
        for generation in range(3):
            for entry in pool.map(put, [j for j in jobs if j[2] == generation]):
                out.write(json.dumps(entry) + "\n")
    print(f"PASS: {len(jobs)} writes acknowledged")


def rules(endpoint, prefix):
    s3 = client(endpoint)
    s3.put_bucket_lifecycle_configuration(Bucket=prefix + "-u", LifecycleConfiguration={"Rules": [
        {"ID": "old", "Status": "Enabled", "Filter": {"Prefix": "old/"}, "Expiration": {"Days": 1}}]})
    s3.put_bucket_lifecycle_configuration(Bucket=prefix + "-v", LifecycleConfiguration={"Rules": [
        {"ID": "nc", "Status": "Enabled", "Filter": {"Prefix": "v/"}, "NoncurrentVersionExpiration": {"NoncurrentDays": 1, "NewerNoncurrentVersions": 1}}]})


def entries(manifest):
    with open(manifest) as f:
        return [json.loads(line) for line in f if line.strip()]


def listing(s3, bucket):
    versions = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        versions += page.get("Versions", [])
        if page.get("DeleteMarkers"):
            raise AssertionError(f"unexpected delete markers in {bucket}")
    return versions


def due_left(s3, prefix):
    old = sum(1 for v in listing(s3, prefix + "-u") if v["Key"].startswith("old/"))
    extra = sum(1 for v in listing(s3, prefix + "-v") if v["Key"].startswith("v/")) - 2 * VKEYS
    return old, extra


def watch(endpoint, prefix, manifest):
    s3 = client(endpoint)
    first_old = f"old/{0:05d}"
    first_version = next(e["version"] for e in entries(manifest) if e["bucket"] == prefix + "-v" and e["key"] == "v/00000" and e["n"] == 0)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            s3.head_object(Bucket=prefix + "-u", Key=first_old)
            s3.head_object(Bucket=prefix + "-v", Key="v/00000", VersionId=first_version)
        except s3.exceptions.ClientError:
            return 0
        time.sleep(0.01)
    print("FAIL: the worker deleted nothing within 60 s")
    return 1


def midway(endpoint, prefix):
    old, extra = due_left(client(endpoint), prefix)
    print(f"due left when killed: {old} of {OLD} old/ objects, {extra} of {VKEYS} noncurrent versions")
    ok = (old < OLD or extra < VKEYS) and (old > 0 or extra > 0)
    print(("PASS" if ok else "FAIL") + ": killed while the worker was deleting (some due entries gone, some left)")


def intact(endpoint, prefix, manifest):
    s3 = client(endpoint)
    acked = entries(manifest)
    failures = []
    listed = {b: {(v["Key"], v["VersionId"]) for v in listing(s3, b)} for b in (prefix + "-u", prefix + "-v")}
    for e in acked:
        due = (e["key"].startswith("old/")) or (e["key"].startswith("v/") and e["n"] == 0)
        present = (e["key"], e["version"] or "null") in listed[e["bucket"]]
        if not due and not present:
            failures.append(f"lost: {e['bucket']}/{e['key']} generation {e['n']}")
        if present:
            kw = {"VersionId": e["version"]} if e["version"] else {}
            data = s3.get_object(Bucket=e["bucket"], Key=e["key"], **kw)["Body"].read()
            if hashlib.md5(data).hexdigest() != e["md5"]:
                failures.append(f"not whole: {e['bucket']}/{e['key']} generation {e['n']}")
    known = {(e["bucket"], e["key"], e["version"] or "null") for e in acked}
    strangers = [x for b, pairs in listed.items() for x in pairs if (b, *x) not in known]
    if strangers:
        failures.append(f"listed but never written: {strangers[:3]}")
    for f in failures[:10]:
        print("  " + f)
    print(("PASS" if not failures else "FAIL") + f": every acknowledged entry not yet due is listed, every listed one reads back whole ({len(acked)} writes)")
    # The current version of each v/ key is its newest write.
    current_ok = all(
        s3.head_object(Bucket=prefix + "-v", Key=f"v/{i:05d}")["VersionId"] == next(e["version"] for e in acked if e["bucket"] == prefix + "-v" and e["key"] == f"v/{i:05d}" and e["n"] == 2)
        for i in range(0, VKEYS, 17))
    print(("PASS" if current_ok else "FAIL") + ": v/ keys keep their newest version current")


def done(endpoint, prefix, manifest):
    s3 = client(endpoint)
    deadline = time.monotonic() + 90
    left = due_left(s3, prefix)
    while left != (0, 0) and time.monotonic() < deadline:
        time.sleep(0.5)
        left = due_left(s3, prefix)
    print(("PASS" if left == (0, 0) else "FAIL") + f": the worker finishes the job after restart (due left: {left})")
    intact(endpoint, prefix, manifest)


if __name__ == "__main__":
    command, endpoint, prefix = sys.argv[1:4]
    rest = sys.argv[4:]
    if command == "load":
        load(endpoint, prefix, *rest)
    elif command == "rules":
        rules(endpoint, prefix)
    elif command == "watch":
        sys.exit(watch(endpoint, prefix, *rest))
    elif command == "midway":
        midway(endpoint, prefix)
    elif command == "intact":
        intact(endpoint, prefix, *rest)
    elif command == "done":
        done(endpoint, prefix, *rest)
