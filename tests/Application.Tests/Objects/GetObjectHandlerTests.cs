using BleepStore.Application.Objects;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Objects;

public sealed class GetObjectHandlerTests
{
    private static readonly byte[] Digits = "0123456789"u8.ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task Handle_Range_ReturnsSliceFromBlobOrInline(int inlineThreshold)
    {
        var f = new ObjectHandlerFixture(inlineThreshold);
        await f.PutAsync("k", Digits);

        Assert.Equal("234"u8.ToArray(), await f.ReadAllAsync("k", "bytes=2-4"));
        Assert.Equal("789"u8.ToArray(), await f.ReadAllAsync("k", "bytes=-3"));
    }

    [Fact]
    public async Task Handle_UnsatisfiableRange_InvalidRangeWithSize()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("k", Digits);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Context, ObjectHandlerFixture.Bucket, "k", "bytes=100-200"), default));

        Assert.Equal("InvalidRange", ex.Error.Code);
        Assert.Contains(ex.Details, d => d.Key == "ActualObjectSize" && d.Value == "10");
    }

    [Fact]
    public async Task Handle_IfNoneMatchCurrentETag_NotModifiedWithoutBody()
    {
        var f = new ObjectHandlerFixture();
        var put = await f.PutAsync("k", Digits);

        var result = await f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Context, ObjectHandlerFixture.Bucket, "k", Conditions: new ObjectConditions(IfNoneMatch: put.ETag)), default);

        Assert.True(result.NotModified);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task Handle_IfMatchWrong_PreconditionFailed()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("k", Digits);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Context, ObjectHandlerFixture.Bucket, "k", Conditions: new ObjectConditions(IfMatch: "\"nope\"")), default));

        Assert.Equal("PreconditionFailed", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_AnonymousMissingKeyInPrivateBucket_AccessDeniedNotNoSuchKey()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Anonymous, ObjectHandlerFixture.Bucket, "missing"), default));
        Assert.Equal("AccessDenied", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_OwnerMissingKey_NoSuchKey()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Context, ObjectHandlerFixture.Bucket, "missing"), default));
        Assert.Equal("NoSuchKey", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_AnonymousWithResponseOverrides_InvalidRequest()
    {
        var f = new ObjectHandlerFixture();
        var overrides = new Dictionary<string, string> { ["Content-Type"] = "text/plain" };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Anonymous, ObjectHandlerFixture.Bucket, "k", ResponseOverrides: overrides), default));
        Assert.Equal("InvalidRequest", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_RowWithoutBlob_InternalError()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        await f.PutAsync("k", Digits);
        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "k", default);
        await f.Storage.DeleteAsync(ObjectHandlerFixture.Bucket, row!.BlobId, default);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Get.Handle(new GetObjectQuery(ObjectHandlerFixture.Context, ObjectHandlerFixture.Bucket, "k"), default));

        Assert.Equal("InternalError", ex.Error.Code);
    }
}
