"""boto3 against the live server: bucket lifecycle (docs/lifecycle.md) — the configuration round trip and S3's errors,
then each rule seen acting. The server runs with lifecycle.day_seconds: 1 and scan_interval_seconds: 1 (run_e2e.sh's
config), so a rule of 1 "day" acts within a few seconds."""
import time
import unittest

import botocore.exceptions

from bleepstore_e2e import client, empty_and_delete, main, new_bucket_name

WAIT_S = 30


def error_of(call):
    """Runs call, expects a ClientError; returns (HTTP status, code, message)."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Code"), e.response["Error"].get("Message")
    raise AssertionError("expected an error")


def rule(rule_id, filt=None, **actions):
    r = {"ID": rule_id, "Status": "Enabled", "Filter": filt if filt is not None else {"Prefix": ""}}
    r.update(actions)
    return r


class LifecycleTests(unittest.TestCase):
    def setUp(self):
        self.s3 = client()
        self.bucket = new_bucket_name("lc")
        self.s3.create_bucket(Bucket=self.bucket)

    def tearDown(self):
        try:
            self.s3.delete_bucket_lifecycle(Bucket=self.bucket)
        except botocore.exceptions.ClientError:
            pass
        empty_and_delete(self.s3, self.bucket)

    def rules(self, *rules):
        self.s3.put_bucket_lifecycle_configuration(Bucket=self.bucket, LifecycleConfiguration={"Rules": list(rules)})

    def keys(self):
        return sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", []))

    def versions(self):
        page = self.s3.list_object_versions(Bucket=self.bucket)
        return page.get("Versions", []), page.get("DeleteMarkers", [])

    def wait_for(self, condition, what):
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.5)
        self.fail(f"not within {WAIT_S} s: {what}")

    def test_configuration_round_trip_and_errors(self):
        status, code, message = error_of(lambda: self.s3.get_bucket_lifecycle_configuration(Bucket=self.bucket))
        self.assertEqual((404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"), (status, code, message))
        self.rules(
            rule("logs", {"Prefix": "logs/"}, Expiration={"Days": 30}),
            rule("and", {"And": {"Prefix": "x/", "Tags": [{"Key": "k", "Value": "v"}], "ObjectSizeGreaterThan": 10}},
                 NoncurrentVersionExpiration={"NoncurrentDays": 5, "NewerNoncurrentVersions": 2}),
            rule("mpu", AbortIncompleteMultipartUpload={"DaysAfterInitiation": 7}),
            {"ID": "legacy", "Status": "Disabled", "Prefix": "old/", "Expiration": {"ExpiredObjectDeleteMarker": True}},
        )
        got = self.s3.get_bucket_lifecycle_configuration(Bucket=self.bucket)["Rules"]
        self.assertEqual(["logs", "and", "mpu", "legacy"], [r["ID"] for r in got])
        self.assertEqual({"Prefix": "logs/"}, got[0]["Filter"])
        self.assertEqual({"Prefix": "x/", "Tags": [{"Key": "k", "Value": "v"}], "ObjectSizeGreaterThan": 10}, got[1]["Filter"]["And"])
        self.assertEqual({"NoncurrentDays": 5, "NewerNoncurrentVersions": 2}, got[1]["NoncurrentVersionExpiration"])
        self.assertEqual(7, got[2]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"])
        self.assertEqual(("old/", "Disabled", True), (got[3]["Prefix"], got[3]["Status"], got[3]["Expiration"]["ExpiredObjectDeleteMarker"]))

        transition = rule("t", Transitions=[{"Days": 30, "StorageClass": "GLACIER"}])
        self.assertEqual((501, "NotImplemented"), error_of(lambda: self.rules(transition))[:2])
        self.assertEqual((400, "InvalidArgument", "'Days' for Expiration action must be a positive integer"),
                         error_of(lambda: self.rules(rule("z", Expiration={"Days": 0}))))
        self.assertEqual((400, "InvalidArgument"), error_of(lambda: self.rules(rule("a", Expiration={"Days": 1}), rule("a", Expiration={"Days": 2})))[:2])
        self.assertEqual((400, "InvalidRequest"), error_of(lambda: self.rules({"ID": "n", "Status": "Enabled", "Filter": {"Prefix": ""}}))[:2])
        self.assertEqual(4, len(self.s3.get_bucket_lifecycle_configuration(Bucket=self.bucket)["Rules"]))

        self.s3.delete_bucket_lifecycle(Bucket=self.bucket)
        self.assertEqual(404, error_of(lambda: self.s3.get_bucket_lifecycle_configuration(Bucket=self.bucket))[0])

    def test_expiration_days_deletes_matching_objects_only(self):
        for key in ("logs/a", "logs/b", "keep/c", "big/d"):
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=b"x" * (200 if key.startswith("big") else 3))
        self.s3.put_object(Bucket=self.bucket, Key="tagged", Body=b"t", Tagging="expire=yes")
        self.s3.put_object(Bucket=self.bucket, Key="untagged", Body=b"u")
        self.rules(
            rule("logs", {"Prefix": "logs/"}, Expiration={"Days": 1}),
            rule("tag", {"Tag": {"Key": "expire", "Value": "yes"}}, Expiration={"Days": 1}),
            rule("size", {"And": {"Prefix": "big/", "ObjectSizeLessThan": 100}}, Expiration={"Days": 1}),
        )
        self.wait_for(lambda: self.keys() == ["big/d", "keep/c", "untagged"], "logs/ and the tagged object expired")
        time.sleep(3)
        self.assertEqual(["big/d", "keep/c", "untagged"], self.keys())
        self.assertEqual(b"x" * 200, self.s3.get_object(Bucket=self.bucket, Key="big/d")["Body"].read())

    def test_versioned_current_expiry_adds_a_marker_and_noncurrent_keeps_newest(self):
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})
        ids = [self.s3.put_object(Bucket=self.bucket, Key="k", Body=f"v{i}".encode())["VersionId"] for i in range(3)]
        cur = self.s3.put_object(Bucket=self.bucket, Key="cur/x", Body=b"current")["VersionId"]
        self.rules(
            rule("nc", {"Prefix": "k"}, NoncurrentVersionExpiration={"NoncurrentDays": 1, "NewerNoncurrentVersions": 1}),
            rule("cur", {"Prefix": "cur/"}, Expiration={"Days": 1}),
        )

        def settled():
            versions, markers = self.versions()
            return sorted(v["VersionId"] for v in versions if v["Key"] == "k") == sorted(ids[1:]) and any(m["Key"] == "cur/x" for m in markers)

        self.wait_for(settled, "k keeps 2 versions, cur/x gets a delete marker")
        versions, markers = self.versions()
        self.assertEqual([cur], [v["VersionId"] for v in versions if v["Key"] == "cur/x"])
        self.assertTrue(next(m for m in markers if m["Key"] == "cur/x")["IsLatest"])
        self.assertEqual(404, error_of(lambda: self.s3.get_object(Bucket=self.bucket, Key="cur/x"))[0])
        self.assertEqual(b"current", self.s3.get_object(Bucket=self.bucket, Key="cur/x", VersionId=cur)["Body"].read())
        self.assertEqual(b"v2", self.s3.get_object(Bucket=self.bucket, Key="k")["Body"].read())

    def test_expired_object_delete_marker_is_removed_once_alone(self):
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})
        vid = self.s3.put_object(Bucket=self.bucket, Key="m", Body=b"m")["VersionId"]
        self.s3.delete_object(Bucket=self.bucket, Key="m")
        self.s3.put_object(Bucket=self.bucket, Key="n", Body=b"n")
        self.s3.delete_object(Bucket=self.bucket, Key="n")
        self.rules(rule("markers", Expiration={"ExpiredObjectDeleteMarker": True}))
        time.sleep(3)
        self.assertEqual(2, len(self.versions()[1]), "markers with versions behind them stay")

        self.s3.delete_object(Bucket=self.bucket, Key="m", VersionId=vid)
        self.wait_for(lambda: [m["Key"] for m in self.versions()[1]] == ["n"], "m's lone marker removed")

    def test_abort_incomplete_multipart_upload(self):
        old = self.s3.create_multipart_upload(Bucket=self.bucket, Key="tmp/part")["UploadId"]
        self.s3.upload_part(Bucket=self.bucket, Key="tmp/part", UploadId=old, PartNumber=1, Body=b"p" * 1024)
        kept = self.s3.create_multipart_upload(Bucket=self.bucket, Key="keep/part")["UploadId"]
        self.rules(rule("mpu", {"Prefix": "tmp/"}, AbortIncompleteMultipartUpload={"DaysAfterInitiation": 1}))
        self.wait_for(lambda: [u["UploadId"] for u in self.s3.list_multipart_uploads(Bucket=self.bucket).get("Uploads", [])] == [kept],
                      "the tmp/ upload aborted")
        self.assertEqual((404, "NoSuchUpload"), error_of(lambda: self.s3.list_parts(Bucket=self.bucket, Key="tmp/part", UploadId=old))[:2])
        self.s3.abort_multipart_upload(Bucket=self.bucket, Key="keep/part", UploadId=kept)


class LifecycleObjectLockTests(unittest.TestCase):
    def test_noncurrent_expiration_never_removes_a_locked_version(self):
        s3 = client()
        bucket = new_bucket_name("lcl")
        s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
        try:
            held = s3.put_object(Bucket=bucket, Key="held", Body=b"old", ObjectLockLegalHoldStatus="ON")["VersionId"]
            s3.put_object(Bucket=bucket, Key="held", Body=b"new")
            free = s3.put_object(Bucket=bucket, Key="free", Body=b"old")["VersionId"]
            s3.put_object(Bucket=bucket, Key="free", Body=b"new")
            s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [rule("nc", NoncurrentVersionExpiration={"NoncurrentDays": 1})]})

            def free_gone():
                return free not in [v["VersionId"] for v in s3.list_object_versions(Bucket=bucket).get("Versions", [])]

            deadline = time.monotonic() + WAIT_S
            while not free_gone() and time.monotonic() < deadline:
                time.sleep(0.5)
            self.assertTrue(free_gone(), "the unlocked noncurrent version expired")
            time.sleep(2)
            self.assertIn(held, [v["VersionId"] for v in s3.list_object_versions(Bucket=bucket).get("Versions", [])])
            self.assertEqual(b"old", s3.get_object(Bucket=bucket, Key="held", VersionId=held)["Body"].read())
        finally:
            s3.delete_bucket_lifecycle(Bucket=bucket)
            s3.put_object_legal_hold(Bucket=bucket, Key="held", VersionId=held, LegalHold={"Status": "OFF"})
            empty_and_delete(s3, bucket)


if __name__ == "__main__":
    main()
