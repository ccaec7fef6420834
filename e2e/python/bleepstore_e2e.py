"""Shared pieces of the boto3 suites: clients for the live server, unique bucket names, a counting test runner."""
import os
import socket
import sys
import unittest
import uuid

import boto3
import botocore.config

ENDPOINT = os.environ.get("BLEEPSTORE_ENDPOINT", "http://127.0.0.1:9000").rstrip("/")
ACCESS_KEY = os.environ.get("BLEEPSTORE_ACCESS_KEY", "bleepstore")
SECRET_KEY = os.environ.get("BLEEPSTORE_SECRET_KEY", "bleepstore-secret")
REGION = os.environ.get("BLEEPSTORE_REGION", "us-east-1")
VHOST_ENDPOINT = os.environ.get("BLEEPSTORE_VHOST_ENDPOINT", "").rstrip("/")


def client(endpoint=ENDPOINT, addressing_style="path", **config):
    config.setdefault("signature_version", "s3v4")
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=botocore.config.Config(
            s3={"addressing_style": addressing_style},
            retries={"max_attempts": 1, "mode": "standard"},
            **config,
        ),
    )


def new_bucket_name(prefix="py"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def empty_and_delete(s3, bucket):
    """Deletes every version and delete marker (a never-versioned bucket lists each object as its null version), then the bucket."""
    try:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
                s3.delete_object(Bucket=bucket, Key=entry["Key"], VersionId=entry["VersionId"])
        s3.delete_bucket(Bucket=bucket)
    except s3.exceptions.NoSuchBucket:
        pass


_real_getaddrinfo = socket.getaddrinfo


def resolve_localhost_subdomains():
    """Make {bucket}.localhost resolve to 127.0.0.1 in this process (glibc does not always), for virtual-hosted requests."""

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".localhost"):
            host = "127.0.0.1"
        return _real_getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo


def _names_defined_twice(path):
    import ast
    import collections
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    counts = collections.Counter(n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef)))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        counts.update(f"{cls.name}.{n.name}" for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return sorted(name for name, n in counts.items() if n > 1)


def main():
    """Runs the tests of the calling module (or only the classes/tests named as arguments, e.g. ExactAnswerTests);
    prints PASS/FAIL per test and ends with 'N passed, N failed'."""
    module = sys.modules["__main__"]
    hidden = _names_defined_twice(module.__file__)
    if hidden:
        # A second class (or def) of the same name replaces the first: the loader never sees its tests.
        print(f"defined twice, the first is never run: {', '.join(hidden)}")
        print("0 passed, 1 failed")
        sys.exit(1)
    names = sys.argv[1:]
    suite = (unittest.defaultTestLoader.loadTestsFromNames(names, module) if names
             else unittest.defaultTestLoader.loadTestsFromModule(module))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    not_passed = len(result.failures) + len(result.errors) + len(result.skipped) + len(result.unexpectedSuccesses)
    print(f"{result.testsRun - not_passed} passed, {not_passed} failed")
    sys.exit(0 if not_passed == 0 else 1)
