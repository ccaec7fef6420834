using System.Net;
using System.Xml.Linq;

namespace BleepStore.E2E.Acl;

/// <summary>Object ACLs (canned, grant headers, XML body, at PUT and Copy) and their enforcement for anonymous requests.</summary>
public sealed class ObjectAclTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;
    private readonly HttpClient _anonymous = new() { BaseAddress = E2ESettings.Current.Endpoint };

    [Fact]
    public async Task GetObjectAcl_Default_OwnerFullControlOnly()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "acl/default", ContentBody = "x" });

        var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = "acl/default" });

        Assert.False(string.IsNullOrEmpty(acl.Owner?.Id));
        var grant = Assert.Single(acl.Grants ?? []);
        Assert.Equal(S3Permission.FULL_CONTROL, grant.Permission);
        Assert.Equal(acl.Owner!.Id, grant.Grantee?.CanonicalUser);
    }

    [Fact]
    public async Task GetObjectAcl_MissingKey_FailsNoSuchKey()
    {
        await S3Assert.FailsWithAsync("NoSuchKey", HttpStatusCode.NotFound,
            () => _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = "acl/missing" }));
    }

    [Fact]
    public async Task PublicReadObject_AnonymousGetAndHead_Succeed()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "acl/public", ContentBody = "for everyone", CannedACL = S3CannedACL.PublicRead });

        using var get = await _anonymous.GetAsync($"/{_bucket}/acl/public");
        using var head = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{_bucket}/acl/public"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("for everyone", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = "acl/public" });
        Assert.Contains(acl.Grants ?? [], g => g.Grantee?.URI == AllUsers && g.Permission == S3Permission.READ);
    }

    [Fact]
    public async Task PrivateObject_AnonymousGetAndHead_403AccessDenied()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "acl/private", ContentBody = "secret" });

        using var get = await _anonymous.GetAsync($"/{_bucket}/acl/private");
        using var head = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{_bucket}/acl/private"));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal("AccessDenied", XDocument.Parse(await get.Content.ReadAsStringAsync()).Root?.Element("Code")?.Value);
        Assert.Equal(HttpStatusCode.Forbidden, head.StatusCode);
    }

    [Fact]
    public async Task PutObjectAcl_CannedThenPrivate_TogglesAnonymousAccess_KeepsEtag()
    {
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "acl/toggle", ContentBody = "toggle" });

        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = _bucket, Key = "acl/toggle", ACL = S3CannedACL.PublicRead });
        using (var open = await _anonymous.GetAsync($"/{_bucket}/acl/toggle"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = _bucket, Key = "acl/toggle", ACL = S3CannedACL.Private });
        using (var closed = await _anonymous.GetAsync($"/{_bucket}/acl/toggle"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        }

        Assert.Equal(put.ETag, (await _s3.GetObjectMetadataAsync(_bucket, "acl/toggle")).ETag);
    }

    [Fact]
    public async Task PutObjectAcl_XmlBodyGrantingAllUsersRead_OpensAnonymousGet()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "acl/xml", ContentBody = "xml grant" });
        var current = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = "acl/xml" });
        var policy = new S3AccessControlList { Owner = current.Owner, Grants = [.. current.Grants ?? []] };
        policy.Grants.Add(new S3Grant { Grantee = new S3Grantee { URI = AllUsers }, Permission = S3Permission.READ });

        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = _bucket, Key = "acl/xml", AccessControlPolicy = policy });

        using var get = await _anonymous.GetAsync($"/{_bucket}/acl/xml");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task PutObject_GrantReadHeader_OpensAnonymousGet()
    {
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "acl/grant-header", ContentBody = "granted",
            Headers = { ["x-amz-grant-read"] = $"uri=\"{AllUsers}\"" },
        });

        using var get = await _anonymous.GetAsync($"/{_bucket}/acl/grant-header");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task CopyObject_WithCannedPublicRead_CopyIsPublic_SourceStaysPrivate()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "acl/copy-src", ContentBody = "copy acl" });

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = "acl/copy-src", DestinationBucket = _bucket, DestinationKey = "acl/copy-dst", CannedACL = S3CannedACL.PublicRead,
        });

        using var copy = await _anonymous.GetAsync($"/{_bucket}/acl/copy-dst");
        using var source = await _anonymous.GetAsync($"/{_bucket}/acl/copy-src");
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, source.StatusCode);
    }

    [Fact]
    public async Task PublicReadBucket_AnonymousListing_Succeeds_PrivateObjectStillDenied()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead });
        try
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "listed.txt", ContentBody = "x" });

            using var v1 = await _anonymous.GetAsync($"/{bucket}");
            using var v2 = await _anonymous.GetAsync($"/{bucket}?list-type=2");
            using var get = await _anonymous.GetAsync($"/{bucket}/listed.txt");

            Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
            Assert.Contains("<Key>listed.txt</Key>", await v1.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, bucket);
        }
    }

    [Fact]
    public async Task PublicReadBucket_AnonymousWrite_403()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead });
        try
        {
            using var put = await _anonymous.PutAsync($"/{bucket}/anon.txt", new ByteArrayContent("anon"u8.ToArray()));

            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, bucket);
        }
    }

    public void Dispose() => _anonymous.Dispose();
}
