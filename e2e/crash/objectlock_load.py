"""Load and checker for kill9_objectlock.sh.

write ENDPOINT BUCKET ACKS: 4 threads PUT versions of 4 keys into an object lock bucket, alternating COMPLIANCE
retention, GOVERNANCE retention and a legal hold ON, and after each acknowledged PUT append
"key version-id kind retain-until" to ACKS (flushed), until the server dies.
check ENDPOINT BUCKET ACKS: after the restart every acknowledged version is there, answers its lock on HEAD and
GetObjectRetention/GetObjectLegalHold, and refuses DELETE by version id (GOVERNANCE without bypass, COMPLIANCE and
legal hold even with bypass). Prints one PASS/FAIL line per check."""
import base64
import datetime
import hashlib
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import botocore.exceptions  # noqa: E402

from bleepstore_e2e import client  # noqa: E402

KINDS = ["COMPLIANCE", "GOVERNANCE", "HOLD"]


def write(endpoint, bucket, acks_path):
    lock = threading.Lock()
    acks = open(acks_path, "a", buffering=1)
    until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).replace(microsecond=0)
    stamp = until.strftime("%Y-%m-%dT%H:%M:%SZ")

    def worker(n):
        s3 = client(endpoint)
        i = 0
        while True:
            kind = KINDS[(n + i) % 3]
            key = f"k{(n + i) % 4}"
            body = os.urandom(512 if i % 2 else 20000)
            extra = {"ObjectLockLegalHoldStatus": "ON"} if kind == "HOLD" else {"ObjectLockMode": kind, "ObjectLockRetainUntilDate": until}
            try:
                r = s3.put_object(Bucket=bucket, Key=key, Body=body, ContentMD5=base64.b64encode(hashlib.md5(body).digest()).decode(), **extra)
            except Exception:
                return
            with lock:
                acks.write(f"{key} {r['VersionId']} {kind} {stamp}\n")
            i += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def check(endpoint, bucket, acks_path):
    s3 = client(endpoint)
    acks = [line.split() for line in open(acks_path) if line.strip()]
    counts = {"present": 0, "headers": 0, "subresource": 0, "refused": 0}
    problems = []
    for key, version, kind, stamp in acks:
        try:
            head = s3.head_object(Bucket=bucket, Key=key, VersionId=version)
        except botocore.exceptions.ClientError as e:
            problems.append(f"{key} {version}: HEAD {e.response['Error'].get('Code')}")
            continue
        counts["present"] += 1
        if kind == "HOLD":
            ok = head.get("ObjectLockLegalHoldStatus") == "ON" and s3.get_object_legal_hold(Bucket=bucket, Key=key, VersionId=version)["LegalHold"]["Status"] == "ON"
            counts["headers"] += ok
            counts["subresource"] += ok
        else:
            until = head.get("ObjectLockRetainUntilDate")
            ok = head.get("ObjectLockMode") == kind and until is not None and until.strftime("%Y-%m-%dT%H:%M:%SZ") == stamp
            counts["headers"] += ok
            counts["subresource"] += s3.get_object_retention(Bucket=bucket, Key=key, VersionId=version)["Retention"]["Mode"] == kind
            if not ok:
                problems.append(f"{key} {version}: lock headers {head.get('ObjectLockMode')} {until}")
        try:
            s3.delete_object(Bucket=bucket, Key=key, VersionId=version, BypassGovernanceRetention=kind != "GOVERNANCE")
            problems.append(f"{key} {version}: DELETE by version id was allowed")
        except botocore.exceptions.ClientError as e:
            counts["refused"] += e.response["Error"].get("Code") == "AccessDenied"
    n = len(acks)
    for name, label in [("present", "every acknowledged locked version is there after kill -9"),
                        ("headers", "each answers its lock on HEAD (mode and date, or legal hold ON)"),
                        ("subresource", "each answers its lock on GetObjectRetention / GetObjectLegalHold"),
                        ("refused", "DELETE by version id refused (AccessDenied) for each")]:
        status = "PASS" if n > 0 and counts[name] == n else "FAIL"
        print(f"{status}: {label} ({counts[name]}/{n})")
    for p in problems[:10]:
        print("  " + p)


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](*sys.argv[2:5])
