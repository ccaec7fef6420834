"""boto3 against the live server: object lock (docs/object-lock.md) — CreateBucket with object lock, the bucket
configuration and its default retention, retention and legal hold of versions, the lock headers on PUT, Copy and
multipart, GOVERNANCE bypass, COMPLIANCE never shortened, locked versions refused to DELETE and DeleteObjects, and
S3's errors for each."""
import base64
import datetime
import hashlib
import time
import unittest

import botocore.exceptions

from bleepstore_e2e import client, main, new_bucket_name

NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def error_of(call):
    """Runs call, expects a ClientError; returns (HTTP status, code, message)."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Code"), e.response["Error"].get("Message")
    raise AssertionError("expected an error")


def future(**delta):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(**delta)).replace(microsecond=0)


def md5(body):
    return base64.b64encode(hashlib.md5(body).digest()).decode()


class ObjectLockTests(unittest.TestCase):
    def setUp(self):
        self.s3 = client()
        self.bucket = new_bucket_name("lock")
        self.s3.create_bucket(Bucket=self.bucket, ObjectLockEnabledForBucket=True)
        self.buckets = [self.bucket]
        self.compliance_until = datetime.datetime.now(datetime.timezone.utc)

    def compliance(self, seconds):
        """A COMPLIANCE date this many seconds ahead; tearDown waits until the latest has passed."""
        until = future(seconds=seconds)
        self.compliance_until = max(self.compliance_until, until)
        return until

    def tearDown(self):
        # COMPLIANCE versions here last seconds: wait them out, lift holds, delete everything with bypass.
        wait = (self.compliance_until - datetime.datetime.now(datetime.timezone.utc)).total_seconds() + 1
        if wait > 0:
            time.sleep(wait)
        for bucket in self.buckets:
            try:
                for page in self.s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
                    for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
                        try:
                            self.s3.put_object_legal_hold(Bucket=bucket, Key=entry["Key"], VersionId=entry["VersionId"], LegalHold={"Status": "OFF"})
                        except botocore.exceptions.ClientError:
                            pass
                        try:
                            self.s3.delete_object(Bucket=bucket, Key=entry["Key"], VersionId=entry["VersionId"], BypassGovernanceRetention=True)
                        except botocore.exceptions.ClientError:
                            pass
                self.s3.delete_bucket(Bucket=bucket)
            except botocore.exceptions.ClientError:
                pass

    def put(self, key, body=b"data", **kw):
        return self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentMD5=md5(body), **kw)

    def new_plain_bucket(self):
        name = new_bucket_name("nolock")
        self.s3.create_bucket(Bucket=name)
        self.buckets.append(name)
        return name

    # Bucket configuration
    def test_create_with_lock_enables_versioning_and_configuration_without_rule(self):
        self.assertEqual("Enabled", self.s3.get_bucket_versioning(Bucket=self.bucket)["Status"])
        conf = self.s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"]
        self.assertEqual({"ObjectLockEnabled": "Enabled"}, conf)
        status, code, _ = error_of(lambda: self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Suspended"}))
        self.assertEqual((409, "InvalidBucketState"), (status, code))
        self.assertEqual("Enabled", self.s3.get_bucket_versioning(Bucket=self.bucket)["Status"])

    def test_default_retention_round_trip_and_applied_to_new_versions(self):
        rule = {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 2}}
        self.s3.put_object_lock_configuration(Bucket=self.bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": rule})
        conf = self.s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"]
        self.assertEqual({"ObjectLockEnabled": "Enabled", "Rule": rule}, conf)
        before = datetime.datetime.now(datetime.timezone.utc)
        v = self.put("defaulted")["VersionId"]
        head = self.s3.head_object(Bucket=self.bucket, Key="defaulted", VersionId=v)
        self.assertEqual("GOVERNANCE", head["ObjectLockMode"])
        until = head["ObjectLockRetainUntilDate"]
        self.assertTrue(before + datetime.timedelta(days=2) - datetime.timedelta(seconds=5) <= until <= before + datetime.timedelta(days=2, seconds=30), until)
        # Years instead of days; then no rule at all.
        self.s3.put_object_lock_configuration(Bucket=self.bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": 1}}})
        self.assertEqual(1, self.s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"]["Rule"]["DefaultRetention"]["Years"])
        self.s3.put_object_lock_configuration(Bucket=self.bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        self.assertNotIn("Rule", self.s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"])
        plain = self.put("plain")
        self.assertNotIn("ObjectLockMode", self.s3.head_object(Bucket=self.bucket, Key="plain", VersionId=plain["VersionId"]))

    def test_configuration_errors(self):
        plain = self.new_plain_bucket()
        status, code, _ = error_of(lambda: self.s3.get_object_lock_configuration(Bucket=plain))
        self.assertEqual((404, "ObjectLockConfigurationNotFoundError"), (status, code))
        status, code, _ = error_of(lambda: self.s3.put_object_lock_configuration(Bucket=plain, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"}))
        self.assertEqual((409, "InvalidBucketState"), (status, code))
        both = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1, "Years": 1}}}
        self.assertEqual((400, "MalformedXML"), error_of(lambda: self.s3.put_object_lock_configuration(Bucket=self.bucket, ObjectLockConfiguration=both))[:2])
        bad_mode = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "SOMETIMES", "Days": 1}}}
        self.assertEqual((400, "MalformedXML"), error_of(lambda: self.s3.put_object_lock_configuration(Bucket=self.bucket, ObjectLockConfiguration=bad_mode))[:2])
        zero = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 0}}}
        self.assertEqual((400, "InvalidArgument"), error_of(lambda: self.s3.put_object_lock_configuration(Bucket=self.bucket, ObjectLockConfiguration=zero))[:2])
        self.assertEqual({"ObjectLockEnabled": "Enabled"}, self.s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"])

    def test_existing_versioned_bucket_can_enable_object_lock(self):
        plain = self.new_plain_bucket()
        self.s3.put_bucket_versioning(Bucket=plain, VersioningConfiguration={"Status": "Enabled"})
        self.s3.put_object_lock_configuration(Bucket=plain, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        self.assertEqual("Enabled", self.s3.get_object_lock_configuration(Bucket=plain)["ObjectLockConfiguration"]["ObjectLockEnabled"])
        self.assertEqual(409, error_of(lambda: self.s3.put_bucket_versioning(Bucket=plain, VersioningConfiguration={"Status": "Suspended"}))[0])

    # Retention and legal hold
    def test_governance_retention_extend_shorten_remove_and_delete_with_bypass(self):
        until = future(days=1)
        v = self.put("g", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until)["VersionId"]
        got = self.s3.get_object_retention(Bucket=self.bucket, Key="g", VersionId=v)["Retention"]
        self.assertEqual(("GOVERNANCE", until), (got["Mode"], got["RetainUntilDate"]))
        status, code, message = error_of(lambda: self.s3.delete_object(Bucket=self.bucket, Key="g", VersionId=v))
        self.assertEqual((403, "AccessDenied", "Access Denied because object protected by object lock."), (status, code, message))
        # Extending needs no bypass; shortening does.
        self.s3.put_object_retention(Bucket=self.bucket, Key="g", VersionId=v, Retention={"Mode": "GOVERNANCE", "RetainUntilDate": future(days=3)})
        self.assertEqual(403, error_of(lambda: self.s3.put_object_retention(Bucket=self.bucket, Key="g", VersionId=v, Retention={"Mode": "GOVERNANCE", "RetainUntilDate": future(hours=1)}))[0])
        self.s3.put_object_retention(Bucket=self.bucket, Key="g", VersionId=v, Retention={"Mode": "GOVERNANCE", "RetainUntilDate": future(hours=1)}, BypassGovernanceRetention=True)
        self.assertEqual(future(hours=1).date(), self.s3.get_object_retention(Bucket=self.bucket, Key="g", VersionId=v)["Retention"]["RetainUntilDate"].date())
        self.s3.delete_object(Bucket=self.bucket, Key="g", VersionId=v, BypassGovernanceRetention=True)
        self.assertNotIn("Versions", self.s3.list_object_versions(Bucket=self.bucket, Prefix="g"))

    def test_compliance_only_extended_never_shortened_or_deleted_even_with_bypass(self):
        until = self.compliance(6)
        v = self.put("c", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until)["VersionId"]
        head = self.s3.head_object(Bucket=self.bucket, Key="c")
        self.assertEqual(("COMPLIANCE", until), (head["ObjectLockMode"], head["ObjectLockRetainUntilDate"]))
        shorter = {"Mode": "COMPLIANCE", "RetainUntilDate": future(seconds=2)}
        self.assertEqual(403, error_of(lambda: self.s3.put_object_retention(Bucket=self.bucket, Key="c", VersionId=v, Retention=shorter, BypassGovernanceRetention=True))[0])
        governance = {"Mode": "GOVERNANCE", "RetainUntilDate": future(days=5)}
        self.assertEqual(403, error_of(lambda: self.s3.put_object_retention(Bucket=self.bucket, Key="c", VersionId=v, Retention=governance, BypassGovernanceRetention=True))[0])
        self.assertEqual(403, error_of(lambda: self.s3.delete_object(Bucket=self.bucket, Key="c", VersionId=v, BypassGovernanceRetention=True))[0])
        self.s3.put_object_retention(Bucket=self.bucket, Key="c", VersionId=v, Retention={"Mode": "COMPLIANCE", "RetainUntilDate": self.compliance(8)})
        self.assertEqual("COMPLIANCE", self.s3.get_object_retention(Bucket=self.bucket, Key="c", VersionId=v)["Retention"]["Mode"])
        # A plain DELETE still adds a delete marker on top of the locked version.
        marker = self.s3.delete_object(Bucket=self.bucket, Key="c")
        self.assertTrue(marker["DeleteMarker"])
        self.assertEqual(b"data", self.s3.get_object(Bucket=self.bucket, Key="c", VersionId=v)["Body"].read())

    def test_compliance_version_deletable_once_its_date_passed(self):
        v = self.put("short", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=self.compliance(3))["VersionId"]
        self.assertEqual(403, error_of(lambda: self.s3.delete_object(Bucket=self.bucket, Key="short", VersionId=v))[0])
        time.sleep(4)
        self.s3.delete_object(Bucket=self.bucket, Key="short", VersionId=v)
        self.assertNotIn("Versions", self.s3.list_object_versions(Bucket=self.bucket, Prefix="short"))

    def test_legal_hold_blocks_delete_even_with_bypass_until_lifted(self):
        v = self.put("h", ObjectLockLegalHoldStatus="ON")["VersionId"]
        self.assertEqual("ON", self.s3.get_object_legal_hold(Bucket=self.bucket, Key="h", VersionId=v)["LegalHold"]["Status"])
        self.assertEqual("ON", self.s3.get_object(Bucket=self.bucket, Key="h")["ObjectLockLegalHoldStatus"])
        self.assertEqual(403, error_of(lambda: self.s3.delete_object(Bucket=self.bucket, Key="h", VersionId=v, BypassGovernanceRetention=True))[0])
        result = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "h", "VersionId": v}]}, BypassGovernanceRetention=True)
        self.assertEqual([("h", v, "AccessDenied")], [(e["Key"], e.get("VersionId"), e["Code"]) for e in result.get("Errors", [])])
        self.s3.put_object_legal_hold(Bucket=self.bucket, Key="h", VersionId=v, LegalHold={"Status": "OFF"})
        self.assertEqual("OFF", self.s3.get_object_legal_hold(Bucket=self.bucket, Key="h")["LegalHold"]["Status"])
        result = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "h", "VersionId": v}]})
        self.assertEqual([v], [d["VersionId"] for d in result.get("Deleted", [])])

    def test_retention_and_hold_not_set_answer_no_such_object_lock_configuration(self):
        self.put("none")
        self.assertEqual((404, "NoSuchObjectLockConfiguration"), error_of(lambda: self.s3.get_object_retention(Bucket=self.bucket, Key="none"))[:2])
        self.assertEqual((404, "NoSuchObjectLockConfiguration"), error_of(lambda: self.s3.get_object_legal_hold(Bucket=self.bucket, Key="none"))[:2])
        self.assertEqual((404, "NoSuchKey"), error_of(lambda: self.s3.get_object_retention(Bucket=self.bucket, Key="missing"))[:2])

    # Headers on writes
    def test_lock_headers_on_copy_and_multipart(self):
        until = future(days=1)
        self.put("src")
        copy = self.s3.copy_object(Bucket=self.bucket, Key="dst", CopySource={"Bucket": self.bucket, "Key": "src"},
                                   ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until, ObjectLockLegalHoldStatus="ON")
        head = self.s3.head_object(Bucket=self.bucket, Key="dst", VersionId=copy["VersionId"])
        self.assertEqual(("GOVERNANCE", until, "ON"), (head["ObjectLockMode"], head["ObjectLockRetainUntilDate"], head["ObjectLockLegalHoldStatus"]))
        up = self.s3.create_multipart_upload(Bucket=self.bucket, Key="mp", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=self.compliance(3))
        part_body = b"p" * 1024
        status, code, message = error_of(self._raw_part_without_checksum(up["UploadId"], part_body))
        self.assertEqual((400, "InvalidRequest", "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Part requests with Object Lock parameters"), (status, code, message))
        part = self.s3.upload_part(Bucket=self.bucket, Key="mp", UploadId=up["UploadId"], PartNumber=1, Body=part_body, ContentMD5=md5(part_body))
        done = self.s3.complete_multipart_upload(Bucket=self.bucket, Key="mp", UploadId=up["UploadId"], MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        self.assertEqual("COMPLIANCE", self.s3.get_object_retention(Bucket=self.bucket, Key="mp", VersionId=done["VersionId"])["Retention"]["Mode"])

    def _raw_part_without_checksum(self, upload_id, body):
        """UploadPart without Content-MD5 or any checksum (boto3 adds one by default, so the header is removed)."""
        s3 = client(request_checksum_calculation="when_required")
        return lambda: s3.upload_part(Bucket=self.bucket, Key="mp", UploadId=upload_id, PartNumber=1, Body=body)

    def test_header_errors(self):
        plain = self.new_plain_bucket()
        status, code, message = error_of(lambda: self.s3.put_object(Bucket=plain, Key="k", Body=b"x", ContentMD5=md5(b"x"), ObjectLockLegalHoldStatus="ON"))
        self.assertEqual((400, "InvalidRequest", "Bucket is missing Object Lock Configuration"), (status, code, message))
        self.assertEqual((400, "InvalidRequest"), error_of(lambda: self.s3.get_object_retention(Bucket=plain, Key="k"))[:2])
        status, code, _ = error_of(lambda: self.put("past", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=future(days=-1)))
        self.assertEqual((400, "InvalidArgument"), (status, code))
        lax = client(request_checksum_calculation="when_required")
        status, code, message = error_of(lambda: lax.put_object(Bucket=self.bucket, Key="nomd5", Body=b"x", ObjectLockLegalHoldStatus="ON"))
        self.assertEqual((400, "InvalidRequest", "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"), (status, code, message))
        self.assertNotIn("Versions", self.s3.list_object_versions(Bucket=self.bucket, Prefix="nomd5"))
        self.assertNotIn("Versions", self.s3.list_object_versions(Bucket=self.bucket, Prefix="past"))


if __name__ == "__main__":
    main()
