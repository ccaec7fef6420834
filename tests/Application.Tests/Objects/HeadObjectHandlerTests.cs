using BleepStore.Application.Objects;
using BleepStore.Application.Objects.HeadObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects;

public sealed class HeadObjectHandlerTests
{
    private readonly ObjectHandlerFixture _f = new();

    [Fact]
    public async Task Handle_Existing_ReturnsStoredMetadataWithoutRange()
    {
        await _f.Put.Handle(new PutObjectCommand
        {
            Context = Context,
            Bucket = Bucket,
            Key = "k",
            Body = new MemoryStream([1, 2, 3]),
            ContentLength = 3,
            Content = new ContentHeaders("text/plain"),
            UserMetadata = new Dictionary<string, string> { ["x-amz-meta-a"] = "1" },
        }, default);

        var result = await Handler().Handle(new HeadObjectQuery(Context, Bucket, "k"), default);

        var row = await _f.RowAsync("k");
        Assert.Equal((row!.ETag, 3L, "text/plain", "1"), (result.Object.ETag, result.Object.Size, result.Object.Content.ContentType, result.Object.UserMetadata["x-amz-meta-a"]));
        Assert.Null(result.Range);
        Assert.False(result.NotModified);
    }

    [Fact]
    public async Task Handle_Range_ResolvedAgainstSize()
    {
        await _f.PutAsync("k", [1, 2, 3, 4, 5]);

        Assert.Equal(new ByteRange(1, 4), (await Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", "bytes=1-"), default)).Range);
        Assert.Equal(new ByteRange(3, 4), (await Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", "bytes=-2"), default)).Range);
    }

    [Fact]
    public async Task Handle_UnsatisfiableRange_InvalidRangeWithActualSize()
    {
        await _f.PutAsync("k", [1, 2, 3]);

        var ex = await S3Assert.ThrowsAsync("InvalidRange", () => Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", "bytes=3-"), default));

        Assert.Contains(new KeyValuePair<string, string>("ActualObjectSize", "3"), ex.Details);
    }

    [Fact]
    public async Task Handle_IfNoneMatchCurrentETag_NotModified()
    {
        var put = await _f.PutAsync("k", [1]);

        var result = await Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", "bytes=0-0", new ObjectConditions(IfNoneMatch: put.ETag)), default);

        Assert.True(result.NotModified);
        Assert.Null(result.Range);
    }

    [Fact]
    public async Task Handle_IfMatchOtherETag_PreconditionFailed()
    {
        await _f.PutAsync("k", [1]);

        await S3Assert.ThrowsAsync("PreconditionFailed", () => Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", Conditions: new ObjectConditions(IfMatch: "\"00000000000000000000000000000000\"")), default));
    }

    [Fact]
    public async Task Handle_PartNumberOfSinglePut_OneWholePartOrInvalidPartNumber()
    {
        await _f.PutAsync("k", [1, 2, 3]);

        Assert.Equal(new ByteRange(0, 2), (await Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", PartNumber: 1), default)).Range);
        var ex = await S3Assert.ThrowsAsync("InvalidPartNumber", () => Handler().Handle(new HeadObjectQuery(Context, Bucket, "k", PartNumber: 2), default));
        Assert.Contains(new KeyValuePair<string, string>("ActualPartCount", "1"), ex.Details);
    }

    [Fact]
    public async Task Handle_MissingKey_NoSuchKeyForBucketReadersAccessDeniedOtherwise()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Read));

        await S3Assert.ThrowsAsync("NoSuchKey", () => Handler().Handle(new HeadObjectQuery(As(Bob), Bucket, "missing"), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new HeadObjectQuery(Anonymous, Bucket, "missing"), default));
    }

    [Fact]
    public async Task Handle_PublicBucketPrivateObject_AccessDenied()
    {
        _f.SetBucketAcl("public-read");
        await _f.PutAsync("k", [1]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new HeadObjectQuery(Anonymous, Bucket, "k"), default));
    }

    [Fact]
    public async Task Handle_PublicReadObjectInPrivateBucket_Readable()
    {
        await _f.PutAsync("k", [1]);
        await _f.Store.SetObjectAclAsync(Bucket, "k", CannedAcl.Expand("public-read", Alice), default);

        Assert.Equal(1, (await Handler().Handle(new HeadObjectQuery(Anonymous, Bucket, "k"), default)).Object.Size);
    }

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new HeadObjectQuery(Context, "nope", "k"), default));

    private HeadObjectHandler Handler() => new(_f.Store);
}
