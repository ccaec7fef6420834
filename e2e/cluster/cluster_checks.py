"""Helper of e2e/cluster/cluster.sh (3 nodes over one PostgreSQL database and one shared local storage directory).

  basic BUCKET EP_A EP_B EP_C        cross-node read-after-write, multipart across nodes, racing conditional writes,
                                     a credential disabled on one node refused by the others at once
  load BUCKET ACKS STOP EP...        16 clients spread over the endpoints PUT new keys (sizes on both sides of the
                                     inline threshold), GET and LIST until the file STOP exists; one line per
                                     acknowledged PUT in ACKS (`KEY MD5 SIZE`); prints counts of answers by kind
  check BUCKET ACKS EP...            every acknowledged PUT reads back whole from every endpoint given

Each check prints one PASS:/FAIL: line."""
import hashlib
import json
import os
import random
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client  # noqa: E402

import botocore.exceptions  # noqa: E402

WRITERS = 16


def report(ok, name):
    print(("PASS: " if ok else "FAIL: ") + name, flush=True)
    return ok


def status_of(call):
    try:
        call()
        return 200, None
    except botocore.exceptions.ClientError as e:
        return e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Code")


def in_parallel(calls):
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i):
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def read_after_write(bucket, nodes):
    a, b, c = nodes
    wrong = []
    for i in range(12):
        key = f"raw/{i:02d}"
        body = os.urandom(random.choice([10, 5000, 70_000, 300_000]))
        etag = a.put_object(Bucket=bucket, Key=key, Body=body)["ETag"]

        def get(n):
            return lambda: n.get_object(Bucket=bucket, Key=key)["Body"].read()

        def head(n):
            return lambda: n.head_object(Bucket=bucket, Key=key)["ETag"]

        def listed(n):
            return lambda: [o["ETag"] for o in n.list_objects_v2(Bucket=bucket, Prefix=key).get("Contents", [])]

        got = in_parallel([get(b), get(c), head(b), head(c), listed(b), listed(c)])
        if got[0] != body or got[1] != body or got[2] != etag or got[3] != etag or got[4] != [etag] or got[5] != [etag]:
            wrong.append(key)
    report(not wrong, f"PUT on A is read at once by GET, HEAD and LIST on B and C together (12 keys, {len(wrong)} wrong)")

    # Overwrite on B, read on C; delete on C, read on A and B.
    b.put_object(Bucket=bucket, Key="raw/00", Body=b"second")
    report(c.get_object(Bucket=bucket, Key="raw/00")["Body"].read() == b"second", "overwrite on B is read at once on C")
    c.delete_object(Bucket=bucket, Key="raw/00")
    gone = [status_of(lambda n=n: n.head_object(Bucket=bucket, Key="raw/00"))[0] for n in (a, b)]
    report(gone == [404, 404], f"delete on C is seen at once on A and B (HEAD answers {gone})")


def multipart_across(bucket, nodes):
    a, b, c = nodes
    key = "mpu/across"
    upload = a.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    parts = [os.urandom(5 * 1024 * 1024), os.urandom(5 * 1024 * 1024), os.urandom(1234)]
    etags = [
        b.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=1, Body=parts[0])["ETag"],
        c.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=2, Body=parts[1])["ETag"],
        b.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=3, Body=parts[2])["ETag"],
    ]
    listed = [p["PartNumber"] for p in c.list_parts(Bucket=bucket, Key=key, UploadId=upload)["Parts"]]
    report(listed == [1, 2, 3], f"parts uploaded on B and C are listed on C ({listed})")
    uploads = [u["UploadId"] for u in b.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]
    report(upload in uploads, "the upload created on A is listed on B")
    done = a.complete_multipart_upload(
        Bucket=bucket, Key=key, UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": i + 1, "ETag": e} for i, e in enumerate(etags)]})
    report(done["ETag"].endswith('-3"'), f"completed on A with a 3-part ETag ({done['ETag']})")
    whole = b"".join(parts)
    reads = in_parallel([lambda n=n: n.get_object(Bucket=bucket, Key=key)["Body"].read() for n in nodes])
    report(all(hashlib.md5(r).digest() == hashlib.md5(whole).digest() for r in reads),
           "the completed object reads back whole on A, B and C")
    status, code = status_of(lambda: c.list_parts(Bucket=bucket, Key=key, UploadId=upload))
    report((status, code) == (404, "NoSuchUpload"), f"the completed upload is gone on C ({status} {code})")


def racing_conditional_writes(bucket, nodes, endpoints):
    rounds_ok = 0
    rounds = 4
    details = []
    # One client per writer, writer i on node i % 3, reused by every round.
    clients = [client(endpoints[i % 3]) for i in range(WRITERS)]
    for r in range(rounds):
        key = f"race/{r}"
        bodies = [f"writer {i} round {r} ".encode() * (1 + i * 500) for i in range(WRITERS)]
        results = in_parallel([lambda i=i: status_of(lambda: clients[i].put_object(Bucket=bucket, Key=key, Body=bodies[i], IfNoneMatch="*"))
                               for i in range(WRITERS)])
        winners = [i for i, (s, _) in enumerate(results) if s == 200]
        losers = [(s, c) for s, c in results if s != 200]
        stored = [n.get_object(Bucket=bucket, Key=key)["Body"].read() for n in nodes]
        ok = (len(winners) == 1
              and all((s, c) in ((412, "PreconditionFailed"), (409, "ConditionalRequestConflict")) for s, c in losers)
              and all(s == bodies[winners[0]] for s in stored))
        rounds_ok += ok
        details.append(f"{len(winners)} won, losers {sorted(set(losers))}")
    report(rounds_ok == rounds,
           f"16 racing If-None-Match: * PUTs over 3 nodes: exactly one 200, the rest 412/409, the winner's body stored ({rounds} rounds: {'; '.join(details)})")

    # If-Match on the current ETag: the same race for an overwrite.
    key = "race/if-match"
    etag = nodes[0].put_object(Bucket=bucket, Key=key, Body=b"base")["ETag"]
    bodies = [f"overwrite {i}".encode() for i in range(WRITERS)]
    results = in_parallel([lambda i=i: status_of(lambda: clients[i].put_object(Bucket=bucket, Key=key, Body=bodies[i], IfMatch=etag))
                           for i in range(WRITERS)])
    winners = [i for i, (s, _) in enumerate(results) if s == 200]
    stored = nodes[2].get_object(Bucket=bucket, Key=key)["Body"].read()
    report(len(winners) == 1 and stored == bodies[winners[0]] and all(s in (412, 409) for s, _ in results if s != 200),
           f"16 racing If-Match PUTs over 3 nodes: exactly one 200 and its body stored ({sorted(s for s, _ in results)})")


def credential_disabled_across(bucket, endpoints):
    token = os.environ.get("BLEEPSTORE_ADMIN_TOKEN", "bleepstore-e2e-admin")

    def admin(endpoint, method, path, body=None):
        req = urllib.request.Request(endpoint + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read() or b"{}")

    made = admin(endpoints[0], "POST", "/admin/credentials", {"description": "cluster e2e"})
    key_id, secret = made["access_key_id"], made["secret_access_key"]
    import boto3
    import botocore.config

    def as_new_key(endpoint):
        return boto3.session.Session().client(
            "s3", endpoint_url=endpoint, aws_access_key_id=key_id, aws_secret_access_key=secret,
            region_name=os.environ.get("BLEEPSTORE_REGION", "us-east-1"),
            config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1, "mode": "standard"}))

    before = [status_of(lambda e=e: as_new_key(e).list_buckets())[0] for e in endpoints]
    report(before == [200, 200, 200], f"a key created on A works at once on A, B and C ({before})")
    admin(endpoints[0], "PUT", f"/admin/credentials/{key_id}/status", {"status": "disabled"})
    after = [status_of(lambda e=e: as_new_key(e).list_buckets())[0] for e in endpoints]
    report(after == [403, 403, 403], f"the key disabled on A is refused at once on A, B and C ({after})")


