"""Steps of kill9_aws_keys.sh (the aws gateway with key_names, decision 0010), one per sub-command; each exits 0 when
its check holds and says why not otherwise. Gateway: BLEEPSTORE_ENDPOINT; upstream: UPSTREAM_*; state: STATE_DIR.

  create-upstream-bucket              the upstream bucket the gateway writes to
  seed BUCKET                         earlier objects (small and 9 MiB) and the first version of ow.bin
  put BUCKET KEY FILE                 one PUT of FILE (run in the background; the server is killed under it)
  wait-staging BUCKET SIZE [UPLOADS]  until a staging blob of SIZE bytes is upstream (the row commit and the copy to
                                      the key's name follow at once); with UPLOADS, until an upstream multipart upload
                                      is in flight instead (the staging write itself)
  wait-key BUCKET KEY SIZE            until the upstream object under KEY's name has SIZE bytes (Complete, PUT or
                                      CopyObject of a new key in place; the row commit follows)
  wait-key-upload BUCKET KEY          until an upstream multipart upload under KEY's name is in flight (a new key's PUT
                                      streaming in place)
  copy BUCKET SOURCE KEY              one CopyObject of SOURCE to KEY (run in the background)
  mpu BUCKET KEY FILE PARTS           CreateMultipartUpload and PARTS parts of FILE; upload id and parts to STATE_DIR
  complete BUCKET KEY                 Complete the upload in STATE_DIR (run in the background)
  verify-earlier BUCKET               earlier objects whole, through the gateway and under their key upstream
  verify-overwrite BUCKET FILE        ow.bin is the first version or FILE, whole, and upstream holds the same bytes
  verify-new BUCKET KEY FILE          a new key's PUT (or copy of FILE's object) left nothing (no object, nothing under its name upstream) or
                                      FILE whole, through the gateway and upstream
  verify-complete BUCKET KEY FILE     the object is whole (or the upload intact: Complete again), upstream the same
  verify-all BUCKET                   every listed object reads back whole with its ETag and equals its upstream copy
  claims DB                           no key claim is left in the metadata database
"""
import hashlib
import json
import os
import sqlite3
import sys
import time

import boto3
import botocore.config
import botocore.exceptions

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client  # noqa: E402

MIB = 1024 * 1024
STATE = os.environ.get("STATE_DIR", ".")
UPSTREAM_BUCKET = os.environ.get("UPSTREAM_BUCKET", "")


