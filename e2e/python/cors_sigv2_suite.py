"""boto3 against the live server: server-side encryption headers refused (NotImplemented), bucket CORS
configuration and preflight, Signature Version 2 (header and query string)."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

import botocore.exceptions

from bleepstore_e2e import ACCESS_KEY, ENDPOINT, REGION, SECRET_KEY, client, empty_and_delete, main, new_bucket_name


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


class SignatureV2Tests(unittest.TestCase):
    """boto3 with signature_version='s3' (SigV2 header and query string), awscli's presign and s3cmd."""

    @classmethod
    def setUpClass(cls):
        cls.s3 = client(signature_version="s3")
        cls.bucket = new_bucket_name("v2")
        cls.s3.create_bucket(Bucket=cls.bucket)
        cls.work = tempfile.mkdtemp(prefix="bleepstore-v2-")

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(client(), cls.bucket)
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_boto3_put_get_list_copy_multipart_and_acl(self):
        self.s3.put_object(Bucket=self.bucket, Key="dir/a b+c.txt", Body=b"sigv2 body", ContentType="text/plain",
                           Metadata={"origin": "boto3"})
        got = self.s3.get_object(Bucket=self.bucket, Key="dir/a b+c.txt")
        self.assertEqual((b"sigv2 body", "text/plain", "boto3"), (got["Body"].read(), got["ContentType"], got["Metadata"]["origin"]))
        self.assertIn("dir/a b+c.txt", [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket, Prefix="dir/")["Contents"]])
        self.assertIn("dir/a b+c.txt", [o["Key"] for o in self.s3.list_objects(Bucket=self.bucket)["Contents"]])
        self.s3.copy_object(Bucket=self.bucket, Key="copy", CopySource={"Bucket": self.bucket, "Key": "dir/a b+c.txt"})
        self.assertEqual(b"sigv2 body", self.s3.get_object(Bucket=self.bucket, Key="copy")["Body"].read())
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key="mp")
        part = self.s3.upload_part(Bucket=self.bucket, Key="mp", UploadId=upload["UploadId"], PartNumber=1, Body=b"p" * 100)
        self.s3.complete_multipart_upload(Bucket=self.bucket, Key="mp", UploadId=upload["UploadId"],
                                          MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        self.assertEqual(100, self.s3.head_object(Bucket=self.bucket, Key="mp")["ContentLength"])
        self.assertEqual("FULL_CONTROL", self.s3.get_bucket_acl(Bucket=self.bucket)["Grants"][0]["Permission"])

    def test_boto3_wrong_secret_is_signature_does_not_match_with_string_to_sign(self):
        bad = client(signature_version="s3")
        bad._request_signer._credentials.secret_key = "not-the-secret"
        try:
            bad.get_object(Bucket=self.bucket, Key="missing")
            self.fail("expected SignatureDoesNotMatch")
        except botocore.exceptions.ClientError as e:
            error = e.response["Error"]
            self.assertEqual("SignatureDoesNotMatch", error["Code"])
            self.assertTrue(error["StringToSign"].startswith("GET\n"))
            self.assertTrue(error["StringToSign"].endswith(f"/{self.bucket}/missing"))

    def test_boto3_presigned_get_and_put_with_curl(self):
        put = self.s3.generate_presigned_url("put_object", Params={"Bucket": self.bucket, "Key": "presigned"}, ExpiresIn=300)
        self.assertIn("AWSAccessKeyId=", put)
        self.assertNotIn("X-Amz-Signature", put)
        # SigV2 signs Content-Type: curl must not add its form type to a URL signed without one.
        subprocess.run(["curl", "-sf", "-X", "PUT", "-H", "Content-Type:", "--data-binary", "via presigned v2", put], check=True)
        status, _, body = http("PUT", put, {"Content-Type": "text/plain"}, b"other type")
        self.assertEqual(403, status)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code>", body)
        get = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "presigned"}, ExpiresIn=300)
        self.assertEqual(b"via presigned v2", subprocess.run(["curl", "-sf", get], check=True, capture_output=True).stdout)
        status, _, body = http("GET", get.replace("Signature=", "Signature=A"))
        self.assertEqual(403, status)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code>", body)

    def test_expired_query_string_is_access_denied(self):
        url = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "x"}, ExpiresIn=1)
        time.sleep(2)
        status, _, body = http("GET", url)
        self.assertEqual(403, status)
        self.assertIn(b"<Code>AccessDenied</Code><Message>Request has expired</Message>", body)

    def _awscli(self, *args, config=None):
        env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_DEFAULT_REGION=REGION)
        env.pop("AWS_PROFILE", None)
        if config:
            env["AWS_CONFIG_FILE"] = config
        aws = os.environ.get("BLEEPSTORE_AWS_CLI", "aws")
        return subprocess.run([aws, "--endpoint-url", ENDPOINT, *args], env=env, check=True, capture_output=True, text=True).stdout.strip()

    def test_awscli_presign_emits_sigv2_and_curl_gets_the_object(self):
        self.s3.put_object(Bucket=self.bucket, Key="cli/obj.txt", Body=b"for awscli")
        url = self._awscli("s3", "presign", f"s3://{self.bucket}/cli/obj.txt")
        if "AWSAccessKeyId=" not in url:
            config = os.path.join(self.work, "aws-config")
            with open(config, "w") as f:
                f.write("[default]\ns3 =\n    signature_version = s3\n")
            url = self._awscli("s3", "presign", f"s3://{self.bucket}/cli/obj.txt", config=config)
        self.assertIn("AWSAccessKeyId=", url, "awscli did not emit a SigV2 URL")
        self.assertEqual(b"for awscli", subprocess.run(["curl", "-sf", url], check=True, capture_output=True).stdout)

    def _s3cmd(self, *args):
        host = urllib.parse.urlparse(ENDPOINT).netloc
        config = os.path.join(self.work, "s3cfg")
        with open(config, "w") as f:
            f.write(f"[default]\naccess_key = {ACCESS_KEY}\nsecret_key = {SECRET_KEY}\nhost_base = {host}\n"
                    f"host_bucket = {host}\nuse_https = False\nsignature_v2 = True\n")
        return subprocess.run(["s3cmd", "-c", config, *args], check=True, capture_output=True, text=True, cwd=self.work).stdout

    def test_s3cmd_signature_v2_put_get_ls_and_signurl(self):
        source = os.path.join(self.work, "up.txt")
        with open(source, "wb") as f:
            f.write(b"from s3cmd with signature_v2\n" * 1000)
        self._s3cmd("put", source, f"s3://{self.bucket}/s3cmd/up.txt")
        target = os.path.join(self.work, "down.txt")
        self._s3cmd("get", "--force", f"s3://{self.bucket}/s3cmd/up.txt", target)
        with open(source, "rb") as a, open(target, "rb") as b:
            self.assertEqual(a.read(), b.read())
        self.assertIn("s3cmd/up.txt", self._s3cmd("ls", "-r", f"s3://{self.bucket}"))
        url = self._s3cmd("signurl", f"s3://{self.bucket}/s3cmd/up.txt", "+300").strip()
        self.assertIn("AWSAccessKeyId=", url)
        self.assertEqual(b"from s3cmd with signature_v2\n" * 1000, subprocess.run(["curl", "-sf", url], check=True, capture_output=True).stdout)


if __name__ == "__main__":
    main()
