using System.Net;

namespace BleepStore.E2E.ObjectLock;

/// <summary>A bucket created with object lock (docs/object-lock.md); its versions are lifted and removed with bypass at the end.</summary>
public sealed class LockedBucketFixture : IAsyncLifetime
{
    internal AmazonS3Client S3 { get; } = S3Clients.Default();

    public string Bucket { get; } = BucketNames.New();

    /// <summary>The latest COMPLIANCE retain-until date a test set; cleanup waits for it.</summary>
    internal DateTime LockedUntil { get; set; } = DateTime.UtcNow;

    public async Task InitializeAsync() => await S3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket, ObjectLockEnabledForBucket = true });

    public async Task DisposeAsync()
    {
        try
        {
            // COMPLIANCE versions of these tests last seconds: wait them out, then lift holds and delete with bypass.
            var wait = LockedUntil - DateTime.UtcNow + TimeSpan.FromSeconds(1);
            await Task.Delay(wait > TimeSpan.FromSeconds(3) ? wait : TimeSpan.FromSeconds(3));
            var versions = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = Bucket });
            foreach (var v in versions.Versions ?? [])
            {
                if (!v.IsDeleteMarker.GetValueOrDefault())
                {
                    await S3.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest { BucketName = Bucket, Key = v.Key, VersionId = v.VersionId, LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.Off } });
                }

                await S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = v.Key, VersionId = v.VersionId, BypassGovernanceRetention = true });
            }

            await S3.DeleteBucketAsync(Bucket);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            // The server may already be gone (the test that noticed has failed); cleanup must not hide that.
        }
        finally
        {
            S3.Dispose();
        }
    }
}

