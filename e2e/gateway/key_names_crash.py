"""Steps of the key-name crash checks of gcp_gateway.sh (key_names on, the default, decision 0010), one per sub-command;
each exits 0 when its check holds and says why not otherwise. Gateway: BLEEPSTORE_ENDPOINT; upstream: the GCS JSON API
at GCS_URL, bucket UPSTREAM_BUCKET, names under UPSTREAM_PREFIX; state: STATE_DIR.

  seed BUCKET                        earlier objects (small and 3 MiB) and the first version of ow.bin
  put BUCKET KEY FILE                one PUT of FILE (run in the background; the server is killed under it)
  mpu BUCKET KEY PARTS MIB           CreateMultipartUpload and PARTS parts of MIB MiB; upload id and parts to STATE_DIR
  complete BUCKET KEY                Complete the upload in STATE_DIR (run in the background)
  verify-overwrite BUCKET FILE       ow.bin is the first version or FILE, whole, and upstream holds the same bytes
  verify-complete BUCKET KEY         the object is whole (or the upload intact: Complete again), upstream the same
  verify-all BUCKET                  every listed object reads back whole with its ETag and equals its upstream copy
  claims DB                          no key claim is left in the metadata database
"""
import hashlib
import json
import os
import sqlite3
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client  # noqa: E402

MIB = 1024 * 1024
STATE = os.environ.get("STATE_DIR", ".")


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def md5(data):
    return hashlib.md5(data).hexdigest()


def upstream_bytes(bucket, key):
    """The object under {prefix}{bucket}/{key} upstream, read with the GCS JSON API itself; None when absent."""
    name = urllib.parse.quote(os.environ["UPSTREAM_PREFIX"] + bucket + "/" + key, safe="")
    url = f"{os.environ['GCS_URL']}/storage/v1/b/{os.environ['UPSTREAM_BUCKET']}/o/{name}?alt=media"
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read()
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        raise


def served(s3, bucket, key):
    r = s3.get_object(Bucket=bucket, Key=key)
    return r["ETag"], r["Body"].read()


def seed(bucket):
    s3 = client()
    s3.create_bucket(Bucket=bucket)
    for key, data in [("earlier.txt", b"earlier object"), ("dir/earlier é.bin", os.urandom(3 * MIB)), ("ow.bin", os.urandom(2 * MIB))]:
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        with open(os.path.join(STATE, "md5-" + md5(key.encode())), "w") as f:
            f.write(md5(data))


def put(bucket, key, path):
    with open(path, "rb") as f:
        client().put_object(Bucket=bucket, Key=key, Body=f)


def mpu(bucket, key, parts, mib):
    s3 = client()
    upload = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    listed, whole = [], hashlib.md5()
    for n in range(1, int(parts) + 1):
        data = os.urandom(int(mib) * MIB)
        whole.update(data)
        listed.append({"PartNumber": n, "ETag": s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=n, Body=data)["ETag"]})
    with open(os.path.join(STATE, "mpu.json"), "w") as f:
        json.dump({"UploadId": upload, "Parts": listed, "md5": whole.hexdigest()}, f)


def complete(bucket, key):
    with open(os.path.join(STATE, "mpu.json")) as f:
        state = json.load(f)
    client(read_timeout=600).complete_multipart_upload(Bucket=bucket, Key=key, UploadId=state["UploadId"], MultipartUpload={"Parts": state["Parts"]})


def verify_overwrite(bucket, path):
    with open(path, "rb") as f:
        new = md5(f.read())
    with open(os.path.join(STATE, "md5-" + md5(b"ow.bin"))) as f:
        first = f.read()
    _, data = served(client(), bucket, "ow.bin")
    got = md5(data)
    if got not in (first, new):
        fail(f"ow.bin reads back as neither version (md5 {got})")
    up = upstream_bytes(bucket, "ow.bin")
    if up is None or md5(up) != got:
        fail("the upstream object under ow.bin's key differs from what the gateway serves")
    print("ow.bin is the " + ("new" if got == new else "first") + " version, the same upstream")


def verify_complete(bucket, key):
    with open(os.path.join(STATE, "mpu.json")) as f:
        state = json.load(f)
    s3 = client(read_timeout=600)
    try:
        s3.head_object(Bucket=bucket, Key=key)
        print("Complete had happened")
    except s3.exceptions.ClientError:
        print("the upload was intact: completing again")
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=state["UploadId"], MultipartUpload={"Parts": state["Parts"]})
    _, data = served(s3, bucket, key)
    if md5(data) != state["md5"]:
        fail(f"{key} is not the whole object")
    up = upstream_bytes(bucket, key)
    if up is None or md5(up) != state["md5"]:
        fail(f"the upstream object under {key}'s key is not the whole object")


def verify_all(bucket):
    s3 = client()
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    for o in listed:
        etag, data = served(s3, bucket, o["Key"])
        got = md5(data)
        if etag != o["ETag"] or len(data) != o["Size"] or ("-" not in etag and etag != f'"{got}"'):
            fail(f"{o['Key']}: listed {o['ETag']}/{o['Size']}, read {etag}/{len(data)} md5 {got}")
        seeded = os.path.join(STATE, "md5-" + md5(o["Key"].encode()))
        if o["Key"] != "ow.bin" and os.path.exists(seeded) and open(seeded).read() != got:
            fail(f"{o['Key']}: the earlier object changed")
        up = upstream_bytes(bucket, o["Key"])
        if up is None or md5(up) != got:
            fail(f"{o['Key']}: the upstream object under its key differs")
    print(f"{len(listed)} listed objects read back whole, each the same under its key upstream")


def claims(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        n = c.execute("SELECT count(*) FROM key_claims").fetchone()[0]
    if n:
        fail(f"{n} key claims left")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"seed": seed, "put": put, "mpu": mpu, "complete": complete, "verify-overwrite": verify_overwrite,
     "verify-complete": verify_complete, "verify-all": verify_all, "claims": claims}[command](*args)