def upstream():
    return boto3.session.Session().client(
        "s3", endpoint_url=os.environ["UPSTREAM_ENDPOINT"], region_name="us-east-1",
        aws_access_key_id=os.environ["UPSTREAM_ACCESS_KEY"], aws_secret_access_key=os.environ["UPSTREAM_SECRET_KEY"],
        config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def create_upstream_bucket():
    upstream().create_bucket(Bucket=UPSTREAM_BUCKET)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def md5_file(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(MIB), b""):
            h.update(chunk)
    return h.hexdigest()


def md5_stream(body):
    h = hashlib.md5()
    for chunk in iter(lambda: body.read(MIB), b""):
        h.update(chunk)
    return h.hexdigest()


def gateway_md5(s3, bucket, key):
    got = s3.get_object(Bucket=bucket, Key=key)
    return md5_stream(got["Body"]), got["ETag"], got["ContentLength"]


def upstream_md5(bucket, key):
    try:
        got = upstream().get_object(Bucket=UPSTREAM_BUCKET, Key=f"gw/{bucket}/{key}")
    except botocore.exceptions.ClientError as e:
        if e.response["Error"]["Code"] in ("NoSuchKey", "404"):
            return None
        raise
    return md5_stream(got["Body"])


def seed(bucket):
    s3 = client()
    s3.create_bucket(Bucket=bucket)
    earlier = {"earlier/small.txt": b"earlier object\n", "earlier/big.bin": os.urandom(9 * MIB), "ow.bin": os.urandom(3 * MIB)}
    for key, body in earlier.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    with open(os.path.join(STATE, "earlier.json"), "w") as f:
        json.dump({k: hashlib.md5(v).hexdigest() for k, v in earlier.items()}, f)


def put(bucket, key, path):
    with open(path, "rb") as f:
        client().put_object(Bucket=bucket, Key=key, Body=f)


def copy(bucket, source, key):
    client().copy_object(Bucket=bucket, Key=key, CopySource={"Bucket": bucket, "Key": source})


def wait_staging(bucket, size, uploads=False):
    up, deadline = upstream(), time.time() + 120
    prefix = f"gw/.blobs/{bucket}/"
    before = {o["Key"] for o in up.list_objects_v2(Bucket=UPSTREAM_BUCKET, Prefix=prefix).get("Contents", [])}
    while time.time() < deadline:
        if uploads:
            if up.list_multipart_uploads(Bucket=UPSTREAM_BUCKET, Prefix=prefix).get("Uploads"):
                return
        else:
            page = up.list_objects_v2(Bucket=UPSTREAM_BUCKET, Prefix=prefix)
            if any(o["Size"] == int(size) and o["Key"] not in before for o in page.get("Contents", [])):
                return
        time.sleep(0.01)
    fail(f"no {'upstream upload' if uploads else f'staging blob of {size} bytes'} within 120 s")


def wait_key(bucket, key, size):
    """Until the upstream object under the key's name has SIZE bytes: a Complete of a new key joins its parts there
    (no staging blob, decision 0010); the row's commit follows."""
    up, deadline = upstream(), time.time() + 120
    while time.time() < deadline:
        page = up.list_objects_v2(Bucket=UPSTREAM_BUCKET, Prefix=f"gw/{bucket}/{key}")
        if any(o["Key"] == f"gw/{bucket}/{key}" and o["Size"] == int(size) for o in page.get("Contents", [])):
            return
        time.sleep(0.01)
    fail(f"no upstream object of {size} bytes under {key}'s name within 120 s")


def wait_key_upload(bucket, key):
    """Until an upstream multipart upload under the key's name is in flight: a PUT of a new key streams its body there
    (no staging blob, decision 0010) in parts of the gateway's part size."""
    up, deadline = upstream(), time.time() + 120
    while time.time() < deadline:
        uploads = up.list_multipart_uploads(Bucket=UPSTREAM_BUCKET, Prefix=f"gw/{bucket}/{key}").get("Uploads", [])
        if any(u["Key"] == f"gw/{bucket}/{key}" for u in uploads):
            return
        time.sleep(0.01)
    fail(f"no upstream upload under {key}'s name within 120 s")


def verify_new(bucket, key, path):
    s3 = client()
    expected = md5_file(path)
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=key).get("Contents", [])]
    try:
        got, etag, _ = gateway_md5(s3, bucket, key)
    except botocore.exceptions.ClientError as e:
        if e.response["Error"]["Code"] != "NoSuchKey":
            raise
        print(f"{key} after restart: absent")
        if key in listed:
            fail(f"{key}: listed but GET answers NoSuchKey")
        if upstream_md5(bucket, key) is not None:
            fail(f"{key}: absent through the gateway, yet an object is under its name upstream")
        return
    print(f"{key} after restart: {'whole' if got == expected else 'NOT whole'}")
    if got != expected or etag != f'"{expected}"':
        fail(f"{key}: GET md5 {got}, ETag {etag}, expected {expected}")
    if key not in listed:
        fail(f"{key}: readable but not listed")
    if upstream_md5(bucket, key) != expected:
        fail(f"{key}: the upstream object under its key differs from what the gateway serves")


def mpu(bucket, key, path, parts):
    s3 = client()
    upload = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    listed = []
    for n in range(1, int(parts) + 1):
        with open(path, "rb") as f:
            listed.append({"PartNumber": n, "ETag": s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=n, Body=f)["ETag"]})
    with open(os.path.join(STATE, "mpu.json"), "w") as f:
        json.dump({"UploadId": upload, "Parts": listed}, f)


