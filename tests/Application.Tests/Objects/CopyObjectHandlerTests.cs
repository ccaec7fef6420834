using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Objects;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Tests.Objects;

public sealed class CopyObjectHandlerTests
{
    private static CopyObjectCommand Copy(string source, string key, string? directive = null, ObjectConditions? conditions = null) => new()
    {
        Context = ObjectHandlerFixture.Context,
        Bucket = ObjectHandlerFixture.Bucket,
        Key = key,
        CopySource = source,
        MetadataDirective = directive,
        SourceConditions = conditions ?? ObjectConditions.None,
        Content = new ContentHeaders("text/csv"),
        UserMetadata = new Dictionary<string, string> { ["x-amz-meta-new"] = "1" },
    };

    [Fact]
    public async Task Handle_KeyNamedGateway_NewKey_CopiedStraightUnderTheKeyNoStagingCopyNoClaimLeft()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var put = await f.PutAsync("src", data);
        var storage = new Versioning.PutBucketVersioningHandlerTests.KeyNamedStorage(f.Storage);
        var keys = new KeyPublisher(f.Store, storage, f.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyPublisher>.Instance);
        var handler = new CopyObjectHandler(f.Store, storage, f.Clock, f.Options, f.Reaper, keys);

        var result = await handler.Handle(Copy("bkt/src", "dst"), default);

