#!/usr/bin/env python3
"""Creates a blob container on Azurite (or any Shared Key endpoint) with the standard library only.

    create_container.py BLOB_ENDPOINT ACCOUNT BASE64_KEY CONTAINER
"""
import base64
import hashlib
import hmac
import sys
import urllib.error
import urllib.parse
import urllib.request
from email.utils import formatdate

VERSION = "2021-08-06"


def main() -> int:
    endpoint, account, key, container = sys.argv[1:5]
    url = f"{endpoint.rstrip('/')}/{container}?restype=container"
    date = formatdate(usegmt=True)
    path = urllib.parse.urlparse(url).path
    # Shared Key: 12 standard header slots (all empty here), the x-ms-* headers, then the resource.
    string_to_sign = "PUT\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:{VERSION}\n" + f"/{account}{path}\nrestype:container"
    signature = base64.b64encode(hmac.new(base64.b64decode(key), string_to_sign.encode(), hashlib.sha256).digest()).decode()
    request = urllib.request.Request(url, method="PUT", headers={"Content-Length": "0",
        "x-ms-date": date, "x-ms-version": VERSION, "Authorization": f"SharedKey {account}:{signature}"})
    try:
        with urllib.request.urlopen(request) as response:
            return 0 if response.status == 201 else 1
    except urllib.error.HTTPError as e:
        if e.code == 409:  # already exists
            return 0
        print(f"create container {container}: HTTP {e.code} {e.read()[:300]!r}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