def complete(bucket, key):
    with open(os.path.join(STATE, "mpu.json")) as f:
        state = json.load(f)
    client().complete_multipart_upload(Bucket=bucket, Key=key, UploadId=state["UploadId"], MultipartUpload={"Parts": state["Parts"]})


def verify_earlier(bucket):
    s3 = client()
    with open(os.path.join(STATE, "earlier.json")) as f:
        earlier = json.load(f)
    for key, md5 in earlier.items():
        if key == "ow.bin":
            continue
        got, etag, _ = gateway_md5(s3, bucket, key)
        if got != md5 or etag != f'"{md5}"':
            fail(f"{key}: GET md5 {got}, ETag {etag}, expected {md5}")
        if upstream_md5(bucket, key) != md5:
            fail(f"{key}: the upstream object under its key is not the acknowledged bytes")


def verify_overwrite(bucket, path):
    s3 = client()
    with open(os.path.join(STATE, "earlier.json")) as f:
        first = json.load(f)["ow.bin"]
    second = md5_file(path)
    got, etag, _ = gateway_md5(s3, bucket, "ow.bin")
    print(f"ow.bin after restart: {'the new version' if got == second else 'the first version' if got == first else 'neither'}")
    if got not in (first, second) or etag != f'"{got}"':
        fail(f"ow.bin: GET md5 {got}, ETag {etag}; expected {first} or {second}")
    if upstream_md5(bucket, "ow.bin") != got:
        fail("ow.bin: the upstream object under its key differs from what the gateway serves")


def verify_complete(bucket, key, path):
    s3 = client()
    with open(os.path.join(STATE, "mpu.json")) as f:
        state = json.load(f)
    part = md5_file(path)
    h = hashlib.md5()
    with open(path, "rb") as f:
        data = f.read()
    for _ in state["Parts"]:
        h.update(data)
    expected = h.hexdigest()
    try:
        s3.head_object(Bucket=bucket, Key=key)
        outcome = "complete object"
    except s3.exceptions.ClientError:
        parts = s3.list_parts(Bucket=bucket, Key=key, UploadId=state["UploadId"]).get("Parts", [])
        if len(parts) != len(state["Parts"]):
            fail(f"no object and the upload shows {len(parts)} of {len(state['Parts'])} parts")
        complete(bucket, key)
        outcome = "upload intact, completed again"
    print(f"Complete after restart: {outcome} (part md5 {part})")
    got, etag, _ = gateway_md5(s3, bucket, key)
    if got != expected or not etag.endswith(f'-{len(state["Parts"])}"'):
        fail(f"{key}: GET md5 {got} ETag {etag}, expected md5 {expected}")
    if upstream_md5(bucket, key) != expected:
        fail(f"{key}: the upstream object under its key is not the assembled object")


def verify_all(bucket):
    s3 = client()
    listed = [o for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket) for o in page.get("Contents", [])]
    if not listed:
        fail("nothing listed")
    for o in listed:
        got, etag, length = gateway_md5(s3, bucket, o["Key"])
        if etag != o["ETag"] or length != o["Size"] or ("-" not in etag and etag != f'"{got}"'):
            fail(f"{o['Key']}: listed {o['ETag']}/{o['Size']}, read {etag}/{length} md5 {got}")
        if upstream_md5(bucket, o["Key"]) != got:
            fail(f"{o['Key']}: the upstream object under its key differs")
    print(f"{len(listed)} listed objects read back whole")


def claims(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        n = c.execute("SELECT count(*) FROM key_claims").fetchone()[0]
    if n:
        fail(f"{n} key claims left")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"create-upstream-bucket": create_upstream_bucket, "seed": seed, "put": put, "copy": copy, "wait-staging": wait_staging, "wait-key": wait_key, "wait-key-upload": wait_key_upload, "verify-new": verify_new, "mpu": mpu, "complete": complete, "verify-earlier": verify_earlier,
     "verify-overwrite": verify_overwrite, "verify-complete": verify_complete, "verify-all": verify_all, "claims": claims}[command](*args)