        Assert.True(result.KeyInLine); // the pipeline's key publisher has nothing left to do
        Assert.Equal(1, storage.KeyCopies);
        Assert.Equal(put.ETag, result.ETag);
        Assert.Equal(data, await f.ReadAllAsync("dst"));
        Assert.Empty(await f.Store.ListKeyClaimsAsync(10, default));
    }

    [Fact]
    public async Task Handle_KeyNamedGateway_MultipartSource_StreamsThroughTheStagingPath()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        await f.PutAsync("src", [1, 2, 3]);
        var row = (await f.RowAsync("src"))!;
        await f.Store.PutObjectAsync(row with { PartsCount = 2, ETag = "\"0123456789abcdef0123456789abcdef-2\"" }, BleepStore.Application.Abstractions.WriteCondition.None, default);
        var storage = new Versioning.PutBucketVersioningHandlerTests.KeyNamedStorage(f.Storage);
        var keys = new KeyPublisher(f.Store, storage, f.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyPublisher>.Instance);
        var handler = new CopyObjectHandler(f.Store, storage, f.Clock, f.Options, f.Reaper, keys);

        var result = await handler.Handle(Copy("bkt/src", "dst"), default);

        Assert.False(result.KeyInLine);
        Assert.Equal(0, storage.KeyCopies);
        Assert.Equal([1, 2, 3], await f.ReadAllAsync("dst"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task Handle_CopyDirective_SameBytesAndSourceMetadata(int inlineThreshold)
    {
        var f = new ObjectHandlerFixture(inlineThreshold);
        var put = await f.PutAsync("src key+%", [1, 2, 3]);

        var result = await f.Copy.Handle(Copy("/bkt/src%20key%2B%25", "dst"), default);

        Assert.Equal(put.ETag, result.ETag);
        Assert.Equal([1, 2, 3], await f.ReadAllAsync("dst"));
        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "dst", default);
        Assert.Equal(ContentHeaders.DefaultContentType, row!.Content.ContentType);
        Assert.Empty(row.UserMetadata);
    }

    [Fact]
    public async Task Handle_SinglePutBlobSource_StorageCopiesAndKeepsETag()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 2);
        var put = await f.PutAsync("src", [1, 2, 3]);

        var result = await f.Copy.Handle(Copy("bkt/src", "dst"), default);

        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "dst", default);
        Assert.Equal([row!.BlobId], f.Storage.Copies);
        Assert.Equal(put.ETag, result.ETag);
        Assert.Equal([1, 2, 3], await f.ReadAllAsync("dst"));
    }

    [Fact]
    public async Task Handle_SourceSmallEnoughToInline_StreamsIntoInlineRow()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 3);
        await f.PutAsync("src", [1, 2, 3]);

        await f.Copy.Handle(Copy("bkt/src", "dst"), default);

        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "dst", default);
        Assert.Empty(f.Storage.Copies);
        Assert.Equal([1, 2, 3], row!.InlineData);
    }

    [Fact]
    public async Task Handle_SourceBlobMissing_InternalErrorAndNoRow()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        await f.PutAsync("src", [1, 2, 3]);
        var src = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "src", default);
        await f.Storage.DeleteAsync(ObjectHandlerFixture.Bucket, src!.BlobId, default);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/src", "dst"), default));

        Assert.Equal("InternalError", ex.Error.Code);
        Assert.Null(await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "dst", default));
    }

    [Fact]
    public async Task Handle_ReplaceDirective_TakesRequestMetadata()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("src", [1]);

        await f.Copy.Handle(Copy("bkt/src", "dst", "REPLACE"), default);

        var row = await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "dst", default);
        Assert.Equal("text/csv", row!.Content.ContentType);
        Assert.Equal("1", row.UserMetadata["x-amz-meta-new"]);
    }

    [Fact]
    public async Task Handle_SelfCopyWithCopyDirective_InvalidRequest()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("k", [1]);
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/k", "k"), default));
        Assert.Equal("InvalidRequest", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_SelfCopyWithReplace_Succeeds()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("k", [1]);
        await f.Copy.Handle(Copy("bkt/k", "k", "REPLACE"), default);
        Assert.Equal("text/csv", (await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "k", default))!.Content.ContentType);
    }

    [Theory]
    [InlineData("bkt")]
    [InlineData("/bkt/")]
    [InlineData("")]
    public async Task Handle_SourceWithoutKey_InvalidArgument(string source)
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy(source, "dst"), default));
        Assert.Equal("InvalidArgument", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_MissingSourceKey_NoSuchKey()
    {
        var f = new ObjectHandlerFixture();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/missing", "dst"), default));
        Assert.Equal("NoSuchKey", ex.Error.Code);
    }

    [Fact]
    public async Task Handle_SourceIfMatchFails_PreconditionFailedAndNoCopy()
    {
        var f = new ObjectHandlerFixture();
        await f.PutAsync("src", [1]);
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/src", "dst", conditions: new ObjectConditions(IfMatch: "\"other\"")), default));
        Assert.Equal("PreconditionFailed", ex.Error.Code);
        Assert.Null(await f.Store.GetObjectAsync(ObjectHandlerFixture.Bucket, "dst", default));
    }

    [Fact]
    public async Task Handle_SourceIfNoneMatchHits_PreconditionFailed()
    {
        var f = new ObjectHandlerFixture();
        var put = await f.PutAsync("src", [1]);
        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/src", "dst", conditions: new ObjectConditions(IfNoneMatch: put.ETag)), default));
        Assert.Equal("PreconditionFailed", ex.Error.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handle_SourceOverwrittenAfterItsRowWasRead_CopiesTheNowCurrentVersion(bool multipartSource)
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 2);
        await f.PutAsync("src", [1, 2, 3]);
        if (multipartSource)
        {
            // A multipart source streams through (its copy's ETag is the MD5 of the bytes), not a server-side copy.
            f.Store.AddObject((await f.RowAsync("src"))! with { PartsCount = 1, PartSizes = [3] });
        }

        PutObjectResult? newer = null;

        // The overwrite commits and releases the old blob between the copy's read of the source row and its copy.
        f.Storage.BeforeNextRead = async () => newer = await f.PutAsync("src", [4, 5, 6, 7]);
        var result = await f.Copy.Handle(Copy("bkt/src", "dst"), default);

        Assert.NotNull(newer);
        Assert.Equal(newer.ETag, result.ETag);
        Assert.Equal([4, 5, 6, 7], await f.ReadAllAsync("dst"));
        Assert.Equal(newer.ETag, (await f.RowAsync("dst"))!.ETag);
    }

    [Fact]
    public async Task Handle_SourceOverwrittenAfterItsRowWasRead_ConditionsJudgeTheNowCurrentVersion()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        var older = await f.PutAsync("src", [1, 2, 3]);
        f.Storage.BeforeNextRead = () => f.PutAsync("src", [9]);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/src", "dst", conditions: new ObjectConditions(IfMatch: older.ETag)), default));

        Assert.Equal("PreconditionFailed", ex.Error.Code);
        Assert.Null(await f.RowAsync("dst"));
    }

    [Fact]
    public async Task Handle_SourceBytesGoneWhileItsRowStays_InternalErrorAndNoCopy()
    {
        var f = new ObjectHandlerFixture(inlineThreshold: 0);
        await f.PutAsync("src", [1, 2, 3]);
        await f.Storage.DeleteAsync(ObjectHandlerFixture.Bucket, (await f.RowAsync("src"))!.BlobId, default);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => f.Copy.Handle(Copy("bkt/src", "dst"), default));

        Assert.Equal("InternalError", ex.Error.Code);
        Assert.Null(await f.RowAsync("dst"));
    }

    [Fact]
    public void Parse_VersionIdIsKeptApartFromTheKey() => Assert.Equal(new CopySource("b", "k/é", "123"), CopySource.Parse("/b/k/%C3%A9?versionId=123"));
}
