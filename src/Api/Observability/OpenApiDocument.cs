using System.Text.Json;

namespace BleepStore.Api.Observability;

/// <summary>
/// The OpenAPI 3.1 document served at <c>/openapi.json</c> (spec 70 "OpenAPI content"): our own,
/// written from the routes this server answers (spec 95 #1). <c>servers[0]</c> is the server itself.
/// </summary>
internal static class OpenApiDocument
{
    private static readonly (string Path, (string Method, string OperationId, string Tag, string Summary)[] Operations)[] Paths =
    [
        ("/", [("get", "ListBuckets", "Bucket", "List the caller's buckets; query prefix, bucket-region, max-buckets (1-10000) and continuation-token page the list (ContinuationToken, Prefix and each BucketRegion in the answer)")]),
        ("/{Bucket}",
        [
            ("put", "CreateBucket", "Bucket", "Create a bucket (?acl: PutBucketAcl)"),
            ("delete", "DeleteBucket", "Bucket", "Delete an empty bucket"),
            ("head", "HeadBucket", "Bucket", "Check that a bucket exists"),
            ("get", "GetBucket", "Bucket", "List objects (v1, or v2 with list-type=2); ?location, ?acl, ?uploads, ?versions"),
            ("post", "PostBucket", "Bucket", "Delete many objects (?delete); without a query: POST Object, a browser-based upload (multipart/form-data: key, policy signed by SigV4 or SigV2, file last; 204, 200, 201 PostResponse or 303 redirect; docs/post-object.md)"),
            ("options", "PreflightBucket", "Bucket", "CORS preflight for the bucket (no authentication; docs/cors.md)"),
        ]),
        ("/{Bucket}/{Key+}",
        [
            ("put", "PutObject", "Object", "Upload an object (x-amz-version-id on a versioned bucket); with x-amz-copy-source: CopyObject (source ?versionId=); ?acl: PutObjectAcl (?versionId); ?partNumber&uploadId: UploadPart(Copy)"),
            ("get", "GetObject", "Object", "Download an object (ranges, conditionals, ?versionId); ?acl: GetObjectAcl (?versionId); ?uploadId: ListParts; ?attributes: GetObjectAttributes (header x-amz-object-attributes: ETag, Checksum, ObjectParts: a COMPOSITE-checksum object's parts with their checksums paged by x-amz-max-parts and x-amz-part-number-marker, any other multipart object its PartsCount only; StorageClass, ObjectSize); ?partNumber with x-amz-checksum-mode answers a COMPOSITE part's checksum"),
            ("head", "HeadObject", "Object", "Object metadata (?versionId)"),
            ("delete", "DeleteObject", "Object", "Delete an object: a delete marker on a versioned bucket, ?versionId removes that version for good; ?uploadId: AbortMultipartUpload"),
            ("post", "PostObject", "MultipartUpload", "?uploads: CreateMultipartUpload; ?uploadId: CompleteMultipartUpload"),
            ("options", "PreflightObject", "Object", "CORS preflight for an object: the first rule allowing Origin, Access-Control-Request-Method and -Headers answers 200 with the Access-Control-* headers, else 403 AccessForbidden (no authentication; docs/cors.md)"),
        ]),

        // Sub-resources with operations of their own, written as AWS's own OpenAPI conversions write them.
        ("/{Bucket}?tagging",
        [
            ("put", "PutBucketTagging", "Bucket", "Replace the bucket's tag set (Tagging document, at most 50 tags)"),
            ("get", "GetBucketTagging", "Bucket", "The bucket's tag set; 404 NoSuchTagSet when it has none"),
            ("delete", "DeleteBucketTagging", "Bucket", "Remove the bucket's tag set (204)"),
        ]),
        ("/{Bucket}?cors",
        [
            ("put", "PutBucketCors", "Bucket", "Replace the bucket's CORS rules (CORSConfiguration, 1-100 rules; methods GET, PUT, HEAD, POST, DELETE; one * per origin or header)"),
            ("get", "GetBucketCors", "Bucket", "The bucket's CORS rules in the order put; 404 NoSuchCORSConfiguration when it has none"),
            ("delete", "DeleteBucketCors", "Bucket", "Remove the bucket's CORS rules (204)"),
        ]),
        ("/{Bucket}?lifecycle",
        [
            ("put", "PutBucketLifecycleConfiguration", "Bucket", "Replace the bucket's lifecycle rules (LifecycleConfiguration, 1-1000 rules: Filter by Prefix, Tag, ObjectSizeGreaterThan/LessThan or And, or the legacy Prefix; Expiration Days, Date or ExpiredObjectDeleteMarker; NoncurrentVersionExpiration; AbortIncompleteMultipartUpload). Content-MD5 or an x-amz-checksum-* header is required; Transition and NoncurrentVersionTransition answer 501 NotImplemented. Applied by a background worker (docs/lifecycle.md)"),
            ("get", "GetBucketLifecycleConfiguration", "Bucket", "The bucket's lifecycle rules in the order put; 404 NoSuchLifecycleConfiguration when it has none"),
            ("delete", "DeleteBucketLifecycle", "Bucket", "Remove the bucket's lifecycle rules (204)"),
        ]),
        ("/{Bucket}?ownershipControls",
        [
            ("put", "PutBucketOwnershipControls", "Bucket", "Set ObjectOwnership (BucketOwnerEnforced disables ACLs, BucketOwnerPreferred, ObjectWriter); also x-amz-object-ownership on CreateBucket"),
            ("get", "GetBucketOwnershipControls", "Bucket", "The bucket's ObjectOwnership; 404 OwnershipControlsNotFoundError when it has none"),
            ("delete", "DeleteBucketOwnershipControls", "Bucket", "Remove the bucket's ownership controls (204)"),
        ]),
        ("/{Bucket}?versioning",
        [
            ("put", "PutBucketVersioning", "Bucket", "Set versioning to Enabled or Suspended (VersioningConfiguration; MFA delete is refused)"),
            ("get", "GetBucketVersioning", "Bucket", "The bucket's versioning Status; empty for a bucket that never had versioning"),
        ]),
        ("/{Bucket}?object-lock",
        [
            ("put", "PutObjectLockConfiguration", "Bucket", "Enable object lock on a bucket whose versioning is Enabled (409 InvalidBucketState otherwise) and set or clear its default retention (ObjectLockConfiguration: Rule/DefaultRetention Mode GOVERNANCE|COMPLIANCE with Days or Years); Content-MD5 or a checksum required; also x-amz-bucket-object-lock-enabled on CreateBucket (docs/object-lock.md)"),
            ("get", "GetObjectLockConfiguration", "Bucket", "The bucket's object lock configuration; 404 ObjectLockConfigurationNotFoundError when object lock is not enabled"),
        ]),
        ("/{Bucket}/{Key+}?retention",
        [
            ("put", "PutObjectRetention", "Object", "Set, extend or (GOVERNANCE with x-amz-bypass-governance-retention: true) shorten or remove a version's retention (Retention: Mode, RetainUntilDate; ?versionId); COMPLIANCE is only ever extended (403 AccessDenied); also x-amz-object-lock-mode and -retain-until-date on PutObject, CopyObject and CreateMultipartUpload"),
            ("get", "GetObjectRetention", "Object", "A version's retention; 404 NoSuchObjectLockConfiguration when it has none (GET/HEAD answer x-amz-object-lock-mode and -retain-until-date)"),
        ]),
        ("/{Bucket}/{Key+}?legal-hold",
        [
            ("put", "PutObjectLegalHold", "Object", "Put a version's legal hold ON or OFF (LegalHold: Status; ?versionId); while ON the version cannot be deleted by anyone; also x-amz-object-lock-legal-hold on PutObject, CopyObject and CreateMultipartUpload"),
            ("get", "GetObjectLegalHold", "Object", "A version's legal hold status; 404 NoSuchObjectLockConfiguration when never set (GET/HEAD answer x-amz-object-lock-legal-hold)"),
        ]),
        ("/{Bucket}?versions",
        [
            ("get", "ListObjectVersions", "Bucket", "Versions and delete markers, newest first per key (prefix, delimiter, key-marker, version-id-marker, max-keys, encoding-type)"),
        ]),
        ("/{Bucket}/{Key+}?tagging",
        [
            ("put", "PutObjectTagging", "Object", "Replace the object's (or, with ?versionId, one version's) tag set (Tagging document, at most 10 tags; x-amz-version-id of the version tagged on a versioned bucket); also x-amz-tagging on PutObject, CopyObject (x-amz-tagging-directive) and CreateMultipartUpload"),
            ("get", "GetObjectTagging", "Object", "The object's (or one version's) tag set, with its x-amz-version-id on a versioned bucket (GET/HEAD of the object answer x-amz-tagging-count)"),
            ("delete", "DeleteObjectTagging", "Object", "Remove the object's (or one version's) tag set (204; x-amz-version-id on a versioned bucket)"),
        ]),
    ];

