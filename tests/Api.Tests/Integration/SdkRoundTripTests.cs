using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>The real app through AWSSDK.S3 (SigV4, aws-chunked bodies with CRC trailers), on TestServer.</summary>
public sealed class SdkRoundTripTests : IClassFixture<BleepStoreFactory>
{
    private readonly BleepStoreFactory _factory;
    private readonly IAmazonS3 _s3;

    public SdkRoundTripTests(BleepStoreFactory factory)
    {
        _factory = factory;
        _s3 = factory.CreateS3Client();
    }

    [Fact]
    public async Task Bucket_Create_List_Head_Location_Acl_Delete()
    {
        var bucket = NewBucket();
        var created = await _s3.PutBucketAsync(bucket);
        Assert.Equal(HttpStatusCode.OK, created.HttpStatusCode);

        var list = await _s3.ListBucketsAsync();
        Assert.Contains(list.Buckets, b => b.BucketName == bucket);
        Assert.Equal(BleepStoreFactory.AccessKey, list.Owner.Id);

        var head = await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);

        var location = await _s3.GetBucketLocationAsync(bucket);
        Assert.True(string.IsNullOrEmpty(location.Location?.Value) || location.Location == S3Region.USEast1);

        var versioning = await _s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket });
        Assert.Equal(HttpStatusCode.OK, versioning.HttpStatusCode);
        Assert.True(versioning.VersioningConfig.Status is null || string.IsNullOrEmpty(versioning.VersioningConfig.Status.Value) || versioning.VersioningConfig.Status == VersionStatus.Off);

        var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        var grant = Assert.Single(acl.Grants);
        Assert.Equal(S3Permission.FULL_CONTROL, grant.Permission);
        Assert.Equal(BleepStoreFactory.AccessKey, grant.Grantee.CanonicalUser);

        await _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead });
        acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission == S3Permission.READ);

        var deleted = await _s3.DeleteBucketAsync(bucket);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        await AssertS3ErrorAsync(() => _s3.GetBucketLocationAsync(bucket), HttpStatusCode.NotFound, "NoSuchBucket");
    }

    [Fact]
    public async Task CreateBucket_WithLocationConstraint_IsReadBack()
    {
        var bucket = NewBucket();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, UseClientRegion = false, PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = "eu-west-1" } });

        var location = await _s3.GetBucketLocationAsync(bucket);

        Assert.Equal("eu-west-1", location.Location.Value);
    }

    [Theory]
    [InlineData("plain.txt")]
    [InlineData("dir/sub/file.bin")]
    [InlineData("with space/and+plus/ünïcødé 😀.txt")]
    [InlineData("dir//double")]
    [InlineData("trailing/")]
    [InlineData("odd ~!@$&'()*,;=:%25 chars")]
    public async Task Object_Put_Get_Head_Delete(string key)
    {
        var bucket = await CreateBucketAsync();
        var body = "hello, " + key;

        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentBody = body,
            ContentType = "text/plain",
            Metadata = { ["Author"] = "Ada" },
            Headers = { CacheControl = "max-age=60", ContentDisposition = "attachment" },
        });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        Assert.StartsWith("\"", put.ETag, StringComparison.Ordinal);

        using (var get = await _s3.GetObjectAsync(bucket, key))
        {
            using var reader = new StreamReader(get.ResponseStream, Encoding.UTF8);
            Assert.Equal(body, await reader.ReadToEndAsync());
            Assert.Equal(put.ETag, get.ETag);
            Assert.Equal("text/plain", get.Headers.ContentType);
            Assert.Equal("max-age=60", get.Headers.CacheControl);
            Assert.Equal("attachment", get.Headers.ContentDisposition);
            Assert.Equal("Ada", get.Metadata["x-amz-meta-author"]);
            Assert.Equal(Encoding.UTF8.GetByteCount(body), get.ContentLength);
        }

        var head = await _s3.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), head.ContentLength);

        var list = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(key, Assert.Single(list.S3Objects).Key);

        var deleted = await _s3.DeleteObjectAsync(bucket, key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        await AssertS3ErrorAsync(() => _s3.GetObjectAsync(bucket, key), HttpStatusCode.NotFound, "NoSuchKey");
    }

    [Fact]
    public async Task Object_Empty_And_Large_RoundTrip()
    {
        var bucket = await CreateBucketAsync();
        var large = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(large);

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "empty", InputStream = new MemoryStream() });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "large", InputStream = new MemoryStream(large) });

        using (var empty = await _s3.GetObjectAsync(bucket, "empty"))
        {
            Assert.Equal(0, empty.ContentLength);
            Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", empty.ETag);
        }

        using var got = await _s3.GetObjectAsync(bucket, "large");
        using var copy = new MemoryStream();
        await got.ResponseStream.CopyToAsync(copy);
        Assert.Equal(large, copy.ToArray());
    }

    [Fact]
    public async Task Object_RangeGet_Is206WithContentRange()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "r", ContentBody = "0123456789" });

        using var got = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r", ByteRange = new ByteRange(2, 5) });
        using var reader = new StreamReader(got.ResponseStream);

        Assert.Equal(HttpStatusCode.PartialContent, got.HttpStatusCode);
        Assert.Equal("2345", await reader.ReadToEndAsync());
        Assert.Equal("bytes 2-5/10", got.ContentRange);
    }

    [Fact]
    public async Task Listing_V2_PrefixDelimiterPagination_And_V1()
    {
        var bucket = await CreateBucketAsync();
        foreach (var key in (string[])["a/1", "a/2", "b/1", "c", "d"])
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }

        var rolled = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/" });
        Assert.Equal(["a/", "b/"], rolled.CommonPrefixes);
        Assert.Equal(["c", "d"], rolled.S3Objects.Select(o => o.Key));
        Assert.Equal(4, rolled.KeyCount);

        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2 };
        ListObjectsV2Response page;
        do
        {
            page = await _s3.ListObjectsV2Async(request);
            keys.AddRange(page.S3Objects.Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        Assert.Equal(["a/1", "a/2", "b/1", "c", "d"], keys);

        var prefixed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "a/", StartAfter = "a/1" });
        Assert.Equal(["a/2"], prefixed.S3Objects.Select(o => o.Key));

        var v1 = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Marker = "b/1", MaxKeys = 1 });
        Assert.Equal(["c"], v1.S3Objects.Select(o => o.Key));
        Assert.True(v1.IsTruncated);
        Assert.Equal("c", v1.NextMarker);
    }

    [Fact]
    public async Task Errors_CarryCodeStatusAndRequestId()
    {
        var missing = NewBucket();

        var noBucket = await AssertS3ErrorAsync(() => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = missing }), HttpStatusCode.NotFound, "NoSuchBucket");
        Assert.Matches("^[0-9A-F]{16}$", noBucket.RequestId);

        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        await AssertS3ErrorAsync(() => _s3.DeleteBucketAsync(bucket), HttpStatusCode.Conflict, "BucketNotEmpty");
        await AssertS3ErrorAsync(() => _s3.PutBucketAsync("Bad_Name"), HttpStatusCode.BadRequest, "InvalidBucketName");

        using var wrongSecret = _factory.CreateS3Client(secretKey: "wrong");
        await AssertS3ErrorAsync(() => wrongSecret.ListBucketsAsync(), HttpStatusCode.Forbidden, "SignatureDoesNotMatch");

        using var unknownKey = _factory.CreateS3Client(accessKey: "nobody");
        await AssertS3ErrorAsync(() => unknownKey.ListBucketsAsync(), HttpStatusCode.Forbidden, "InvalidAccessKeyId");

        await AssertS3ErrorAsync(() => _s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }), HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task HeadObject_Missing_Is404WithoutBody()
    {
        var bucket = await CreateBucketAsync();

        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectMetadataAsync(bucket, "missing"));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = NewBucket();
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    private static string NewBucket() => "b-" + Guid.NewGuid().ToString("N")[..20];

    private static async Task<AmazonS3Exception> AssertS3ErrorAsync(Func<Task> call, HttpStatusCode status, string code)
    {
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.ErrorCode);
        return e;
    }
}
