using System.Net;

namespace BleepStore.E2E.Tagging;

/// <summary>Object and bucket tagging through AWSSDK.S3 against the running server.</summary>
public sealed class TaggingTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task ObjectTags_HeaderOnPut_ReplacedByPutTagging_CountedOnGet_RemovedByDelete()
    {
        const string key = "tagging/obj ü.txt";
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "t", TagSet = [new Tag { Key = "a", Value = "b c" }] });
        Assert.Equal([("a", "b c")], await TagsAsync(key));

        var put = await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = _bucket,
            Key = key,
            Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "y", Value = "2" }, new Tag { Key = "x", Value = "1" }] },
        });
        Assert.Null(put.VersionId); // a bucket that never had versioning: no x-amz-version-id, as on GET
        Assert.Equal([("x", "1"), ("y", "2")], await TagsAsync(key));
        using (var got = await _s3.GetObjectAsync(_bucket, key))
        {
            Assert.Equal(2, got.TagCount);
        }

        await _s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = _bucket, Key = key });
        Assert.Empty(await TagsAsync(key));
    }

    [Fact]
    public async Task ObjectTags_CopyDirectiveAndMultipart()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "tagging/src", ContentBody = "s", TagSet = [new Tag { Key = "src", Value = "1" }] });
        await _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = _bucket, SourceKey = "tagging/src", DestinationBucket = _bucket, DestinationKey = "tagging/copy" });
        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = "tagging/src", DestinationBucket = _bucket, DestinationKey = "tagging/replace",
            TaggingDirective = TaggingDirective.REPLACE, TagSet = [new Tag { Key = "dst", Value = "2" }],
        });
        Assert.Equal([("src", "1")], await TagsAsync("tagging/copy"));
        Assert.Equal([("dst", "2")], await TagsAsync("tagging/replace"));

        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = "tagging/mp", TagSet = [new Tag { Key = "mp", Value = "3" }] });
        var part = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = "tagging/mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream([9]) });
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = "tagging/mp", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)] });
        Assert.Equal([("mp", "3")], await TagsAsync("tagging/mp"));
    }

    [Fact]
    public async Task ObjectTags_Limits_AreS3Errors()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "tagging/limits", ContentBody = "l" });

        await S3Assert.FailsWithAsync("BadRequest", HttpStatusCode.BadRequest, () => PutTagsAsync("tagging/limits", [.. Enumerable.Range(0, 11).Select(i => new Tag { Key = $"k{i}", Value = "v" })]));
        await S3Assert.FailsWithAsync("InvalidTag", HttpStatusCode.BadRequest, () => PutTagsAsync("tagging/limits", [new Tag { Key = new string('k', 129), Value = "v" }]));
        await S3Assert.FailsWithAsync("InvalidTag", HttpStatusCode.BadRequest, () => PutTagsAsync("tagging/limits", [new Tag { Key = "k", Value = "v" }, new Tag { Key = "k", Value = "w" }]));
        Assert.Empty(await TagsAsync("tagging/limits"));
    }

    [Fact]
    public async Task BucketTags_PutGetDelete()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);
        try
        {
            await S3Assert.FailsWithAsync("NoSuchTagSet", HttpStatusCode.NotFound, () => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
            await _s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new Tag { Key = "team", Value = "storage" }] });
            var tags = await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
            Assert.Equal(("team", "storage"), (tags.TagSet.Single().Key, tags.TagSet.Single().Value));
            await _s3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = bucket });
            await S3Assert.FailsWithAsync("NoSuchTagSet", HttpStatusCode.NotFound, () => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task ObjectTags_LengthsCountCharacters_HeaderOverTenOnPut_StoresNothing()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "tagging/unicode", ContentBody = "u" });
        await PutTagsAsync("tagging/unicode", [new Tag { Key = new string('й', 128), Value = new string('ж', 256) }]);
        await S3Assert.FailsWithAsync("InvalidTag", HttpStatusCode.BadRequest, () => PutTagsAsync("tagging/unicode", [new Tag { Key = "k", Value = new string('ж', 257) }]));
        Assert.Equal([(new string('й', 128), new string('ж', 256))], await TagsAsync("tagging/unicode"));

        await S3Assert.FailsWithAsync("BadRequest", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "tagging/eleven", ContentBody = "e", TagSet = [.. Enumerable.Range(0, 11).Select(i => new Tag { Key = $"k{i}", Value = "v" })],
        }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, "tagging/eleven"));
    }

    [Fact]
    public async Task BucketTags_FiftyAllowed_FiftyFirstInvalidTag_SetUnchanged()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);
        try
        {
            var fifty = Enumerable.Range(0, 50).Select(i => new Tag { Key = $"k{i:00}", Value = "v" }).ToList();
            await _s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = fifty });
            await S3Assert.FailsWithAsync("InvalidTag", HttpStatusCode.BadRequest, () => _s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
            {
                BucketName = bucket, TagSet = [.. fifty, new Tag { Key = "k50", Value = "v" }],
            }));
            var kept = await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
            Assert.Equal(fifty.Select(t => t.Key), kept.TagSet.Select(t => t.Key));
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }

    private Task PutTagsAsync(string key, List<Tag> tags) =>
        _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest { BucketName = _bucket, Key = key, Tagging = new Amazon.S3.Model.Tagging { TagSet = tags } });

    private async Task<List<(string, string)>> TagsAsync(string key) =>
        [.. ((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = _bucket, Key = key })).Tagging ?? []).Select(t => (t.Key, t.Value ?? ""))];
}
