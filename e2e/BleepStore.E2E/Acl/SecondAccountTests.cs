using System.Net;

namespace BleepStore.E2E.Acl;

/// <summary>
/// Grants to another account. The server reads extra accounts from the config file
/// (<c>auth.credentials: [{access_key, secret_key, display_name}]</c>, written by run_e2e.sh); the canonical id of an
/// account is its access key (spec 95 #9). These fail until the server supports that list.
/// </summary>
public sealed class SecondAccountTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private readonly IAmazonS3 _owner = fixture.S3;
    private readonly string _bucket = fixture.Bucket;
    private readonly AmazonS3Client _second = S3Clients.Second();

    [Fact]
    public async Task SecondCredential_Authenticates_AndOwnsItsOwnBuckets()
    {
        var bucket = BucketNames.New();
        await _second.PutBucketAsync(bucket);
        try
        {
            var mine = await _second.ListBucketsAsync();
            var theirs = await _owner.ListBucketsAsync();

            Assert.Contains(bucket, (mine.Buckets ?? []).Select(b => b.BucketName));
            Assert.DoesNotContain(bucket, (theirs.Buckets ?? []).Select(b => b.BucketName));
            Assert.DoesNotContain(_bucket, (mine.Buckets ?? []).Select(b => b.BucketName));
            var acl = await _second.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
            Assert.Equal(E2ESettings.SecondAccessKey, acl.Owner?.Id);
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_second, bucket);
        }
    }

    [Fact]
    public async Task PrivateObject_OtherAccount_403AccessDenied()
    {
        await _owner.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "x-acct/private", ContentBody = "mine" });

        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _second.GetObjectAsync(_bucket, "x-acct/private"));
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => _second.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket }));
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => _second.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "x-acct/intruder", ContentBody = "no" }));
    }

    [Fact]
    public async Task GrantReadToOtherAccount_ById_AllowsItsGet_NotItsWrite()
    {
        await _owner.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "x-acct/granted", ContentBody = "shared",
            Headers = { ["x-amz-grant-read"] = $"id=\"{E2ESettings.SecondAccessKey}\"" },
        });

        using (var get = await _second.GetObjectAsync(_bucket, "x-acct/granted"))
        using (var reader = new StreamReader(get.ResponseStream))
        {
            Assert.Equal("shared", await reader.ReadToEndAsync());
        }

        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _second.PutObjectAclAsync(
            new PutObjectAclRequest { BucketName = _bucket, Key = "x-acct/granted", ACL = S3CannedACL.PublicRead }));
        var acl = await _owner.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = "x-acct/granted" });
        Assert.Contains(acl.Grants ?? [], g => g.Grantee?.CanonicalUser == E2ESettings.SecondAccessKey && g.Permission == S3Permission.READ);
    }

    [Fact]
    public async Task BucketWriteGrantToOtherAccount_AllowsItsPut()
    {
        var bucket = BucketNames.New();
        await _owner.PutBucketAsync(bucket);
        try
        {
            await _owner.PutBucketAclAsync(new PutBucketAclRequest
            {
                BucketName = bucket,
                GrantWrite = $"id=\"{E2ESettings.SecondAccessKey}\"",
                GrantFullControl = $"id=\"{E2ESettings.Current.AccessKey}\"",
            });

            await _second.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "from-second", ContentBody = "hello" });

            await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden,
                () => _second.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_owner, bucket);
        }
    }

    public void Dispose() => _second.Dispose();
}
