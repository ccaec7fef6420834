using System.Net;

namespace BleepStore.E2E.Acl;

public sealed class BucketAclTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

    private readonly IAmazonS3 _s3 = fixture.S3;

    [Fact]
    public async Task GetBucketAcl_Default_OwnerHasFullControl()
    {
        var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = fixture.Bucket });

        var owner = acl.Owner;
        Assert.False(string.IsNullOrEmpty(owner?.Id));
        var grants = acl.Grants ?? [];
        Assert.Contains(grants, g => g.Permission == S3Permission.FULL_CONTROL && g.Grantee?.CanonicalUser == owner!.Id);
        Assert.DoesNotContain(grants, g => g.Grantee?.URI == AllUsers);
    }

    [Fact]
    public async Task PutBucketAcl_CannedPublicRead_GrantsAllUsersRead()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);
        try
        {
            var put = await _s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead });
            var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });

            Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
            Assert.Contains(acl.Grants ?? [], g => g.Grantee?.URI == AllUsers
                && (g.Permission == S3Permission.READ || g.Permission == S3Permission.FULL_CONTROL));
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task CreateBucket_WithCannedPublicRead_GrantsAllUsersRead()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead });
        try
        {
            var acl = await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });

            Assert.Contains(acl.Grants ?? [], g => g.Grantee?.URI == AllUsers && g.Permission == S3Permission.READ);
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }
}
