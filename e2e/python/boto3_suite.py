"""boto3 against the live server: what the .NET SDK cannot express (encoding-type=url decoding, raw header hooks),
special keys, entity headers, virtual-hosted addressing, presigned URLs used from curl."""
import concurrent.futures
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import unittest
import urllib.parse
import urllib.request
import urllib.error
import xml.etree.ElementTree as ET

import boto3
import botocore.exceptions
import botocore.handlers

from bleepstore_e2e import (ENDPOINT, VHOST_ENDPOINT, client, empty_and_delete, main, new_bucket_name,
                            resolve_localhost_subdomains)

SPECIAL_KEYS = [
    "with space.txt",
    "plus+sign.txt",
    "percent%20literal.txt",
    "percent%.txt",
    "question?mark.txt",
    "hash#sign.txt",
    "emoji-🙂-😀.bin",
    "unicode/ключ/日本語/é.txt",
    "amp&lt<gt>quote\"apos'.txt",
    "ctrl-\x01-\x1f-\x7f.txt",
    "tab\there",
    "new\nline",
    "trailing space ",
    "a/b/c d+e%f",
]


def raw_body_capture(s3, operation):
    """Registers a hook that keeps the raw XML bodies of `operation` responses; returns the list they go to."""
    bodies = []
    s3.meta.events.register(f"after-call.s3.{operation}", lambda http_response, **_: bodies.append(http_response.content))
    return bodies


class SpecialKeyTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name()
        cls.s3.create_bucket(Bucket=cls.bucket)
        for key in SPECIAL_KEYS:
            cls.s3.put_object(Bucket=cls.bucket, Key=key, Body=("body of " + key).encode())

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def test_get_and_head_round_trip_every_key(self):
        for key in SPECIAL_KEYS:
            with self.subTest(key=key):
                got = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
                self.assertEqual(("body of " + key).encode(), got)
                self.assertEqual(len(got), self.s3.head_object(Bucket=self.bucket, Key=key)["ContentLength"])

    def test_list_v2_with_encoding_type_url_decodes_every_key(self):
        bodies = raw_body_capture(self.s3, "ListObjectsV2")
        keys = [o["Key"] for p in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket) for o in p.get("Contents", [])]
        self.assertEqual(sorted(SPECIAL_KEYS, key=lambda k: k.encode()), keys)
        raw = b"".join(bodies).decode()
        self.assertIn("<EncodingType>url</EncodingType>", raw)
        self.assertIn("with%20space.txt", raw, "space must be %20")
        self.assertIn("plus%2Bsign.txt", raw, "plus must be %2B")
        self.assertNotIn("with+space", raw, "space encoded as +")
        self.assertIn("%F0%9F%99%82", raw.upper())

    def test_list_v1_and_versions_with_encoding_type_url_decode_every_key(self):
        expected = sorted(SPECIAL_KEYS, key=lambda k: k.encode())
        v1 = [o["Key"] for p in self.s3.get_paginator("list_objects").paginate(Bucket=self.bucket) for o in p.get("Contents", [])]
        self.assertEqual(expected, v1)
        versions = [v["Key"] for p in self.s3.get_paginator("list_object_versions").paginate(Bucket=self.bucket) for v in p.get("Versions", [])]
        self.assertEqual(expected, versions)

    def test_paging_by_one_with_encoding_returns_each_key_once(self):
        keys = [o["Key"] for p in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, PaginationConfig={"PageSize": 1}) for o in p.get("Contents", [])]
        self.assertEqual(sorted(SPECIAL_KEYS, key=lambda k: k.encode()), keys)
        v1 = [o["Key"] for p in self.s3.get_paginator("list_objects").paginate(Bucket=self.bucket, PaginationConfig={"PageSize": 2}) for o in p.get("Contents", [])]
        self.assertEqual(sorted(SPECIAL_KEYS, key=lambda k: k.encode()), v1)

    def test_encoded_prefix_delimiter_and_common_prefixes(self):
        bodies = raw_body_capture(self.s3, "ListObjectsV2")
        page = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="a/b/", Delimiter=" ")
        self.assertEqual(["a/b/c "], [p["Prefix"] for p in page.get("CommonPrefixes", [])])
        self.assertEqual("a/b/", page["Prefix"])
        self.assertEqual(" ", page["Delimiter"])
        raw = bodies[-1].decode()
        self.assertIn("<Delimiter>%20</Delimiter>", raw)
        encoded = re.findall(r"<CommonPrefixes><Prefix>([^<]*)</Prefix>", raw)
        self.assertEqual(["a/b/c "], [urllib.parse.unquote(p) for p in encoded])
        self.assertTrue(all(" " not in p and "+" not in p for p in encoded), encoded)
        unicode_page = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="unicode/ключ/", Delimiter="/")
        self.assertEqual(["unicode/ключ/日本語/"], [p["Prefix"] for p in unicode_page.get("CommonPrefixes", [])])

    def test_raw_encoding_keeps_slash_and_unreserved_in_every_listing(self):
        # S3 keeps A-Za-z0-9-_.~ and '/', and writes a space as %20 and '+' as %2B, in every encoded element.
        raw = {}
        for operation, call, extra in [
            ("ListObjectsV2", self.s3.list_objects_v2, {"StartAfter": "a/b/c d+d"}),
            ("ListObjects", self.s3.list_objects, {"Marker": "a/b/c d+d"}),
            ("ListObjectVersions", self.s3.list_object_versions, {"KeyMarker": "a/b/c d+d"}),
        ]:
            bodies = raw_body_capture(self.s3, operation)
            call(Bucket=self.bucket, Prefix="a/b/", **extra)
            call(Bucket=self.bucket, Prefix="a/", Delimiter="/")
            raw[operation] = b"".join(bodies).decode()
        for operation, body in raw.items():
            with self.subTest(operation=operation):
                self.assertIn("<Prefix>a/b/</Prefix>", body)
                self.assertIn("a/b/c%20d%2Be%25f", body, "the key")
                self.assertIn("<Delimiter>/</Delimiter>", body)
                self.assertIn("<Prefix>a/b/</Prefix></CommonPrefixes>", body)
                self.assertIn("a/b/c%20d%2Bd<", body, "the marker / start-after")
                self.assertNotIn("%2F", body.upper())
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key="up load/x+y")["UploadId"]
        try:
            bodies = raw_body_capture(self.s3, "ListMultipartUploads")
            self.s3.list_multipart_uploads(Bucket=self.bucket, Prefix="up load/", EncodingType="url")
            body = bodies[-1].decode()
            self.assertIn("<Key>up%20load/x%2By</Key>", body)
            self.assertIn("<Prefix>up%20load/</Prefix>", body)
        finally:
            self.s3.abort_multipart_upload(Bucket=self.bucket, Key="up load/x+y", UploadId=upload)

    def test_start_after_with_special_key(self):
        ordered = sorted(SPECIAL_KEYS, key=lambda k: k.encode())
        page = self.s3.list_objects_v2(Bucket=self.bucket, StartAfter="percent%.txt")
        self.assertEqual(ordered[ordered.index("percent%.txt") + 1:], [o["Key"] for o in page.get("Contents", [])])

    def test_listing_without_encoding_type_is_still_valid_xml(self):
        s3 = client()

        def drop_encoding_type(request, **_):
            parts = urllib.parse.urlsplit(request.url)
            query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("encoding-type="))
            request.url = urllib.parse.urlunsplit(parts._replace(query=query))

        s3.meta.events.register("before-sign.s3.ListObjectsV2", drop_encoding_type)
        bodies = raw_body_capture(s3, "ListObjectsV2")
        page = s3.list_objects_v2(Bucket=self.bucket)
        self.assertEqual(len(SPECIAL_KEYS), page["KeyCount"])
        root = ET.fromstring(bodies[-1])  # parses: the XML is well-formed whatever the keys
        ns = {"s3": "http://s3.amazonaws.com/doc/2006-03-01/"}
        keys = [k.text or "" for k in root.findall("s3:Contents/s3:Key", ns)]
        # A server may switch to url encoding (and say so) when a key cannot be written in XML 1.0.
        if root.find("s3:EncodingType", ns) is not None:
            keys = [urllib.parse.unquote(k) for k in keys]
        self.assertEqual(sorted(SPECIAL_KEYS, key=lambda k: k.encode()), keys)

    def test_delete_objects_with_special_keys(self):
        # XML 1.0 cannot carry U+0001..U+001F (except tab, LF, CR) even as character references: S3 cannot take
        # such keys in a DeleteObjects body either, so they are left out here.
        keys = [k for k in SPECIAL_KEYS if not any(ord(c) < 0x20 and c not in "\t\n" for c in k)]
        bucket = new_bucket_name()
        self.s3.create_bucket(Bucket=bucket)
        try:
            for key in keys:
                self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")
            result = self.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})
            self.assertEqual(sorted(keys), sorted(d["Key"] for d in result.get("Deleted", [])))
            self.assertEqual([], result.get("Errors", []))
            self.assertEqual(0, self.s3.list_objects_v2(Bucket=bucket)["KeyCount"])
        finally:
            empty_and_delete(self.s3, bucket)

    def test_copy_object_with_special_source_keys(self):
        for key in ["with space.txt", "plus+sign.txt", "percent%.txt", "question?mark.txt", "hash#sign.txt", "emoji-🙂-😀.bin"]:
            with self.subTest(key=key):
                self.s3.copy_object(Bucket=self.bucket, Key="copies/" + key, CopySource={"Bucket": self.bucket, "Key": key})
                self.assertEqual(("body of " + key).encode(), self.s3.get_object(Bucket=self.bucket, Key="copies/" + key)["Body"].read())
                self.s3.delete_object(Bucket=self.bucket, Key="copies/" + key)


class EntityHeaderTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name()
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def test_content_headers_storage_class_and_metadata_round_trip(self):
        import datetime
        expires = datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
        self.s3.put_object(
            Bucket=self.bucket, Key="entity", Body=b"payload", ContentType="text/x-py", CacheControl="max-age=99",
            ContentDisposition='inline; filename="e.txt"', ContentEncoding="br", ContentLanguage="es-MX", Expires=expires,
            StorageClass="STANDARD_IA", Metadata={"MixedCase": "Value With Spaces", "unicode": "ok"})
        for response in (self.s3.head_object(Bucket=self.bucket, Key="entity"), self.s3.get_object(Bucket=self.bucket, Key="entity")):
            self.assertEqual("text/x-py", response["ContentType"])
            self.assertEqual("max-age=99", response["CacheControl"])
            self.assertEqual('inline; filename="e.txt"', response["ContentDisposition"])
            self.assertEqual("br", response["ContentEncoding"])
            self.assertEqual("es-MX", response["ContentLanguage"])
            self.assertEqual("Tue, 06 May 2031 07:08:09 GMT", response["ResponseMetadata"]["HTTPHeaders"]["expires"])
            self.assertEqual("STANDARD_IA", response.get("StorageClass"))
            self.assertEqual({"mixedcase": "Value With Spaces", "unicode": "ok"}, response["Metadata"])

    def test_metadata_over_2kb_is_metadata_too_large(self):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.s3.put_object(Bucket=self.bucket, Key="big-meta", Body=b"x", Metadata={"a": "v" * 1500, "b": "w" * 700})
        self.assertEqual("MetadataTooLarge", caught.exception.response["Error"]["Code"])

    def test_key_too_long(self):
        self.s3.put_object(Bucket=self.bucket, Key="k" * 1024, Body=b"x")
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.s3.put_object(Bucket=self.bucket, Key="k" * 1025, Body=b"x")
        self.assertEqual("KeyTooLongError", caught.exception.response["Error"]["Code"])


class MultipartOrderTests(unittest.TestCase):
    def test_complete_with_descending_parts_is_invalid_part_order(self):
        # AWSSDK.S3 sorts the parts itself; boto3 sends them as given.
        s3 = client()
        bucket = new_bucket_name()
        s3.create_bucket(Bucket=bucket)
        try:
            upload = s3.create_multipart_upload(Bucket=bucket, Key="order")["UploadId"]
            e1 = s3.upload_part(Bucket=bucket, Key="order", UploadId=upload, PartNumber=1, Body=b"a" * 100)["ETag"]
            e2 = s3.upload_part(Bucket=bucket, Key="order", UploadId=upload, PartNumber=2, Body=b"b" * 100)["ETag"]
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                s3.complete_multipart_upload(Bucket=bucket, Key="order", UploadId=upload,
                                             MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}]})
            self.assertEqual("InvalidPartOrder", caught.exception.response["Error"]["Code"])
            s3.abort_multipart_upload(Bucket=bucket, Key="order", UploadId=upload)
        finally:
            empty_and_delete(s3, bucket)


