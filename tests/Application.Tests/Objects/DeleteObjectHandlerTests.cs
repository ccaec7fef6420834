using BleepStore.Application.Objects.DeleteObject;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects;

public sealed class DeleteObjectHandlerTests
{
    private readonly ObjectHandlerFixture _f = new(inlineThreshold: 0);

    [Fact]
    public async Task Handle_BlobObject_RowGoneThenBlobDeleted()
    {
        await _f.PutAsync("k", [1, 2, 3]);
        var blob = (await _f.RowAsync("k"))!.BlobId;

        await Handler().Handle(new DeleteObjectCommand(Context, Bucket, "k"), default);

        Assert.Null(await _f.RowAsync("k"));
        Assert.Contains(blob, _f.Storage.Deleted);
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_InlineObject_RowGoneNoStorageCall()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("small", [1]);

        await new DeleteObjectHandler(f.Store, f.Storage, f.Reaper).Handle(new DeleteObjectCommand(Context, Bucket, "small"), default);

        Assert.Null(await f.RowAsync("small"));
        Assert.Empty(f.Storage.Deleted);
    }

    [Fact]
    public async Task Handle_MissingKey_SucceedsAndChangesNothing()
    {
        await _f.PutAsync("other", [1]);

        await Handler().Handle(new DeleteObjectCommand(Context, Bucket, "missing"), default);
        await Handler().Handle(new DeleteObjectCommand(Context, Bucket, "missing"), default);

        Assert.NotNull(await _f.RowAsync("other"));
        Assert.Empty(_f.Storage.Deleted);
    }

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new DeleteObjectCommand(Context, "nope", "k"), default));

    [Theory]
    [InlineData("public-read", true)]
    [InlineData("public-read", false)]
    [InlineData("authenticated-read", true)]
    public async Task Handle_CallerWithoutBucketWrite_AccessDeniedAndObjectKept(string canned, bool asBob)
    {
        _f.SetBucketAcl(canned, (Bob, Permission.Read), (Bob, Permission.WriteAcp));
        await _f.PutAsync("k", [1, 2, 3]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new DeleteObjectCommand(As(asBob ? Bob : null), Bucket, "k"), default));

        Assert.NotNull(await _f.RowAsync("k"));
        Assert.Empty(_f.Storage.Deleted);
    }

    [Fact]
    public async Task Handle_BucketWriteGrantee_DeletesOwnersObject()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Write));
        await _f.PutAsync("k", [1, 2, 3]);

        await Handler().Handle(new DeleteObjectCommand(As(Bob), Bucket, "k"), default);

        Assert.Null(await _f.RowAsync("k"));
    }

    [Fact]
    public async Task Handle_AnonymousOnPublicReadWriteBucket_Deletes()
    {
        _f.SetBucketAcl("public-read-write");
        await _f.PutAsync("k", [1, 2, 3]);

        await Handler().Handle(new DeleteObjectCommand(Anonymous, Bucket, "k"), default);

        Assert.Null(await _f.RowAsync("k"));
    }

    private DeleteObjectHandler Handler() => new(_f.Store, _f.Storage, _f.Reaper);
}
