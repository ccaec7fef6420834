using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private static readonly Tag[] TwoTags = [new("a", "1"), new("ünï cødé 😀", "")];

    [Fact]
    public async Task PutObjectAsync_WithTags_RoundTripsAndUntaggedReadsEmpty()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "tagged") with { Tags = TwoTags }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("b1", "plain"), WriteCondition.None, Ct);

        Assert.Equal(TwoTags, (await Store.GetObjectAsync("b1", "tagged", Ct))!.Tags);
        Assert.Empty((await Store.GetObjectAsync("b1", "plain", Ct))!.Tags);
    }

    [Fact]
    public async Task SetObjectTagsAsync_ReplacesOnlyTheTags_OverwriteTakesTheNewRowsTags()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var record = Object("b1", "k") with { Tags = [new("old", "1")] };
        await Store.PutObjectAsync(record, WriteCondition.None, Ct);

        Assert.Equal(VersionIds.Null, await Store.SetObjectTagsAsync("b1", "k", TwoTags, Ct));

        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal(TwoTags, read!.Tags);
        Assert.Equal((record.ETag, record.LastModified, record.Size, record.BlobId), (read.ETag, read.LastModified, read.Size, read.BlobId));

        Assert.Equal(VersionIds.Null, await Store.SetObjectTagsAsync("b1", "k", TagSet.Empty, Ct));
        Assert.Empty((await Store.GetObjectAsync("b1", "k", Ct))!.Tags);

        await Store.SetObjectTagsAsync("b1", "k", TwoTags, Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);
        Assert.Empty((await Store.GetObjectAsync("b1", "k", Ct))!.Tags);
    }

    [Fact]
    public async Task SetObjectTagsAsync_MissingObjectOrBucket_Null()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        Assert.Null(await Store.SetObjectTagsAsync("b1", "nope", TwoTags, Ct));
        Assert.Null(await Store.SetObjectTagsAsync("nobucket", "k", TwoTags, Ct));
        Assert.Null(await Store.GetObjectAsync("b1", "nope", Ct));
    }

    [Fact]
    public async Task SetObjectTagsAsync_VersionedBucket_TagsTheCurrentVersionAndReportsItsId()
    {
        var b = await VersionedBucketAsync();
        var first = await PutAsync(b, "k", "blob-1");
        var second = await PutAsync(b, "k", "blob-2");

        Assert.Equal(second, await Store.SetObjectTagsAsync(b, "k", TwoTags, Ct));
        Assert.Equal(TwoTags, (await Store.GetObjectVersionAsync(b, "k", second, Ct))!.Tags);
        Assert.Empty((await Store.GetObjectVersionAsync(b, "k", first, Ct))!.Tags);

        // Only a delete marker left current: no object to tag.
        await Store.DeleteCurrentAsync(b, "k", Alice, MarkerTime, Ct);
        Assert.Null(await Store.SetObjectTagsAsync(b, "k", TwoTags, Ct));

        // Suspended: the current version is the null version.
        Assert.True(await Store.SetBucketVersioningAsync(b, VersionIds.Suspended, Ct));
        await Store.PutObjectAsync(Object(b, "s"), WriteCondition.None, Ct);
        Assert.Equal(VersionIds.Null, await Store.SetObjectTagsAsync(b, "s", TwoTags, Ct));
    }

    [Fact]
    public async Task DeleteObjectAsync_TaggedObject_ReturnsRowWithTags()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k") with { Tags = TwoTags }, WriteCondition.None, Ct);

        Assert.Equal(TwoTags, (await Store.DeleteObjectAsync("b1", "k", Ct))!.Tags);
    }

    [Fact]
    public async Task SetBucketTagsAsync_SetReplaceRemove_SeenByGetAndList()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Tags);

        Assert.True(await Store.SetBucketTagsAsync("b1", TwoTags, Ct));
        Assert.Equal(TwoTags, (await Store.GetBucketAsync("b1", Ct))!.Tags);
        Assert.Equal(TwoTags, (await Store.ListBucketsAsync(null, Ct)).Single().Tags);

        Assert.True(await Store.SetBucketTagsAsync("b1", [new("x", "y")], Ct));
        Assert.Equal([new Tag("x", "y")], (await Store.GetBucketAsync("b1", Ct))!.Tags);

        Assert.True(await Store.SetBucketTagsAsync("b1", null, Ct));
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Tags);
        Assert.False(await Store.SetBucketTagsAsync("nope", TwoTags, Ct));
    }

    [Fact]
    public async Task SetBucketCorsAsync_SetReplaceRemove_InOrder_SeenByGetAndList()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Cors);
        BleepStore.Domain.Cors.CorsRule[] rules =
        [
            new("z-first", ["PUT", "GET"], ["https://b.example", "https://a.example"], ["x-amz-*", "Content-Type"], ["x-amz-request-id", "ETag"], 60),
            new(null, ["GET"], ["*"], [], [], null),
        ];

        Assert.True(await Store.SetBucketCorsAsync("b1", rules, Ct));
        foreach (var read in new[] { (await Store.GetBucketAsync("b1", Ct))!.Cors!, (await Store.ListBucketsAsync(null, Ct)).Single().Cors! })
        {
            Assert.Equal(2, read.Count);
            Assert.Equal(("z-first", 60), (read[0].Id, read[0].MaxAgeSeconds));
            Assert.Equal(["PUT", "GET"], read[0].AllowedMethods);
            Assert.Equal(["https://b.example", "https://a.example"], read[0].AllowedOrigins);
            Assert.Equal(["x-amz-*", "Content-Type"], read[0].AllowedHeaders);
            Assert.Equal(["x-amz-request-id", "ETag"], read[0].ExposeHeaders);
            Assert.Equal((null, (int?)null, "*"), (read[1].Id, read[1].MaxAgeSeconds, read[1].AllowedOrigins.Single()));
        }

        Assert.True(await Store.SetBucketCorsAsync("b1", [rules[1]], Ct));
        Assert.Null(Assert.Single((await Store.GetBucketAsync("b1", Ct))!.Cors!).Id);

        Assert.True(await Store.SetBucketCorsAsync("b1", null, Ct));
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Cors);
        Assert.False(await Store.SetBucketCorsAsync("nope", rules, Ct));
    }

    [Fact]
    public async Task BucketOwnership_CreatedWithIt_SetReplaceRemove_SeenByGetAndList()
    {
        Assert.True(await Store.TryCreateBucketAsync(Bucket("b1") with { ObjectOwnership = "BucketOwnerEnforced" }, Ct));
        Assert.True(await Store.TryCreateBucketAsync(Bucket("b2"), Ct));
        Assert.Equal("BucketOwnerEnforced", (await Store.GetBucketAsync("b1", Ct))!.ObjectOwnership);
        Assert.Null((await Store.GetBucketAsync("b2", Ct))!.ObjectOwnership);

        Assert.True(await Store.SetBucketOwnershipAsync("b2", "ObjectWriter", Ct));
        Assert.Equal("ObjectWriter", (await Store.ListBucketsAsync(null, Ct)).Single(b => b.Name == "b2").ObjectOwnership);
        Assert.True(await Store.SetBucketOwnershipAsync("b1", null, Ct));
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.ObjectOwnership);
        Assert.False(await Store.SetBucketOwnershipAsync("nope", "ObjectWriter", Ct));
    }

    [Fact]
    public async Task TryCreateBucketAsync_WithTags_RoundTrips()
    {
        Assert.True(await Store.TryCreateBucketAsync(Bucket("b1") with { Tags = TwoTags }, Ct));

        Assert.Equal(TwoTags, (await Store.GetBucketAsync("b1", Ct))!.Tags);
    }

    [Fact]
    public async Task CompleteUploadAsync_UploadTags_KeptByTheUploadAndGivenToTheObject()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1") with { Tags = TwoTags }, Ct);
        Assert.Equal(TwoTags, (await Store.GetUploadAsync("u1", Ct))!.Tags);
        Assert.Equal(TwoTags, (await Store.ListUploadsAsync("b1", "", null, null, 10, Ct)).Single().Tags);

        var upload = (await Store.GetUploadAsync("u1", Ct))!;
        await Store.CompleteUploadAsync("u1", Object("b1", "k") with { Tags = upload.Tags }, WriteCondition.None, null, Ct);

        Assert.Equal(TwoTags, (await Store.GetObjectAsync("b1", "k", Ct))!.Tags);
    }
}
