using BleepStore.Api.S3;

namespace BleepStore.Api.Tests.S3;

public sealed class S3RouterTests
{
    private static readonly S3Router PathStyle = new([]);

    [Theory]
    // Service
    [InlineData("GET", "/", "", false, nameof(S3Operation.ListBuckets))]
    [InlineData("PUT", "/", "", false, nameof(S3Operation.NotImplemented))]
    [InlineData("POST", "/", "", false, nameof(S3Operation.NotImplemented))]
    [InlineData("DELETE", "/", "", false, nameof(S3Operation.NotImplemented))]
    // Bucket
    [InlineData("PUT", "/b", "", false, nameof(S3Operation.CreateBucket))]
    [InlineData("PUT", "/b/", "", false, nameof(S3Operation.CreateBucket))]
    [InlineData("PUT", "/b", "acl", false, nameof(S3Operation.PutBucketAcl))]
    [InlineData("PUT", "/b", "acl=", false, nameof(S3Operation.PutBucketAcl))]
    [InlineData("GET", "/b", "location", false, nameof(S3Operation.GetBucketLocation))]
    [InlineData("GET", "/b", "acl&location", false, nameof(S3Operation.GetBucketLocation))]
    [InlineData("GET", "/b", "acl", false, nameof(S3Operation.GetBucketAcl))]
    [InlineData("GET", "/b", "uploads", false, nameof(S3Operation.ListMultipartUploads))]
    [InlineData("GET", "/b", "versions", false, nameof(S3Operation.ListObjectVersions))]
    [InlineData("GET", "/b/", "versions&prefix=a&key-marker=k", false, nameof(S3Operation.ListObjectVersions))]
    [InlineData("GET", "/b", "acl&versions", false, nameof(S3Operation.GetBucketAcl))]
    [InlineData("GET", "/b", "versions&uploads", false, nameof(S3Operation.ListObjectVersions))]
    [InlineData("GET", "/b", "list-type=2", false, nameof(S3Operation.ListObjectsV2))]
    [InlineData("GET", "/b", "list-type=2&prefix=a&delimiter=%2F", false, nameof(S3Operation.ListObjectsV2))]
    [InlineData("GET", "/b", "", false, nameof(S3Operation.ListObjects))]
    [InlineData("GET", "/b/", "prefix=x", false, nameof(S3Operation.ListObjects))]
    [InlineData("GET", "/b", "list-type=1", false, nameof(S3Operation.ListObjects))]
    [InlineData("HEAD", "/b", "", false, nameof(S3Operation.HeadBucket))]
    [InlineData("DELETE", "/b", "", false, nameof(S3Operation.DeleteBucket))]
    [InlineData("POST", "/b", "delete", false, nameof(S3Operation.DeleteObjects))]
    [InlineData("POST", "/b", "", false, nameof(S3Operation.PostObject))]
    [InlineData("POST", "/b/", "", false, nameof(S3Operation.PostObject))]
    [InlineData("POST", "/b", "uploads", false, nameof(S3Operation.NotImplemented))]
    [InlineData("PATCH", "/b", "", false, nameof(S3Operation.NotImplemented))]
    [InlineData("OPTIONS", "/b", "", false, nameof(S3Operation.PreflightCors))]
    [InlineData("OPTIONS", "/b/k", "X-Amz-Signature=x&policy", false, nameof(S3Operation.PreflightCors))]
    [InlineData("OPTIONS", "/", "", false, nameof(S3Operation.NotImplemented))]
    [InlineData("PUT", "/b", "cors", false, nameof(S3Operation.PutBucketCors))]
    [InlineData("GET", "/b", "cors", false, nameof(S3Operation.GetBucketCors))]
    [InlineData("DELETE", "/b", "cors", false, nameof(S3Operation.DeleteBucketCors))]
    [InlineData("PUT", "/b", "lifecycle", false, nameof(S3Operation.PutBucketLifecycleConfiguration))]
    [InlineData("GET", "/b", "lifecycle", false, nameof(S3Operation.GetBucketLifecycleConfiguration))]
    [InlineData("DELETE", "/b", "lifecycle", false, nameof(S3Operation.DeleteBucketLifecycle))]
    [InlineData("PUT", "/b", "ownershipControls", false, nameof(S3Operation.PutBucketOwnershipControls))]
    [InlineData("GET", "/b", "ownershipControls", false, nameof(S3Operation.GetBucketOwnershipControls))]
    [InlineData("DELETE", "/b", "ownershipControls", false, nameof(S3Operation.DeleteBucketOwnershipControls))]
    [InlineData("GET", "/b/k", "ownershipControls", false, nameof(S3Operation.NotImplemented))]
    [InlineData("GET", "/b/k", "attributes", false, nameof(S3Operation.GetObjectAttributes))]
    // Object
    [InlineData("PUT", "/b/k", "partNumber=1&uploadId=u", false, nameof(S3Operation.UploadPart))]
    [InlineData("PUT", "/b/k", "partNumber=1&uploadId=u", true, nameof(S3Operation.UploadPartCopy))]
    [InlineData("PUT", "/b/k", "partNumber=1", false, nameof(S3Operation.PutObject))]
    [InlineData("PUT", "/b/k", "acl", false, nameof(S3Operation.PutObjectAcl))]
    [InlineData("PUT", "/b/k", "acl", true, nameof(S3Operation.PutObjectAcl))]
    [InlineData("PUT", "/b/k", "", true, nameof(S3Operation.CopyObject))]
    [InlineData("PUT", "/b/k", "", false, nameof(S3Operation.PutObject))]
    [InlineData("GET", "/b/k", "acl", false, nameof(S3Operation.GetObjectAcl))]
    [InlineData("GET", "/b/k", "uploadId=u", false, nameof(S3Operation.ListParts))]
    [InlineData("GET", "/b/k", "", false, nameof(S3Operation.GetObject))]
    [InlineData("GET", "/b/k", "versionId=3&partNumber=1&response-content-type=x", false, nameof(S3Operation.GetObject))]
    [InlineData("HEAD", "/b/k", "", false, nameof(S3Operation.HeadObject))]
    [InlineData("DELETE", "/b/k", "uploadId=u", false, nameof(S3Operation.AbortMultipartUpload))]
    [InlineData("DELETE", "/b/k", "", false, nameof(S3Operation.DeleteObject))]
    [InlineData("POST", "/b/k", "uploads", false, nameof(S3Operation.CreateMultipartUpload))]
    [InlineData("POST", "/b/k", "uploads=", false, nameof(S3Operation.CreateMultipartUpload))]
    [InlineData("POST", "/b/k", "uploadId=u", false, nameof(S3Operation.CompleteMultipartUpload))]
    [InlineData("POST", "/b/k", "", false, nameof(S3Operation.NotImplemented))]
    [InlineData("PATCH", "/b/k", "", false, nameof(S3Operation.NotImplemented))]
    [InlineData("GET", "/b", "versioning", false, nameof(S3Operation.GetBucketVersioning))]
    [InlineData("PUT", "/b", "versioning", false, nameof(S3Operation.PutBucketVersioning))]
    [InlineData("GET", "/b", "versioning=&list-type=2", false, nameof(S3Operation.GetBucketVersioning))]
    // Object lock
    [InlineData("PUT", "/b", "object-lock", false, nameof(S3Operation.PutObjectLockConfiguration))]
    [InlineData("GET", "/b", "object-lock=", false, nameof(S3Operation.GetObjectLockConfiguration))]
    [InlineData("PUT", "/b/k", "retention&versionId=v", false, nameof(S3Operation.PutObjectRetention))]
    [InlineData("GET", "/b/k", "retention", false, nameof(S3Operation.GetObjectRetention))]
    [InlineData("PUT", "/b/k", "legal-hold", false, nameof(S3Operation.PutObjectLegalHold))]
    [InlineData("GET", "/b/k", "legal-hold&versionId=v", false, nameof(S3Operation.GetObjectLegalHold))]
    // Tagging
    [InlineData("PUT", "/b/k", "tagging", false, nameof(S3Operation.PutObjectTagging))]
    [InlineData("GET", "/b/k", "tagging", false, nameof(S3Operation.GetObjectTagging))]
    [InlineData("DELETE", "/b/k", "tagging", false, nameof(S3Operation.DeleteObjectTagging))]
    [InlineData("PUT", "/b", "tagging", false, nameof(S3Operation.PutBucketTagging))]
    [InlineData("GET", "/b", "tagging", false, nameof(S3Operation.GetBucketTagging))]
    [InlineData("GET", "/b", "list-type=2&tagging", false, nameof(S3Operation.GetBucketTagging))]
    [InlineData("DELETE", "/b", "tagging", false, nameof(S3Operation.DeleteBucketTagging))]
    public void Route_DispatchTable(string method, string path, string query, bool copySource, string expected)
    {
        var route = PathStyle.Route(method, path, QueryParameters.Parse(query), "localhost:9000", copySource);

        Assert.Equal(expected, route.Operation.ToString());
    }

