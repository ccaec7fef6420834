using System.Net;
using System.Security.Cryptography;

namespace BleepStore.E2E.Versioning;

/// <summary>A bucket with versioning Enabled (docs/versioning.md).</summary>
public sealed class VersionedBucketFixture : BucketFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = Bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
    }
}

/// <summary>Bucket versioning through AWSSDK.S3 against the running server: every operation that takes or makes a version id.</summary>
public sealed class VersioningTests(VersionedBucketFixture fixture) : IClassFixture<VersionedBucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task GetBucketVersioning_Enabled_AndANewBucketAnswersOff()
    {
        Assert.Equal(VersionStatus.Enabled, (await _s3.GetBucketVersioningAsync(_bucket)).VersioningConfig.Status);
        var other = BucketNames.New();
        await _s3.PutBucketAsync(other);
        try
        {
            Assert.Equal(VersionStatus.Off, (await _s3.GetBucketVersioningAsync(other)).VersioningConfig.Status);
        }
        finally
        {
            await _s3.DeleteBucketAsync(other);
        }
    }

    [Fact]
    public async Task PutCopyComplete_MakeVersions_OldOnesReadBackByVersionId()
    {
        const string key = "v/writes ü";
        var v1 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "one" })).VersionId;
        var v2 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "two" })).VersionId;
        Assert.NotEqual(v1, v2);

        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = key, SourceVersionId = v1, DestinationBucket = _bucket, DestinationKey = key + "-copy",
        });
        Assert.Equal(v1, copy.SourceVersionId);
        Assert.False(string.IsNullOrEmpty(copy.VersionId));
        Assert.Equal("one", await ReadAsync(key + "-copy"));

        var upload = await _s3.InitiateMultipartUploadAsync(_bucket, key);
        var part = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream("three"u8.ToArray()) });
        var done = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)] });
        Assert.False(string.IsNullOrEmpty(done.VersionId));

        Assert.Equal("three", await ReadAsync(key));
        Assert.Equal("one", await ReadAsync(key, v1));
        Assert.Equal("two", await ReadAsync(key, v2));
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key, VersionId = v2 });
        Assert.Equal(v2, head.VersionId);
        Assert.Equal(3, head.ContentLength);
        var listed = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = key });
        Assert.Equal([(key, done.VersionId, true), (key, v2, false), (key, v1, false), (key + "-copy", copy.VersionId, true)],
            listed.Versions.Select(v => (v.Key, v.VersionId, v.IsLatest == true)));
    }

    [Fact]
    public async Task DeleteMarker_HidesTheKey_405ByVersionId_RemovingItRestores()
    {
        const string key = "v/marker";
        var v1 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "one" })).VersionId;

        var deleted = await _s3.DeleteObjectAsync(_bucket, key);
        Assert.Equal("true", deleted.DeleteMarker);
        var marker = deleted.VersionId;

        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAsync(_bucket, key));
        Assert.Equal(("NoSuchKey", HttpStatusCode.NotFound), (gone.ErrorCode, gone.StatusCode));
        var byId = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, VersionId = marker }));
        Assert.Equal(("MethodNotAllowed", HttpStatusCode.MethodNotAllowed), (byId.ErrorCode, byId.StatusCode));

        var listed = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = key });
        Assert.Equal([(marker, true, true), (v1, false, false)], listed.Versions.Select(v => (v.VersionId, v.IsLatest == true, v.IsDeleteMarker == true)));

        var undo = await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key, VersionId = marker });
        Assert.Equal(("true", marker), (undo.DeleteMarker, undo.VersionId));
        Assert.Equal("one", await ReadAsync(key));
    }

    [Fact]
    public async Task DeleteVersion_RemovesIt_PreviousBecomesCurrent_UnknownAndMalformedIds()
    {
        const string key = "v/delete-version";
        var v1 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "one" })).VersionId;
        var v2 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "two" })).VersionId;

        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key, VersionId = v2 });

        Assert.Equal("one", await ReadAsync(key));
        Assert.Equal(v1, (await _s3.GetObjectMetadataAsync(_bucket, key)).VersionId);
        var unknown = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, VersionId = v2 }));
        Assert.Equal("NoSuchVersion", unknown.ErrorCode);
        var malformed = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, VersionId = "not-a-version" }));
        Assert.Equal(("InvalidArgument", HttpStatusCode.BadRequest), (malformed.ErrorCode, malformed.StatusCode));
    }

    [Fact]
    public async Task ListVersions_PagedByOneToThree_EqualsOneFullPage()
    {
        const string prefix = "v/page/";
        foreach (var key in new[] { "a", "b/1", "b/2", "c" })
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = prefix + key, ContentBody = "1" });
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = prefix + key, ContentBody = "2" });
            await _s3.DeleteObjectAsync(_bucket, prefix + key);
        }

        var full = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = prefix })).Versions
            .Select(v => (v.Key, v.VersionId, v.IsLatest == true, v.IsDeleteMarker == true)).ToList();
        Assert.Equal(12, full.Count);
        for (var size = 1; size <= 3; size++)
        {
            var paged = new List<(string, string, bool, bool)>();
            string? keyMarker = null, versionMarker = null;
            while (true)
            {
                var page = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = prefix, MaxKeys = size, KeyMarker = keyMarker, VersionIdMarker = versionMarker });
                paged.AddRange(page.Versions.Select(v => (v.Key, v.VersionId, v.IsLatest == true, v.IsDeleteMarker == true)));
                if (page.IsTruncated != true)
                {
                    break;
                }

                (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
            }

            Assert.Equal(full, paged);
        }

        var rolled = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = prefix, Delimiter = "/" });
        Assert.Equal([prefix + "b/"], rolled.CommonPrefixes);
        Assert.Equal(6, rolled.Versions.Count);
    }

    [Fact]
    public async Task DeleteObjects_WithVersionIds_ReportsMarkers()
    {
        var v1 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "v/multi-a", ContentBody = "a" })).VersionId;
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "v/multi-b", ContentBody = "b" });

        var result = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = _bucket,
            Objects = [new KeyVersion { Key = "v/multi-a", VersionId = v1 }, new KeyVersion { Key = "v/multi-b" }],
        });

        var a = result.DeletedObjects.Single(d => d.Key == "v/multi-a");
        var b = result.DeletedObjects.Single(d => d.Key == "v/multi-b");
        Assert.Equal((v1, false), (a.VersionId, a.DeleteMarker == true));
        Assert.True(b.DeleteMarker);
        Assert.False(string.IsNullOrEmpty(b.DeleteMarkerVersionId));
        var latest = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _bucket, Prefix = "v/multi-b" })).Versions[0];
        Assert.Equal((b.DeleteMarkerVersionId, true), (latest.VersionId, latest.IsDeleteMarker == true));
    }

    [Fact]
    public async Task TaggingAndAcl_OfOneVersion()
    {
        const string key = "v/sub";
        var v1 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "1" })).VersionId;
        var v2 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "2" })).VersionId;

        // Every tagging response names the version it acted on (x-amz-version-id), as S3 does on a versioned bucket.
        var put = await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest { BucketName = _bucket, Key = key, VersionId = v1, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "old", Value = "y" }] } });
        Assert.Equal(v1, put.VersionId);
        var got = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = _bucket, Key = key, VersionId = v1 });
        Assert.Equal(("old", v1), (got.Tagging.Single().Key, got.VersionId));
        var gotCurrent = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = _bucket, Key = key });
        Assert.Empty(gotCurrent.Tagging ?? []);
        Assert.Equal(v2, gotCurrent.VersionId);
        var putCurrent = await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest { BucketName = _bucket, Key = key, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "cur", Value = "z" }] } });
        Assert.Equal(v2, putCurrent.VersionId);
        Assert.Equal(v2, (await _s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = _bucket, Key = key })).VersionId);
        Assert.Equal(v1, (await _s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = _bucket, Key = key, VersionId = v1 })).VersionId);
        Assert.Empty((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = _bucket, Key = key, VersionId = v1 })).Tagging ?? []);

        await _s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = _bucket, Key = key, VersionId = v1, ACL = S3CannedACL.PublicRead });
        var grants = (await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = key, VersionId = v1 })).Grants;
        Assert.Contains(grants, g => g.Grantee.URI?.EndsWith("AllUsers", StringComparison.Ordinal) == true);
        var current = (await _s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = _bucket, Key = key })).Grants;
        Assert.DoesNotContain(current, g => g.Grantee.URI?.EndsWith("AllUsers", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ConditionalWrites_OverAMarker()
    {
        const string key = "v/conditional";
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "1" });
        await _s3.DeleteObjectAsync(_bucket, key);

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "2", IfNoneMatch = "*" });
        var again = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "3", IfNoneMatch = "*" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        Assert.Equal("2", await ReadAsync(key));
    }

    [Fact]
    public async Task Suspended_WritesTheNullVersion_KeepsVersionedOnes()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);
        try
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "null-1" });
            await SetVersioningAsync(bucket, VersionStatus.Enabled);
            var v1 = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v1" })).VersionId;
            await SetVersioningAsync(bucket, VersionStatus.Suspended);
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "null-2" });

            var listed = await _s3.ListVersionsAsync(bucket);
            Assert.Equal([("null", true), (v1, false)], listed.Versions.Select(v => (v.VersionId, v.IsLatest == true)));
            using var got = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = "null" });
            Assert.Equal("null-2", await new StreamReader(got.ResponseStream).ReadToEndAsync());
            Assert.Equal(VersionStatus.Suspended, (await _s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);
        }
        finally
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, bucket);
        }
    }

    private Task SetVersioningAsync(string bucket, VersionStatus status) =>
        _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = status } });

    private async Task<string> ReadAsync(string key, string? versionId = null)
    {
        using var got = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, VersionId = versionId });
        return await new StreamReader(got.ResponseStream).ReadToEndAsync();
    }
}
