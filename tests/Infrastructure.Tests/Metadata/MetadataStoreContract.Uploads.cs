using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task Uploads_KeysWithNulAndU0001_RoundTripAndListInByteOrder()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        string[] keys = ["a\u0001", "a\0b", "a\0", "a", "b\0"];
        for (var i = 0; i < keys.Length; i++)
        {
            await Store.CreateUploadAsync(Upload("b1", keys[i], $"u{i}"), Ct);
        }

        Assert.Equal("a\0b", (await Store.GetUploadAsync("u1", Ct))!.Key);
        Assert.Equal(["a", "a\0", "a\0b", "a\u0001", "b\0"], (await Store.ListUploadsAsync("b1", "", null, null, 10, Ct)).Select(u => u.Key));
        Assert.Equal(["a\0", "a\0b"], (await Store.ListUploadsAsync("b1", "a\0", null, null, 10, Ct)).Select(u => u.Key));
        Assert.Equal(["a\0b", "a\u0001", "b\0"], (await Store.ListUploadsAsync("b1", "", "a\0", null, 10, Ct)).Select(u => u.Key));
    }

    [Fact]
    public async Task CreateUploadAsync_AllFields_GetRoundTrips()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var upload = Upload("b1", "big/é.bin", "u1") with
        {
            Content = new ContentHeaders("video/mp4", CacheControl: "max-age=60"),
            StorageClass = "STANDARD_IA",
            Acl = CannedAcl.Expand("public-read-write", Bob),
            UserMetadata = new Dictionary<string, string> { ["x-amz-meta-a"] = "1" },
            Initiator = Bob,
            ChecksumAlgorithm = ChecksumAlgorithm.Crc64Nvme,
            ChecksumType = "FULL_OBJECT",
        };

        await Store.CreateUploadAsync(upload, Ct);

        var read = await Store.GetUploadAsync("u1", Ct);
        Assert.NotNull(read);
        Assert.Equal(
            (upload.Bucket, upload.Key, upload.Content, upload.StorageClass, upload.Initiator, upload.Initiated, upload.ChecksumAlgorithm, upload.ChecksumType),
            (read.Bucket, read.Key, read.Content, read.StorageClass, read.Initiator, read.Initiated, read.ChecksumAlgorithm, read.ChecksumType));
        AssertAclEqual(upload.Acl, read.Acl);
        Assert.Equal("1", read.UserMetadata["x-amz-meta-a"]);
        Assert.Null(await Store.GetUploadAsync("u2", Ct));
    }

    [Fact]
    public async Task CreateUploadAsync_MissingBucket_ThrowsNoSuchBucket() =>
        await AssertS3ErrorAsync("NoSuchBucket", () => Store.CreateUploadAsync(Upload("nope", "k", "u1"), Ct));

    [Fact]
    public async Task ListUploadsAsync_NoMarkers_OrderedByKeyBytesThenInitiatedThenId()
    {
        await SeedUploadsAsync();

        Assert.Equal(["u-a0", "u-k1-early", "u-k1-late", "u-k1-tie-a", "u-k1-tie-b", "u-k2", "u-emoji"], await ListUploadIdsAsync("", null, null, 100));
    }

    [Fact]
    public async Task ListUploadsAsync_KeyMarkerOnly_SkipsEveryUploadOfThatKey()
    {
        await SeedUploadsAsync();

        Assert.Equal(["u-k2", "u-emoji"], await ListUploadIdsAsync("", "k1", null, 100));
        Assert.Equal(["u-k1-early", "u-k1-late", "u-k1-tie-a", "u-k1-tie-b", "u-k2", "u-emoji"], await ListUploadIdsAsync("", "k0", null, 100));
    }

    [Fact]
    public async Task ListUploadsAsync_KeyAndUploadIdMarkers_ResumeStrictlyAfterThatUpload()
    {
        await SeedUploadsAsync();

        Assert.Equal(["u-k1-late", "u-k1-tie-a"], await ListUploadIdsAsync("", "k1", "u-k1-early", 2));
        Assert.Equal(["u-k1-tie-b", "u-k2"], await ListUploadIdsAsync("", "k1", "u-k1-tie-a", 2));
        Assert.Equal(["u-k2", "u-emoji"], await ListUploadIdsAsync("", "k1", "u-k1-tie-b", 5));
    }

    [Fact]
    public async Task ListUploadsAsync_Prefix_ExactBytePrefixWithinBucket()
    {
        await SeedUploadsAsync();

        Assert.Equal(["u-k1-early", "u-k1-late", "u-k1-tie-a", "u-k1-tie-b"], await ListUploadIdsAsync("k1", null, null, 100));
        Assert.Equal(["u-k1-tie-b"], await ListUploadIdsAsync("k1", "k1", "u-k1-tie-a", 100));
        Assert.Empty(await ListUploadIdsAsync("k_", null, null, 100));
    }

    [Fact]
    public async Task PutPartAsync_NewAndReplaced_ReturnsPreviousAndListsInOrder()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);

        Assert.Null(await Store.PutPartAsync(Part("u1", 2, "blob-2"), Ct));
        Assert.Null(await Store.PutPartAsync(Part("u1", 1, "blob-1"), Ct));
        Assert.Null(await Store.PutPartAsync(Part("u1", 10000, "blob-10000"), Ct));
        var previous = await Store.PutPartAsync(Part("u1", 2, "blob-2b"), Ct);

        Assert.Equal("blob-2", previous!.BlobId);
        var parts = await Store.ListPartsAsync("u1", 0, 100, Ct);
        Assert.Equal([(1, "blob-1"), (2, "blob-2b"), (10000, "blob-10000")], parts.Select(p => (p.PartNumber, p.BlobId)));
        var expected = Part("u1", 1, "blob-1");
        Assert.Equal((expected.Size, expected.ETag, expected.LastModified), (parts[0].Size, parts[0].ETag, parts[0].LastModified));
        Assert.Equal(expected.Checksums, parts[0].Checksums);
    }

    [Fact]
    public async Task PutPartAsync_UploadGone_ThrowsNoSuchUpload()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.AbortUploadAsync("u1", Ct);

        await AssertS3ErrorAsync("NoSuchUpload", () => Store.PutPartAsync(Part("u1", 1), Ct));
        await AssertS3ErrorAsync("NoSuchUpload", () => Store.PutPartAsync(Part("never", 1), Ct));
    }

    [Fact]
    public async Task ListPartsAsync_AfterAndLimit_Pages()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        foreach (var n in new[] { 5, 1, 3, 2, 4 })
        {
            await Store.PutPartAsync(Part("u1", n), Ct);
        }

        Assert.Equal([3, 4], (await Store.ListPartsAsync("u1", 2, 2, Ct)).Select(p => p.PartNumber));
        Assert.Empty(await Store.ListPartsAsync("u1", 5, 2, Ct));
        Assert.Empty(await Store.ListPartsAsync("other", 0, 2, Ct));
    }

    [Fact]
    public async Task CompleteUploadAsync_OpenUpload_WritesObjectRemovesUploadReturnsAllParts()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var old = Object("b1", "k");
        await Store.PutObjectAsync(old, WriteCondition.None, Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.PutPartAsync(Part("u1", 1, "p1"), Ct);
        await Store.PutPartAsync(Part("u1", 2, "p2"), Ct);
        var final = Object("b1", "k", "\"ffffffffffffffffffffffffffffffff-2\"") with { PartsCount = 2 };

        var (replaced, parts, _) = await Store.CompleteUploadAsync("u1", final, WriteCondition.None, null, Ct);

        Assert.Equal(old.BlobId, replaced!.BlobId);
        Assert.Equal(["p1", "p2"], parts.Select(p => p.BlobId));
        Assert.Null(await Store.GetUploadAsync("u1", Ct));
        Assert.Empty(await Store.ListPartsAsync("u1", 0, 100, Ct));
        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal((final.BlobId, final.ETag, 2), (read!.BlobId, read.ETag, read.PartsCount));
    }

    [Fact]
    public async Task CompleteUploadAsync_UploadGone_ThrowsNoSuchUploadAndWritesNothing()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        await AssertS3ErrorAsync("NoSuchUpload", () => Store.CompleteUploadAsync("u1", Object("b1", "k"), WriteCondition.None, null, Ct));
        Assert.Null(await Store.GetObjectAsync("b1", "k", Ct));
    }

    [Fact]
    public async Task CompleteUploadAsync_ConditionFails_KeepsUploadAndObject()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var old = Object("b1", "k");
        await Store.PutObjectAsync(old, WriteCondition.None, Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.PutPartAsync(Part("u1", 1), Ct);

        await AssertS3ErrorAsync("PreconditionFailed", () => Store.CompleteUploadAsync("u1", Object("b1", "k"), new WriteCondition(true, null), null, Ct));
        await AssertS3ErrorAsync("NoSuchKey", () => Store.CompleteUploadAsync("u1", Object("b1", "other"), new WriteCondition(false, "*"), null, Ct));

        Assert.NotNull(await Store.GetUploadAsync("u1", Ct));
        Assert.Single(await Store.ListPartsAsync("u1", 0, 10, Ct));
        Assert.Equal(old.BlobId, (await Store.GetObjectAsync("b1", "k", Ct))!.BlobId);
        Assert.Null(await Store.GetObjectAsync("b1", "other", Ct));
    }

    [Fact]
    public async Task AbortUploadAsync_ExistingOrMissing_ReturnsPartsOrNull()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u-empty"), Ct);
        await Store.PutPartAsync(Part("u1", 1, "p1"), Ct);

        Assert.Equal(["p1"], (await Store.AbortUploadAsync("u1", Ct))!.Select(p => p.BlobId));
        Assert.Empty((await Store.AbortUploadAsync("u-empty", Ct))!);
        Assert.Null(await Store.AbortUploadAsync("u1", Ct));
        Assert.Null(await Store.GetUploadAsync("u1", Ct));
    }

    [Fact]
    public async Task ListUploadsInitiatedBeforeAsync_Cutoff_ReturnsOlderOnesUpToLimit()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "old-2", T0.AddDays(-8)), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "old-1", T0.AddDays(-9)), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "new", T0.AddDays(-1)), Ct);

        Assert.Equal(["old-1", "old-2"], await Store.ListUploadsInitiatedBeforeAsync(T0.AddDays(-7), 10, Ct));
        Assert.Equal(["old-1"], await Store.ListUploadsInitiatedBeforeAsync(T0.AddDays(-7), 1, Ct));
    }

    private async Task SeedUploadsAsync()
    {
        await Store.TryCreateBucketAsync(Bucket("up"), Ct);
        await Store.TryCreateBucketAsync(Bucket("other"), Ct);
        await Store.CreateUploadAsync(Upload("other", "k1", "u-other"), Ct);
        await Store.CreateUploadAsync(Upload("up", "😀", "u-emoji"), Ct);
        await Store.CreateUploadAsync(Upload("up", "k2", "u-k2"), Ct);
        await Store.CreateUploadAsync(Upload("up", "k1", "u-k1-tie-b", T0.AddSeconds(2)), Ct);
        await Store.CreateUploadAsync(Upload("up", "k1", "u-k1-late", T0.AddSeconds(1)), Ct);
        await Store.CreateUploadAsync(Upload("up", "k1", "u-k1-tie-a", T0.AddSeconds(2)), Ct);
        await Store.CreateUploadAsync(Upload("up", "k1", "u-k1-early", T0), Ct);
        await Store.CreateUploadAsync(Upload("up", "a0", "u-a0", T0.AddDays(1)), Ct);
    }

    private async Task<List<string>> ListUploadIdsAsync(string prefix, string? keyMarker, string? uploadIdMarker, int limit) =>
        (await Store.ListUploadsAsync("up", prefix, keyMarker, uploadIdMarker, limit, Ct)).Select(u => u.UploadId).ToList();
}
