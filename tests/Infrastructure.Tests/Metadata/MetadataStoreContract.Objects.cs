using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private const string ETagA = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"";
    private const string ETagB = "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"";

    [Fact]
    public async Task PutObjectAsync_NewKey_ReturnsNullAndRoundTripsEveryField()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var record = Object("b1", "dir/é 😀.txt") with
        {
            Size = 12345,
            Content = new ContentHeaders("text/plain", "gzip", "fr", "attachment; filename=\"x\"", "no-cache", "Wed, 21 Oct 2026 07:28:00 GMT"),
            StorageClass = "REDUCED_REDUNDANCY",
            Acl = CannedAcl.Expand("authenticated-read", Bob),
            UserMetadata = new Dictionary<string, string> { ["x-amz-meta-b"] = "2", ["x-amz-meta-author"] = "John \"é\"" },
            Checksums = [new ChecksumValue(ChecksumAlgorithm.Crc32C, "yZRlqg=="), new ChecksumValue(ChecksumAlgorithm.Sha256, "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")],
            PartsCount = 3,
        };

        Assert.Null((await Store.PutObjectAsync(record, WriteCondition.None, Ct)).Replaced);

        var read = await Store.GetObjectAsync("b1", "dir/é 😀.txt", Ct);
        Assert.NotNull(read);
        Assert.Equal(
            (record.Bucket, record.Key, record.Size, record.ETag, record.Content, record.StorageClass, record.LastModified, record.BlobId, record.PartsCount),
            (read.Bucket, read.Key, read.Size, read.ETag, read.Content, read.StorageClass, read.LastModified, read.BlobId, read.PartsCount));
        AssertAclEqual(record.Acl, read.Acl);
        Assert.Equal(record.UserMetadata.OrderBy(p => p.Key), read.UserMetadata.OrderBy(p => p.Key));
        Assert.Equal(record.Checksums, read.Checksums);
    }

    [Fact]
    public async Task GetObjectAsync_ReadBeforeEachChange_SeesEveryChange()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k", ETagA) with { BlobId = "", InlineData = [1] }, WriteCondition.None, Ct);
        Assert.Equal([1], (await Store.GetObjectAsync("b1", "k", Ct))!.InlineData);

        await Store.PutObjectAsync(Object("b1", "k", ETagB) with { BlobId = "", InlineData = [2] }, WriteCondition.None, Ct);
        var overwritten = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal(ETagB, overwritten!.ETag);
        Assert.Equal([2], overwritten.InlineData);

        await Store.SetObjectAclAsync("b1", "k", CannedAcl.Expand("public-read", Alice), Ct);
        Assert.Contains((await Store.GetObjectAsync("b1", "k", Ct))!.Acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri);

        await Store.DeleteObjectAsync("b1", "k", Ct);
        Assert.Null(await Store.GetObjectAsync("b1", "k", Ct));

        await Store.PutObjectAsync(Object("b1", "k", ETagA), WriteCondition.None, Ct);
        Assert.NotNull(await Store.GetObjectAsync("b1", "k", Ct));
        await Store.DeleteObjectsAsync("b1", ["k"], Ct);
        Assert.Null(await Store.GetObjectAsync("b1", "k", Ct));

        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.CompleteUploadAsync("u1", Object("b1", "k", ETagB) with { PartsCount = 1 }, WriteCondition.None, null, Ct);
        Assert.Equal(ETagB, (await Store.GetObjectAsync("b1", "k", Ct))!.ETag);

        // A write that fails its condition changes nothing, and a read after it still sees the row.
        await Assert.ThrowsAsync<S3Exception>(() => Store.PutObjectAsync(Object("b1", "k", ETagA), new WriteCondition(true, null), Ct));
        Assert.Equal(ETagB, (await Store.GetObjectAsync("b1", "k", Ct))!.ETag);
    }

    [Fact]
    public async Task PutObjectAsync_InlineData_RoundTripsOnGetButNotInListings()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        byte[] data = [1, 2, 3, 0, 255];
        await Store.PutObjectAsync(Object("b1", "small", size: data.Length) with { BlobId = "", InlineData = data }, WriteCondition.None, Ct);

        var read = await Store.GetObjectAsync("b1", "small", Ct);
        Assert.Equal(data, read!.InlineData);
        Assert.Equal("", read.BlobId);
        var listed = Assert.Single(await Store.ListObjectsAsync("b1", "", null, false, 10, Ct));
        Assert.Null(listed.InlineData);
    }

    [Fact]
    public async Task PutObjectAsync_BlobReplacesInline_DropsInlineData()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "", InlineData = [9] }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "blob-2" }, WriteCondition.None, Ct);

        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Null(read!.InlineData);
        Assert.Equal("blob-2", read.BlobId);
    }

    [Fact]
    public async Task PutObjectAsync_ExistingKey_ReplacesAndReturnsPrevious()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var first = Object("b1", "k", ETagA);
        var second = Object("b1", "k", ETagB) with { UserMetadata = new Dictionary<string, string> { ["x-amz-meta-v"] = "2" } };
        await Store.PutObjectAsync(first, WriteCondition.None, Ct);

        var previous = (await Store.PutObjectAsync(second, WriteCondition.None, Ct)).Replaced;

        Assert.Equal((first.BlobId, ETagA), (previous!.BlobId, previous.ETag));
        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal((second.BlobId, ETagB, "2"), (read!.BlobId, read.ETag, read.UserMetadata["x-amz-meta-v"]));
    }

    [Fact]
    public async Task PutObjectAsync_MissingBucket_ThrowsNoSuchBucket()
    {
        await AssertS3ErrorAsync("NoSuchBucket", () => Store.PutObjectAsync(Object("nope", "k"), WriteCondition.None, Ct));
    }

    [Fact]
    public async Task PutObjectAsync_IfNoneMatchAnyAndKeyMissing_Inserts()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        Assert.Null((await Store.PutObjectAsync(Object("b1", "k"), new WriteCondition(true, null), Ct)).Replaced);
        Assert.NotNull(await Store.GetObjectAsync("b1", "k", Ct));
    }

    [Fact]
    public async Task PutObjectAsync_IfNoneMatchAnyAndKeyExists_PreconditionFailedAndUnchanged()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k", ETagA), WriteCondition.None, Ct);

        await AssertS3ErrorAsync("PreconditionFailed", () => Store.PutObjectAsync(Object("b1", "k", ETagB), new WriteCondition(true, null), Ct));
        Assert.Equal(ETagA, (await Store.GetObjectAsync("b1", "k", Ct))!.ETag);
    }

    [Fact]
    public async Task PutObjectAsync_IfMatchAndKeyMissing_NoSuchKey()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        var ex = await AssertS3ErrorAsync("NoSuchKey", () => Store.PutObjectAsync(Object("b1", "k"), new WriteCondition(false, ETagA), Ct));
        Assert.Contains(new KeyValuePair<string, string>("Key", "k"), ex.Details);
        Assert.Null(await Store.GetObjectAsync("b1", "k", Ct));
    }

    [Fact]
    public async Task PutObjectAsync_IfMatchAndETagDiffers_PreconditionFailedAndUnchanged()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k", ETagA), WriteCondition.None, Ct);

        await AssertS3ErrorAsync("PreconditionFailed", () => Store.PutObjectAsync(Object("b1", "k", ETagB), new WriteCondition(false, ETagB), Ct));
        Assert.Equal(ETagA, (await Store.GetObjectAsync("b1", "k", Ct))!.ETag);
    }

    [Theory]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("*")]
    [InlineData("\"cccccccccccccccccccccccccccccccc\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    public async Task PutObjectAsync_IfMatchMatchesCurrent_Replaces(string ifMatch)
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k", ETagA), WriteCondition.None, Ct);

        var previous = (await Store.PutObjectAsync(Object("b1", "k", ETagB), new WriteCondition(false, ifMatch), Ct)).Replaced;

        Assert.Equal(ETagA, previous!.ETag);
        Assert.Equal(ETagB, (await Store.GetObjectAsync("b1", "k", Ct))!.ETag);
    }

    [Fact]
    public async Task PutObjectAsync_ConcurrentIfNoneMatchAnyOnOneKey_ExactlyOneSucceeds()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.PutObjectAsync(Object("b1", "race", $"\"{i:x32}\""), new WriteCondition(true, null), Ct);
                return true;
            }
            catch (S3Exception ex) when (ex.Error.Code == "PreconditionFailed")
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task PutObjectAsync_CallerChangesItsInputsAfterwards_StoredRowUnchanged()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        byte[] data = [1, 2, 3];
        var metadata = new Dictionary<string, string> { ["x-amz-meta-a"] = "1" };
        var grants = new List<Grant>(AccessControlList.Private(Alice).Grants);
        await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "", InlineData = data, UserMetadata = metadata, Acl = new AccessControlList(Alice, grants) }, WriteCondition.None, Ct);

        data[0] = 9;
        metadata["x-amz-meta-a"] = "changed";
        grants.Add(new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read));

        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal([1, 2, 3], read!.InlineData);
        Assert.Equal("1", read.UserMetadata["x-amz-meta-a"]);
        Assert.Single(read.Acl.Grants);
    }

    [Fact]
    public async Task PutObjectAsync_SubMillisecondLocalTime_StoredAsUtcMilliseconds()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var local = T0.AddTicks(9_999).ToOffset(TimeSpan.FromHours(2));

        await Store.PutObjectAsync(Object("b1", "k") with { LastModified = local }, WriteCondition.None, Ct);

        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal(T0, read!.LastModified);
        Assert.Equal(TimeSpan.Zero, read.LastModified.Offset);
        Assert.Equal(T0, Assert.Single(await Store.ListObjectsAsync("b1", "", null, false, 10, Ct)).LastModified);
    }

    [Fact]
    public async Task GetObjectAsync_KeyDiffersOnlyInCase_ReturnsNull()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "Key"), WriteCondition.None, Ct);

        Assert.Null(await Store.GetObjectAsync("b1", "key", Ct));
        Assert.Null(await Store.GetObjectAsync("b2", "Key", Ct));
    }

    [Fact]
    public async Task DeleteObjectAsync_Existing_ReturnsRowAndRemovesIt()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var record = Object("b1", "k");
        await Store.PutObjectAsync(record, WriteCondition.None, Ct);

        Assert.Equal(record.BlobId, (await Store.DeleteObjectAsync("b1", "k", Ct))!.BlobId);
        Assert.Null(await Store.GetObjectAsync("b1", "k", Ct));
        Assert.Null(await Store.DeleteObjectAsync("b1", "k", Ct));
    }

    [Fact]
    public async Task DeleteObjectsAsync_MixedKeys_ReturnsOnlyExistingRows()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await Store.PutObjectAsync(Object("b1", key), WriteCondition.None, Ct);
        }

        var deleted = await Store.DeleteObjectsAsync("b1", ["c", "missing", "a", "a"], Ct);

        Assert.Equal(["c", "a"], deleted.Select(r => r.Key));
        Assert.Equal(["b"], (await Store.ListObjectsAsync("b1", "", null, false, 100, Ct)).Select(r => r.Key));
    }

    [Fact]
    public async Task SetObjectAclAsync_ExistingAndMissing_UpdatesOrReturnsFalse()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);
        var acl = CannedAcl.Expand("bucket-owner-full-control", Alice, Bob);

        Assert.True(await Store.SetObjectAclAsync("b1", "k", acl, Ct));
        Assert.False(await Store.SetObjectAclAsync("b1", "missing", acl, Ct));
        AssertAclEqual(acl, (await Store.GetObjectAsync("b1", "k", Ct))!.Acl);
    }
}
