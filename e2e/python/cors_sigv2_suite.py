"""boto3 against the live server: server-side encryption headers refused (NotImplemented), bucket CORS
configuration and preflight, Signature Version 2 (header and query string)."""
import unittest
import urllib.request

import botocore.exceptions

from bleepstore_e2e import ENDPOINT, client, empty_and_delete, main, new_bucket_name


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


def http(method, url, headers=None, data=None):
    """(status, headers, body) of a raw request; HTTP errors are answers too."""
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class CorsTests(unittest.TestCase):
    RULES = [
        {"ID": "app", "AllowedOrigins": ["http://*.app.test"], "AllowedMethods": ["GET", "PUT"],
         "AllowedHeaders": ["content-type", "x-amz-*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 120},
        {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]},
    ]

    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name("cors")
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def setUp(self):
        self.s3.put_bucket_cors(Bucket=self.bucket, CORSConfiguration={"CORSRules": self.RULES})

    def test_put_get_delete_round_trip(self):
        self.assertEqual(self.RULES, self.s3.get_bucket_cors(Bucket=self.bucket)["CORSRules"])
        self.s3.delete_bucket_cors(Bucket=self.bucket)
        self.assertEqual(("NoSuchCORSConfiguration", 404), error_of(lambda: self.s3.get_bucket_cors(Bucket=self.bucket)))

    def test_invalid_configurations(self):
        bad = [
            ({"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]}, ("InvalidRequest", 400)),
            ({"CORSRules": [{"AllowedOrigins": ["http://*.*"], "AllowedMethods": ["GET"]}]}, ("InvalidRequest", 400)),
            ({"CORSRules": []}, ("MalformedXML", 400)),
            ({"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}] * 101}, ("MalformedXML", 400)),
        ]
        for config, expected in bad:
            with self.subTest(config=str(config)[:80]):
                self.assertEqual(expected, error_of(lambda: self.s3.put_bucket_cors(Bucket=self.bucket, CORSConfiguration=config)))
        self.assertEqual("app", self.s3.get_bucket_cors(Bucket=self.bucket)["CORSRules"][0]["ID"])

    def test_preflight_and_presigned_get_headers(self):
        self.s3.put_object(Bucket=self.bucket, Key="obj", Body=b"cors body")
        url = f"{ENDPOINT}/{self.bucket}/obj"
        status, headers, _ = http("OPTIONS", url, {"Origin": "http://x.app.test", "Access-Control-Request-Method": "PUT",
                                                   "Access-Control-Request-Headers": "Content-Type,X-Amz-Meta-A"})
        self.assertEqual(200, status)
        self.assertEqual("http://x.app.test", headers["Access-Control-Allow-Origin"])
        self.assertEqual("GET, PUT", headers["Access-Control-Allow-Methods"])
        self.assertEqual("120", headers["Access-Control-Max-Age"])
        status, _, body = http("OPTIONS", url, {"Origin": "http://evil.test", "Access-Control-Request-Method": "PUT"})
        self.assertEqual(403, status)
        self.assertIn(b"<Code>AccessForbidden</Code>", body)

        presigned = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "obj"}, ExpiresIn=300)
        status, headers, body = http("GET", presigned, {"Origin": "http://x.app.test"})
        self.assertEqual((200, b"cors body"), (status, body))
        self.assertEqual("http://x.app.test", headers["Access-Control-Allow-Origin"])
        self.assertEqual("ETag", headers["Access-Control-Expose-Headers"])
        status, headers, _ = http("GET", presigned, {"Origin": "http://evil.test"})
        self.assertEqual("*", headers["Access-Control-Allow-Origin"])
        status, headers, _ = http("GET", presigned)
        self.assertIsNone(headers["Access-Control-Allow-Origin"])


if __name__ == "__main__":
    main()