    /// <summary>
    /// The admin API (bearer <c>server.admin_token</c>; under <c>/admin</c> on this port or on <c>server.admin_port</c>).
    /// Listed whether or not it is enabled here: without a token those paths are S3 paths.
    /// </summary>
    private static readonly (string Path, (string Method, string OperationId, string Summary, string Ok)[] Operations)[] AdminPaths =
    [
        ("/admin/status", [("get", "getServerStatus", "Version, commit, uptime, mode, health, storage backend, metadata engine, bucket/object/byte/upload counts", "200")]),
        ("/admin/storage/status", [("get", "getStorageStatus", "Storage backend, state (healthy|unavailable), data directory, read_only", "200")]),
        ("/admin/storage/stats", [("get", "getStorageStats", "total_objects, total_size_bytes, total_buckets, total_multipart_uploads", "200")]),
        ("/admin/credentials",
        [
            ("get", "listCredentials", "Every access key: access_key_id, status (active|disabled), created_at, description, owner_id, display_name; never a secret", "200"),
            ("post", "createCredential", "New key pair (optional body {description <= 256, owner_id, display_name}); secret_access_key shown only in this answer", "201"),
        ]),
        ("/admin/credentials/{accessKeyId}", [("delete", "deleteCredential", "Delete the key; S3 requests with it fail at once (InvalidAccessKeyId); unknown 404", "204")]),
        ("/admin/credentials/{accessKeyId}/status", [("put", "updateCredentialStatus", "Body {status: active|disabled}; effective at the next request; unknown 404", "200")]),
        ("/admin/config", [("get", "getConfig", "Running configuration: listen addresses, data directory, storage, every setting; secrets **REDACTED**", "200")]),
    ];