    [Theory]
    [InlineData("GET", "/b/k", "versioning")]
    [InlineData("DELETE", "/b", "versioning")]
    [InlineData("GET", "/b", "policy")]
    [InlineData("PUT", "/b", "encryption")]
    [InlineData("GET", "/b/k", "lifecycle")]
    [InlineData("PUT", "/b/k", "lifecycle")]
    [InlineData("GET", "/b", "website")]
    [InlineData("GET", "/b/k", "versions")]
    [InlineData("GET", "/b", "notification")]
    [InlineData("GET", "/b", "replication")]
    [InlineData("GET", "/b", "encryption")]
    [InlineData("GET", "/b/k", "object-lock")]
    [InlineData("DELETE", "/b", "object-lock")]
    [InlineData("POST", "/b", "object-lock")]
    [InlineData("GET", "/b", "logging")]
    [InlineData("GET", "/b", "requestPayment")]
    [InlineData("GET", "/b", "accelerate")]
    [InlineData("GET", "/b", "analytics")]
    [InlineData("GET", "/b", "inventory")]
    [InlineData("GET", "/b", "metrics")]
    [InlineData("GET", "/b", "publicAccessBlock")]
    [InlineData("GET", "/b", "intelligent-tiering")]
    [InlineData("POST", "/b/k", "tagging")]
    [InlineData("POST", "/b", "tagging")]
    [InlineData("GET", "/b", "legal-hold")]
    [InlineData("PUT", "/b", "retention")]
    [InlineData("DELETE", "/b/k", "retention")]
    [InlineData("DELETE", "/b/k", "legal-hold")]
    [InlineData("GET", "/b/k", "torrent")]
    [InlineData("POST", "/b/k", "restore")]
    [InlineData("POST", "/b/k", "select&select-type=2")]
    [InlineData("PUT", "/b/k", "attributes")]
    [InlineData("GET", "/b", "attributes")]
    [InlineData("GET", "/b", "list-type=2&policy")]
    public void Route_UnsupportedSubresource_IsNotImplemented_NeverAListing(string method, string path, string query)
    {
        var route = PathStyle.Route(method, path, QueryParameters.Parse(query), null, false);

        Assert.Equal(S3Operation.NotImplemented, route.Operation);
    }

