"""Browser-based uploads (POST Object) against the live server, as raw HTTP: forms made by boto3's
generate_presigned_post (Signature Version 4 and Version 2), hand-made policies, anonymous forms, and S3's
errors for each violation, with nothing stored after a refused form."""
import base64
import hashlib
import hmac
import json
import os
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
import zlib

from bleepstore_e2e import ACCESS_KEY, ENDPOINT, SECRET_KEY, client, empty_and_delete, main, new_bucket_name


def multipart(fields, file=None, after=()):
    """(content type, body) of a multipart/form-data form: fields in order, then the file part, then `after` fields."""
    boundary = "----bleepstore" + uuid.uuid4().hex
    out = bytearray()

    def part(name, value, filename=None, content_type=None):
        out.extend(f"--{boundary}\r\n".encode())
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        out.extend(f"Content-Disposition: {disposition}\r\n".encode())
        if content_type:
            out.extend(f"Content-Type: {content_type}\r\n".encode())
        out.extend(b"\r\n")
        out.extend(value if isinstance(value, bytes) else value.encode())
        out.extend(b"\r\n")

    for name, value in (fields.items() if isinstance(fields, dict) else fields):
        part(name, value)
    if file is not None:
        filename, data = file
        part("file", data, filename=filename, content_type="application/octet-stream")
    for name, value in after:
        part(name, value)
    out.extend(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", bytes(out)


def post(url, fields, file=None, after=(), headers=None, raw=None):
    """(status, headers, body) of a form POST; HTTP errors are answers too, redirects are not followed."""
    if raw is None:
        content_type, body = multipart(fields, file, after)
    else:
        content_type, body = raw
    request = urllib.request.Request(url, method="POST", data=body, headers={"Content-Type": content_type, **(headers or {})})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def error(body):
    root = ET.fromstring(body)
    return root.findtext("Code"), root.findtext("Message")


def v2_form(bucket, key, conditions, expiration=None, extra=None):
    """A hand-made SigV2 form: the policy as given (bucket and key conditions added), signed with HMAC-SHA1."""
    expiration = expiration or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 600))
    policy = base64.b64encode(json.dumps({"expiration": expiration, "conditions": conditions}).encode()).decode()
    signature = base64.b64encode(hmac.new(SECRET_KEY.encode(), policy.encode(), hashlib.sha1).digest()).decode()
    fields = {"key": key, "AWSAccessKeyId": ACCESS_KEY, "policy": policy, "signature": signature}
    fields.update(extra or {})
    return f"{ENDPOINT}/{bucket}", fields


class PostObjectTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.s3v2 = client(signature_version="s3")
        cls.bucket = new_bucket_name("post")
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def keys(self):
        return sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", []))

    def assert_refused(self, answer, code, status, message=None):
        got_status, _, body = answer
        self.assertEqual(status, got_status, body)
        got_code, got_message = error(body)
        self.assertEqual(code, got_code, body)
        if message is not None:
            self.assertEqual(message, got_message)

    def test_sigv4_form_with_filename_metadata_and_content_type(self):
        prefix = f"v4-{uuid.uuid4().hex[:6]}/"
        form = self.s3.generate_presigned_post(
            self.bucket, prefix + "${filename}",
            Fields={"x-amz-meta-owner": "alice", "Content-Type": "text/plain"},
            Conditions=[{"x-amz-meta-owner": "alice"}, ["starts-with", "$Content-Type", "text/"]], ExpiresIn=300)
        self.assertEqual("AWS4-HMAC-SHA256", form["fields"]["x-amz-algorithm"])
        status, headers, body = post(form["url"], form["fields"], ("notes.txt", b"hello from a form"))
        self.assertEqual(204, status, body)
        self.assertEqual(b"", body)
        self.assertEqual('"%s"' % hashlib.md5(b"hello from a form").hexdigest(), headers["ETag"])
        self.assertTrue(headers["Location"].endswith(f"/{self.bucket}/{prefix}notes.txt"), headers["Location"])
        got = self.s3.get_object(Bucket=self.bucket, Key=prefix + "notes.txt")
        self.assertEqual(b"hello from a form", got["Body"].read())
        self.assertEqual({"owner": "alice"}, got["Metadata"])
        self.assertEqual("text/plain", got["ContentType"])

    def test_sigv2_form_answers_201_with_post_response(self):
        key = f"v2-{uuid.uuid4().hex[:6]}"
        form = self.s3v2.generate_presigned_post(self.bucket, key, Fields={"success_action_status": "201"},
                                                 Conditions=[{"success_action_status": "201"}])
        self.assertIn("AWSAccessKeyId", form["fields"])
        status, headers, body = post(form["url"], form["fields"], ("a.bin", b"v2 bytes"))
        self.assertEqual(201, status, body)
        root = ET.fromstring(body)
        self.assertEqual("PostResponse", root.tag)
        self.assertEqual(self.bucket, root.findtext("Bucket"))
        self.assertEqual(key, root.findtext("Key"))
        self.assertEqual('"%s"' % hashlib.md5(b"v2 bytes").hexdigest(), root.findtext("ETag"))
        self.assertTrue(root.findtext("Location").endswith(f"/{self.bucket}/{key}"))
        self.assertEqual(b"v2 bytes", self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read())

    def test_success_status_200_and_unknown_status_204(self):
        key = f"st-{uuid.uuid4().hex[:6]}"
        for sent, expected in (("200", 200), ("404", 204)):
            form = self.s3.generate_presigned_post(self.bucket, key, Fields={"success_action_status": sent},
                                                   Conditions=[{"success_action_status": sent}])
            status, _, body = post(form["url"], form["fields"], ("f", b"x"))
            self.assertEqual(expected, status, body)
            self.assertEqual(b"", body)

    def test_success_action_redirect_is_303_with_bucket_key_and_etag(self):
        key = f"redirect-{uuid.uuid4().hex[:6]}"
        target = "http://app.example/done?from=form"
        form = self.s3.generate_presigned_post(self.bucket, key, Fields={"success_action_redirect": target},
                                               Conditions=[{"success_action_redirect": target}])
        status, headers, _ = post(form["url"], form["fields"], ("f", b"redirected"))
        self.assertEqual(303, status)
        location = urllib.parse.urlsplit(headers["Location"])
        self.assertEqual("app.example", location.netloc)
        query = urllib.parse.parse_qs(location.query)
        self.assertEqual(["form"], query["from"])
        self.assertEqual([self.bucket], query["bucket"])
        self.assertEqual([key], query["key"])
        self.assertEqual(['"%s"' % hashlib.md5(b"redirected").hexdigest()], query["etag"])

    def test_content_length_range_refuses_too_large_and_too_small(self):
        key = f"range-{uuid.uuid4().hex[:6]}"
        form = self.s3.generate_presigned_post(self.bucket, key, Conditions=[["content-length-range", 10, 20]])
        self.assert_refused(post(form["url"], form["fields"], ("f", b"x" * 21)), "EntityTooLarge", 400)
        self.assert_refused(post(form["url"], form["fields"], ("f", b"x" * 9)), "EntityTooSmall", 400)
        self.assertNotIn(key, self.keys())
        status, _, body = post(form["url"], form["fields"], ("f", b"x" * 20))
        self.assertEqual(204, status, body)

    def test_a_large_file_streams_through(self):
        key = f"large-{uuid.uuid4().hex[:6]}"
        data = os.urandom(1024 * 1024) * 8
        form = self.s3.generate_presigned_post(self.bucket, key, Conditions=[["content-length-range", 0, 16 * 1024 * 1024]])
        status, headers, body = post(form["url"], form["fields"], ("big.bin", data))
        self.assertEqual(204, status, body)
        self.assertEqual('"%s"' % hashlib.md5(data).hexdigest(), headers["ETag"])
        self.assertEqual(len(data), self.s3.head_object(Bucket=self.bucket, Key=key)["ContentLength"])

    def test_policy_violations_are_access_denied_and_store_nothing(self):
        key = f"denied-{uuid.uuid4().hex[:6]}"
        form = self.s3.generate_presigned_post(self.bucket, key, Fields={"x-amz-meta-a": "b"}, Conditions=[{"x-amz-meta-a": "b"}])
        changed = dict(form["fields"], **{"x-amz-meta-a": "c"})
        self.assert_refused(post(form["url"], changed, ("f", b"x")), "AccessDenied", 403,
                            'Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-meta-a", "b"]')
        extra = dict(form["fields"], **{"x-amz-meta-extra": "1"})
        self.assert_refused(post(form["url"], extra, ("f", b"x")), "AccessDenied", 403,
                            "Invalid according to Policy: Extra input fields: x-amz-meta-extra")
        other_key = dict(form["fields"], key="elsewhere")
        self.assert_refused(post(form["url"], other_key, ("f", b"x")), "AccessDenied", 403)
        # x-ignore-* fields need no condition; fields after the file are not read at all
        ignored = dict(form["fields"], **{"x-ignore-note": "free"})
        status, _, body = post(form["url"], ignored, ("f", b"x"), after=[("x-amz-meta-late", "no")])
        self.assertEqual(204, status, body)
        self.assertEqual({"a": "b"}, self.s3.head_object(Bucket=self.bucket, Key=key)["Metadata"])
        self.assertNotIn("elsewhere", self.keys())

    def test_expired_policy_is_access_denied(self):
        key = f"expired-{uuid.uuid4().hex[:6]}"
        url, fields = v2_form(self.bucket, key, [{"bucket": self.bucket}, {"key": key}], expiration="2020-01-01T00:00:00.000Z")
        self.assert_refused(post(url, fields, ("f", b"x")), "AccessDenied", 403, "Invalid according to Policy: Policy expired.")
        self.assertNotIn(key, self.keys())

    def test_bucket_condition_is_required_and_checked(self):
        key = f"bucket-{uuid.uuid4().hex[:6]}"
        url, fields = v2_form(self.bucket, key, [{"key": key}])
        self.assert_refused(post(url, fields, ("f", b"x")), "AccessDenied", 403)
        url, fields = v2_form(self.bucket, key, [{"bucket": "another-bucket"}, {"key": key}])
        self.assert_refused(post(url, fields, ("f", b"x")), "AccessDenied", 403)
        self.assertNotIn(key, self.keys())

    def test_field_names_and_operators_are_case_insensitive(self):
        key = f"case-{uuid.uuid4().hex[:6]}"
        url, fields = v2_form(self.bucket, key, [{"bUcKeT": self.bucket}, ["StArTs-WiTh", "$KeY", "case-"],
                                                 ["starts-with", "$CoNtEnT-TyPe", "text/"], ["content-length-range", 0, 100]],
                              extra={"Content-Type": "text/csv"})
        fields["kEy"] = fields.pop("key")
        status, _, body = post(url, fields, ("f", b"a,b"))
        self.assertEqual(204, status, body)
        self.assertEqual("text/csv", self.s3.head_object(Bucket=self.bucket, Key=key)["ContentType"])

    def test_empty_starts_with_allows_any_value(self):
        key = f"any-{uuid.uuid4().hex[:6]}"
        url, fields = v2_form(self.bucket, key, [{"bucket": self.bucket}, {"key": key}, ["starts-with", "$x-amz-meta-note", ""]],
                              extra={"x-amz-meta-note": "whatever"})
        status, _, body = post(url, fields, ("f", b"x"))
        self.assertEqual(204, status, body)

    def test_malformed_policies_are_invalid_policy_document(self):
        key = f"bad-{uuid.uuid4().hex[:6]}"
        for document in ("not base64 !", base64.b64encode(b"{not json").decode(),
                         base64.b64encode(json.dumps({"conditions": []}).encode()).decode(),
                         base64.b64encode(json.dumps({"EXPIRATION": "2030-01-01T00:00:00Z", "conditions": []}).encode()).decode(),
                         base64.b64encode(json.dumps({"expiration": "2030-01-01T00:00:00Z"}).encode()).decode(),
                         base64.b64encode(json.dumps({"expiration": "2030-01-01T00:00:00Z", "conditions": [{}]}).encode()).decode(),
                         base64.b64encode(json.dumps({"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", -1, 0]]}).encode()).decode(),
                         base64.b64encode(json.dumps({"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 0]]}).encode()).decode(),
                         base64.b64encode(json.dumps({"expiration": "1 Jan 2030", "conditions": []}).encode()).decode()):
            signature = base64.b64encode(hmac.new(SECRET_KEY.encode(), document.encode(), hashlib.sha1).digest()).decode()
            fields = {"key": key, "AWSAccessKeyId": ACCESS_KEY, "policy": document, "signature": signature}
            self.assert_refused(post(f"{ENDPOINT}/{self.bucket}", fields, ("f", b"x")), "InvalidPolicyDocument", 400)
        self.assertNotIn(key, self.keys())

    def test_signature_errors(self):
        key = f"sig-{uuid.uuid4().hex[:6]}"
        form = self.s3.generate_presigned_post(self.bucket, key)
        bad = dict(form["fields"], **{"x-amz-signature": "0" * 64})
        self.assert_refused(post(form["url"], bad, ("f", b"x")), "SignatureDoesNotMatch", 403)
        url, fields = v2_form(self.bucket, key, [{"bucket": self.bucket}, {"key": key}])
        self.assert_refused(post(url, dict(fields, signature="AAAA" + fields["signature"][4:]), ("f", b"x")), "SignatureDoesNotMatch", 403)
        self.assert_refused(post(url, dict(fields, AWSAccessKeyId="nobody"), ("f", b"x")), "InvalidAccessKeyId", 403)
        self.assertNotIn(key, self.keys())

    def test_missing_fields_and_malformed_forms(self):
        form = self.s3.generate_presigned_post(self.bucket, "k")
        no_key = {k: v for k, v in form["fields"].items() if k != "key"}
        self.assert_refused(post(form["url"], no_key, ("f", b"x")), "InvalidArgument", 400,
                            "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
        no_signature = {k: v for k, v in form["fields"].items() if k != "x-amz-signature"}
        self.assert_refused(post(form["url"], no_signature, ("f", b"x")), "InvalidArgument", 400)
        self.assert_refused(post(form["url"], form["fields"]), "IncorrectNumberOfFilesInPostRequest", 400)
        # a key sent after the file is not read: the form has no key
        before = {k: v for k, v in form["fields"].items() if k != "key"}
        self.assert_refused(post(form["url"], before, ("f", b"x"), after=[("key", "k")]), "InvalidArgument", 400)
        self.assert_refused(post(form["url"], None, raw=("text/plain", b"key=k")), "PreconditionFailed", 412)
        self.assert_refused(post(form["url"], None, raw=("multipart/form-data; boundary=xyz", b"--xyz\r\nno headers end")), "MalformedPOSTRequest", 400)
        self.assert_refused(post(form["url"], dict(form["fields"], **{"x-ignore-pad": "p" * 25000}), ("f", b"x")),
                            "MaxPostPreDataLengthExceededError", 400)
        self.assertNotIn("k", self.keys())

    def test_tagging_acl_and_checksum_fields(self):
        key = f"props-{uuid.uuid4().hex[:6]}"
        tagging = "<Tagging><TagSet><Tag><Key>team</Key><Value>web app</Value></Tag></TagSet></Tagging>"
        crc = base64.b64encode(zlib.crc32(b"tagged").to_bytes(4, "big")).decode()
        fields = {"tagging": tagging, "acl": "public-read", "x-amz-checksum-crc32": crc}
        form = self.s3.generate_presigned_post(self.bucket, key, Fields=fields, Conditions=[{k: v} for k, v in fields.items()])
        status, headers, body = post(form["url"], form["fields"], ("f", b"tagged"))
        self.assertEqual(204, status, body)
        self.assertEqual(crc, headers["x-amz-checksum-crc32"])
        self.assertEqual([{"Key": "team", "Value": "web app"}], self.s3.get_object_tagging(Bucket=self.bucket, Key=key)["TagSet"])
        grants = self.s3.get_object_acl(Bucket=self.bucket, Key=key)["Grants"]
        self.assertIn(("http://acs.amazonaws.com/groups/global/AllUsers", "READ"),
                      [(g["Grantee"].get("URI"), g["Permission"]) for g in grants])
        self.assertEqual(crc, self.s3.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")["ChecksumCRC32"])

        other = f"props-bad-{uuid.uuid4().hex[:6]}"
        form = self.s3.generate_presigned_post(self.bucket, other, Fields=fields, Conditions=[{k: v} for k, v in fields.items()])
        self.assert_refused(post(form["url"], form["fields"], ("f", b"not what the checksum says")), "BadDigest", 400,
                            "The CRC32 you specified did not match the calculated checksum.")
        self.assertNotIn(other, self.keys())

    def test_bad_tagging_xml_is_malformed_xml(self):
        key = f"tagbad-{uuid.uuid4().hex[:6]}"
        form = self.s3.generate_presigned_post(self.bucket, key, Fields={"tagging": "<Tagging>"}, Conditions=[{"tagging": "<Tagging>"}])
        self.assert_refused(post(form["url"], form["fields"], ("f", b"x")), "MalformedXML", 400)
        self.assertNotIn(key, self.keys())

    def test_encryption_field_is_not_implemented(self):
        key = f"sse-{uuid.uuid4().hex[:6]}"
        fields = {"x-amz-server-side-encryption": "AES256"}
        form = self.s3.generate_presigned_post(self.bucket, key, Fields=fields, Conditions=[fields])
        self.assert_refused(post(form["url"], form["fields"], ("f", b"x")), "NotImplemented", 501)
        self.assertNotIn(key, self.keys())

    def test_anonymous_form_goes_through_the_bucket_acl(self):
        key = f"anon-{uuid.uuid4().hex[:6]}"
        url = f"{ENDPOINT}/{self.bucket}"
        self.assert_refused(post(url, {"key": key}, ("f", b"x")), "AccessDenied", 403)
        public = new_bucket_name("postpub")
        self.s3.create_bucket(Bucket=public, ACL="public-read-write")
        try:
            status, _, body = post(f"{ENDPOINT}/{public}", {"key": key, "Content-Type": "image/png"}, ("f", b"anonymous"))
            self.assertEqual(204, status, body)
            self.assertEqual(b"anonymous", self.s3.get_object(Bucket=public, Key=key)["Body"].read())
        finally:
            empty_and_delete(self.s3, public)
        self.assertNotIn(key, self.keys())

    def test_no_such_bucket(self):
        form = self.s3.generate_presigned_post("no-such-bucket-" + uuid.uuid4().hex[:8], "k")
        self.assert_refused(post(form["url"], form["fields"], ("f", b"x")), "NoSuchBucket", 404)

    def test_cors_headers_on_post(self):
        self.s3.put_bucket_cors(Bucket=self.bucket, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["http://forms.test"], "AllowedMethods": ["POST"], "ExposeHeaders": ["ETag"]}]})
        try:
            key = f"cors-{uuid.uuid4().hex[:6]}"
            form = self.s3.generate_presigned_post(self.bucket, key)
            status, headers, _ = post(form["url"], form["fields"], ("f", b"x"), headers={"Origin": "http://forms.test"})
            self.assertEqual(204, status)
            self.assertEqual("http://forms.test", headers["Access-Control-Allow-Origin"])
            self.assertIn("ETag", headers["Access-Control-Expose-Headers"])
            status, headers, _ = post(form["url"], dict(form["fields"], key="x"), ("f", b"x"), headers={"Origin": "http://forms.test"})
            self.assertEqual(403, status)
            self.assertEqual("http://forms.test", headers["Access-Control-Allow-Origin"])
        finally:
            self.s3.delete_bucket_cors(Bucket=self.bucket)


if __name__ == "__main__":
    main()
