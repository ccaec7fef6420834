using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>Object and bucket tagging through AWSSDK.S3 on the real app (docs/tagging.md).</summary>
public sealed class SdkTaggingTests : IClassFixture<BleepStoreFactory>
{
    private readonly IAmazonS3 _s3;

    public SdkTaggingTests(BleepStoreFactory factory)
    {
        _s3 = factory.CreateS3Client();
    }

    [Fact]
    public async Task ObjectTagging_PutGetDelete_AndCountOnGetAndHead()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "body" });

        await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket,
            Key = "k",
            Tagging = new Tagging { TagSet = [new Tag { Key = "z-last", Value = "ünï cødé" }, new Tag { Key = "a first", Value = "" }] },
        });

        var got = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k" });
        Assert.Equal([("a first", ""), ("z-last", "ünï cødé")], got.Tagging.Select(t => (t.Key, t.Value ?? "")));
        using (var obj = await _s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal(2, obj.TagCount);
        }

        var deleted = await _s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "k" });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        Assert.Empty((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k" })).Tagging ?? []);
        using (var obj = await _s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal(0, obj.TagCount);
        }
    }

    [Fact]
    public async Task PutObject_TaggingHeader_CopyDirective_AndMultipartTagsAtComplete()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "src",
            ContentBody = "x",
            TagSet = [new Tag { Key = "team", Value = "blue sky" }, new Tag { Key = "n", Value = "1+1=2" }],
        });
        Assert.Equal([("n", "1+1=2"), ("team", "blue sky")], await TagsAsync(bucket, "src"));

        await _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "copied" });
        Assert.Equal([("n", "1+1=2"), ("team", "blue sky")], await TagsAsync(bucket, "copied"));
        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "src",
            DestinationBucket = bucket,
            DestinationKey = "replaced",
            TaggingDirective = TaggingDirective.REPLACE,
            TagSet = [new Tag { Key = "new", Value = "v" }],
        });
        Assert.Equal([("new", "v")], await TagsAsync(bucket, "replaced"));

        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "mp",
            TagSet = [new Tag { Key = "mp", Value = "yes" }],
        });
        var part = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]) });
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "mp",
            UploadId = upload.UploadId,
            PartETags = [new PartETag(1, part.ETag)],
        });
        Assert.Equal([("mp", "yes")], await TagsAsync(bucket, "mp"));
    }

    [Fact]
    public async Task ObjectTagging_S3Limits_ExactErrorsAndNothingChanged()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", TagSet = [new Tag { Key = "keep", Value = "1" }] });

        await S3Assert.ErrorAsync(() => PutTagsAsync(bucket, "k", Enumerable.Range(0, 11).Select(i => ($"k{i}", "v")).ToArray()), HttpStatusCode.BadRequest, "BadRequest");
        await S3Assert.ErrorAsync(() => PutTagsAsync(bucket, "k", (new string('k', 129), "v")), HttpStatusCode.BadRequest, "InvalidTag");
        await S3Assert.ErrorAsync(() => PutTagsAsync(bucket, "k", ("k", new string('v', 257))), HttpStatusCode.BadRequest, "InvalidTag");
        await S3Assert.ErrorAsync(() => PutTagsAsync(bucket, "k", ("dup", "1"), ("dup", "2")), HttpStatusCode.BadRequest, "InvalidTag");
        await S3Assert.ErrorAsync(() => PutTagsAsync(bucket, "k", ("semi;colon", "1")), HttpStatusCode.BadRequest, "InvalidTag");
        await S3Assert.ErrorAsync(() => PutTagsAsync(bucket, "missing", ("a", "1")), HttpStatusCode.NotFound, "NoSuchKey");
        await S3Assert.ErrorAsync(
            () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "new", ContentBody = "x", TagSet = [new Tag { Key = "aws:reserved", Value = "1" }] }),
            HttpStatusCode.BadRequest,
            "InvalidTag");

        await PutTagsAsync(bucket, "k", Enumerable.Range(0, 10).Select(i => ($"{i}{new string('k', 127)}", new string('v', 256))).ToArray());
        Assert.Equal(10, (await TagsAsync(bucket, "k")).Count);
        await S3Assert.ErrorAsync(() => _s3.GetObjectMetadataAsync(bucket, "new"), HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task BucketTagging_PutGetDelete_NoSuchTagSetWhenNone()
    {
        var bucket = await CreateBucketAsync();
        await S3Assert.ErrorAsync(() => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }), HttpStatusCode.NotFound, "NoSuchTagSet");

        await _s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = bucket,
            TagSet = [.. Enumerable.Range(0, 50).Select(i => new Tag { Key = $"k{i:00}", Value = $"v{i}" })],
        });
        var tags = await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
        Assert.Equal(50, tags.TagSet.Count);
        Assert.Equal(("k00", "v0"), (tags.TagSet[0].Key, tags.TagSet[0].Value));

        await S3Assert.ErrorAsync(
            () => _s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [.. Enumerable.Range(0, 51).Select(i => new Tag { Key = $"k{i}", Value = "v" })] }),
            HttpStatusCode.BadRequest,
            "InvalidTag");
        Assert.Equal(50, (await _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet.Count);

        await _s3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = bucket });
        await S3Assert.ErrorAsync(() => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }), HttpStatusCode.NotFound, "NoSuchTagSet");
        await S3Assert.ErrorAsync(() => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = S3Assert.NewBucket() }), HttpStatusCode.NotFound, "NoSuchBucket");
    }

    private Task PutTagsAsync(string bucket, string key, params (string Key, string Value)[] tags) =>
        _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket,
            Key = key,
            Tagging = new Tagging { TagSet = [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })] },
        });

    private async Task<List<(string, string)>> TagsAsync(string bucket, string key) =>
        [.. ((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key })).Tagging ?? []).Select(t => (t.Key, t.Value ?? ""))];

    private async Task<string> CreateBucketAsync()
    {
        var bucket = S3Assert.NewBucket("tag");
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }
}
