using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>CopyObject, DeleteObjects, object ACLs and ListObjectVersions through AWSSDK.S3 on the real app.</summary>
public sealed class SdkObjectOperationTests : IClassFixture<BleepStoreFactory>
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

    private readonly BleepStoreFactory _factory;
    private readonly IAmazonS3 _s3;

    public SdkObjectOperationTests(BleepStoreFactory factory)
    {
        _factory = factory;
        _s3 = factory.CreateS3Client();
    }

    [Fact]
    public async Task CopyObject_Copy_KeepsSourceMetadata_AndReplace_TakesTheRequests()
    {
        var bucket = await CreateBucketAsync();
        var other = await CreateBucketAsync();
        const string source = "src/ünï cødé+1.txt";
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = source,
            ContentBody = "copy me",
            ContentType = "text/plain",
            Metadata = { ["Author"] = "Ada" },
            Headers = { CacheControl = "max-age=60" },
        });

        var copied = await _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = source, DestinationBucket = other, DestinationKey = "dst" });

        Assert.Equal(HttpStatusCode.OK, copied.HttpStatusCode);
        Assert.Equal(put.ETag, copied.ETag);
        using (var got = await _s3.GetObjectAsync(other, "dst"))
        {
            Assert.Equal("copy me", await new StreamReader(got.ResponseStream).ReadToEndAsync());
            Assert.Equal("text/plain", got.Headers.ContentType);
            Assert.Equal("max-age=60", got.Headers.CacheControl);
            Assert.Equal("Ada", got.Metadata["x-amz-meta-author"]);
        }

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = source,
            DestinationBucket = bucket,
            DestinationKey = "replaced",
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = "application/json",
            Metadata = { ["Reviewer"] = "Grace" },
            StorageClass = S3StorageClass.StandardInfrequentAccess,
            CannedACL = S3CannedACL.PublicRead,
        });

        var head = await _s3.GetObjectMetadataAsync(bucket, "replaced");
        Assert.Equal("application/json", head.Headers.ContentType);
        Assert.Null(head.Headers.CacheControl);
        Assert.Equal("Grace", head.Metadata["x-amz-meta-reviewer"]);
        Assert.DoesNotContain("x-amz-meta-author", head.Metadata.Keys);
        Assert.Equal(S3StorageClass.StandardInfrequentAccess, head.StorageClass);
        var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "replaced" });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == AllUsers && g.Permission == S3Permission.READ);
    }

    [Fact]
    public async Task CopyObject_OntoItself_OnlyWithReplace()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "self", ContentBody = "x", Metadata = { ["v"] = "1" } });

        await S3Assert.ErrorAsync(
            () => _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "self", DestinationBucket = bucket, DestinationKey = "self" }),
            HttpStatusCode.BadRequest,
            "InvalidRequest");

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "self",
            DestinationBucket = bucket,
            DestinationKey = "self",
            MetadataDirective = S3MetadataDirective.REPLACE,
            Metadata = { ["v"] = "2" },
        });

        Assert.Equal("2", (await _s3.GetObjectMetadataAsync(bucket, "self")).Metadata["x-amz-meta-v"]);
    }

    [Fact]
    public async Task CopyObject_SourceConditions_And_MissingSource()
    {
        var bucket = await CreateBucketAsync();
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "c", ContentBody = "x" });
        CopyObjectRequest Copy() => new() { SourceBucket = bucket, SourceKey = "c", DestinationBucket = bucket, DestinationKey = "d" };

        var matched = Copy();
        matched.ETagToMatch = put.ETag;
        Assert.Equal(HttpStatusCode.OK, (await _s3.CopyObjectAsync(matched)).HttpStatusCode);

        var mismatch = Copy();
        mismatch.ETagToMatch = "\"00000000000000000000000000000000\"";
        await S3Assert.ErrorAsync(() => _s3.CopyObjectAsync(mismatch), HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        var noneMatch = Copy();
        noneMatch.ETagToNotMatch = put.ETag;
        await S3Assert.ErrorAsync(() => _s3.CopyObjectAsync(noneMatch), HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        var notModified = Copy();
        notModified.ModifiedSinceDate = DateTime.UtcNow.AddHours(1);
        await S3Assert.ErrorAsync(() => _s3.CopyObjectAsync(notModified), HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        var modifiedAfter = Copy();
        modifiedAfter.UnmodifiedSinceDate = DateTime.UtcNow.AddHours(-1);
        await S3Assert.ErrorAsync(() => _s3.CopyObjectAsync(modifiedAfter), HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        await S3Assert.ErrorAsync(
            () => _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "missing", DestinationBucket = bucket, DestinationKey = "d" }),
            HttpStatusCode.NotFound,
            "NoSuchKey");
        await S3Assert.ErrorAsync(
            () => _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = S3Assert.NewBucket(), SourceKey = "c", DestinationBucket = bucket, DestinationKey = "d" }),
            HttpStatusCode.NotFound,
            "NoSuchBucket");
    }

    [Fact]
    public async Task CopyObject_DestinationIfNoneMatchStar_RefusesToOverwrite()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "a" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "b", ContentBody = "b" });
        var request = new CopyObjectRequest { SourceBucket = bucket, SourceKey = "a", DestinationBucket = bucket, DestinationKey = "b" };
        request.Headers["If-None-Match"] = "*";

        await S3Assert.ErrorAsync(() => _s3.CopyObjectAsync(request), HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        using var got = await _s3.GetObjectAsync(bucket, "b");
        Assert.Equal("b", await new StreamReader(got.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task DeleteObjects_DeletesListedKeys_MissingOnesCountAsDeleted_QuietHidesThem()
    {
        var bucket = await CreateBucketAsync();
        foreach (var key in (string[])["a", "b c", "d/ü", "keep"])
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }

        var result = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b c" }, new KeyVersion { Key = "never-existed" }],
        });

        Assert.Equal(HttpStatusCode.OK, result.HttpStatusCode);
        Assert.Equal(["a", "b c", "never-existed"], result.DeletedObjects.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(result.DeleteErrors ?? []);

        var quiet = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Quiet = true, Objects = [new KeyVersion { Key = "d/ü" }] });
        Assert.Empty(quiet.DeletedObjects ?? []);
        Assert.Empty(quiet.DeleteErrors ?? []);

        var left = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal("keep", Assert.Single(left.S3Objects).Key);
    }

    [Fact]
    public async Task DeleteObjects_MoreThan1000Keys_IsMalformedXml_AndNothingIsDeleted()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k0", ContentBody = "x" });
        var request = new DeleteObjectsRequest { BucketName = bucket, Objects = [.. Enumerable.Range(0, 1001).Select(i => new KeyVersion { Key = "k" + i })] };

        await S3Assert.ErrorAsync(() => _s3.DeleteObjectsAsync(request), HttpStatusCode.BadRequest, "MalformedXML");

        Assert.Single((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects);
    }

    [Fact]
    public async Task DeleteObjects_Exactly1000Keys_Succeeds()
    {
        var bucket = await CreateBucketAsync();
        var request = new DeleteObjectsRequest { BucketName = bucket, Objects = [.. Enumerable.Range(0, 1000).Select(i => new KeyVersion { Key = "k" + i })] };

        var result = await _s3.DeleteObjectsAsync(request);

        Assert.Equal(1000, result.DeletedObjects.Count);
    }

    [Fact]
    public async Task ObjectAcl_DefaultCannedGrantsAndBody_LeaveTheObjectAlone()
    {
        var bucket = await CreateBucketAsync();
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "o", ContentBody = "x" });
        var before = await _s3.GetObjectMetadataAsync(bucket, "o");

        var initial = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "o" });
        var owner = Assert.Single(initial.Grants);
        Assert.Equal(S3Permission.FULL_CONTROL, owner.Permission);
        Assert.Equal(BleepStoreFactory.AccessKey, owner.Grantee.CanonicalUser);
        Assert.Equal(BleepStoreFactory.AccessKey, initial.Owner.Id);

        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "o", ACL = S3CannedACL.PublicRead });
        var canned = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "o" });
        Assert.Contains(canned.Grants, g => g.Grantee.URI == AllUsers && g.Permission == S3Permission.READ);

        var policy = new S3AccessControlList { Owner = new Owner { Id = BleepStoreFactory.AccessKey, DisplayName = BleepStoreFactory.AccessKey } };
        policy.AddGrant(new S3Grantee { CanonicalUser = "someone-else" }, S3Permission.READ_ACP);
        await S3Assert.ErrorAsync(() => _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "o", AccessControlPolicy = policy }), HttpStatusCode.BadRequest, "InvalidArgument");
        policy = new S3AccessControlList { Owner = new Owner { Id = BleepStoreFactory.AccessKey, DisplayName = BleepStoreFactory.AccessKey } };
        policy.AddGrant(new S3Grantee { CanonicalUser = BleepStoreFactory.AccessKey }, S3Permission.READ_ACP);
        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "o", AccessControlPolicy = policy });
        var fromBody = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "o" });
        var grant = Assert.Single(fromBody.Grants);
        Assert.Equal(BleepStoreFactory.AccessKey, grant.Grantee.CanonicalUser);
        Assert.Equal(S3Permission.READ_ACP, grant.Permission);

        var after = await _s3.GetObjectMetadataAsync(bucket, "o");
        Assert.Equal(put.ETag, after.ETag);
        Assert.Equal(before.LastModified, after.LastModified);

        await S3Assert.ErrorAsync(() => _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "missing" }), HttpStatusCode.NotFound, "NoSuchKey");
        await S3Assert.ErrorAsync(
            () => _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "missing", ACL = S3CannedACL.Private }),
            HttpStatusCode.NotFound,
            "NoSuchKey");
    }

    [Fact]
    public async Task BucketAcl_FromBody_IsApplied()
    {
        var bucket = await CreateBucketAsync();
        var policy = new S3AccessControlList { Owner = new Owner { Id = BleepStoreFactory.AccessKey } };
        policy.AddGrant(new S3Grantee { CanonicalUser = BleepStoreFactory.AccessKey }, S3Permission.FULL_CONTROL);
        policy.AddGrant(new S3Grantee { URI = AllUsers }, S3Permission.READ);

        await _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, AccessControlPolicy = policy });

        var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        Assert.Equal(2, acl.Grants.Count);
        Assert.Contains(acl.Grants, g => g.Grantee.URI == AllUsers && g.Permission == S3Permission.READ);
    }

    [Fact]
    public async Task ListVersions_EveryObjectIsOneNullVersion_WithPrefixesAndPaging()
    {
        var bucket = await CreateBucketAsync();
        foreach (var key in (string[])["a", "b/1", "b/2", "c d", "é"])
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }

        var rolled = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Delimiter = "/" });
        Assert.Equal(["a", "c d", "é"], rolled.Versions.Select(v => v.Key));
        Assert.All(rolled.Versions, v =>
        {
            Assert.Equal("null", v.VersionId);
            Assert.True(v.IsLatest);
            Assert.False(v.IsDeleteMarker ?? false);
            Assert.Equal(BleepStoreFactory.AccessKey, v.Owner.Id);
        });
        Assert.Equal(["b/"], rolled.CommonPrefixes);

        var keys = new List<string>();
        var request = new ListVersionsRequest { BucketName = bucket, MaxKeys = 2 };
        ListVersionsResponse page;
        do
        {
            page = await _s3.ListVersionsAsync(request);
            keys.AddRange(page.Versions.Select(v => v.Key));
            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
        while (page.IsTruncated == true);

        Assert.Equal(["a", "b/1", "b/2", "c d", "é"], keys);
    }

    [Fact]
    public async Task TamperedBody_WithDeclaredSha256_IsXAmzContentSHA256Mismatch_AndChangesNothing()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "survivor", ContentBody = "x" });
        using var tampering = _factory.CreateS3Client(httpClientFactory: new TamperingHandler.Factory(r => r.Method == HttpMethod.Post || r.RequestUri!.Query.Length == 0));

        await S3Assert.ErrorAsync(
            () => tampering.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [new KeyVersion { Key = "survivor" }] }),
            HttpStatusCode.BadRequest,
            "XAmzContentSHA256Mismatch");
        Assert.Single((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects);

        var fresh = S3Assert.NewBucket();
        await S3Assert.ErrorAsync(
            () => tampering.PutBucketAsync(new PutBucketRequest { BucketName = fresh, UseClientRegion = false, PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = "eu-west-1" } }),
            HttpStatusCode.BadRequest,
            "XAmzContentSHA256Mismatch");
        await S3Assert.ErrorAsync(() => _s3.GetBucketLocationAsync(fresh), HttpStatusCode.NotFound, "NoSuchBucket");
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = S3Assert.NewBucket();
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }
}
