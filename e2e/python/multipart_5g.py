"""Uploads a large generated object with boto3's managed multipart transfer (N parts, C in parallel), downloads
it back into a hash, and prints one JSON line: sizes, md5s, timings. Nothing touches the disk on the client side.

    multipart_5g.py BUCKET KEY SIZE_BYTES PARTS CONCURRENCY
"""
import hashlib
import json
import os
import sys
import time

import boto3.s3.transfer

from bleepstore_e2e import client

BLOCK = 1024 * 1024


class PatternReader:
    """A non-seekable stream of SIZE bytes: a random 1 MiB block, each copy stamped with its index (so misplaced
    parts change the hash), hashed as it is read."""

    def __init__(self, size):
        self.size, self.offset = size, 0
        self.base = bytearray(os.urandom(BLOCK))
        self.md5 = hashlib.md5()
        self.pending = b""

    def read(self, n=-1):
        if n is None or n < 0:
            n = self.size - self.offset
        out = []
        want = min(n, self.size - self.offset)
        while want > 0:
            if not self.pending:
                index = self.offset // BLOCK
                self.base[:8] = index.to_bytes(8, "big")
                self.pending = bytes(self.base[: min(BLOCK, self.size - index * BLOCK)])
            chunk, self.pending = self.pending[:want], self.pending[want:]
            out.append(chunk)
            self.offset += len(chunk)
            want -= len(chunk)
        data = b"".join(out)
        self.md5.update(data)
        return data


class HashSink:
    """Writable, seekable-enough target for download_fileobj: parts arrive in order when max_concurrency is 1."""

    def __init__(self):
        self.md5, self.size = hashlib.md5(), 0

    def write(self, data):
        self.md5.update(data)
        self.size += len(data)
        return len(data)


def main():
    bucket, key, size, parts, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    s3 = client(max_pool_connections=concurrency + 2, read_timeout=600)
    chunk = -(-size // parts)
    upload_config = boto3.s3.transfer.TransferConfig(multipart_threshold=chunk, multipart_chunksize=chunk, max_concurrency=concurrency)
    source = PatternReader(size)
    started = time.monotonic()
    s3.upload_fileobj(source, bucket, key, Config=upload_config)
    uploaded = time.monotonic() - started
    head = s3.head_object(Bucket=bucket, Key=key)
    # Sequential ranged download straight into the hash (no temp file).
    started = time.monotonic()
    sink = HashSink()
    body = s3.get_object(Bucket=bucket, Key=key)["Body"]
    for piece in body.iter_chunks(chunk_size=BLOCK):
        sink.write(piece)
    downloaded = time.monotonic() - started
    print(json.dumps({
        "size": size, "parts": parts, "chunk": chunk, "concurrency": concurrency, "etag": head["ETag"],
        "content_length": head["ContentLength"], "upload_md5": source.md5.hexdigest(), "download_md5": sink.md5.hexdigest(),
        "download_size": sink.size, "upload_s": round(uploaded, 1), "download_s": round(downloaded, 1),
    }))


if __name__ == "__main__":
    main()