    [Theory]
    [InlineData("/b/k", "b", "k")]
    [InlineData("/b/a/b/c", "b", "a/b/c")]
    [InlineData("/b/a//b", "b", "a//b")]
    [InlineData("/b/dir/", "b", "dir/")]
    [InlineData("/b//", "b", "/")]
    [InlineData("/b/./x/../y", "b", "./x/../y")]
    [InlineData("/b/..", "b", "..")]
    [InlineData("/b/a%20b", "b", "a b")]
    [InlineData("/b/a+b", "b", "a+b")]
    [InlineData("/b/a%2Fb", "b", "a/b")]
    [InlineData("/b/100%25", "b", "100%")]
    [InlineData("/b/%2541", "b", "%41")]
    [InlineData("/b/caf%C3%A9", "b", "café")]
    [InlineData("/b/%F0%9F%98%80", "b", "😀")]
    [InlineData("/b/%E2%82%AC?x", "b", "€?x")]
    [InlineData("/b/bad%zz", "b", "bad%zz")]
    [InlineData("/b/%0A%01", "b", "\n\u0001")]
    public void Address_PathStyle_DecodesTheKeyOnce(string rawPath, string bucket, string key)
    {
        var (b, k) = PathStyle.Address(rawPath, "localhost");

        Assert.Equal(bucket, b);
        Assert.Equal(key, k);
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/b", null)]
    [InlineData("/b/", null)]
    public void Address_PathStyle_NoKey(string rawPath, string? key) => Assert.Equal(key, PathStyle.Address(rawPath, null).Key);

    [Theory]
    [InlineData("mybucket.s3.example.com", "/", "mybucket", null)]
    [InlineData("mybucket.s3.example.com:9000", "/k/x", "mybucket", "k/x")]
    [InlineData("my.dotted.bucket.s3.example.com", "/k", "my.dotted.bucket", "k")]
    [InlineData("MyBucket.S3.Example.COM", "/%C3%A9", "mybucket", "é")]
    [InlineData("b.localhost", "//a", "b", "/a")]
    [InlineData("s3.example.com", "/b/k", "b", "k")]
    [InlineData("other.org", "/b/k", "b", "k")]
    [InlineData("xs3.example.com", "/b/k", "b", "k")]
    [InlineData("127.0.0.1:9000", "/b/k", "b", "k")]
    public void Address_VirtualHostedStyle_TakesTheBucketFromHost(string host, string rawPath, string bucket, string? key)
    {
        var router = new S3Router(["s3.example.com", "localhost"]);

        var (b, k) = router.Address(rawPath, host);

        Assert.Equal(bucket, b);
        Assert.Equal(key, k);
    }

    [Fact]
    public void Route_TellsWhetherTheBucketCameFromTheHost()
    {
        var router = new S3Router(["s3.example.com"]);

        Assert.True(router.Route("POST", "/k", QueryParameters.Parse("uploadId=u"), "b.s3.example.com", false).VirtualHosted);
        Assert.False(router.Route("POST", "/b/k", QueryParameters.Parse("uploadId=u"), "s3.example.com", false).VirtualHosted);
    }

    [Fact]
    public void Route_VirtualHostedRoot_IsABucketOperation()
    {
        var router = new S3Router(["s3.example.com"]);

        Assert.Equal(S3Operation.ListObjectsV2, router.Route("GET", "/", QueryParameters.Parse("list-type=2"), "b.s3.example.com", false).Operation);
        Assert.Equal(S3Operation.ListBuckets, router.Route("GET", "/", QueryParameters.Empty, "s3.example.com", false).Operation);
    }
}
