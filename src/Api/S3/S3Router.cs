namespace BleepStore.Api.S3;

/// <summary>
/// Picks exactly one S3 operation from method, raw path, query and Host (spec 00 "Dispatch", first
/// match wins). Pure: no I/O, no allocation beyond the decoded bucket and key.
/// </summary>
internal sealed class S3Router(IReadOnlyList<string> domains)
{
    /// <summary>Sub-resources S3 has and BleepStore does not (yet): answered 501 rather than listed.</summary>
    private static readonly string[] Unsupported =
    [
        "policy", "policyStatus", "website", "notification",
        "replication", "encryption", "logging", "requestPayment", "accelerate", "analytics", "inventory",
        "metrics", "publicAccessBlock", "intelligent-tiering", "torrent",
        "restore", "select", "select-type", "renameObject", "session",
    ];

    public S3Route Route(string method, string rawPath, QueryParameters query, string? host, bool hasCopySource)
    {
        var hostBucket = VirtualHostBucket(host);
        var (bucket, key) = Split(rawPath, hostBucket);
        if (bucket is null)
        {
            return new(method == "GET" ? S3Operation.ListBuckets : S3Operation.NotImplemented, null, null);
        }

        // A CORS preflight is answered for any resource of a bucket, whatever its query (a presigned URL's).
        if (method == "OPTIONS")
        {
            return new(S3Operation.PreflightCors, bucket, key, hostBucket is not null);
        }

        // ?versions and ?ownershipControls are bucket sub-resources; on a key they are not operations, nor is ?versioning.
        // ?attributes is an object's (GET only).
        if (HasUnsupported(query) || (key is not null && (query.Has("versions") || query.Has("ownershipControls") || query.Has("versioning") || query.Has("lifecycle")))
            || (key is null && query.Has("versioning") && method is not ("GET" or "PUT"))
            || (query.Has("attributes") && (key is null || method != "GET"))
            || ObjectLockMisplaced(method, key, query))
        {
            return new(S3Operation.NotImplemented, bucket, key);
        }

        var op = key is null ? BucketOperation(method, query) : ObjectOperation(method, query, hasCopySource);
        return new(op, bucket, key, hostBucket is not null);
    }

    /// <summary>Bucket and key from virtual-hosted style (Host = <c>{bucket}.{domain}</c>) or else path-style.</summary>
    internal (string? Bucket, string? Key) Address(string rawPath, string? host) => Split(rawPath, VirtualHostBucket(host));

    private static (string? Bucket, string? Key) Split(string rawPath, string? hostBucket)
    {
        var path = rawPath.AsSpan();
        if (path.StartsWith("/"))
        {
            path = path[1..];
        }

        if (hostBucket is not null)
        {
            return (hostBucket, path.IsEmpty ? null : PercentEncoding.DecodePath(path));
        }

        if (path.IsEmpty)
        {
            return (null, null);
        }

        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            return (PercentEncoding.DecodePath(path), null);
        }