/// <summary>Object lock through AWSSDK.S3 against the running server.</summary>
public sealed class ObjectLockTests(LockedBucketFixture fixture) : IClassFixture<LockedBucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    /// <summary>Now plus <paramref name="span"/>, to the whole second (as dates travel on the wire).</summary>
    private static DateTime Future(TimeSpan span)
    {
        var ticks = DateTime.UtcNow.Add(span).Ticks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    [Fact]
    public async Task CreateBucketWithLock_VersioningEnabled_ConfigurationRoundTrips()
    {
        Assert.Equal(VersionStatus.Enabled, (await _s3.GetBucketVersioningAsync(_bucket)).VersioningConfig.Status);
        var rule = new ObjectLockConfiguration
        {
            ObjectLockEnabled = ObjectLockEnabled.Enabled,
            Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Governance, Days = 1 } },
        };
        await _s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest { BucketName = _bucket, ObjectLockConfiguration = rule });
        try
        {
            var read = (await _s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = _bucket })).ObjectLockConfiguration;
            Assert.Equal((ObjectLockEnabled.Enabled, ObjectLockRetentionMode.Governance, 1), (read.ObjectLockEnabled, read.Rule.DefaultRetention.Mode, read.Rule.DefaultRetention.Days));
            var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "defaulted", ContentBody = "d" });
            var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = "defaulted", VersionId = put.VersionId });
            Assert.Equal(ObjectLockMode.Governance, head.ObjectLockMode);
            Assert.InRange(head.ObjectLockRetainUntilDate!.Value.ToUniversalTime(), DateTime.UtcNow.AddDays(1).AddMinutes(-1), DateTime.UtcNow.AddDays(1).AddMinutes(1));
            await S3Assert.FailsWithAsync("InvalidBucketState", HttpStatusCode.Conflict, () => _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
            {
                BucketName = _bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
            }));
        }
        finally
        {
            await _s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest { BucketName = _bucket, ObjectLockConfiguration = new ObjectLockConfiguration { ObjectLockEnabled = ObjectLockEnabled.Enabled } });
        }
    }

    [Fact]
    public async Task Governance_DeleteRefusedWithoutBypass_RetentionShortenedWithBypass()
    {
        var until = Future(TimeSpan.FromDays(1));
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "gov", ContentBody = "g", ObjectLockMode = ObjectLockMode.Governance, ObjectLockRetainUntilDate = until });
        var retention = (await _s3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = _bucket, Key = "gov", VersionId = put.VersionId })).Retention;
        Assert.Equal((ObjectLockRetentionMode.Governance, until), (retention.Mode, retention.RetainUntilDate!.Value.ToUniversalTime()));

        var denied = await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = "gov", VersionId = put.VersionId }));
        Assert.Equal("Access Denied because object protected by object lock.", denied.Message);
        var shorter = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = Future(TimeSpan.FromHours(1)) };
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest { BucketName = _bucket, Key = "gov", VersionId = put.VersionId, Retention = shorter }));
        await _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest { BucketName = _bucket, Key = "gov", VersionId = put.VersionId, Retention = shorter, BypassGovernanceRetention = true });

        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = "gov", VersionId = put.VersionId, BypassGovernanceRetention = true });
        await S3Assert.FailsWithAsync("NoSuchVersion", HttpStatusCode.NotFound, () => _s3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = _bucket, Key = "gov", VersionId = put.VersionId }));
    }

    [Fact]
    public async Task Compliance_NeitherShortenedNorDeletedWithBypass_PlainDeleteAddsMarker()
    {
        // Seconds, not days, so that cleanup can wait the retention out; wide enough that the shorter date is still in the
        // future when it arrives on a loaded machine (else the answer is 400 "must be in the future", not 403).
        var until = Future(TimeSpan.FromSeconds(12));
        fixture.LockedUntil = until;
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "comp", ContentBody = "c", ObjectLockMode = ObjectLockMode.Compliance, ObjectLockRetainUntilDate = until });

        var shorter = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = Future(TimeSpan.FromSeconds(6)) };
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest { BucketName = _bucket, Key = "comp", VersionId = put.VersionId, Retention = shorter, BypassGovernanceRetention = true }));
        await S3Assert.FailsWithAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = "comp", VersionId = put.VersionId, BypassGovernanceRetention = true }));
        var marker = await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = "comp" });
        Assert.True(marker.DeleteMarker == "true" || marker.DeleteMarker == "True");
        var old = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = "comp", VersionId = put.VersionId });
        Assert.Equal(ObjectLockMode.Compliance, old.ObjectLockMode);
    }

    [Fact]
    public async Task LegalHold_DeleteObjectsReportsAccessDeniedPerKey_UntilLifted()
    {
        var held = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "held", ContentBody = "h", ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On });
        var free = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "free", ContentBody = "f" });
        Assert.Equal(ObjectLockLegalHoldStatus.On, (await _s3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = _bucket, Key = "held" })).LegalHold.Status);

        var request = new DeleteObjectsRequest { BucketName = _bucket, BypassGovernanceRetention = true, Objects = [new KeyVersion { Key = "held", VersionId = held.VersionId }, new KeyVersion { Key = "free", VersionId = free.VersionId }] };
        var e = await Assert.ThrowsAsync<DeleteObjectsException>(() => _s3.DeleteObjectsAsync(request));
        Assert.Equal([("held", "AccessDenied")], e.Response.DeleteErrors.Select(d => (d.Key, d.Code)));
        Assert.Equal(["free"], e.Response.DeletedObjects.Select(d => d.Key));

        await _s3.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest { BucketName = _bucket, Key = "held", VersionId = held.VersionId, LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.Off } });
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = "held", VersionId = held.VersionId });
    }

    [Fact]
    public async Task BucketWithoutLock_LockHeadersAndCallsAreInvalidRequest()
    {
        var other = BucketNames.New();
        await _s3.PutBucketAsync(other);
        try
        {
            await S3Assert.FailsWithAsync("ObjectLockConfigurationNotFoundError", HttpStatusCode.NotFound, () => _s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = other }));
            var e = await S3Assert.FailsWithAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = other, Key = "k", ContentBody = "x", ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On }));
            Assert.Equal("Bucket is missing Object Lock Configuration", e.Message);
            await S3Assert.FailsWithAsync("InvalidBucketState", HttpStatusCode.Conflict, () => _s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
            {
                BucketName = other, ObjectLockConfiguration = new ObjectLockConfiguration { ObjectLockEnabled = ObjectLockEnabled.Enabled },
            }));
            Assert.Empty((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = other })).S3Objects ?? []);
        }
        finally
        {
            await _s3.DeleteBucketAsync(other);
        }
    }
}
