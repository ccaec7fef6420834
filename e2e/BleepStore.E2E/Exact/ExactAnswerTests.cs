using System.Net;

namespace BleepStore.E2E.Exact;

/// <summary>Issue 9's exact answers, through AWSSDK.S3: each is S3's code and status, and changes nothing.</summary>
public sealed class ExactAnswerTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

    private readonly IAmazonS3 _s3 = fixture.S3;

    [Fact]
    public async Task PutBucketAcl_NoHeadersNoBody_MissingSecurityHeader_AclUnchanged()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead });
        try
        {
            await S3Assert.FailsWithAsync("MissingSecurityHeader", HttpStatusCode.BadRequest, () => _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket }));

            var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
            Assert.Contains(acl.Grants ?? [], g => g.Grantee?.URI == AllUsers);
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task PutObjectAcl_NoHeadersNoBody_MissingSecurityHeader()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "acl-none", ContentBody = "x" });

        await S3Assert.FailsWithAsync("MissingSecurityHeader", HttpStatusCode.BadRequest, () => _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = fixture.Bucket, Key = "acl-none" }));
    }

    [Fact]
    public async Task CreateBucket_UnknownLocationConstraint_InvalidLocationConstraint_NothingCreated()
    {
        var bucket = BucketNames.New();

        await S3Assert.FailsWithAsync("InvalidLocationConstraint", HttpStatusCode.BadRequest, () => _s3.PutBucketAsync(new PutBucketRequest
        {
            BucketName = bucket,
            UseClientRegion = false,
            PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = "moon-base-1" },
        }));

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task CreateBucket_LegacyEuConstraint_IsAccepted()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, UseClientRegion = false, PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = "EU" } });
        try
        {
            Assert.Equal("EU", (await _s3.GetBucketLocationAsync(bucket)).Location?.Value);
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task ListObjectsV2_TokenTheServerDidNotIssue_InvalidArgument()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "token/a", ContentBody = "a" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "token/b", ContentBody = "b" });
        var first = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Bucket, Prefix = "token/", MaxKeys = 1 });
        var second = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Bucket, Prefix = "token/", ContinuationToken = first.NextContinuationToken });
        Assert.Equal("token/b", Assert.Single(second.S3Objects).Key);

        // base64url("token/a"): what earlier builds issued, and what any client could make up.
        await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = fixture.Bucket, ContinuationToken = "dG9rZW4vYQ" }));
        await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = fixture.Bucket, ContinuationToken = first.NextContinuationToken[..^2] + "AA" }));
    }

    [Fact]
    public async Task ListMultipartUploads_NegativeMaxUploads_InvalidArgument()
    {
        var error = await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = fixture.Bucket, MaxUploads = -1 }));
        Assert.Equal("Argument max-uploads must be an integer between 0 and 2147483647", error.Message);
    }

    [Fact]
    public async Task ListParts_NegativeMaxParts_InvalidArgument()
    {
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = fixture.Bucket, Key = "mp-parts" });
        try
        {
            var error = await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.ListPartsAsync(
                new ListPartsRequest { BucketName = fixture.Bucket, Key = "mp-parts", UploadId = upload.UploadId, MaxParts = -1 }));
            Assert.Equal("Argument max-parts must be an integer between 0 and 2147483647", error.Message);
        }
        finally
        {
            await _s3.AbortMultipartUploadAsync(fixture.Bucket, "mp-parts", upload.UploadId);
        }
    }

    [Fact]
    public async Task PutObjectAcl_GrantToIdNamingNoAccount_InvalidArgument_ByEmail_Unresolvable()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "acl-grants", ContentBody = "x" });

        await S3Assert.FailsWithAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.PutObjectAclAsync(new PutObjectAclRequest
        {
            BucketName = fixture.Bucket,
            Key = "acl-grants",
            AccessControlPolicy = new S3AccessControlList
            {
                Owner = new Owner { Id = E2ESettings.Current.AccessKey },
                Grants = [new S3Grant { Grantee = new S3Grantee { CanonicalUser = "0123456789abcdef-no-such-account" }, Permission = S3Permission.READ }],
            },
        }));
        await S3Assert.FailsWithAsync("UnresolvableGrantByEmailAddress", HttpStatusCode.BadRequest, () => _s3.PutObjectAclAsync(new PutObjectAclRequest
        {
            BucketName = fixture.Bucket,
            Key = "acl-grants",
            AccessControlPolicy = new S3AccessControlList
            {
                Owner = new Owner { Id = E2ESettings.Current.AccessKey },
                Grants = [new S3Grant { Grantee = new S3Grantee { EmailAddress = "nobody@example.com" }, Permission = S3Permission.READ }],
            },
        }));

        var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = fixture.Bucket, Key = "acl-grants" });
        Assert.Single(acl.Grants ?? []);
    }

    [Fact]
    public async Task CannedAcl_GroupGrantsComeBeforeTheOwner()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "acl-order", ContentBody = "x", CannedACL = S3CannedACL.PublicReadWrite });

        var grants = (await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = fixture.Bucket, Key = "acl-order" })).Grants!;

        Assert.Equal(3, grants.Count);
        Assert.Equal((AllUsers, S3Permission.READ), (grants[0].Grantee.URI, grants[0].Permission));
        Assert.Equal((AllUsers, S3Permission.WRITE), (grants[1].Grantee.URI, grants[1].Permission));
        Assert.Equal(S3Permission.FULL_CONTROL, grants[2].Permission);
        Assert.False(string.IsNullOrEmpty(grants[2].Grantee.CanonicalUser));
    }

    [Fact]
    public async Task GetObject_PartNumberBeyondTheParts_Is416InvalidPartNumber()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "one-part", ContentBody = "x" });

        await S3Assert.FailsWithAsync("InvalidPartNumber", HttpStatusCode.RequestedRangeNotSatisfiable, () => _s3.GetObjectAsync(
            new GetObjectRequest { BucketName = fixture.Bucket, Key = "one-part", PartNumber = 2 }));
    }
}
