"""boto3 through the AWS gateway (BLEEPSTORE_ENDPOINT) with storage.aws.key_names (decision 0010), looking behind it
at the upstream (UPSTREAM_*) with the upstream's own client: every object, small ones too, is at
gw/{bucket}/{key} with its bytes; overwrite, delete, copy and multipart Complete (3 and 40 parts) keep that name in
line; no staging blob (gw/.blobs/) is left behind; concurrent PUTs of one key
end with the upstream object holding the bytes of the object the gateway serves."""
import concurrent.futures
import hashlib
import os
import sys
import unittest

import boto3
import botocore.config

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client, empty_and_delete, main, new_bucket_name  # noqa: E402

MIB = 1024 * 1024
UPSTREAM_BUCKET = os.environ["UPSTREAM_BUCKET"]


def upstream():
    return boto3.session.Session().client(
        "s3", endpoint_url=os.environ["UPSTREAM_ENDPOINT"], region_name="us-east-1",
        aws_access_key_id=os.environ["UPSTREAM_ACCESS_KEY"], aws_secret_access_key=os.environ["UPSTREAM_SECRET_KEY"],
        config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def upstream_objects(up, prefix):
    keys = {}
    for page in up.get_paginator("list_objects_v2").paginate(Bucket=UPSTREAM_BUCKET, Prefix=prefix):
        for o in page.get("Contents", []):
            keys[o["Key"]] = o
    return keys


class AwsGatewayTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.up = upstream()
        cls.bucket = new_bucket_name("gw")
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def tearDown(self):
        # Staging blobs go once their object is published (parts once Complete has assembled them).
        self.assertEqual([], list(upstream_objects(self.up, f"gw/.blobs/{self.bucket}/")))

    def upstream_bytes(self, key):
        return self.up.get_object(Bucket=UPSTREAM_BUCKET, Key=f"gw/{self.bucket}/{key}")["Body"].read()

    def assert_upstream_missing(self, key):
        with self.assertRaises(self.up.exceptions.ClientError) as e:
            self.up.head_object(Bucket=UPSTREAM_BUCKET, Key=f"gw/{self.bucket}/{key}")
        self.assertEqual("404", e.exception.response["Error"]["Code"])

    def multipart(self, key, sizes):
        parts, whole = [], b""
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]
        for n, size in enumerate(sizes, start=1):
            data = bytes([n % 251]) * (size - 1) + os.urandom(1)
            whole += data
            parts.append({"PartNumber": n, "ETag": self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=n, Body=data)["ETag"]})
        done = self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts})
        return done, whole

    def assert_whole_upstream(self, key, whole):
        # The upstream object under the key is the whole object. (Complete assembled it upstream by UploadPartCopy
        # into a staging blob, then copied it server-side to the key's name; the upstream BleepStore gives that
        # copy an MD5 ETag, so no multipart ETag is left to see here.)
        head = self.up.head_object(Bucket=UPSTREAM_BUCKET, Key=f"gw/{self.bucket}/{key}")
        self.assertEqual(len(whole), head["ContentLength"])
        self.assertEqual(hashlib.md5(whole).hexdigest(), hashlib.md5(self.upstream_bytes(key)).hexdigest())

    def test_multipart_3_parts_round_trip_and_whole_upstream_under_key(self):
        done, whole = self.multipart("mp/three.bin", [5 * MIB, 5 * MIB, 1234])
        self.assertTrue(done["ETag"].endswith('-3"'))
        body = self.s3.get_object(Bucket=self.bucket, Key="mp/three.bin")["Body"].read()
        self.assertEqual(hashlib.md5(whole).hexdigest(), hashlib.md5(body).hexdigest())
        self.assert_whole_upstream("mp/three.bin", whole)

    def test_multipart_40_parts_round_trip_ranges_and_whole_upstream_under_key(self):
        done, whole = self.multipart("mp/forty.bin", [5 * MIB] * 39 + [777])
        self.assertTrue(done["ETag"].endswith('-40"'))
        head = self.s3.head_object(Bucket=self.bucket, Key="mp/forty.bin")
        self.assertEqual(len(whole), head["ContentLength"])
        for first, last in [(0, 0), (5 * MIB - 3, 5 * MIB + 2), (len(whole) - 10, len(whole) - 1)]:
            got = self.s3.get_object(Bucket=self.bucket, Key="mp/forty.bin", Range=f"bytes={first}-{last}")
            self.assertEqual(whole[first:last + 1], got["Body"].read())
            self.assertEqual(f"bytes {first}-{last}/{len(whole)}", got["ContentRange"])
        part = self.s3.get_object(Bucket=self.bucket, Key="mp/forty.bin", PartNumber=40)
        self.assertEqual(whole[-777:], part["Body"].read())
        self.assert_whole_upstream("mp/forty.bin", whole)

    def test_copy_is_server_side_keeps_etag_and_lands_under_the_new_key(self):
        data = os.urandom(300_000)
        put = self.s3.put_object(Bucket=self.bucket, Key="copy/src", Body=data)
        copied = self.s3.copy_object(Bucket=self.bucket, Key="copy/dst", CopySource={"Bucket": self.bucket, "Key": "copy/src"})
        self.assertEqual(put["ETag"], copied["CopyObjectResult"]["ETag"])
        self.assertEqual(data, self.s3.get_object(Bucket=self.bucket, Key="copy/dst")["Body"].read())
        self.assertEqual(data, self.upstream_bytes("copy/dst"))
        self.assertEqual(data, self.upstream_bytes("copy/src"))

    def test_overwrite_replaces_and_delete_removes_the_upstream_object(self):
        first, second = os.urandom(100_000), os.urandom(100_001)
        self.s3.put_object(Bucket=self.bucket, Key="ow/k", Body=first)
        self.assertEqual(first, self.upstream_bytes("ow/k"))
        self.s3.put_object(Bucket=self.bucket, Key="ow/k", Body=second)
        self.assertEqual(second, self.upstream_bytes("ow/k"))
        self.assertEqual(second, self.s3.get_object(Bucket=self.bucket, Key="ow/k")["Body"].read())
        self.s3.delete_object(Bucket=self.bucket, Key="ow/k")
        self.assert_upstream_missing("ow/k")

    def test_listing_with_delimiter_and_pages(self):
        for key in ["l/a/1", "l/a/2", "l/b", "l/c/3"]:
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=os.urandom(70_000))
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="l/", Delimiter="/")
        self.assertEqual(["l/b"], [o["Key"] for o in listed.get("Contents", [])])
        self.assertEqual(["l/a/", "l/c/"], [p["Prefix"] for p in listed["CommonPrefixes"]])
        keys = [o["Key"] for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix="l/", PaginationConfig={"PageSize": 1}) for o in page.get("Contents", [])]
        self.assertEqual(["l/a/1", "l/a/2", "l/b", "l/c/3"], keys)

    def test_upstream_names_are_prefix_bucket_key_for_every_object_small_ones_too(self):
        bodies = {"names/visible key é.txt": os.urandom(80_000), "names/tiny": b"4", "names/deep/a+b=c": os.urandom(4096)}
        for key, body in bodies.items():
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)
        listed = upstream_objects(self.up, f"gw/{self.bucket}/names/")
        self.assertEqual(sorted(f"gw/{self.bucket}/{k}" for k in bodies), sorted(listed))
        for key, body in bodies.items():
            self.assertEqual(body, self.upstream_bytes(key))
            self.assertEqual(f'"{hashlib.md5(body).hexdigest()}"', self.s3.head_object(Bucket=self.bucket, Key=key)["ETag"])

    def test_concurrent_puts_of_one_key_end_consistent(self):
        bodies = [os.urandom(50_000 + i) for i in range(8)]

        def put(body):
            client().put_object(Bucket=self.bucket, Key="hot/key", Body=body)

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(put, bodies))
        got = self.s3.get_object(Bucket=self.bucket, Key="hot/key")
        body = got["Body"].read()
        self.assertIn(body, bodies)
        self.assertEqual(f'"{hashlib.md5(body).hexdigest()}"', got["ETag"])
        self.assertEqual(body, self.upstream_bytes("hot/key"))


if __name__ == "__main__":
    main()
