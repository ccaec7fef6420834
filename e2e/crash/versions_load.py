"""Helper of kill9_versions.sh. `write ENDPOINT BUCKET ACKS`: 8 threads write versions (and now and then a delete
marker) of 4 keys until killed, appending one line per acknowledged write to ACKS: `put KEY VERSION MD5 SIZE` or
`marker KEY VERSION`. `check ENDPOINT BUCKET ACKS`: after the restart, prints one PASS/FAIL line per check."""
import hashlib
import os
import random
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client  # noqa: E402

KEYS = ["k/a", "k/b", "k/c", "d"]


def write(endpoint, bucket, acks_path):
    lock = threading.Lock()
    acks = open(acks_path, "a", buffering=1)

    def worker(n):
        s3 = client(endpoint)
        rnd = random.Random(n)
        while True:
            key = rnd.choice(KEYS)
            try:
                if rnd.random() < 0.1:
                    r = s3.delete_object(Bucket=bucket, Key=key)
                    line = f"marker {key} {r['VersionId']}\n"
                else:
                    # Sizes on both sides of the inline threshold: rows with inline bytes and rows naming blobs.
                    body = os.urandom(rnd.choice([100, 3000, 70_000, 300_000]))
                    r = s3.put_object(Bucket=bucket, Key=key, Body=body)
                    line = f"put {key} {r['VersionId']} {hashlib.md5(body).hexdigest()} {len(body)}\n"
            except Exception:  # the server is gone: nothing more is acknowledged
                return
            with lock:
                acks.write(line)

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def check(endpoint, bucket, acks_path):
    s3 = client(endpoint)
    acked = [line.split() for line in open(acks_path) if line.strip()]
    listed = {}
    markers = {}
    order = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for v in page.get("Versions", []):
            listed[(v["Key"], v["VersionId"])] = v
            order.append((v["Key"], v["VersionId"]))
        for m in page.get("DeleteMarkers", []):
            markers[(m["Key"], m["VersionId"])] = m
            order.append((m["Key"], m["VersionId"]))
    results = []

    def report(ok, name):
        results.append(ok)
        print(("PASS: " if ok else "FAIL: ") + name)

    puts = [a for a in acked if a[0] == "put"]
    marks = [a for a in acked if a[0] == "marker"]
    report(len(puts) > 20, f"{len(puts)} acknowledged versions and {len(marks)} markers before the kill")
    missing = [a for a in puts if (a[1], a[2]) not in listed]
    report(not missing, f"every acknowledged version is listed ({len(missing)} missing)")
    missing_markers = [a for a in marks if (a[1], a[2]) not in markers]
    report(not missing_markers, f"every acknowledged delete marker is listed ({len(missing_markers)} missing)")
    bad = 0
    for _, key, version, md5, size in puts:
        body = s3.get_object(Bucket=bucket, Key=key, VersionId=version)["Body"].read()
        if hashlib.md5(body).hexdigest() != md5 or len(body) != int(size):
            bad += 1
    report(bad == 0, f"every acknowledged version reads back whole by version id ({bad} wrong)")
    torn = 0
    for (key, version), v in listed.items():
        body = s3.get_object(Bucket=bucket, Key=key, VersionId=version)["Body"].read()
        if len(body) != v["Size"] or hashlib.md5(body).hexdigest() != v["ETag"].strip('"'):
            torn += 1
    report(torn == 0, f"every listed version ({len(listed)}) reads back whole, none half there ({torn} torn)")
    unacked = len(listed) - len({(a[1], a[2]) for a in puts})
    report(0 <= unacked <= 8, f"at most one unacknowledged version per client is listed ({unacked})")
    ids = [vid for _, vid in order]
    report(len(ids) == len(set(ids)), "version ids are unique")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](*sys.argv[2:5])
