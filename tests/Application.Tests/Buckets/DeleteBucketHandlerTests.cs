using BleepStore.Application.Buckets.DeleteBucket;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using NSubstitute;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class DeleteBucketHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Fact]
    public async Task Handle_EmptyOwnBucket_RowAndNamespaceGone()
    {
        _f.AddBucket("photos", Alice);

        await Handler().Handle(new DeleteBucketCommand(As(Alice), "photos"), default);

        Assert.Null(await _f.Store.GetBucketAsync("photos", default));
        await _f.Storage.Received(1).DeleteBucketAsync("photos", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_Missing_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new DeleteBucketCommand(As(Alice), "nope"), default));

    [Fact]
    public async Task Handle_GranteeWithFullControl_AccessDeniedAndKept()
    {
        _f.AddBucket("photos", Alice, grants: [(Bob, Permission.FullControl)]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new DeleteBucketCommand(As(Bob), "photos"), default));

        Assert.NotNull(await _f.Store.GetBucketAsync("photos", default));
        await _f.Storage.DidNotReceiveWithAnyArgs().DeleteBucketAsync(default!, default);
    }

    [Fact]
    public async Task Handle_AnonymousOnPublicReadWriteBucket_AccessDenied()
    {
        _f.AddBucket("photos", Alice, "public-read-write");

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new DeleteBucketCommand(As(null), "photos"), default));

        Assert.NotNull(await _f.Store.GetBucketAsync("photos", default));
    }

    [Fact]
    public async Task Handle_BucketWithObject_BucketNotEmptyAndNamespaceKept()
    {
        _f.AddBucket("photos", Alice);
        _f.Store.AddObject(new ObjectRecord
        {
            Bucket = "photos",
            Key = "k",
            Size = 1,
            ETag = "\"0cc175b9c0f1b6a831c399e269772661\"",
            Content = ContentHeaders.Default,
            Acl = AccessControlList.Private(Alice),
            LastModified = _f.Clock.UtcNow,
            BlobId = "",
            InlineData = [1],
        });

        var ex = await S3Assert.ThrowsAsync("BucketNotEmpty", () => Handler().Handle(new DeleteBucketCommand(As(Alice), "photos"), default));

        Assert.Contains(new KeyValuePair<string, string>("BucketName", "photos"), ex.Details);
        Assert.NotNull(await _f.Store.GetObjectAsync("photos", "k", default));
        await _f.Storage.DidNotReceiveWithAnyArgs().DeleteBucketAsync(default!, default);
    }

    [Fact]
    public async Task Handle_BucketWithOpenUpload_DeletesUploadWithIt()
    {
        _f.AddBucket("photos", Alice);
        _f.Store.AddUpload(new MultipartUpload
        {
            UploadId = "u1",
            Bucket = "photos",
            Key = "big",
            Content = ContentHeaders.Default,
            Acl = AccessControlList.Private(Alice),
            Initiator = Alice,
            Initiated = _f.Clock.UtcNow,
        });

        await Handler().Handle(new DeleteBucketCommand(As(Alice), "photos"), default);

        Assert.Null(await _f.Store.GetUploadAsync("u1", default));
        await _f.Storage.Received(1).DeleteBucketAsync("photos", Arg.Any<CancellationToken>());
    }

    private DeleteBucketHandler Handler() => new(_f.Store, _f.Storage);
}
