using System.Net;

namespace BleepStore.E2E.Buckets;

/// <summary>Bucket ownership controls through AWSSDK.S3 (decision 13).</summary>
public sealed class OwnershipControlsTests : IAsyncLifetime
{
    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly string _bucket = BucketNames.New();

    public Task InitializeAsync() => _s3.PutBucketAsync(_bucket);

    public async Task DisposeAsync()
    {
        await BucketCleaner.DeleteBucketAndContentsAsync(_s3, _bucket);
        _s3.Dispose();
    }

    private static OwnershipControls Controls(ObjectOwnership value) => new() { Rules = [new OwnershipControlsRule { ObjectOwnership = value }] };

    [Fact]
    public async Task PutGetDelete_NewBucketHasNone()
    {
        await S3Assert.FailsWithAsync("OwnershipControlsNotFoundError", HttpStatusCode.NotFound, () => _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = _bucket }));

        await _s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest { BucketName = _bucket, OwnershipControls = Controls(ObjectOwnership.BucketOwnerPreferred) });
        var got = await _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = _bucket });
        Assert.Equal(ObjectOwnership.BucketOwnerPreferred, Assert.Single(got.OwnershipControls.Rules).ObjectOwnership);

        await _s3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = _bucket });
        await S3Assert.FailsWithAsync("OwnershipControlsNotFoundError", HttpStatusCode.NotFound, () => _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = _bucket }));
    }

    [Fact]
    public async Task Enforced_AclWritesOtherThanOwnerFullControl_AccessControlListNotSupported()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectOwnership = ObjectOwnership.BucketOwnerEnforced });
        try
        {
            var got = await _s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
            Assert.Equal(ObjectOwnership.BucketOwnerEnforced, Assert.Single(got.OwnershipControls.Rules).ObjectOwnership);

            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "ok", ContentBody = "x", CannedACL = S3CannedACL.BucketOwnerFullControl });
            await S3Assert.FailsWithAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(
                new PutObjectRequest { BucketName = bucket, Key = "public", ContentBody = "x", CannedACL = S3CannedACL.PublicRead }));
            await S3Assert.FailsWithAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest, () => _s3.PutObjectAclAsync(
                new PutObjectAclRequest { BucketName = bucket, Key = "ok", ACL = S3CannedACL.PublicRead }));
            await S3Assert.FailsWithAsync("AccessControlListNotSupported", HttpStatusCode.BadRequest, () => _s3.PutBucketAclAsync(
                new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead }));
            await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(bucket, "public"));

            var acl = await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "ok" });
            var grant = Assert.Single(acl.Grants);
            Assert.Equal((E2ESettings.Current.AccessKey, S3Permission.FULL_CONTROL), (grant.Grantee.CanonicalUser, grant.Permission));
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, bucket);
        }
    }

    [Fact]
    public async Task Enforced_OnAPublicBucket_InvalidBucketAclWithObjectOwnership()
    {
        await _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = _bucket, ACL = S3CannedACL.PublicRead });
        try
        {
            await S3Assert.FailsWithAsync("InvalidBucketAclWithObjectOwnership", HttpStatusCode.BadRequest, () => _s3.PutBucketOwnershipControlsAsync(
                new PutBucketOwnershipControlsRequest { BucketName = _bucket, OwnershipControls = Controls(ObjectOwnership.BucketOwnerEnforced) }));
        }
        finally
        {
            await _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = _bucket, ACL = S3CannedACL.Private });
        }
    }
}
