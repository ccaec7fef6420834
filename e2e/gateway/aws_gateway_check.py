"""boto3 through the AWS gateway (BLEEPSTORE_ENDPOINT), looking behind it at the upstream (UPSTREAM_*): multipart
uploads of 3 and 40 parts are assembled upstream (one upstream object with a multipart ETag, no bytes through the
gateway), copies, ranges and listings behave as on the local backend, and the upstream holds only blob-id names."""
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


def upstream_objects(up, bucket):
    keys = {}
    for page in up.get_paginator("list_objects_v2").paginate(Bucket=UPSTREAM_BUCKET, Prefix=f"gw/.blobs/{bucket}/"):
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

    def multipart(self, key, sizes):
        parts, whole = [], b""
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]
        for n, size in enumerate(sizes, start=1):
            data = bytes([n % 251]) * (size - 1) + os.urandom(1)
            whole += data
            parts.append({"PartNumber": n, "ETag": self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=n, Body=data)["ETag"]})
        done = self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts})
        return done, whole

    def assert_assembled_upstream(self, key, part_count, size):
        joined = [o for o in upstream_objects(self.up, self.bucket).values() if o["Size"] == size and o["ETag"].endswith(f'-{part_count}"')]
        self.assertEqual(1, len(joined), f"one upstream object of {size} bytes assembled from {part_count} upstream parts")

    def test_multipart_3_parts_round_trip_and_assembled_upstream(self):
        done, whole = self.multipart("mp/three.bin", [5 * MIB, 5 * MIB, 1234])
        self.assertTrue(done["ETag"].endswith('-3"'))
        body = self.s3.get_object(Bucket=self.bucket, Key="mp/three.bin")["Body"].read()
        self.assertEqual(hashlib.md5(whole).hexdigest(), hashlib.md5(body).hexdigest())
        self.assert_assembled_upstream("mp/three.bin", 3, len(whole))

    def test_multipart_40_parts_round_trip_ranges_and_assembled_upstream(self):
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
        self.assert_assembled_upstream("mp/forty.bin", 40, len(whole))
        # The part blobs are gone upstream once the object has its own bytes.
        sizes = [o["Size"] for o in upstream_objects(self.up, self.bucket).values()]
        self.assertNotIn(5 * MIB, sizes)

    def test_copy_is_server_side_and_keeps_etag(self):
        data = os.urandom(300_000)
        put = self.s3.put_object(Bucket=self.bucket, Key="copy/src", Body=data)
        before = set(upstream_objects(self.up, self.bucket))
        copied = self.s3.copy_object(Bucket=self.bucket, Key="copy/dst", CopySource={"Bucket": self.bucket, "Key": "copy/src"})
        self.assertEqual(put["ETag"], copied["CopyObjectResult"]["ETag"])
        self.assertEqual(data, self.s3.get_object(Bucket=self.bucket, Key="copy/dst")["Body"].read())
        new = [k for k in upstream_objects(self.up, self.bucket) if k not in before]
        self.assertEqual(1, len(new))

    def test_overwrite_and_delete_remove_old_upstream_bytes(self):
        self.s3.put_object(Bucket=self.bucket, Key="ow/k", Body=os.urandom(100_000))
        first = set(upstream_objects(self.up, self.bucket))
        self.s3.put_object(Bucket=self.bucket, Key="ow/k", Body=os.urandom(100_001))
        second = set(upstream_objects(self.up, self.bucket))
        self.assertEqual(len(first), len(second))
        self.s3.delete_object(Bucket=self.bucket, Key="ow/k")
        self.assertEqual(len(first) - 1, len(upstream_objects(self.up, self.bucket)))

    def test_listing_with_delimiter_and_pages(self):
        for key in ["l/a/1", "l/a/2", "l/b", "l/c/3"]:
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=os.urandom(70_000))
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="l/", Delimiter="/")
        self.assertEqual(["l/b"], [o["Key"] for o in listed.get("Contents", [])])
        self.assertEqual(["l/a/", "l/c/"], [p["Prefix"] for p in listed["CommonPrefixes"]])
        keys = [o["Key"] for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix="l/", PaginationConfig={"PageSize": 1}) for o in page.get("Contents", [])]
        self.assertEqual(["l/a/1", "l/a/2", "l/b", "l/c/3"], keys)

    def test_upstream_names_are_blob_ids_not_keys(self):
        self.s3.put_object(Bucket=self.bucket, Key="names/visible-key", Body=os.urandom(80_000))
        for key in upstream_objects(self.up, self.bucket):
            name = key.rsplit("/", 1)[1]
            self.assertEqual(32, len(name))
            int(name, 16)


if __name__ == "__main__":
    main()