        var bucket = PercentEncoding.DecodePath(path[..slash]);
        var rest = path[(slash + 1)..];
        return (bucket, rest.IsEmpty ? null : PercentEncoding.DecodePath(rest));
    }

    private string? VirtualHostBucket(string? host)
    {
        if (domains.Count == 0 || string.IsNullOrEmpty(host))
        {
            return null;
        }

        var h = host.AsSpan();
        var colon = h.LastIndexOf(':');
        if (colon >= 0 && h.IndexOf(']') < colon)
        {
            h = h[..colon];
        }

        foreach (var domain in domains)
        {
            // {bucket}.{domain}: at least one character, then a dot, then the domain (case-insensitive).
            if (h.Length > domain.Length + 1 && h.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && h[h.Length - domain.Length - 1] == '.')
            {
                return h[..(h.Length - domain.Length - 1)].ToString().ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>?object-lock is a bucket's, ?retention and ?legal-hold an object's, each GET or PUT only.</summary>
    private static bool ObjectLockMisplaced(string method, string? key, QueryParameters query)
    {
        var bucketLock = query.Has("object-lock");
        var objectLock = query.Has("retention") || query.Has("legal-hold");
        return (bucketLock && key is not null) || (objectLock && key is null) || ((bucketLock || objectLock) && method is not ("GET" or "PUT"));
    }

    private static bool HasUnsupported(QueryParameters query)
    {
        foreach (var item in query.Items)
        {
            if (Array.IndexOf(Unsupported, item.Key) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static S3Operation BucketOperation(string method, QueryParameters q) => method switch
    {
        "PUT" when q.Has("tagging") => S3Operation.PutBucketTagging,
        "PUT" when q.Has("cors") => S3Operation.PutBucketCors,
        "PUT" when q.Has("ownershipControls") => S3Operation.PutBucketOwnershipControls,
        "PUT" when q.Has("versioning") => S3Operation.PutBucketVersioning,
        "PUT" when q.Has("object-lock") => S3Operation.PutObjectLockConfiguration,
        "PUT" when q.Has("lifecycle") => S3Operation.PutBucketLifecycleConfiguration,
        "PUT" => q.Has("acl") ? S3Operation.PutBucketAcl : S3Operation.CreateBucket,
        "GET" when q.Has("tagging") => S3Operation.GetBucketTagging,
        "GET" when q.Has("cors") => S3Operation.GetBucketCors,
        "GET" when q.Has("ownershipControls") => S3Operation.GetBucketOwnershipControls,
        "GET" when q.Has("location") => S3Operation.GetBucketLocation,
        "GET" when q.Has("versioning") => S3Operation.GetBucketVersioning,
        "GET" when q.Has("object-lock") => S3Operation.GetObjectLockConfiguration,
        "GET" when q.Has("lifecycle") => S3Operation.GetBucketLifecycleConfiguration,
        "GET" when q.Has("acl") => S3Operation.GetBucketAcl,
        "GET" when q.Has("versions") => S3Operation.ListObjectVersions,
        "GET" when q.Has("uploads") => S3Operation.ListMultipartUploads,
        "GET" when q.Get("list-type") == "2" => S3Operation.ListObjectsV2,
        "GET" => S3Operation.ListObjects,
        "HEAD" => S3Operation.HeadBucket,
        "DELETE" when q.Has("cors") => S3Operation.DeleteBucketCors,
        "DELETE" when q.Has("lifecycle") => S3Operation.DeleteBucketLifecycle,
        "DELETE" when q.Has("ownershipControls") => S3Operation.DeleteBucketOwnershipControls,
        "DELETE" => q.Has("tagging") ? S3Operation.DeleteBucketTagging : S3Operation.DeleteBucket,
        "POST" when q.Has("delete") => S3Operation.DeleteObjects,
        "POST" when q.Items.Count == 0 => S3Operation.PostObject,
        _ => S3Operation.NotImplemented,
    };

    private static S3Operation ObjectOperation(string method, QueryParameters q, bool hasCopySource) => method switch
    {
        "PUT" when q.Has("partNumber") && q.Has("uploadId") => hasCopySource ? S3Operation.UploadPartCopy : S3Operation.UploadPart,
        "PUT" when q.Has("acl") => S3Operation.PutObjectAcl,
        "PUT" when q.Has("tagging") => S3Operation.PutObjectTagging,
        "PUT" when q.Has("retention") => S3Operation.PutObjectRetention,
        "PUT" when q.Has("legal-hold") => S3Operation.PutObjectLegalHold,
        "PUT" => hasCopySource ? S3Operation.CopyObject : S3Operation.PutObject,
        "GET" when q.Has("acl") => S3Operation.GetObjectAcl,
        "GET" when q.Has("attributes") => S3Operation.GetObjectAttributes,
        "GET" when q.Has("tagging") => S3Operation.GetObjectTagging,
        "GET" when q.Has("retention") => S3Operation.GetObjectRetention,
        "GET" when q.Has("legal-hold") => S3Operation.GetObjectLegalHold,
        "GET" when q.Has("uploadId") => S3Operation.ListParts,
        "GET" => S3Operation.GetObject,
        "HEAD" => S3Operation.HeadObject,
        "DELETE" when q.Has("uploadId") => S3Operation.AbortMultipartUpload,
        "DELETE" => q.Has("tagging") ? S3Operation.DeleteObjectTagging : S3Operation.DeleteObject,
        "POST" when q.Has("uploads") => S3Operation.CreateMultipartUpload,
        "POST" when q.Has("uploadId") => S3Operation.CompleteMultipartUpload,
        _ => S3Operation.NotImplemented,
    };
}
