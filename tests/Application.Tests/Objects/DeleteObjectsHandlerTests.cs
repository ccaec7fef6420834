using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects;

public sealed class DeleteObjectsHandlerTests
{
    private readonly ObjectHandlerFixture _f = new(inlineThreshold: 0);

    [Fact]
    public async Task Handle_ExistingAndMissingKeys_AllReportedDeletedInDocumentOrder()
    {
        await _f.PutAsync("a", [1]);
        await _f.PutAsync("b", [2]);
        await _f.PutAsync("keep", [3]);
        var blobs = new[] { (await _f.RowAsync("a"))!.BlobId, (await _f.RowAsync("b"))!.BlobId };

        var result = await Handle(Context, Document(false, "b", "missing", "a"));

        Assert.False(result.Quiet);
        Assert.Equal(["b", "missing", "a"], result.Deleted.Select(d => d.Key));
        Assert.Empty(result.Errors);
        Assert.Null(await _f.RowAsync("a"));
        Assert.Null(await _f.RowAsync("b"));
        Assert.NotNull(await _f.RowAsync("keep"));
        Assert.Equal(blobs.Order(), _f.Storage.Deleted.Order());
    }

    [Fact]
    public async Task Handle_Quiet_PassedThrough()
    {
        await _f.PutAsync("a", [1]);

        var result = await Handle(Context, Document(true, "a"));

        Assert.True(result.Quiet);
        Assert.Null(await _f.RowAsync("a"));
    }

    [Fact]
    public async Task Handle_KeyTooLong_ErrorEntryOthersDeleted()
    {
        await _f.PutAsync("a", [1]);
        var tooLong = new string('x', 1025);

        var result = await Handle(Context, Document(false, tooLong, "a"));

        Assert.Equal(["a"], result.Deleted.Select(d => d.Key));
        var error = Assert.Single(result.Errors);
        Assert.Equal((tooLong, "KeyTooLongError"), (error.Key, error.Code));
        Assert.Null(await _f.RowAsync("a"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Handle_NoKeysOrTooMany_MalformedXmlAndNothingDeleted(int count)
    {
        await _f.PutAsync("k0", [1]);
        var keys = Enumerable.Range(0, count).Select(i => $"k{i}").ToArray();

        await S3Assert.ThrowsAsync("MalformedXML", () => Handle(Context, Document(false, keys)));

        Assert.NotNull(await _f.RowAsync("k0"));
        Assert.Empty(_f.Storage.Deleted);
    }

    [Fact]
    public async Task Handle_ThousandKeys_Accepted()
    {
        await _f.PutAsync("k999", [1]);

        var result = await Handle(Context, Document(false, [.. Enumerable.Range(0, 1000).Select(i => $"k{i}")]));

        Assert.Equal(1000, result.Deleted.Count);
        Assert.Null(await _f.RowAsync("k999"));
    }

    [Fact]
    public async Task Handle_CallerWithoutBucketWrite_AccessDeniedBeforeDocumentIsRead()
    {
        _f.SetBucketAcl("public-read", (Bob, Permission.Read));
        await _f.PutAsync("a", [1]);
        var reads = 0;
        var document = new RequestDocument<DeleteObjectsDocument>(new MemoryStream([]), 0, (_, _) =>
        {
            reads++;
            return ValueTask.FromResult(new DeleteObjectsDocument([new DeleteObjectsEntry("a")], false));
        });

        await S3Assert.ThrowsAsync("AccessDenied", () => Handle(As(Bob), document));

        Assert.Equal(0, reads);
        Assert.NotNull(await _f.RowAsync("a"));
    }

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucketBeforeDocumentIsRead()
    {
        var document = new RequestDocument<DeleteObjectsDocument>(new MemoryStream([]), 0, static (_, _) => throw new S3Exception(S3Errors.MalformedXML));

        await S3Assert.ThrowsAsync("NoSuchBucket", () => new DeleteObjectsHandler(_f.Store, _f.Storage, _f.Reaper)
            .Handle(new DeleteObjectsCommand(Context, "nope", document), default));
    }

    [Fact]
    public async Task Handle_BucketWriteGrantee_DeletesOwnersObjects()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Write));
        await _f.PutAsync("a", [1]);

        var result = await Handle(As(Bob), Document(false, "a"));

        Assert.Equal(["a"], result.Deleted.Select(d => d.Key));
        Assert.Null(await _f.RowAsync("a"));
    }

    private static RequestDocument<DeleteObjectsDocument> Document(bool quiet, params string[] keys) =>
        RequestDocument<DeleteObjectsDocument>.FromValue(new DeleteObjectsDocument([.. keys.Select(k => new DeleteObjectsEntry(k))], quiet));

    private Task<DeleteObjectsResult> Handle(S3RequestContext context, RequestDocument<DeleteObjectsDocument> document) =>
        new DeleteObjectsHandler(_f.Store, _f.Storage, _f.Reaper).Handle(new DeleteObjectsCommand(context, Bucket, document), default);
}
