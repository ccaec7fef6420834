using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObjectTagging;
using BleepStore.Application.Objects.GetObjectTagging;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Objects.PutObjectTagging;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Tagging;

public sealed class ObjectTaggingHandlerTests
{
    private readonly ObjectHandlerFixture _f = new();

    private PutObjectTaggingHandler PutTags => new(_f.Store);

    private GetObjectTaggingHandler GetTags => new(_f.Store);

    private DeleteObjectTaggingHandler DeleteTags => new(_f.Store);

    private static RequestDocument<IReadOnlyList<Tag>> Doc(params Tag[] tags) => RequestDocument<IReadOnlyList<Tag>>.FromValue(tags);

    [Fact]
    public async Task PutObjectTagging_ReplacesSetInKeyOrder_BytesETagAndTimeUnchanged()
    {
        await _f.PutAsync("k", [1, 2, 3]);
        var before = await _f.RowAsync("k");
        _f.Clock.UtcNow = _f.Clock.UtcNow.AddHours(1);

        await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("b", "2"), new Tag("a", "1"))), default);

        var after = await _f.RowAsync("k");
        Assert.Equal([new Tag("a", "1"), new Tag("b", "2")], after!.Tags);
        Assert.Equal((before!.ETag, before.LastModified), (after.ETag, after.LastModified));
        Assert.Equal([new Tag("a", "1"), new Tag("b", "2")], (await GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "k"), default)).Tags);
    }

    [Fact]
    public async Task PutObjectTagging_InvalidSet_InvalidTagAndTagsUnchanged()
    {
        await _f.PutAsync("k", [1]);
        await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("keep", "me"))), default);

        await S3Assert.ThrowsAsync("InvalidTag", () => PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("x", "1"), new Tag("x", "2"))), default));
        await S3Assert.ThrowsAsync("BadRequest", () => PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc([.. Enumerable.Range(0, 11).Select(i => new Tag($"k{i}", ""))])), default));

        Assert.Equal([new Tag("keep", "me")], (await _f.RowAsync("k"))!.Tags);
    }

    [Fact]
    public async Task ObjectTagging_MissingKeyOrBucket_NoSuchKeyAndNoSuchBucket()
    {
        await S3Assert.ThrowsAsync("NoSuchKey", () => PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "nope", Doc(new Tag("a", "1"))), default));
        await S3Assert.ThrowsAsync("NoSuchKey", () => GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "nope"), default));
        await S3Assert.ThrowsAsync("NoSuchBucket", () => DeleteTags.Handle(new DeleteObjectTaggingCommand(Context, "nobucket", "k"), default));
    }

    [Fact]
    public async Task DeleteObjectTagging_RemovesAll_GetAnswersEmptySet()
    {
        await _f.PutAsync("k", [1]);
        await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("a", "1"))), default);

        await DeleteTags.Handle(new DeleteObjectTaggingCommand(Context, Bucket, "k"), default);

        Assert.Empty((await GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "k"), default)).Tags);
    }

    [Fact]
    public async Task ObjectTagging_NeverVersionedBucket_AnswersNoVersionId()
    {
        await _f.PutAsync("k", [1]);

        Assert.Null((await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("a", "1"))), default)).VersionId);
        Assert.Null((await GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "k"), default)).VersionId);
        Assert.Null((await DeleteTags.Handle(new DeleteObjectTaggingCommand(Context, Bucket, "k"), default)).VersionId);
    }

    [Fact]
    public async Task ObjectTagging_VersionedBucket_AnswersTheVersionActedOn()
    {
        await _f.PutAsync("k", [1]); // the null version, from before versioning
        await _f.Store.SetBucketVersioningAsync(Bucket, VersionIds.Enabled, default);
        var v1 = (await _f.PutAsync("k", [2])).VersionId!;
        var v2 = (await _f.PutAsync("k", [3])).VersionId!;

        var put = await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("cur", "1"))), default);
        Assert.Equal(v2, put.VersionId);
        var putOld = await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "k", Doc(new Tag("old", "1")), v1), default);
        Assert.Equal(v1, putOld.VersionId);

        var get = await GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "k"), default);
        Assert.Equal((v2, new Tag("cur", "1")), (get.VersionId, get.Tags.Single()));
        var getNull = await GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "k", VersionIds.Null), default);
        Assert.Equal((VersionIds.Null, 0), (getNull.VersionId, getNull.Tags.Count));

        Assert.Equal(v2, (await DeleteTags.Handle(new DeleteObjectTaggingCommand(Context, Bucket, "k"), default)).VersionId);
        Assert.Equal(v1, (await DeleteTags.Handle(new DeleteObjectTaggingCommand(Context, Bucket, "k", v1), default)).VersionId);
        Assert.Empty((await GetTags.Handle(new GetObjectTaggingQuery(Context, Bucket, "k", v1), default)).Tags);
    }

    [Fact]
    public async Task ObjectTagging_StrangerDenied_ReaderMayReadOnly_BucketOwnerMayWriteOthersObjects()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Write));
        await _f.PutAsync("alices", [1]);
        await _f.Put.Handle(new PutObjectCommand { Context = As(Bob), Bucket = Bucket, Key = "bobs", Body = new MemoryStream([1]), ContentLength = 1 }, default);

        await S3Assert.ThrowsAsync("AccessDenied", () => PutTags.Handle(new PutObjectTaggingCommand(As(Bob), Bucket, "alices", Doc(new Tag("a", "1"))), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => GetTags.Handle(new GetObjectTaggingQuery(Anonymous, Bucket, "alices"), default));
        await PutTags.Handle(new PutObjectTaggingCommand(Context, Bucket, "bobs", Doc(new Tag("by", "bucket-owner"))), default);
        await PutTags.Handle(new PutObjectTaggingCommand(As(Bob), Bucket, "bobs", Doc(new Tag("by", "object-owner"))), default);

        Assert.Equal("object-owner", (await _f.RowAsync("bobs"))!.Tags[0].Value);
        Assert.Empty((await _f.RowAsync("alices"))!.Tags);
    }

    [Fact]
    public async Task PutObject_TaggingHeader_StoredAndInvalidHeaderStoresNothing()
    {
        await _f.Put.Handle(new PutObjectCommand { Context = Context, Bucket = Bucket, Key = "t", Body = new MemoryStream([1]), ContentLength = 1, Tagging = "b=2&a=1" }, default);

        Assert.Equal([new Tag("a", "1"), new Tag("b", "2")], (await _f.RowAsync("t"))!.Tags);
        await S3Assert.ThrowsAsync("InvalidTag", () => _f.Put.Handle(new PutObjectCommand { Context = Context, Bucket = Bucket, Key = "u", Body = new MemoryStream([1]), ContentLength = 1, Tagging = "aws:x=1" }, default));
        Assert.Null(await _f.RowAsync("u"));
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task CopyObject_TaggingDirective_CopyKeepsSourceTagsReplaceTakesHeader()
    {
        await _f.Put.Handle(new PutObjectCommand { Context = Context, Bucket = Bucket, Key = "src", Body = new MemoryStream([1]), ContentLength = 1, Tagging = "s=1" }, default);

        await _f.Copy.Handle(new CopyObjectCommand { Context = Context, Bucket = Bucket, Key = "copy", CopySource = $"{Bucket}/src", Tagging = "ignored=1" }, default);
        await _f.Copy.Handle(new CopyObjectCommand { Context = Context, Bucket = Bucket, Key = "repl", CopySource = $"{Bucket}/src", TaggingDirective = "REPLACE", Tagging = "r=2" }, default);
        await _f.Copy.Handle(new CopyObjectCommand { Context = Context, Bucket = Bucket, Key = "none", CopySource = $"{Bucket}/src", TaggingDirective = "REPLACE" }, default);

        Assert.Equal([new Tag("s", "1")], (await _f.RowAsync("copy"))!.Tags);
        Assert.Equal([new Tag("r", "2")], (await _f.RowAsync("repl"))!.Tags);
        Assert.Empty((await _f.RowAsync("none"))!.Tags);
    }
}
