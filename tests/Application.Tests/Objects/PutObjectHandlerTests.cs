using System.Security.Cryptography;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Objects;

public sealed class PutObjectHandlerTests
{
    [Fact]
    public async Task Handle_SmallBody_StoredInlineWithoutBlob()
    {
        var f = new ObjectHandlerFixture();
        byte[] data = [1, 2, 3, 4];

        var result = await f.PutAsync("small", data);

        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(data)) + "\"", result.ETag);
        Assert.Empty(f.Storage.BlobIds);
        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "small", default);
        Assert.Equal(data, row!.InlineData);
        Assert.Equal(data, await f.ReadAllAsync("small"));
    }

    [Fact]
    public async Task Handle_BodyAboveThreshold_StoredAsBlob()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 8);
        var data = new byte[100];
        Random.Shared.NextBytes(data);

        await f.PutAsync("big", data);

        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "big", default);
        Assert.Null(row!.InlineData);
        Assert.Equal(data, f.Storage.Read(row.BlobId));
        Assert.Equal(data, await f.ReadAllAsync("big"));
    }

    [Fact]
    public async Task Handle_OverwriteOfBlob_DeletesReplacedBlob()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        await f.PutAsync("k", [1, 2, 3]);
        var first = (await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "k", default))!.BlobId;

        await f.PutAsync("k", [4, 5, 6]);

        Assert.Contains(first, f.Storage.Deleted);
        Assert.Single(f.Storage.BlobIds);
        Assert.Equal([4, 5, 6], await f.ReadAllAsync("k"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task Handle_WrongContentMd5_BadDigestAndNothingStored(int inlineThreshold)
    {
        var f = new ObjectHandlerFixture(inlineThreshold);
        var wrong = Convert.ToBase64String(MD5.HashData("other"u8));

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.PutAsync("k", [1, 2, 3], contentMd5: wrong));

        Assert.Equal("BadDigest", ex.Error.Code);
        Assert.Empty(f.Storage.BlobIds);
        Assert.Null(await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "k", default));
    }

    [Fact]
    public async Task Handle_MalformedContentMd5_InvalidDigest()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.PutAsync("k", [1], contentMd5: "not-base64!!!"));
        Assert.Equal("InvalidDigest", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_IfNoneMatchStarOnExistingKey_PreconditionFailedAndOriginalKept()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        await f.PutAsync("k", [1]);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.PutAsync("k", [2], ifNoneMatch: "*"));

        Assert.Equal("PreconditionFailed", ex.Error.Code);
        Assert.Single(f.Storage.BlobIds);
        Assert.Equal([1], await f.ReadAllAsync("k"));
    }

    [Fact]
    public async Task Handle_IfNoneMatchOtherThanStar_NotImplemented()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.PutAsync("k", [2], ifNoneMatch: "\"abc\""));
        Assert.Equal("NotImplemented", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_AnonymousOnPrivateBucket_AccessDenied()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.PutAsync("k", [1], ObjectHandlerFixture.Anonymous));
        Assert.Equal("AccessDenied", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_KeyOf1025Bytes_KeyTooLongError()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.PutAsync(new string('k', 1025), [1]));
        Assert.Equal("KeyTooLongError", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucketBeforeKeyLength()
    {
        var f = new ObjectHandlerFixture();
        var command = new PutObjectCommand { Context = ObjectHandlerFixture.Context, Bucket = "nope", Key = new string('k', 2000), Body = new MemoryStream(), ContentLength = 0 };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Put.Handle(command, default));
        Assert.Equal("NoSuchBucket", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_MetadataOver2KB_MetadataTooLarge()
    {
        var f = new ObjectHandlerFixture();
        var command = new PutObjectCommand
        {
            Context = ObjectHandlerFixture.Context,
            Bucket = ObjectHandlerFixture.Bucket,
            Key = "k",
            Body = new MemoryStream([1]),
            ContentLength = 1,
            UserMetadata = new Dictionary<string, string> { ["x-amz-meta-big"] = new string('v', 2046) },
        };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Put.Handle(command, default));
        Assert.Equal("MetadataTooLarge", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_UnknownStorageClass_InvalidStorageClass()
    {
        var f = new ObjectHandlerFixture();
        var command = new PutObjectCommand
        {
            Context = ObjectHandlerFixture.Context,
            Bucket = ObjectHandlerFixture.Bucket,
            Key = "k",
            Body = new MemoryStream([1]),
            ContentLength = 1,
            StorageClass = "SUPER_FAST",
        };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Put.Handle(command, default));
        Assert.Equal("InvalidStorageClass", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_BodyLongerThanDeclared_IncompleteBodyAndNothingStored()
    {
        var f = new ObjectHandlerFixture();
        var command = new PutObjectCommand
        {
            Context = ObjectHandlerFixture.Context,
            Bucket = ObjectHandlerFixture.Bucket,
            Key = "k",
            Body = new MemoryStream([1, 2, 3, 4]),
            ContentLength = 2,
        };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Put.Handle(command, default));
        Assert.Equal("IncompleteBody", ex.Error.Code);
        Assert.Null(await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "k", default));
    }
}