class ConditionalWriteTests(unittest.TestCase):
    WRITERS = 16

    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name()
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    @staticmethod
    def _client_with_header(name, value):
        s3 = client(max_pool_connections=2)

        def add_header(request, **_):
            request.headers[name] = value

        s3.meta.events.register("before-sign.s3.PutObject", add_header)
        return s3

    def test_if_none_match_star_16_concurrent_boto3_clients_exactly_one_wins(self):
        for attempt in range(3):
            key = f"race-{attempt}"
            clients = [self._client_with_header("If-None-Match", "*") for _ in range(self.WRITERS)]
            for c in clients:
                c.list_objects_v2(Bucket=self.bucket, MaxKeys=1)  # open the connection before the race
            barrier = threading.Barrier(self.WRITERS)

            def write(i):
                barrier.wait()
                try:
                    clients[i].put_object(Bucket=self.bucket, Key=key, Body=f"writer {i}".encode())
                    return i, 200, None
                except botocore.exceptions.ClientError as e:
                    return i, e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"]

            with concurrent.futures.ThreadPoolExecutor(self.WRITERS) as pool:
                results = list(pool.map(write, range(self.WRITERS)))
            winners = [r for r in results if r[1] == 200]
            self.assertEqual(1, len(winners), f"attempt {attempt}: {results}")
            self.assertTrue(all(r[1:] == (412, "PreconditionFailed") for r in results if r[1] != 200), results)
            body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
            self.assertEqual(f"writer {winners[0][0]}".encode(), body)

    def test_if_match_header_on_put(self):
        first = self.s3.put_object(Bucket=self.bucket, Key="if-match", Body=b"one")
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self._client_with_header("If-Match", '"00000000000000000000000000000000"').put_object(Bucket=self.bucket, Key="if-match", Body=b"two")
        self.assertEqual(412, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        self._client_with_header("If-Match", first["ETag"]).put_object(Bucket=self.bucket, Key="if-match", Body=b"three")
        self.assertEqual(b"three", self.s3.get_object(Bucket=self.bucket, Key="if-match")["Body"].read())


class KeepAliveAfterRejectedPutTests(unittest.TestCase):
    """botocore sends `Expect: 100-continue` on PutObject and, when the answer is a final status, never sends the body and
    reuses the connection. The server must then close the connection (or not wait for that body): otherwise it eats
    the start of the next request as the unsent body."""

    def test_raw_rejected_expect_100_put_then_next_request_on_same_connection(self):
        host, port = urllib.parse.urlsplit(client().meta.endpoint_url).netloc.split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(f"PUT /no-such-bucket-for-expect/k HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n".encode())
            first = self._read_response(sock)
            self.assertFalse(first.startswith(b"HTTP/1.1 100"), first[:200])
            if b"connection: close" in first.lower():
                return  # the server closed the connection: the client reconnects, nothing is lost
            sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            second = self._read_response(sock)
            self.assertTrue(second.startswith(b"HTTP/1.1 200"), b"second request on the kept-alive connection: " + second[:300])

    def test_raw_empty_put_with_expect_100_then_next_request_on_same_connection(self):
        """Content-Length: 0 + Expect: 100-continue (botocore sends it for empty files): S3 answers 100 Continue first.
        A final answer without it must close the connection: botocore (awscli 2.9's) keeps that answer's status line
        for the next request on the connection and misparses it (seen as `aws s3 sync` read timeouts)."""
        host, port = urllib.parse.urlsplit(client().meta.endpoint_url).netloc.split(":")
        s3 = client()
        bucket = new_bucket_name()
        s3.create_bucket(Bucket=bucket)
        try:
            url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "empty"}, ExpiresIn=300)
            target = url.split(port, 1)[1]
            with socket.create_connection((host, int(port)), timeout=10) as sock:
                sock.sendall(f"PUT {target} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n".encode())
                first = self._read_response(sock)
                ok = first.startswith(b"HTTP/1.1 100") or b"connection: close" in first.lower()
                self.assertTrue(ok, b"final answer without 100 Continue and without Connection: close: " + first[:300])
        finally:
            empty_and_delete(s3, bucket)

    def test_boto3_if_none_match_412_then_next_call_on_same_client(self):
        s3 = client(max_pool_connections=1)
        bucket = new_bucket_name()
        s3.create_bucket(Bucket=bucket)
        try:
            s3.put_object(Bucket=bucket, Key="taken", Body=b"first")
            for attempt in range(3):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    s3.put_object(Bucket=bucket, Key="taken", Body=b"second", IfNoneMatch="*")
                self.assertEqual("PreconditionFailed", caught.exception.response["Error"]["Code"])
                self.assertEqual(b"first", s3.get_object(Bucket=bucket, Key="taken")["Body"].read(), f"attempt {attempt}")
        finally:
            empty_and_delete(s3, bucket)

    @staticmethod
    def _read_response(sock):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1)) if re.search(rb"(?i)content-length:", head) else 0
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body


class VirtualHostTests(unittest.TestCase):
    def test_virtual_hosted_style_round_trip(self):
        self.assertTrue(VHOST_ENDPOINT, "BLEEPSTORE_VHOST_ENDPOINT is not set (run_e2e.sh starts a server with server.domain: localhost)")
        resolve_localhost_subdomains()
        seen_hosts = []
        s3 = client(endpoint=VHOST_ENDPOINT, addressing_style="virtual")
        s3.meta.events.register("before-send.s3", lambda request, **_: seen_hosts.append(urllib.parse.urlsplit(request.url).hostname))
        bucket = new_bucket_name("pyvh")
        s3.create_bucket(Bucket=bucket)
        try:
            key = "dir/a b+c%d?e#f 🙂"
            s3.put_object(Bucket=bucket, Key=key, Body=b"virtual hosted")
            self.assertEqual(b"virtual hosted", s3.get_object(Bucket=bucket, Key=key)["Body"].read())
            self.assertEqual([key], [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])])
            url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=300)
            self.assertTrue(urllib.parse.urlsplit(url).hostname.startswith(bucket + "."), url)
            path = client(endpoint=VHOST_ENDPOINT.replace("localhost", "127.0.0.1"))
            self.assertEqual(b"virtual hosted", path.get_object(Bucket=bucket, Key=key)["Body"].read())
        finally:
            empty_and_delete(s3, bucket)
        self.assertIn(f"{bucket}.localhost", seen_hosts, f"requests did not use virtual-hosted style: {set(seen_hosts)}")


class PresignedCurlTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name()
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def _curl(self, *args):
        return subprocess.run(["curl", "-sS", "--max-time", "120", *args], capture_output=True, check=False)

    def test_presigned_put_then_get_with_curl(self):
        key = "curl/presigned file 🙂.bin"
        data = os.urandom(3 * 1024 * 1024 + 17)
        with tempfile.TemporaryDirectory() as tmp:
            source = os.path.join(tmp, "up.bin")
            target = os.path.join(tmp, "down.bin")
            with open(source, "wb") as f:
                f.write(data)
            put_url = self.s3.generate_presigned_url("put_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=300)
            put = self._curl("-o", "/dev/null", "-w", "%{http_code}", "-T", source, put_url)
            self.assertEqual(b"200", put.stdout, put.stderr)
            get_url = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=300)
            get = self._curl("-o", target, "-w", "%{http_code}", get_url)
            self.assertEqual(b"200", get.stdout, get.stderr)
            with open(target, "rb") as f:
                self.assertEqual(hashlib.md5(data).hexdigest(), hashlib.md5(f.read()).hexdigest())

    def test_presigned_expired_is_403_access_denied(self):
        self.s3.put_object(Bucket=self.bucket, Key="curl/expired", Body=b"x")
        url = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "curl/expired"}, ExpiresIn=1)
        import time
        time.sleep(2.5)
        response = self._curl("-w", "\n%{http_code}", url)
        body, _, status = response.stdout.rpartition(b"\n")
        self.assertEqual(b"403", status)
        self.assertIn(b"<Code>AccessDenied</Code>", body)

    def test_presigned_expires_over_seven_days_is_400(self):
        url = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "curl/any"}, ExpiresIn=604801)
        response = self._curl("-w", "\n%{http_code}", url)
        body, _, status = response.stdout.rpartition(b"\n")
        self.assertEqual(b"400", status, body)
        self.assertIn(b"<Code>AuthorizationQueryParametersError</Code>", body)


