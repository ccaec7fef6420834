"""boto3 against the live server: bucket versioning (docs/versioning.md, decision 0014) — every operation that
takes or makes a version id, delete markers, the null version's overwrite rules, ListObjectVersions paging."""
import hashlib
import os
import shutil
import subprocess
import unittest
import urllib.request

import botocore.exceptions

from bleepstore_e2e import ACCESS_KEY, SECRET_KEY, client, empty_and_delete, main, new_bucket_name


def error_of(call):
    """Runs call, expects a ClientError; returns (HTTP status, code, headers)."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        meta = e.response["ResponseMetadata"]
        return meta["HTTPStatusCode"], e.response["Error"].get("Code"), meta.get("HTTPHeaders", {})
    raise AssertionError("expected an error")


class VersioningTests(unittest.TestCase):
    def setUp(self):
        self.s3 = client()
        self.bucket = new_bucket_name("ver")
        self.s3.create_bucket(Bucket=self.bucket)

    def tearDown(self):
        empty_and_delete(self.s3, self.bucket)

    def enable(self, status="Enabled"):
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": status})

    def put(self, key, body):
        return self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)

    def read(self, key, **kw):
        return self.s3.get_object(Bucket=self.bucket, Key=key, **kw)["Body"].read()

    def versions(self, **kw):
        """One full page: [(key, version id, is latest, is marker)] in document order."""
        raw = []
        self.s3.meta.events.register_first("after-call.s3.ListObjectVersions", lambda http_response, **_: raw.append(http_response.content))
        self.s3.list_object_versions(Bucket=self.bucket, **kw)
        import xml.etree.ElementTree as ET
        root = ET.fromstring(raw[-1])
        ns = "{http://s3.amazonaws.com/doc/2006-03-01/}"
        out = []
        for e in root:
            if e.tag in (ns + "Version", ns + "DeleteMarker"):
                out.append((e.find(ns + "Key").text, e.find(ns + "VersionId").text, e.find(ns + "IsLatest").text == "true", e.tag == ns + "DeleteMarker"))
        return out

    # a. Put/GetBucketVersioning
    def test_get_versioning_of_a_new_bucket_is_empty_then_enabled_then_suspended(self):
        self.assertNotIn("Status", self.s3.get_bucket_versioning(Bucket=self.bucket))
        self.enable()
        self.assertEqual("Enabled", self.s3.get_bucket_versioning(Bucket=self.bucket)["Status"])
        self.enable("Suspended")
        self.assertEqual("Suspended", self.s3.get_bucket_versioning(Bucket=self.bucket)["Status"])

    def test_put_versioning_bad_documents(self):
        for body in [b"<VersioningConfiguration><Status>On</Status></VersioningConfiguration>", b"not xml", b""]:
            status, code, _ = error_of(lambda b=body: self._raw_put_versioning(b))
            self.assertEqual((400, "MalformedXML"), (status, code), body)
        status, code, _ = error_of(lambda: self.s3.put_bucket_versioning(
            Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"}))
        self.assertEqual((403, "AccessDenied"), (status, code))
        self.assertNotIn("Status", self.s3.get_bucket_versioning(Bucket=self.bucket))

    def _raw_put_versioning(self, body):
        def replace(request, **_):
            request.data = body
            request.headers["Content-Length"] = str(len(body))
            for name in [h for h in request.headers.keys() if h.lower() == "content-md5" or h.lower().startswith("x-amz-checksum") or h.lower() == "x-amz-sdk-checksum-algorithm"]:
                del request.headers[name]
        s3 = client()
        s3.meta.events.register_first("before-sign.s3.PutBucketVersioning", replace)
        s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})

    # b. writes make versions
    def test_put_copy_and_complete_make_versions_and_old_ones_read_back(self):
        self.enable()
        v1 = self.put("k", b"one")["VersionId"]
        v2 = self.put("k", b"two")["VersionId"]
        self.assertNotEqual(v1, v2)
        copy = self.s3.copy_object(Bucket=self.bucket, Key="copy", CopySource={"Bucket": self.bucket, "Key": "k", "VersionId": v1})
        self.assertEqual(v1, copy["CopySourceVersionId"])
        self.assertTrue(copy["VersionId"])
        self.assertEqual(b"one", self.read("copy"))
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key="k")["UploadId"]
        part = self.s3.upload_part(Bucket=self.bucket, Key="k", UploadId=upload, PartNumber=1, Body=b"three")
        done = self.s3.complete_multipart_upload(Bucket=self.bucket, Key="k", UploadId=upload,
                                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        v3 = done["VersionId"]
        self.assertEqual(b"three", self.read("k"))
        self.assertEqual(b"one", self.read("k", VersionId=v1))
        self.assertEqual(b"two", self.read("k", VersionId=v2))
        head = self.s3.head_object(Bucket=self.bucket, Key="k", VersionId=v2)
        self.assertEqual(v2, head["VersionId"])
        self.assertEqual(v3, self.s3.head_object(Bucket=self.bucket, Key="k")["VersionId"])
        self.assertEqual([("copy", copy["VersionId"], True, False), ("k", v3, True, False), ("k", v2, False, False), ("k", v1, False, False)],
                         self.versions())

    def test_unversioned_bucket_answers_without_version_headers(self):
        put = self.put("k", b"x")
        self.assertNotIn("VersionId", put)
        self.assertNotIn("VersionId", self.s3.get_object(Bucket=self.bucket, Key="k"))
        self.assertEqual(b"x", self.read("k", VersionId="null"))
        self.assertEqual([("k", "null", True, False)], self.versions())

    def test_suspended_overwrites_only_the_null_version(self):
        self.put("k", b"null-1")
        self.enable()
        v1 = self.put("k", b"v1")["VersionId"]
        self.enable("Suspended")
        self.assertEqual("null", self.put("k", b"null-2").get("VersionId", "null"))
        self.assertEqual([("k", "null", True, False), ("k", v1, False, False)], self.versions())
        self.assertEqual(b"null-2", self.read("k", VersionId="null"))
        deleted = self.s3.delete_object(Bucket=self.bucket, Key="k")
        self.assertEqual((True, "null"), (deleted["DeleteMarker"], deleted["VersionId"]))
        self.assertEqual([("k", "null", True, True), ("k", v1, False, False)], self.versions())

    # c. reads and deletes by version id, delete markers
    def test_delete_marker_hides_the_key_and_removing_it_restores(self):
        self.enable()
        v1 = self.put("k", b"one")["VersionId"]
        deleted = self.s3.delete_object(Bucket=self.bucket, Key="k")
        self.assertTrue(deleted["DeleteMarker"])
        marker = deleted["VersionId"]
        status, code, headers = error_of(lambda: self.s3.get_object(Bucket=self.bucket, Key="k"))
        self.assertEqual((404, "NoSuchKey", "true", marker), (status, code, headers.get("x-amz-delete-marker"), headers.get("x-amz-version-id")))
        status, _, headers = error_of(lambda: self.s3.head_object(Bucket=self.bucket, Key="k"))
        self.assertEqual((404, "true"), (status, headers.get("x-amz-delete-marker")))
        status, code, headers = error_of(lambda: self.s3.get_object(Bucket=self.bucket, Key="k", VersionId=marker))
        self.assertEqual((405, "MethodNotAllowed", "true", "DELETE"), (status, code, headers.get("x-amz-delete-marker"), headers.get("allow")))
        self.assertIn("last-modified", headers)
        status, _, headers = error_of(lambda: self.s3.head_object(Bucket=self.bucket, Key="k", VersionId=marker))
        self.assertEqual(405, status)
        self.assertEqual([("k", marker, True, True), ("k", v1, False, False)], self.versions())
        undone = self.s3.delete_object(Bucket=self.bucket, Key="k", VersionId=marker)
        self.assertEqual((True, marker), (undone["DeleteMarker"], undone["VersionId"]))
        self.assertEqual(b"one", self.read("k"))

    def test_delete_version_removes_it_and_previous_becomes_current(self):
        self.enable()
        v1 = self.put("k", b"one")["VersionId"]
        v2 = self.put("k", b"two")["VersionId"]
        self.assertEqual(v2, self.s3.delete_object(Bucket=self.bucket, Key="k", VersionId=v2)["VersionId"])
        self.assertEqual(b"one", self.read("k"))
        self.assertEqual([("k", v1, True, False)], self.versions())
        status, code, _ = error_of(lambda: self.s3.get_object(Bucket=self.bucket, Key="k", VersionId=v2))
        self.assertEqual((404, "NoSuchVersion"), (status, code))

    def test_malformed_version_id_is_invalid_argument(self):
        self.enable()
        self.put("k", b"one")
        for call in [lambda: self.s3.get_object(Bucket=self.bucket, Key="k", VersionId="not-a-version"),
                     lambda: self.s3.delete_object(Bucket=self.bucket, Key="k", VersionId="not-a-version"),
                     lambda: self.s3.get_object_tagging(Bucket=self.bucket, Key="k", VersionId="x")]:
            status, code, _ = error_of(call)
            self.assertEqual((400, "InvalidArgument"), (status, code))
        status, _, _ = error_of(lambda: self.s3.head_object(Bucket=self.bucket, Key="k", VersionId="bad"))
        self.assertEqual(400, status)

    # d. ListObjectVersions paging
    def test_paging_with_max_keys_1_to_3_matches_one_full_page(self):
        self.enable()
        for key in ["a", "d/1", "d/2", "z"]:
            self.put(key, b"1")
            self.put(key, b"2")
            self.s3.delete_object(Bucket=self.bucket, Key=key)
        self.put("a", b"3")
        full = self.versions()
        self.assertEqual(13, len(full))
        for delimiter in [None, "/"]:
            extra = {"Delimiter": delimiter} if delimiter else {}
            expected = [v for v in full if not (delimiter and v[0].startswith("d/"))]
            for size in (1, 2, 3):
                got, prefixes, markers = [], [], {}
                while True:
                    page_entries = self.versions(MaxKeys=size, **extra, **markers)
                    page = self.s3.list_object_versions(Bucket=self.bucket, MaxKeys=size, **extra, **markers)
                    got.extend(page_entries)
                    prefixes.extend(p["Prefix"] for p in page.get("CommonPrefixes", []))
                    if not page["IsTruncated"]:
                        break
                    markers = {"KeyMarker": page["NextKeyMarker"]}
                    if "NextVersionIdMarker" in page:
                        markers["VersionIdMarker"] = page["NextVersionIdMarker"]
                self.assertEqual(expected, got, (delimiter, size))
                self.assertEqual(["d/"] if delimiter else [], prefixes)
        self.assertEqual([v for v in full if v[0].startswith("d/")], self.versions(Prefix="d/"))

    # e. DeleteObjects with versions
    def test_delete_objects_reports_markers_and_versions(self):
        self.enable()
        v1 = self.put("a", b"1")["VersionId"]
        self.put("b", b"2")
        result = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "a", "VersionId": v1}, {"Key": "b"}]})
        by_key = {d["Key"]: d for d in result["Deleted"]}
        self.assertEqual(v1, by_key["a"]["VersionId"])
        self.assertNotIn("DeleteMarker", by_key["a"])
        self.assertTrue(by_key["b"]["DeleteMarker"])
        marker = by_key["b"]["DeleteMarkerVersionId"]
        self.assertEqual([("b", marker, True, True), ("b", self.versions()[1][1], False, False)], self.versions())
        again = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "b", "VersionId": marker}]})
        self.assertEqual((True, marker), (again["Deleted"][0]["DeleteMarker"], again["Deleted"][0]["DeleteMarkerVersionId"]))
        self.assertEqual(b"2", self.read("b"))

    # f. ACL and tagging of one version
    def test_acl_and_tagging_by_version_id(self):
        self.enable()
        v1 = self.put("k", b"1")["VersionId"]
        v2 = self.put("k", b"2")["VersionId"]
        put = self.s3.put_object_tagging(Bucket=self.bucket, Key="k", VersionId=v1, Tagging={"TagSet": [{"Key": "old", "Value": "yes"}]})
        self.assertEqual(v1, put.get("VersionId"))  # each tagging answer names the version it acted on
        got = self.s3.get_object_tagging(Bucket=self.bucket, Key="k", VersionId=v1)
        self.assertEqual(([{"Key": "old", "Value": "yes"}], v1), (got["TagSet"], got.get("VersionId")))
        current = self.s3.get_object_tagging(Bucket=self.bucket, Key="k")
        self.assertEqual(([], v2), (current["TagSet"], current.get("VersionId")))
        self.assertEqual(v2, self.s3.put_object_tagging(Bucket=self.bucket, Key="k", Tagging={"TagSet": []}).get("VersionId"))
        self.assertEqual(v1, self.s3.delete_object_tagging(Bucket=self.bucket, Key="k", VersionId=v1).get("VersionId"))
        self.assertEqual([], self.s3.get_object_tagging(Bucket=self.bucket, Key="k", VersionId=v1)["TagSet"])
        self.s3.put_object_acl(Bucket=self.bucket, Key="k", VersionId=v1, ACL="public-read")
        grants = self.s3.get_object_acl(Bucket=self.bucket, Key="k", VersionId=v1)["Grants"]
        self.assertTrue(any(g["Grantee"].get("URI", "").endswith("AllUsers") for g in grants))
        current = self.s3.get_object_acl(Bucket=self.bucket, Key="k")["Grants"]
        self.assertFalse(any(g["Grantee"].get("URI", "").endswith("AllUsers") for g in current))
        # Anonymous reads follow each version's own ACL.
        url = f"{self.s3.meta.endpoint_url}/{self.bucket}/k?versionId={v1}"
        self.assertEqual(b"1", urllib.request.urlopen(url).read())
        status, code, _ = error_of(lambda: self.s3.get_object_acl(Bucket=self.bucket, Key="k", VersionId="A" * 32))
        self.assertEqual((404, "NoSuchVersion"), (status, code))

    # g. conditional writes
    def test_if_none_match_over_a_delete_marker_writes_and_over_an_object_fails(self):
        self.enable()
        self.put("k", b"1")
        self.s3.delete_object(Bucket=self.bucket, Key="k")
        self.s3.put_object(Bucket=self.bucket, Key="k", Body=b"2", IfNoneMatch="*")
        self.assertEqual(b"2", self.read("k"))
        status, code, _ = error_of(lambda: self.s3.put_object(Bucket=self.bucket, Key="k", Body=b"3", IfNoneMatch="*"))
        self.assertEqual((412, "PreconditionFailed"), (status, code))
        etag = self.s3.head_object(Bucket=self.bucket, Key="k")["ETag"]
        self.s3.put_object(Bucket=self.bucket, Key="k", Body=b"4", IfMatch=etag)
        status, code, _ = error_of(lambda: self.s3.put_object(Bucket=self.bucket, Key="k", Body=b"5", IfMatch=etag))
        self.assertEqual((412, "PreconditionFailed"), (status, code))
        self.assertEqual(4, len(self.versions()))
        self.assertEqual(hashlib.md5(b"4").hexdigest(), self.s3.head_object(Bucket=self.bucket, Key="k")["ETag"].strip('"'))

    def test_rclone_lists_old_versions_with_s3_versions(self):
        self.assertTrue(shutil.which("rclone"), "rclone is not installed (run_e2e.sh installs it)")
        self.enable()
        self.put("f.txt", b"one")
        self.put("f.txt", b"two!")
        self.put("g.txt", b"gone")
        self.s3.delete_object(Bucket=self.bucket, Key="g.txt")
        env = {k: v for k, v in os.environ.items() if k != "AWS_CA_BUNDLE"}  # breaks rclone's S3 backend on plain HTTP
        env.update({
            "RCLONE_CONFIG_BS_TYPE": "s3", "RCLONE_CONFIG_BS_PROVIDER": "Other", "RCLONE_CONFIG_BS_ENDPOINT": self.s3.meta.endpoint_url,
            "RCLONE_CONFIG_BS_ACCESS_KEY_ID": ACCESS_KEY, "RCLONE_CONFIG_BS_SECRET_ACCESS_KEY": SECRET_KEY,
            "RCLONE_CONFIG_BS_FORCE_PATH_STYLE": "true",
        })
        def lsl(*flags):
            out = subprocess.run(["rclone", "--retries", "1", "lsl", *flags, f"bs:{self.bucket}"], env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(0, out.returncode, out.stderr)
            return sorted((int(line.split()[0]), line.split()[-1]) for line in out.stdout.splitlines() if line.strip())
        self.assertEqual([(4, "f.txt")], lsl())
        listed = lsl("--s3-versions")
        self.assertEqual(3, len(listed), listed)
        self.assertIn((4, "f.txt"), listed)
        self.assertTrue(any(size == 3 and name.startswith("f-v") and name.endswith(".txt") for size, name in listed), listed)
        self.assertTrue(any(size == 4 and name.startswith("g-v") for size, name in listed), listed)

    def test_bucket_with_only_history_is_not_empty(self):
        self.enable()
        self.put("k", b"1")
        self.s3.delete_object(Bucket=self.bucket, Key="k")
        status, code, _ = error_of(lambda: self.s3.delete_bucket(Bucket=self.bucket))
        self.assertEqual((409, "BucketNotEmpty"), (status, code))


if __name__ == "__main__":
    main()
