using BleepStore.Application.Tests.Uploads.Fakes;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class AbortMultipartUploadHandlerTests
{
    private readonly MultipartFixture _f = new();

    [Fact]
    public async Task Handle_OpenUpload_RemovesUploadPartsAndTheirBlobs()
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, 1, Bytes(100, 1));
        await _f.UploadPartAsync(id, 2, Bytes(100, 2));

        await _f.AbortAsync(id);

        Assert.Null(await _f.Store.GetUploadAsync(id, default));
        Assert.Empty(_f.Store.AllParts());
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_UnknownUpload_ThrowsNoSuchUpload()
    {
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.AbortAsync("0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task Handle_Twice_SecondThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync();
        await _f.AbortAsync(id);

        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.AbortAsync(id));
    }

    [Fact]
    public async Task Handle_UploadOfAnotherKey_ThrowsNoSuchUploadAndKeepsIt()
    {
        var id = await _f.CreateAsync();

        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.AbortAsync(id, "other"));
        Assert.NotNull(await _f.Store.GetUploadAsync(id, default));
    }

    [Fact]
    public async Task Handle_MissingBucket_ThrowsNoSuchBucket()
    {
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _f.Abort.Handle(new(Context, "nope", Key, "x"), default));
    }

    [Fact]
    public async Task Handle_AfterAbort_UploadPartAndCompleteThrowNoSuchUpload()
    {
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [1]);
        await _f.AbortAsync(id);

        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.UploadPartAsync(id, 2, [2]));
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, p.ETag)));
        Assert.Empty(_f.Storage.BlobIds);
    }
}