    public static byte[] Render(string serverUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("openapi", "3.1.0");
            json.WriteStartObject("info");
            json.WriteString("title", "BleepStore S3-Compatible API");
            json.WriteString("version", "1.0.0");
            json.WriteString("description", "S3-compatible object storage. Authenticate with AWS Signature Version 4 (header or presigned query) or Version 2 (Authorization: AWS key:signature, or AWSAccessKeyId/Signature/Expires query). Every bucket and object operation honours x-amz-expected-bucket-owner (and x-amz-source-expected-bucket-owner on copies): 403 AccessDenied when the bucket's owner is another account. Server-side encryption is not built: any x-amz-server-side-encryption* or x-amz-copy-source-server-side-encryption* header, and ?encryption on a bucket, answer 501 NotImplemented and change nothing.");
            json.WriteStartObject("license");
            json.WriteString("name", "MIT");
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("servers");
            json.WriteStartObject();
            json.WriteString("url", serverUrl);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("security");
            json.WriteStartObject();
            json.WriteStartArray("sigv4");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("tags");
            foreach (var tag in (string[])["Bucket", "Object", "MultipartUpload", "Admin"])
            {
                json.WriteStartObject();
                json.WriteString("name", tag);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("paths");
            foreach (var (path, operations) in Paths)
            {
                json.WriteStartObject(path);
                WriteParameters(json, path);
                foreach (var (method, id, tag, summary) in operations)
                {
                    json.WriteStartObject(method);
                    json.WriteString("operationId", id);
                    json.WriteString("summary", summary);
                    json.WriteStartArray("tags");
                    json.WriteStringValue(tag);
                    json.WriteEndArray();
                    if (method == "options")
                    {
                        // A browser sends no credentials with a preflight.
                        json.WriteStartArray("security");
                        json.WriteEndArray();
                    }

                    json.WriteStartObject("responses");
                    json.WriteStartObject("200");
                    json.WriteString("description", "Success (S3 XML, an object body, or no body)");
                    json.WriteEndObject();
                    json.WriteStartObject("default");
                    json.WriteString("description", "S3 error document (Error: Code, Message, Resource, RequestId)");
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            foreach (var (path, operations) in AdminPaths)
            {
                json.WriteStartObject(path);
                if (path.Contains("{accessKeyId}", StringComparison.Ordinal))
                {
                    json.WriteStartArray("parameters");
                    WriteParameter(json, "accessKeyId");
                    json.WriteEndArray();
                }

                foreach (var (method, id, summary, ok) in operations)
                {
                    json.WriteStartObject(method);
                    json.WriteString("operationId", id);
                    json.WriteString("summary", summary);
                    json.WriteStartArray("tags");
                    json.WriteStringValue("Admin");
                    json.WriteEndArray();
                    json.WriteStartArray("security");
                    json.WriteStartObject();
                    json.WriteStartArray("adminBearer");
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteStartObject("responses");
                    json.WriteStartObject(ok);
                    json.WriteString("description", ok == "204" ? "Done, no body" : "JSON");
                    json.WriteEndObject();
                    json.WriteStartObject("default");
                    json.WriteString("description", "JSON error {error, message}: bad_request 400, unauthorized 401, not_found 404, method_not_allowed 405, internal_error 500, not_implemented 501");
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("components");
            json.WriteStartObject("securitySchemes");
            json.WriteStartObject("sigv4");
            json.WriteString("type", "apiKey");
            json.WriteString("in", "header");
            json.WriteString("name", "Authorization");
            json.WriteString("description", "AWS Signature Version 4 (AWS4-HMAC-SHA256) or Version 2 (AWS key:signature), or their presigned query parameters (X-Amz-*, or AWSAccessKeyId/Signature/Expires).");
            json.WriteEndObject();
            json.WriteStartObject("adminBearer");
            json.WriteString("type", "http");
            json.WriteString("scheme", "bearer");
            json.WriteString("description", "The admin API: Authorization: Bearer <server.admin_token>.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteParameters(Utf8JsonWriter json, string path)
    {
        if (path == "/")
        {
            return;
        }

        json.WriteStartArray("parameters");
        WriteParameter(json, "Bucket");
        if (path.Contains("{Key+}", StringComparison.Ordinal))
        {
            WriteParameter(json, "Key");
        }

        json.WriteEndArray();
    }

    private static void WriteParameter(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("in", "path");
        json.WriteBoolean("required", true);
        json.WriteStartObject("schema");
        json.WriteString("type", "string");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
