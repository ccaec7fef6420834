"""A real browser against the live server: headless Chromium (Debian's `chromium`) loads a page from another
loopback origin (a static server on a free port) that uploads and downloads an object with fetch() through
presigned URLs; the same page served from an origin the bucket's CORS rules do not name is refused.
Prints PASS/FAIL per check and ends with 'N passed, N failed'."""
import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from bleepstore_e2e import client, empty_and_delete, new_bucket_name  # noqa: E402

CHROMIUM = os.environ.get("BLEEPSTORE_CHROMIUM", "chromium")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>cors</title></head>
<body><pre id="result">pending</pre>
<script>
const urls = %(urls)s;
async function run() {
  const out = {};
  try {
    const put = await fetch(urls.put, {method: "PUT", body: urls.body, headers: {"Content-Type": "text/plain"}});
    out.put = put.status;
    out.etag = put.headers.get("ETag");
  } catch (e) { out.put = "refused: " + e.name; }
  try {
    const get = await fetch(urls.get);
    out.get = get.status;
    out.text = await get.text();
  } catch (e) { out.get = "refused: " + e.name; }
  try {
    const missing = await fetch(urls.missing);
    out.missing = missing.status;
  } catch (e) { out.missing = "refused: " + e.name; }
  document.getElementById("result").textContent = "DONE " + JSON.stringify(out);
}
run();
</script></body></html>
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(directory):
    """A static file server on a free loopback port, in a thread; returns (server, port)."""
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browse(url, profile):
    """The page's DOM after its scripts ran (virtual time waits for pending fetches)."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         f"--user-data-dir={profile}", "--virtual-time-budget=20000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    start = done.stdout.find("DONE ")
    if start < 0:
        raise AssertionError(f"page did not finish (exit {done.returncode}): {done.stdout[-400:]} {done.stderr[-800:]}")
    end = done.stdout.find("</pre>", start)
    return json.loads(done.stdout[start + 5:end].replace("&quot;", '"').replace("&amp;", "&"))


def main():
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        if ok:
            passed += 1
        else:
            failed += 1

    s3 = client()
    bucket = new_bucket_name("browser")
    s3.create_bucket(Bucket=bucket)
    work = tempfile.mkdtemp(prefix="bleepstore-browser-")
    allowed_server, allowed_port = serve(work)
    other_server, other_port = serve(work)
    allowed_origin = f"http://127.0.0.1:{allowed_port}"
    try:
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [{
            "AllowedOrigins": [allowed_origin], "AllowedMethods": ["GET", "PUT"],
            "AllowedHeaders": ["content-type"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 60}]})
        body = "uploaded by headless chromium " + uuid.uuid4().hex
        urls = {
            "put": s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "from-browser.txt"}, ExpiresIn=600),
            "get": s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "from-browser.txt"}, ExpiresIn=600),
            "missing": s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "no-such-key"}, ExpiresIn=600),
            "body": body,
        }
        with open(os.path.join(work, "page.html"), "w") as f:
            f.write(PAGE % {"urls": json.dumps(urls)})

        result = browse(f"{allowed_origin}/page.html", os.path.join(work, "profile-a"))
        check("allowed origin: presigned PUT through fetch()", result.get("put") == 200, result)
        check("allowed origin: ETag exposed to the page", bool(result.get("etag")), result)
        check("allowed origin: presigned GET through fetch() reads the body", result.get("get") == 200 and result.get("text") == body, result)
        check("allowed origin: an error answer (404) is readable too", result.get("missing") == 404, result)
        stored = s3.get_object(Bucket=bucket, Key="from-browser.txt")
        check("the object the browser uploaded is stored", stored["Body"].read().decode() == body and stored["ContentType"] == "text/plain")

        s3.delete_object(Bucket=bucket, Key="from-browser.txt")
        refused = browse(f"http://localhost:{other_port}/page.html", os.path.join(work, "profile-b"))
        check("other origin: PUT refused by the browser", str(refused.get("put")).startswith("refused"), refused)
        check("other origin: GET refused by the browser", str(refused.get("get")).startswith("refused"), refused)
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        check("other origin: nothing stored (the preflight was refused)", keys == [], keys)
    except Exception as e:  # noqa: BLE001 - a crash is one failed check, with its reason
        check("browser run", False, repr(e))
    finally:
        allowed_server.shutdown()
        other_server.shutdown()
        empty_and_delete(s3, bucket)
        subprocess.run(["rm", "-rf", work], check=False)

    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
