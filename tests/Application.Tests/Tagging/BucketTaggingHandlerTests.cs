using BleepStore.Application.Buckets.DeleteBucketTagging;
using BleepStore.Application.Buckets.GetBucketTagging;
using BleepStore.Application.Buckets.PutBucketTagging;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Tagging;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Tagging;

public sealed class BucketTaggingHandlerTests
{
    private readonly ObjectHandlerFixture _f = new();

    private static RequestDocument<IReadOnlyList<Tag>> Doc(params Tag[] tags) => RequestDocument<IReadOnlyList<Tag>>.FromValue(tags);

    private Task PutAsync(S3RequestContext context, params Tag[] tags) => new PutBucketTaggingHandler(_f.Store).Handle(new PutBucketTaggingCommand(context, Bucket, Doc(tags)), default);

    private Task<IReadOnlyList<Tag>> GetAsync(S3RequestContext context) => new GetBucketTaggingHandler(_f.Store).Handle(new GetBucketTaggingQuery(context, Bucket), default);

    [Fact]
    public async Task GetBucketTagging_NeverTagged_NoSuchTagSet()
    {
        var e = await S3Assert.ThrowsAsync("NoSuchTagSet", () => GetAsync(Context));

        Assert.Equal(404, e.Error.HttpStatus);
        Assert.Contains(e.Details, d => d.Key == "BucketName" && d.Value == Bucket);
    }

    [Fact]
    public async Task PutBucketTagging_ReplacesWholeSet_DeleteRemovesIt()
    {
        await PutAsync(Context, new Tag("old", "1"));
        await PutAsync(Context, new Tag("b", "2"), new Tag("a", ""));

        Assert.Equal([new Tag("a", ""), new Tag("b", "2")], await GetAsync(Context));

        await new DeleteBucketTaggingHandler(_f.Store).Handle(new DeleteBucketTaggingCommand(Context, Bucket), default);
        await S3Assert.ThrowsAsync("NoSuchTagSet", () => GetAsync(Context));
    }

    [Fact]
    public async Task PutBucketTagging_EmptySet_RemovesTheSet()
    {
        await PutAsync(Context, new Tag("a", "1"));

        await PutAsync(Context);

        await S3Assert.ThrowsAsync("NoSuchTagSet", () => GetAsync(Context));
    }

    [Fact]
    public async Task PutBucketTagging_InvalidSet_InvalidTagAndSetUnchanged()
    {
        await PutAsync(Context, new Tag("keep", "1"));

        await S3Assert.ThrowsAsync("InvalidTag", () => PutAsync(Context, [.. Enumerable.Range(0, 51).Select(i => new Tag($"k{i}", "v"))]));
        await S3Assert.ThrowsAsync("InvalidTag", () => PutAsync(Context, new Tag("a b", "x\ny")));

        Assert.Equal([new Tag("keep", "1")], await GetAsync(Context));
    }

    [Fact]
    public async Task BucketTagging_OnlyTheOwner_EvenWithFullControlGrant()
    {
        _f.SetBucketAcl("public-read-write", (Bob, Permission.FullControl));

        await S3Assert.ThrowsAsync("AccessDenied", () => PutAsync(As(Bob), new Tag("a", "1")));
        await S3Assert.ThrowsAsync("AccessDenied", () => GetAsync(Anonymous));
        await S3Assert.ThrowsAsync("NoSuchBucket", () => new GetBucketTaggingHandler(_f.Store).Handle(new GetBucketTaggingQuery(Context, "nope"), default));
    }
}