def basic(bucket, *endpoints):
    random.seed(7)
    nodes = [client(e) for e in endpoints]
    nodes[0].create_bucket(Bucket=bucket)
    heads = [status_of(lambda n=n: n.head_bucket(Bucket=bucket))[0] for n in nodes[1:]]
    report(heads == [200, 200], f"a bucket created on A is there at once on B and C ({heads})")
    for step in (lambda: read_after_write(bucket, nodes), lambda: multipart_across(bucket, nodes),
                 lambda: racing_conditional_writes(bucket, nodes, endpoints), lambda: credential_disabled_across(bucket, endpoints)):
        try:
            step()
        except Exception as e:  # one broken step must not hide the others
            report(False, f"step failed: {type(e).__name__}: {e}")


def load(bucket, acks_path, stop_path, *endpoints):
    lock = threading.Lock()
    acks = open(acks_path, "a", buffering=1)
    counts = {}
    acked = []

    def count(kind):
        with lock:
            counts[kind] = counts.get(kind, 0) + 1

    def worker(n):
        rnd = random.Random(n)
        clients = [client(e, connect_timeout=2, read_timeout=20) for e in endpoints]
        i = 0
        while not os.path.exists(stop_path):
            node = rnd.randrange(len(clients))
            s3 = clients[node]
            op = rnd.random()
            try:
                if op < 0.6 or not acked:
                    i += 1
                    key = f"load/{n:02d}/{i:05d}"
                    body = os.urandom(rnd.choice([200, 4096, 80_000]))
                    s3.put_object(Bucket=bucket, Key=key, Body=body)
                    with lock:
                        acks.write(f"{key} {hashlib.md5(body).hexdigest()} {len(body)}\n")
                        acked.append((key, hashlib.md5(body).hexdigest()))
                    count("put 200")
                elif op < 0.9:
                    key, md5 = rnd.choice(acked)
                    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                    count("get 200" if hashlib.md5(body).hexdigest() == md5 else "get WRONG BODY")
                else:
                    s3.list_objects_v2(Bucket=bucket, Prefix=f"load/{n:02d}/", MaxKeys=50)
                    count("list 200")
            except botocore.exceptions.ClientError as e:
                count(f"{e.response['ResponseMetadata']['HTTPStatusCode']} {e.response['Error'].get('Code')}")
                time.sleep(0.05)
            except (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
                    botocore.exceptions.ReadTimeoutError, botocore.exceptions.ConnectTimeoutError):
                count("connection error")
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(counts, sort_keys=True), flush=True)


def check(bucket, acks_path, *endpoints):
    acked = [line.split() for line in open(acks_path) if line.strip()]
    for endpoint in endpoints:
        s3 = client(endpoint)
        bad = []
        for key, md5, size in acked:
            try:
                body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                if hashlib.md5(body).hexdigest() != md5 or len(body) != int(size):
                    bad.append(key)
            except botocore.exceptions.ClientError:
                bad.append(key)
        report(not bad and len(acked) > 0,
               f"all {len(acked)} acknowledged PUTs read back whole from {endpoint} ({len(bad)} missing or wrong{': ' + ', '.join(bad[:5]) if bad else ''})")


if __name__ == "__main__":
    {"basic": basic, "load": load, "check": check}[sys.argv[1]](*sys.argv[2:])
