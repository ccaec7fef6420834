using System.Net;

namespace BleepStore.E2E.Lifecycle;

/// <summary>
/// Bucket lifecycle through AWSSDK.S3 (docs/lifecycle.md). The servers run_e2e.sh starts count a lifecycle day as one
/// second and scan every second (write_config), so a rule of 1 day acts within a few seconds.
/// </summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly string _bucket = BucketNames.New();

    public async Task InitializeAsync() => await _s3.PutBucketAsync(_bucket);

    public async Task DisposeAsync()
    {
        try
        {
            await _s3.DeleteLifecycleConfigurationAsync(_bucket);
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, _bucket);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            // The server may already be gone (the test that noticed has failed); cleanup must not hide that.
        }
        finally
        {
            _s3.Dispose();
        }
    }

    private Task PutRulesAsync(params LifecycleRule[] rules) =>
        _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest { BucketName = _bucket, Configuration = new LifecycleConfiguration { Rules = [.. rules] } });

    private static LifecycleRule Rule(string id, string prefix) => new() { Id = id, Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { Prefix = prefix } };

    private async Task<List<string>> KeysAsync() =>
        [.. ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects ?? []).Select(o => o.Key)];

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"not within {Wait.TotalSeconds} s: {what}");
    }

    [Fact]
    public async Task PutGetDelete_RoundTrip_TransitionIsNotImplemented()
    {
        var expire = Rule("logs", "logs/");
        expire.Expiration = new LifecycleRuleExpiration { Days = 30 };
        var noncurrent = Rule("old", "");
        noncurrent.NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 7, NewerNoncurrentVersions = 3 };
        await PutRulesAsync(expire, noncurrent);

        var rules = (await _s3.GetLifecycleConfigurationAsync(_bucket)).Configuration.Rules;
        Assert.Equal(["logs", "old"], rules.Select(r => r.Id));
        Assert.Equal(30, rules[0].Expiration.Days);
        Assert.Equal((7, 3), (rules[1].NoncurrentVersionExpiration.NoncurrentDays, rules[1].NoncurrentVersionExpiration.NewerNoncurrentVersions));

        var transition = Rule("t", "");
        transition.Transitions = [new LifecycleTransition { Days = 30, StorageClass = S3StorageClass.Glacier }];
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => PutRulesAsync(transition));
        Assert.Equal((HttpStatusCode.NotImplemented, "NotImplemented"), (e.StatusCode, e.ErrorCode));
        Assert.Equal(2, (await _s3.GetLifecycleConfigurationAsync(_bucket)).Configuration.Rules.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteLifecycleConfigurationAsync(_bucket)).HttpStatusCode);
        Assert.Empty((await _s3.GetLifecycleConfigurationAsync(_bucket)).Configuration?.Rules ?? []);
    }

    [Fact]
    public async Task ExpirationDays_RemovesThePrefixOnly_AndAbortsOldUploads()
    {
        foreach (var key in new[] { "logs/a", "logs/b", "keep/c" })
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = key });
        }

        var upload = await _s3.InitiateMultipartUploadAsync(_bucket, "logs/upload");
        var expire = Rule("logs", "logs/");
        expire.Expiration = new LifecycleRuleExpiration { Days = 1 };
        expire.AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 1 };
        await PutRulesAsync(expire);

        await WaitForAsync(async () => (await KeysAsync()).SequenceEqual(["keep/c"]), "logs/ expired");
        await WaitForAsync(async () => ((await _s3.ListMultipartUploadsAsync(_bucket)).MultipartUploads ?? []).Count == 0, "the upload aborted");
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.ListPartsAsync(_bucket, "logs/upload", upload.UploadId));
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
    }

    [Fact]
    public async Task Versioned_NoncurrentVersionsExpire_CurrentGetsADeleteMarker()
    {
        await _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = _bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "k", ContentBody = $"v{i}" })).VersionId);
        }

        var rule = Rule("all", "");
        rule.NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 1 };
        rule.Expiration = new LifecycleRuleExpiration { Days = 1 };
        await PutRulesAsync(rule);

        // The current version is hidden by a marker and, once noncurrent, expires too: only the marker is left, then
        // (Days implies removing expired markers) nothing.
        await WaitForAsync(async () =>
        {
            var listing = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket });
            return (listing.Versions ?? []).Count == 0;
        }, "every version of k expired");
        var get = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAsync(_bucket, "k"));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var byId = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "k", VersionId = ids[0] }));
        Assert.Equal("NoSuchVersion", byId.ErrorCode);
    }
}