class RequestFramingTests(unittest.TestCase):
    """Answers as S3 gives them for requests the .NET SDK will not send: an unknown directive, Date beside x-amz-date,
    chunked PUTs without Content-Length."""

    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name("pyexact")
        cls.s3.create_bucket(Bucket=cls.bucket)
        cls.s3.put_object(Bucket=cls.bucket, Key="src", Body=b"source")

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def _error(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            call(**kwargs)
        return raised.exception.response

    def test_copy_with_unknown_metadata_directive_is_invalid_argument(self):
        error = self._error(self.s3.copy_object, Bucket=self.bucket, Key="dst", CopySource={"Bucket": self.bucket, "Key": "src"},
                            MetadataDirective="MOVE")
        self.assertEqual(400, error["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual("InvalidArgument", error["Error"]["Code"])
        self.assertEqual("x-amz-metadata-directive", error["Error"].get("ArgumentName"))
        self.assertEqual(["src"], [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", [])])

    def test_date_and_x_amz_date_both_sent_x_amz_date_wins(self):
        # A stale Date next to the signed x-amz-date: S3 uses x-amz-date and does not judge Date.
        s3 = client()
        s3.meta.events.register("before-send.s3.HeadObject", lambda request, **_: request.headers.__setitem__("Date", "Sat, 01 Jan 2000 00:00:00 GMT"))
        self.assertEqual(6, s3.head_object(Bucket=self.bucket, Key="src")["ContentLength"])

    def test_date_instead_of_x_amz_date_as_botocore_writes_it(self):
        # With a Date header set, botocore signs Date (RFC 2822, "-0000" zone) and sends no x-amz-date.
        s3 = client()
        s3.meta.events.register("before-sign.s3.HeadObject", lambda request, **_: request.headers.__setitem__("Date", "x"))
        sent = []
        s3.meta.events.register("before-send.s3.HeadObject", lambda request, **_: sent.append(dict(request.headers)))
        self.assertEqual(6, s3.head_object(Bucket=self.bucket, Key="src")["ContentLength"])
        self.assertNotIn("X-Amz-Date", sent[-1])
        self.assertTrue(sent[-1]["Date"].endswith(b"-0000"), sent[-1]["Date"])

    def _put_chunked_and_compare(self, s3, key, data, body):
        sent = []
        s3.meta.events.register("before-send.s3.PutObject", lambda request, **_: sent.append(dict(request.headers)))
        s3.put_object(Bucket=self.bucket, Key=key, Body=body)
        headers = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in sent[-1].items()}
        self.assertNotIn("content-length", headers)
        self.assertEqual("chunked", headers.get("transfer-encoding"))
        got = self.s3.get_object(Bucket=self.bucket, Key=key)
        self.assertEqual(len(data), got["ContentLength"])
        self.assertEqual(hashlib.md5(data).hexdigest(), hashlib.md5(got["Body"].read()).hexdigest())
        return headers

    def test_put_plain_chunked_without_content_length_is_stored(self):
        # Signed payload hash, then the body re-framed as Transfer-Encoding: chunked with no Content-Length.
        s3 = client(request_checksum_calculation="when_required")
        data = os.urandom(5 * 1024 * 1024 + 3)

        def rechunk(request, **_):
            del request.headers["Content-Length"]
            request.headers["Transfer-Encoding"] = "chunked"
            request.body = (data[i:i + 65536] for i in range(0, len(data), 65536))

        s3.meta.events.register("before-send.s3.PutObject", rechunk)
        headers = self._put_chunked_and_compare(s3, "chunked/plain", data, data)
        self.assertNotIn("x-amz-decoded-content-length", headers)

    def test_put_aws_chunked_over_chunked_transfer_is_stored(self):
        # aws-chunked (STREAMING-UNSIGNED-PAYLOAD-TRAILER, CRC32 trailer) with x-amz-decoded-content-length, sent as
        # Transfer-Encoding: chunked with no Content-Length; botocore signs the headers (boto3 itself uses
        # aws-chunked only over https).
        import base64
        import http.client
        import zlib
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        data = os.urandom(2 * 1024 * 1024 + 7)
        crc = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
        url = f"{self.s3.meta.endpoint_url}/{self.bucket}/chunked/aws"
        request = AWSRequest(method="PUT", url=url, headers={
            "Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": str(len(data)),
            "x-amz-trailer": "x-amz-checksum-crc32", "Transfer-Encoding": "chunked"})
        request.context["checksum"] = {"request_algorithm": {"in": "trailer", "algorithm": "crc32", "name": "x-amz-checksum-crc32"}}
        S3SigV4Auth(self.s3._request_signer._credentials, "s3", self.s3.meta.region_name).add_auth(request)
        self.assertEqual("STREAMING-UNSIGNED-PAYLOAD-TRAILER", request.headers["X-Amz-Content-SHA256"])
        framed = b"".join(f"{len(data[i:i + 65536]):x}\r\n".encode() + data[i:i + 65536] + b"\r\n" for i in range(0, len(data), 65536))
        framed += f"0\r\nx-amz-checksum-crc32:{crc}\r\n\r\n".encode()
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.putrequest("PUT", parts.path, skip_accept_encoding=True)
        for name, value in request.headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        for i in range(0, len(framed), 100000):
            piece = framed[i:i + 100000]
            connection.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        connection.send(b"0\r\n\r\n")
        response = connection.getresponse()
        self.assertEqual(200, response.status, response.read())
        connection.close()
        got = self.s3.get_object(Bucket=self.bucket, Key="chunked/aws", ChecksumMode="ENABLED")
        self.assertEqual(len(data), got["ContentLength"])
        self.assertEqual(crc, got.get("ChecksumCRC32"))
        self.assertEqual(hashlib.md5(data).hexdigest(), hashlib.md5(got["Body"].read()).hexdigest())

class TaggingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name()
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def _tags(self, key):
        return [(t["Key"], t["Value"]) for t in self.s3.get_object_tagging(Bucket=self.bucket, Key=key)["TagSet"]]

    def test_object_tags_header_put_get_delete_and_count(self):
        # Form-encoded as boto3 users write it: a space as +, + and = percent-encoded inside values.
        self.s3.put_object(Bucket=self.bucket, Key="t/a", Body=b"x", Tagging=urllib.parse.urlencode({"team": "blue sky", "eq": "1=1+2"}))
        self.assertEqual([("eq", "1=1+2"), ("team", "blue sky")], self._tags("t/a"))
        self.assertEqual(2, self.s3.get_object(Bucket=self.bucket, Key="t/a")["TagCount"])
        self.assertEqual("2", self.s3.head_object(Bucket=self.bucket, Key="t/a")["ResponseMetadata"]["HTTPHeaders"]["x-amz-tagging-count"])
        self.s3.put_object_tagging(Bucket=self.bucket, Key="t/a", Tagging={"TagSet": [{"Key": "ключ", "Value": "值"}]})
        self.assertEqual([("ключ", "值")], self._tags("t/a"))
        self.s3.delete_object_tagging(Bucket=self.bucket, Key="t/a")
        self.assertEqual([], self._tags("t/a"))
        self.assertNotIn("TagCount", self.s3.get_object(Bucket=self.bucket, Key="t/a"))

    def test_object_tag_limits(self):
        self.s3.put_object(Bucket=self.bucket, Key="t/limits", Body=b"x")
        cases = [
            ([{"Key": f"k{i}", "Value": "v"} for i in range(11)], "BadRequest"),
            ([{"Key": "k" * 129, "Value": "v"}], "InvalidTag"),
            ([{"Key": "k", "Value": "v" * 257}], "InvalidTag"),
            ([{"Key": "d", "Value": "1"}, {"Key": "d", "Value": "2"}], "InvalidTag"),
        ]
        for tag_set, code in cases:
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                self.s3.put_object_tagging(Bucket=self.bucket, Key="t/limits", Tagging={"TagSet": tag_set})
            self.assertEqual(code, caught.exception.response["Error"]["Code"])
            self.assertEqual(400, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual([], self._tags("t/limits"))

    def test_unicode_lengths_count_characters_not_bytes(self):
        # 128 and 256 Cyrillic characters are 256 and 512 UTF-8 bytes: within S3's limits, which count characters.
        self.s3.put_object(Bucket=self.bucket, Key="t/unicode", Body=b"x")
        self.s3.put_object_tagging(Bucket=self.bucket, Key="t/unicode", Tagging={"TagSet": [{"Key": "й" * 128, "Value": "ж" * 256}]})
        self.assertEqual([("й" * 128, "ж" * 256)], self._tags("t/unicode"))
        for tag in ({"Key": "й" * 129, "Value": "v"}, {"Key": "k", "Value": "ж" * 257}):
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                self.s3.put_object_tagging(Bucket=self.bucket, Key="t/unicode", Tagging={"TagSet": [tag]})
            self.assertEqual(("InvalidTag", 400), (caught.exception.response["Error"]["Code"],
                                                   caught.exception.response["ResponseMetadata"]["HTTPStatusCode"]))
        self.assertEqual([("й" * 128, "ж" * 256)], self._tags("t/unicode"))

    def test_tagging_header_errors_store_nothing(self):
        cases = [
            ("&".join(f"k{i}=v" for i in range(11)), "BadRequest"),
            ("a=1&a=2", "InvalidArgument"),
            ("a=" + "v" * 257, "InvalidTag"),
            ("aws:reserved=1", "InvalidTag"),
        ]
        for header, code in cases:
            with self.subTest(header=header[:40]):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    self.s3.put_object(Bucket=self.bucket, Key="t/header-refused", Body=b"x", Tagging=header)
                self.assertEqual((code, 400), (caught.exception.response["Error"]["Code"],
                                               caught.exception.response["ResponseMetadata"]["HTTPStatusCode"]))
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    self.s3.create_multipart_upload(Bucket=self.bucket, Key="t/header-refused", Tagging=header)
                self.assertEqual(code, caught.exception.response["Error"]["Code"])
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="t/header-refused").get("Contents", [])
        self.assertEqual([], listed)
        self.assertEqual([], self.s3.list_multipart_uploads(Bucket=self.bucket, Prefix="t/header-refused").get("Uploads", []))

    def test_malformed_tagging_documents(self):
        import base64
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        self.s3.put_object(Bucket=self.bucket, Key="t/malformed", Body=b"x", Tagging="keep=1")
        for body in (b"<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>", b"<TagSet/>", b"<Tagging><TagSet>", b""):
            with self.subTest(body=body):
                url = f"{self.s3.meta.endpoint_url}/{self.bucket}/t/malformed?tagging"
                request = AWSRequest(method="PUT", url=url, data=body,
                                     headers={"Content-MD5": base64.b64encode(hashlib.md5(body).digest()).decode()})
                S3SigV4Auth(self.s3._request_signer._credentials, "s3", self.s3.meta.region_name).add_auth(request)
                prepared = request.prepare()
                raw = urllib.request.Request(prepared.url, data=body, method="PUT", headers=dict(prepared.headers))
                with self.assertRaises(urllib.error.HTTPError) as caught:
                    urllib.request.urlopen(raw)
                answer = caught.exception.read()
                self.assertEqual(400, caught.exception.code, answer)
                self.assertEqual("MalformedXML", ET.fromstring(answer).findtext("Code"), answer)
        self.assertEqual([("keep", "1")], self._tags("t/malformed"))

    def test_bucket_tag_limit_is_50(self):
        fifty = [{"Key": f"k{i:02d}", "Value": "v"} for i in range(50)]
        self.s3.put_bucket_tagging(Bucket=self.bucket, Tagging={"TagSet": fifty})
        try:
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                self.s3.put_bucket_tagging(Bucket=self.bucket, Tagging={"TagSet": fifty + [{"Key": "k50", "Value": "v"}]})
            self.assertEqual(("InvalidTag", 400), (caught.exception.response["Error"]["Code"],
                                                   caught.exception.response["ResponseMetadata"]["HTTPStatusCode"]))
            self.assertEqual(fifty, self.s3.get_bucket_tagging(Bucket=self.bucket)["TagSet"])
        finally:
            self.s3.delete_bucket_tagging(Bucket=self.bucket)

    def test_copy_directive_and_multipart_tags(self):
        self.s3.put_object(Bucket=self.bucket, Key="t/src", Body=b"s", Tagging="s=1")
        self.s3.copy_object(Bucket=self.bucket, Key="t/copy", CopySource={"Bucket": self.bucket, "Key": "t/src"})
        self.s3.copy_object(Bucket=self.bucket, Key="t/repl", CopySource={"Bucket": self.bucket, "Key": "t/src"},
                            TaggingDirective="REPLACE", Tagging="r=2")
        self.assertEqual([("s", "1")], self._tags("t/copy"))
        self.assertEqual([("r", "2")], self._tags("t/repl"))
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key="t/mp", Tagging="mp=3")
        part = self.s3.upload_part(Bucket=self.bucket, Key="t/mp", UploadId=upload["UploadId"], PartNumber=1, Body=b"p")
        self.s3.complete_multipart_upload(Bucket=self.bucket, Key="t/mp", UploadId=upload["UploadId"],
                                          MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        self.assertEqual([("mp", "3")], self._tags("t/mp"))

    def test_bucket_tags(self):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.s3.get_bucket_tagging(Bucket=self.bucket)
        self.assertEqual("NoSuchTagSet", caught.exception.response["Error"]["Code"])
        self.s3.put_bucket_tagging(Bucket=self.bucket, Tagging={"TagSet": [{"Key": "cost-center", "Value": "42"}]})
        self.assertEqual([{"Key": "cost-center", "Value": "42"}], self.s3.get_bucket_tagging(Bucket=self.bucket)["TagSet"])
        self.s3.delete_bucket_tagging(Bucket=self.bucket)
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.s3.get_bucket_tagging(Bucket=self.bucket)
        self.assertEqual("NoSuchTagSet", caught.exception.response["Error"]["Code"])


class ExactAnswerTests(unittest.TestCase):
    """Issue 9's exact answers as boto3 meets them: S3's code and status, nothing changed."""

    @classmethod
    def setUpClass(cls):
        cls.s3 = client()
        cls.bucket = new_bucket_name()
        cls.s3.create_bucket(Bucket=cls.bucket)

    @classmethod
    def tearDownClass(cls):
        empty_and_delete(cls.s3, cls.bucket)

    def assert_error(self, code, status, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        self.assertEqual(code, caught.exception.response["Error"]["Code"])
        self.assertEqual(status, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        return caught.exception.response

    def test_put_acl_with_neither_header_nor_body_is_missing_security_header(self):
        self.s3.put_object(Bucket=self.bucket, Key="acl/none", Body=b"x", ACL="public-read")
        self.assert_error("MissingSecurityHeader", 400, self.s3.put_object_acl, Bucket=self.bucket, Key="acl/none")
        self.assert_error("MissingSecurityHeader", 400, self.s3.put_bucket_acl, Bucket=self.bucket)
        grants = self.s3.get_object_acl(Bucket=self.bucket, Key="acl/none")["Grants"]
        self.assertIn("http://acs.amazonaws.com/groups/global/AllUsers", [g["Grantee"].get("URI") for g in grants])

    def test_unknown_location_constraint_is_invalid_location_constraint(self):
        name = new_bucket_name()
        self.assert_error("InvalidLocationConstraint", 400, self.s3.create_bucket, Bucket=name,
                          CreateBucketConfiguration={"LocationConstraint": "atlantis-1"})
        with self.assertRaises(botocore.exceptions.ClientError):
            self.s3.head_bucket(Bucket=name)
        self.s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-7"})
        self.assertEqual("ap-southeast-7", self.s3.get_bucket_location(Bucket=name)["LocationConstraint"])
        self.s3.delete_bucket(Bucket=name)

    def test_continuation_token_not_issued_by_the_server_is_invalid_argument(self):
        for key in ("tok/a", "tok/b", "tok/c"):
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=b"x")
        keys = [o["Key"] for page in self.s3.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix="tok/", PaginationConfig={"PageSize": 1}) for o in page.get("Contents", [])]
        self.assertEqual(["tok/a", "tok/b", "tok/c"], keys)
        for token in ("dG9rL2E", "not a token", "AQF0b2svYQ"):
            response = self.assert_error("InvalidArgument", 400, self.s3.list_objects_v2, Bucket=self.bucket, ContinuationToken=token)
            self.assertEqual("The continuation token provided is incorrect", response["Error"]["Message"])

    def test_list_type_other_than_2_is_invalid_argument(self):
        s3 = client()
        s3.meta.events.register("before-sign.s3.ListObjectsV2",
                                lambda request, **_: setattr(request, "url", request.url.replace("list-type=2", "list-type=3")))
        response = self.assert_error("InvalidArgument", 400, s3.list_objects_v2, Bucket=self.bucket)
        self.assertEqual("list-type", response["Error"].get("ArgumentName"))

    def test_negative_max_uploads_and_max_parts_are_invalid_argument(self):
        s3 = client(parameter_validation=False)
        response = self.assert_error("InvalidArgument", 400, s3.list_multipart_uploads, Bucket=self.bucket, MaxUploads=-1)
        self.assertEqual("Argument max-uploads must be an integer between 0 and 2147483647", response["Error"]["Message"])
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key="mp/limits")
        try:
            response = self.assert_error("InvalidArgument", 400, s3.list_parts, Bucket=self.bucket, Key="mp/limits",
                                         UploadId=upload["UploadId"], MaxParts=-1)
            self.assertEqual("max-parts", response["Error"].get("ArgumentName"))
            self.assertEqual(1000, self.s3.list_multipart_uploads(Bucket=self.bucket, MaxUploads=5000)["MaxUploads"])
        finally:
            self.s3.abort_multipart_upload(Bucket=self.bucket, Key="mp/limits", UploadId=upload["UploadId"])

    def test_grants_to_unknown_accounts(self):
        self.s3.put_object(Bucket=self.bucket, Key="acl/grants", Body=b"x")
        response = self.assert_error("InvalidArgument", 400, self.s3.put_object_acl, Bucket=self.bucket, Key="acl/grants",
                                     GrantRead='id="no-such-canonical-id"')
        self.assertEqual("CanonicalUser/ID", response["Error"].get("ArgumentName"))
        self.assert_error("UnresolvableGrantByEmailAddress", 400, self.s3.put_object_acl, Bucket=self.bucket, Key="acl/grants",
                          GrantRead='emailAddress="nobody@example.com"')
        self.assert_error("InvalidArgument", 400, self.s3.put_object, Bucket=self.bucket, Key="acl/never", Body=b"x",
                          GrantRead='id="no-such-canonical-id"')
        second = os.environ.get("BLEEPSTORE_SECOND_ACCESS_KEY", "bleepstore-second")
        self.s3.put_object_acl(Bucket=self.bucket, Key="acl/grants", GrantRead=f'id="{second}"')
        grants = self.s3.get_object_acl(Bucket=self.bucket, Key="acl/grants")["Grants"]
        self.assertEqual([(second, "READ")], [(g["Grantee"].get("ID"), g["Permission"]) for g in grants])
        with self.assertRaises(botocore.exceptions.ClientError):
            self.s3.head_object(Bucket=self.bucket, Key="acl/never")

    def test_canned_acl_lists_group_grants_first(self):
        self.s3.put_object(Bucket=self.bucket, Key="acl/order", Body=b"x", ACL="authenticated-read")
        grants = self.s3.get_object_acl(Bucket=self.bucket, Key="acl/order")["Grants"]
        self.assertEqual(["Group", "CanonicalUser"], [g["Grantee"]["Type"] for g in grants])
        self.assertEqual("http://acs.amazonaws.com/groups/global/AuthenticatedUsers", grants[0]["Grantee"]["URI"])

    def test_list_buckets_pages_with_max_buckets_prefix_and_region(self):
        prefix = new_bucket_name("pg") + "-"
        names = [prefix + str(i) for i in range(3)]
        for i, name in enumerate(names):
            config = {"CreateBucketConfiguration": {"LocationConstraint": "eu-central-1"}} if i == 2 else {}
            self.s3.create_bucket(Bucket=name, **config)
        try:
            seen, token, pages = [], None, 0
            while True:
                kwargs = {"ContinuationToken": token} if token else {}
                page = self.s3.list_buckets(Prefix=prefix, MaxBuckets=2, **kwargs)
                self.assertEqual(prefix, page["Prefix"])
                seen += [(b["Name"], b["BucketRegion"]) for b in page["Buckets"]]
                pages += 1
                token = page.get("ContinuationToken")
                if not token:
                    break
            self.assertEqual(2, pages)
            self.assertEqual([(names[0], "us-east-1"), (names[1], "us-east-1"), (names[2], "eu-central-1")], seen)
            eu = self.s3.list_buckets(Prefix=prefix, BucketRegion="eu-central-1")["Buckets"]
            self.assertEqual([names[2]], [b["Name"] for b in eu])
            self.assert_error("InvalidArgument", 400, client(parameter_validation=False).list_buckets, MaxBuckets=0)
            self.assert_error("InvalidArgument", 400, self.s3.list_buckets, ContinuationToken="bm90IGlzc3VlZA")
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                self.s3.list_buckets(BucketRegion="eu-east-1")
            self.assertEqual({"Code": "InvalidArgument", "Message": "Argument value eu-east-1 is not a valid AWS Region",
                              "ArgumentName": "bucket-region"},
                             {k: v for k, v in caught.exception.response["Error"].items() if k in ("Code", "Message", "ArgumentName", "ArgumentValue")})
        finally:
            for name in names:
                self.s3.delete_bucket(Bucket=name)

    def test_expected_bucket_owner(self):
        me = os.environ.get("BLEEPSTORE_ACCESS_KEY", "bleepstore")
        self.s3.put_object(Bucket=self.bucket, Key="ebo/a", Body=b"a", ExpectedBucketOwner=me)
        self.assertEqual(b"a", self.s3.get_object(Bucket=self.bucket, Key="ebo/a", ExpectedBucketOwner=me)["Body"].read())
        self.assert_error("AccessDenied", 403, self.s3.get_object, Bucket=self.bucket, Key="ebo/a", ExpectedBucketOwner="111122223333")
        self.assert_error("AccessDenied", 403, self.s3.put_object_tagging, Bucket=self.bucket, Key="ebo/a",
                          Tagging={"TagSet": [{"Key": "k", "Value": "v"}]}, ExpectedBucketOwner="111122223333")
        self.assert_error("AccessDenied", 403, self.s3.copy_object, Bucket=self.bucket, Key="ebo/copy",
                          CopySource={"Bucket": self.bucket, "Key": "ebo/a"}, ExpectedSourceBucketOwner="111122223333")
        self.assertEqual([], self.s3.get_object_tagging(Bucket=self.bucket, Key="ebo/a")["TagSet"])
        self.s3.copy_object(Bucket=self.bucket, Key="ebo/copy", CopySource={"Bucket": self.bucket, "Key": "ebo/a"},
                            ExpectedSourceBucketOwner=me, ExpectedBucketOwner=me)
        self.assertEqual(1, self.s3.head_object(Bucket=self.bucket, Key="ebo/copy")["ContentLength"])

    def test_bucket_ownership_controls(self):
        name = new_bucket_name()
        self.assert_error("InvalidArgument", 400, self.s3.create_bucket, Bucket=name, ObjectOwnership="Nobody")
        self.s3.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced")
        try:
            rules = self.s3.get_bucket_ownership_controls(Bucket=name)["OwnershipControls"]["Rules"]
            self.assertEqual([{"ObjectOwnership": "BucketOwnerEnforced"}], rules)
            self.assert_error("AccessControlListNotSupported", 400, self.s3.put_object, Bucket=name, Key="k", Body=b"x", ACL="public-read")
            self.s3.put_object(Bucket=name, Key="k", Body=b"x", ACL="bucket-owner-full-control")
            self.assert_error("AccessControlListNotSupported", 400, self.s3.put_object_acl, Bucket=name, Key="k", ACL="authenticated-read")
            self.s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]})
            self.s3.put_object_acl(Bucket=name, Key="k", ACL="public-read")
            self.s3.delete_bucket_ownership_controls(Bucket=name)
            self.assert_error("OwnershipControlsNotFoundError", 404, self.s3.get_bucket_ownership_controls, Bucket=name)
        finally:
            empty_and_delete(self.s3, name)

    def test_get_object_attributes(self):
        put = self.s3.put_object(Bucket=self.bucket, Key="attrs/a", Body=b"abcdef", ChecksumAlgorithm="SHA256")
        got = self.s3.get_object_attributes(Bucket=self.bucket, Key="attrs/a",
                                            ObjectAttributes=["ETag", "Checksum", "ObjectSize", "StorageClass"])
        self.assertEqual(put["ETag"].strip('"'), got["ETag"])
        self.assertEqual(6, got["ObjectSize"])
        self.assertEqual("STANDARD", got["StorageClass"])
        self.assertEqual(put["ChecksumSHA256"], got["Checksum"]["ChecksumSHA256"])
        self.assertIn("LastModified", got)
        self.assertNotIn("ObjectParts", got)
        only = self.s3.get_object_attributes(Bucket=self.bucket, Key="attrs/a", ObjectAttributes=["ObjectSize"])
        self.assertNotIn("ETag", only)
        self.assert_error("InvalidArgument", 400, client(parameter_validation=False).get_object_attributes,
                          Bucket=self.bucket, Key="attrs/a", ObjectAttributes=["Colour"])

    def _three_parts(self, key, **create):
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key, **create)
        algorithm = create.get("ChecksumAlgorithm")
        parts = []
        for n, body in enumerate((b"a" * 5 * 1024 * 1024, b"b" * 5 * 1024 * 1024, b"c" * 1000), start=1):
            extra = {"ChecksumAlgorithm": algorithm} if algorithm else {}
            part = self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload["UploadId"], PartNumber=n, Body=body, **extra)
            parts.append({k: v for k, v in part.items() if k == "ETag" or k.startswith("Checksum") and k != "ChecksumType"} | {"PartNumber": n})
        return self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload["UploadId"], MultipartUpload={"Parts": parts}), parts

    def test_get_object_attributes_of_multipart_objects(self):
        # COMPOSITE: parts listed with their checksums, paged; the object checksum without its -3 (as S3 answers).
        complete, parts = self._three_parts("attrs/composite", ChecksumAlgorithm="SHA1")
        first = self.s3.get_object_attributes(Bucket=self.bucket, Key="attrs/composite", ObjectAttributes=["ObjectParts", "Checksum"], MaxParts=2)
        self.assertEqual({"ChecksumSHA1": complete["ChecksumSHA1"][:-2], "ChecksumType": "COMPOSITE"}, first["Checksum"])
        self.assertEqual({"TotalPartsCount": 3, "PartNumberMarker": 0, "NextPartNumberMarker": 2, "MaxParts": 2, "IsTruncated": True,
                          "Parts": [{"PartNumber": n, "Size": 5 * 1024 * 1024, "ChecksumSHA1": parts[n - 1]["ChecksumSHA1"]} for n in (1, 2)]},
                         first["ObjectParts"])
        rest = self.s3.get_object_attributes(Bucket=self.bucket, Key="attrs/composite", ObjectAttributes=["ObjectParts"], MaxParts=2, PartNumberMarker=2)
        self.assertEqual([{"PartNumber": 3, "Size": 1000, "ChecksumSHA1": parts[2]["ChecksumSHA1"]}], rest["ObjectParts"]["Parts"])
        self.assertEqual((False, 3), (rest["ObjectParts"]["IsTruncated"], rest["ObjectParts"]["NextPartNumberMarker"]))
        part = self.s3.head_object(Bucket=self.bucket, Key="attrs/composite", PartNumber=3, ChecksumMode="ENABLED")
        self.assertEqual((parts[2]["ChecksumSHA1"], "COMPOSITE"), (part.get("ChecksumSHA1"), part.get("ChecksumType")))
        # FULL_OBJECT or no checksum: only the part count, and no checksum on a part read.
        self._three_parts("attrs/full", ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
        self._three_parts("attrs/plain")
        for key in ("attrs/full", "attrs/plain"):
            got = self.s3.get_object_attributes(Bucket=self.bucket, Key=key, ObjectAttributes=["ObjectParts"], MaxParts=0)
            self.assertEqual({"TotalPartsCount": 3}, got["ObjectParts"])
            part = self.s3.head_object(Bucket=self.bucket, Key=key, PartNumber=2, ChecksumMode="ENABLED")
            self.assertNotIn("ChecksumCRC32", part)

    def test_part_number_beyond_the_parts_is_416_invalid_part_number(self):
        self.s3.put_object(Bucket=self.bucket, Key="parts/one", Body=b"x")
        self.assert_error("InvalidPartNumber", 416, self.s3.get_object, Bucket=self.bucket, Key="parts/one", PartNumber=2)


ADMIN_TOKEN = os.environ.get("BLEEPSTORE_ADMIN_TOKEN", "bleepstore-e2e-admin")


def admin(method, path, body=None):
    """One admin API call (bearer server.admin_token, /admin on the S3 port); returns (status, parsed JSON or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(ENDPOINT + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + ADMIN_TOKEN, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read()
        return e.code, (json.loads(text) if text else None)


class AdminCredentialTests(unittest.TestCase):
    def test_key_created_by_admin_api_works_at_once_then_disabled_then_deleted(self):
        status, created = admin("POST", "/admin/credentials", {"description": "boto3 e2e"})
        self.assertEqual(201, status)
        key_id, secret = created["access_key_id"], created["secret_access_key"]
        s3 = client()
        s3 = boto3.session.Session().client("s3", endpoint_url=ENDPOINT, aws_access_key_id=key_id, aws_secret_access_key=secret,
                                            region_name=s3.meta.region_name, config=s3.meta.config)
        bucket = new_bucket_name("adm")
        s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="k", Body=b"by a new key")
        self.assertEqual(b"by a new key", s3.get_object(Bucket=bucket, Key="k")["Body"].read())
        _, listed = admin("GET", "/admin/credentials")
        self.assertNotIn(secret, json.dumps(listed))
        self.assertIn(key_id, [c["access_key_id"] for c in listed["credentials"]])

        self.assertEqual(200, admin("PUT", f"/admin/credentials/{key_id}/status", {"status": "disabled"})[0])
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            s3.list_objects_v2(Bucket=bucket)
        self.assertEqual("InvalidAccessKeyId", caught.exception.response["Error"]["Code"])
        self.assertEqual(403, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])

        self.assertEqual(200, admin("PUT", f"/admin/credentials/{key_id}/status", {"status": "active"})[0])
        empty_and_delete(s3, bucket)
        self.assertEqual(204, admin("DELETE", f"/admin/credentials/{key_id}")[0])
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            s3.list_buckets()
        self.assertEqual("InvalidAccessKeyId", caught.exception.response["Error"]["Code"])
        self.assertEqual(404, admin("DELETE", f"/admin/credentials/{key_id}")[0])


if __name__ == "__main__":
    main()
