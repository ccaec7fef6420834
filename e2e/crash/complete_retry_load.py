"""Helper of kill9_complete_retry.sh. `write ENDPOINT BUCKET DIR`: 4 threads run multipart uploads (a 5 MiB part and a
small one) and complete them until killed; before each Complete a line `pending KEY UPLOAD ETAG1 ETAG2 MD5` goes to
DIR/pending, after its answer `done KEY UPLOAD ETAG` to DIR/acks. `check ENDPOINT BUCKET DIR`: after the restart,
prints one PASS/FAIL line per check: each Complete, acknowledged or in flight at the kill, sent again with the same
parts answers 200 with the upload's ETag and the object reads back whole; another parts list is NoSuchUpload."""
import hashlib
import os
import sys
import threading
import uuid

import botocore.exceptions

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client  # noqa: E402

PART = 5 * 1024 * 1024


def composite(parts):
    return '"%s-%d"' % (hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest(), len(parts))


def write(endpoint, bucket, work):
    lock = threading.Lock()
    pending = open(os.path.join(work, "pending"), "a", buffering=1)
    acks = open(os.path.join(work, "acks"), "a", buffering=1)

    def worker():
        s3 = client(endpoint)
        while True:
            key = "mpu/" + uuid.uuid4().hex[:10]
            parts = [os.urandom(PART), os.urandom(1000)]
            try:
                upload = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
                etags = [s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=n + 1, Body=p)["ETag"] for n, p in enumerate(parts)]
                with lock:
                    pending.write(f"pending {key} {upload} {etags[0]} {etags[1]} {hashlib.md5(b''.join(parts)).hexdigest()}\n")
                r = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={
                    "Parts": [{"PartNumber": n + 1, "ETag": e} for n, e in enumerate(etags)]})
            except Exception:  # the server is gone: nothing more is acknowledged
                return
            with lock:
                acks.write(f"done {key} {upload} {r['ETag']}\n")

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def check(endpoint, bucket, work):
    s3 = client(endpoint)
    pending = {line.split()[2]: line.split() for line in open(os.path.join(work, "pending")) if line.strip()}
    acked = {line.split()[2]: line.split() for line in open(os.path.join(work, "acks")) if line.strip()}
    results = []

    def report(ok, name):
        results.append(ok)
        print(("PASS: " if ok else "FAIL: ") + name)

    report(len(acked) >= 3, f"{len(acked)} Completes acknowledged, {len(pending) - len(acked)} in flight at the kill")
    wrong = []
    for upload, (_, key, _, etag1, etag2, md5) in pending.items():
        try:
            r = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={
                "Parts": [{"PartNumber": 1, "ETag": etag1}, {"PartNumber": 2, "ETag": etag2}]})
        except botocore.exceptions.ClientError as e:
            wrong.append((upload, e.response["Error"]["Code"]))
            continue
        if upload in acked and r["ETag"] != acked[upload][3]:
            wrong.append((upload, "etag " + r["ETag"]))
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        if hashlib.md5(body).hexdigest() != md5:
            wrong.append((upload, "bytes"))
    report(not wrong, f"each Complete sent again after the restart answers 200 with the upload's ETag and a whole object ({wrong[:3]})")
    refused = 0
    for upload in list(acked)[:5]:
        _, key, _, etag1, _, _ = pending[upload]
        try:
            s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag1}]})
        except botocore.exceptions.ClientError as e:
            refused += e.response["Error"]["Code"] == "NoSuchUpload"
    report(refused == min(5, len(acked)), f"another parts list for a finished upload is NoSuchUpload ({refused})")
    open_uploads = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    in_flight = {u for u in pending if u not in acked}
    report(all(u["UploadId"] not in in_flight for u in open_uploads), f"no upload that was completing is left open ({len(open_uploads)} open)")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](*sys.argv[2:5])
