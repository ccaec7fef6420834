"""POST Object from a real browser: headless Chromium (Debian's `chromium`) loads a page from another loopback
origin with an HTML form made by boto3's generate_presigned_post; the page puts a file into the form's file input
and submits it, the server answers 303 to the form's success_action_redirect page, which reads bucket, key and
etag from its URL. A second page posts the same kind of form with fetch() and FormData (CORS allows POST for its
origin) and reads the status and the exposed ETag; a third submits a file larger than the policy allows and
gets EntityTooLarge with nothing stored. Prints PASS/FAIL per check and ends with 'N passed, N failed'."""
import hashlib
import html
import json
import os
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
sys.path.insert(0, os.path.dirname(__file__))
from bleepstore_e2e import client, empty_and_delete, new_bucket_name  # noqa: E402
from cors_browser import browse, serve  # noqa: E402

FORM_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>form</title></head>
<body>
<form id="upload" action="%(url)s" method="post" enctype="multipart/form-data">
%(inputs)s
<input type="file" name="file" id="file">
</form>
<script>
const data = new DataTransfer();
data.items.add(new File([%(body)s], "%(filename)s", {type: "text/plain"}));
document.getElementById("file").files = data.files;
document.getElementById("upload").submit();
</script></body></html>
"""

DONE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>done</title></head>
<body><pre id="result">pending</pre>
<script>
const q = new URLSearchParams(location.search);
document.getElementById("result").textContent = "DONE " + JSON.stringify({bucket: q.get("bucket"), key: q.get("key"), etag: q.get("etag")});
</script></body></html>
"""

FETCH_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>fetch</title></head>
<body><pre id="result">pending</pre>
<script>
const form = %(form)s;
async function run() {
  const out = {};
  try {
    const data = new FormData();
    for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
    data.append("file", new Blob([form.body], {type: "text/plain"}), "fetched.txt");
    const answer = await fetch(form.url, {method: "POST", body: data});
    out.status = answer.status;
    out.etag = answer.headers.get("ETag");
  } catch (e) { out.status = "refused: " + e.name; }
  document.getElementById("result").textContent = "DONE " + JSON.stringify(out);
}
run();
</script></body></html>
"""


def inputs(fields):
    return "\n".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in fields.items())


def dump(url, profile):
    """The final page's DOM as text (for an answer the browser shows itself, e.g. an error document)."""
    done = subprocess.run(
        [os.environ.get("BLEEPSTORE_CHROMIUM", "chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", f"--user-data-dir={profile}", "--virtual-time-budget=20000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    return done.stdout


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
    bucket = new_bucket_name("postform")
    s3.create_bucket(Bucket=bucket)
    work = tempfile.mkdtemp(prefix="bleepstore-postform-")
    server, port = serve(work)
    origin = f"http://127.0.0.1:{port}"
    try:
        body = "submitted by headless chromium " + uuid.uuid4().hex
        redirect = f"{origin}/done.html"
        form = s3.generate_presigned_post(
            bucket, "forms/${filename}", ExpiresIn=600,
            Fields={"success_action_redirect": redirect, "Content-Type": "text/plain", "x-amz-meta-via": "html-form"},
            Conditions=[{"success_action_redirect": redirect}, ["starts-with", "$Content-Type", "text/"],
                        {"x-amz-meta-via": "html-form"}, ["content-length-range", 1, 1024]])
        with open(os.path.join(work, "done.html"), "w") as f:
            f.write(DONE_PAGE)
        with open(os.path.join(work, "form.html"), "w") as f:
            f.write(FORM_PAGE % {"url": html.escape(form["url"]), "inputs": inputs(form["fields"]), "body": json.dumps(body), "filename": "note.txt"})

        result = browse(f"{origin}/form.html", os.path.join(work, "profile-form"))
        etag = '"%s"' % hashlib.md5(body.encode()).hexdigest()
        check("HTML form: the browser follows the 303 to success_action_redirect", result.get("bucket") == bucket, result)
        check("HTML form: the redirect names the key with ${filename} replaced", result.get("key") == "forms/note.txt", result)
        check("HTML form: the redirect carries the ETag", result.get("etag") == etag, result)
        stored = s3.get_object(Bucket=bucket, Key="forms/note.txt")
        check("HTML form: the object is stored with the form's fields",
              stored["Body"].read().decode() == body and stored["ContentType"] == "text/plain" and stored["Metadata"] == {"via": "html-form"},
              stored["Metadata"])

        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [{
            "AllowedOrigins": [origin], "AllowedMethods": ["POST"], "ExposeHeaders": ["ETag"]}]})
        fetched = s3.generate_presigned_post(bucket, "fetched/${filename}", ExpiresIn=600)
        with open(os.path.join(work, "fetch.html"), "w") as f:
            f.write(FETCH_PAGE % {"form": json.dumps({"url": fetched["url"], "fields": fetched["fields"], "body": body})})
        result = browse(f"{origin}/fetch.html", os.path.join(work, "profile-fetch"))
        check("fetch() with FormData: 204 readable across origins", result.get("status") == 204, result)
        check("fetch() with FormData: the ETag is exposed", result.get("etag") == etag, result)
        check("fetch() with FormData: the object is stored", s3.get_object(Bucket=bucket, Key="fetched/fetched.txt")["Body"].read().decode() == body)

        large = "x" * 2048
        with open(os.path.join(work, "large.html"), "w") as f:
            f.write(FORM_PAGE % {"url": html.escape(form["url"]), "inputs": inputs(form["fields"]), "body": json.dumps(large), "filename": "large.txt"})
        shown = dump(f"{origin}/large.html", os.path.join(work, "profile-large"))
        check("HTML form over content-length-range: the browser shows EntityTooLarge", "EntityTooLarge" in shown, shown[-400:])
        keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []))
        check("HTML form over content-length-range: nothing stored", keys == ["fetched/fetched.txt", "forms/note.txt"], keys)
    except Exception as e:  # noqa: BLE001 - a crash is one failed check, with its reason
        check("browser run", False, repr(e))
    finally:
        server.shutdown()
        empty_and_delete(s3, bucket)
        subprocess.run(["rm", "-rf", work], check=False)

    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
