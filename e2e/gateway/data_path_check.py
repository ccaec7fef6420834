"""boto3 against a server on any storage gateway (BLEEPSTORE_ENDPOINT): the data path as a client sees it, with no
look behind the gateway — multipart uploads of 3 and 40 parts (ETag, whole read, ranges across part boundaries, part
reads), server-side copy keeping the ETag, overwrite and delete, listings with a delimiter and pages of one.
Used by the azure and gcp gateway e2e runs; the aws run has its own check that also inspects its upstream."""
import hashlib
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client, empty_and_delete, main, new_bucket_name  # noqa: E402

MIB = 1024 * 1024
# 5 MiB is S3's minimum for every part but the last.
PART = 5 * MIB


def part_bytes(n, size):
    """Distinct bytes per part, cheap to build: a repeated 4 KiB random block with the part number stamped in."""
    block = os.urandom(4096)
    data = bytearray((block * (size // 4096 + 1))[:size])
    data[:4] = n.to_bytes(4, "big")
    return bytes(data)


class GatewayDataPathTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name("gwdp")
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def multipart(self, key, sizes):
        parts, hasher, bodies = [], hashlib.md5(), []
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]
        for n, size in enumerate(sizes, start=1):
            data = part_bytes(n, size)
            hasher.update(data)
            bodies.append(data)
            parts.append({"PartNumber": n, "ETag": self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=n, Body=data)["ETag"]})
        done = self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts})
        return done, hasher.hexdigest(), bodies

    def read_md5(self, key, **kwargs):
        body = self.s3.get_object(Bucket=self.bucket, Key=key, **kwargs)["Body"]
        hasher = hashlib.md5()
        for chunk in iter(lambda: body.read(MIB), b""):
            hasher.update(chunk)
        return hasher.hexdigest()

    def test_multipart_3_parts_round_trip(self):
        done, md5, _ = self.multipart("mp/three.bin", [PART, PART, 1234])
        self.assertTrue(done["ETag"].endswith('-3"'))
        self.assertEqual(2 * PART + 1234, self.s3.head_object(Bucket=self.bucket, Key="mp/three.bin")["ContentLength"])
        self.assertEqual(md5, self.read_md5("mp/three.bin"))

    def test_multipart_40_parts_round_trip_ranges_and_part_reads(self):
        done, md5, bodies = self.multipart("mp/forty.bin", [PART] * 39 + [777])
        size = 39 * PART + 777
        self.assertTrue(done["ETag"].endswith('-40"'))
        head = self.s3.head_object(Bucket=self.bucket, Key="mp/forty.bin")
        self.assertEqual(size, head["ContentLength"])
        self.assertEqual(done["ETag"], head["ETag"])
        self.assertEqual(md5, self.read_md5("mp/forty.bin"))
        whole = b"".join(bodies)
        for first, last in [(0, 0), (PART - 3, PART + 2), (20 * PART - 1, 20 * PART), (size - 10, size - 1)]:
            got = self.s3.get_object(Bucket=self.bucket, Key="mp/forty.bin", Range=f"bytes={first}-{last}")
            self.assertEqual(whole[first:last + 1], got["Body"].read())
            self.assertEqual(f"bytes {first}-{last}/{size}", got["ContentRange"])
        part = self.s3.get_object(Bucket=self.bucket, Key="mp/forty.bin", PartNumber=40)
        self.assertEqual(bodies[-1], part["Body"].read())
        self.assertEqual(40, part["PartsCount"])
        part = self.s3.get_object(Bucket=self.bucket, Key="mp/forty.bin", PartNumber=7)
        self.assertEqual(hashlib.md5(bodies[6]).hexdigest(), hashlib.md5(part["Body"].read()).hexdigest())

    def test_copy_keeps_etag_and_bytes_and_outlives_its_source(self):
        data = os.urandom(300_000)
        put = self.s3.put_object(Bucket=self.bucket, Key="copy/src", Body=data)
        copied = self.s3.copy_object(Bucket=self.bucket, Key="copy/dst", CopySource={"Bucket": self.bucket, "Key": "copy/src"})
        self.assertEqual(put["ETag"], copied["CopyObjectResult"]["ETag"])
        self.s3.delete_object(Bucket=self.bucket, Key="copy/src")
        self.assertEqual(data, self.s3.get_object(Bucket=self.bucket, Key="copy/dst")["Body"].read())

    def test_overwrite_then_delete(self):
        self.s3.put_object(Bucket=self.bucket, Key="ow/k", Body=b"first" * 30_000)
        self.s3.put_object(Bucket=self.bucket, Key="ow/k", Body=b"second")
        self.assertEqual(b"second", self.s3.get_object(Bucket=self.bucket, Key="ow/k")["Body"].read())
        self.s3.delete_object(Bucket=self.bucket, Key="ow/k")
        with self.assertRaises(self.s3.exceptions.NoSuchKey):
            self.s3.get_object(Bucket=self.bucket, Key="ow/k")

    def test_listing_with_delimiter_and_pages(self):
        for key in ["l/a/1", "l/a/2", "l/b", "l/c/3"]:
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=os.urandom(70_000))
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="l/", Delimiter="/")
        self.assertEqual(["l/b"], [o["Key"] for o in listed.get("Contents", [])])
        self.assertEqual(["l/a/", "l/c/"], [p["Prefix"] for p in listed["CommonPrefixes"]])
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix="l/", PaginationConfig={"PageSize": 1})
        self.assertEqual(["l/a/1", "l/a/2", "l/b", "l/c/3"], [o["Key"] for page in pages for o in page.get("Contents", [])])


if __name__ == "__main__":
    main()
