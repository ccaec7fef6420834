using BleepStore.Application.Abstractions;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

/// <summary>The records that let a retried CompleteMultipartUpload answer as the first did (CompletedUpload).</summary>
public abstract partial class MetadataStoreContract
{
    private async Task CompleteAsync(string uploadId, string key, DateTimeOffset at, string? listed = "parts-digest")
    {
        await Store.CreateUploadAsync(Upload("b1", key, uploadId), Ct);
        await Store.PutPartAsync(Part(uploadId, 1), Ct);
        await Store.CompleteUploadAsync(uploadId, Object("b1", key, "\"ffffffffffffffffffffffffffffffff-1\"") with { LastModified = at, PartsCount = 1 }, WriteCondition.None, listed, Ct);
    }

    [Fact]
    public async Task CompleteUploadAsync_WithListedParts_RecordsTheCompletion()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        await CompleteAsync("u1", "k", T0);

        var record = await Store.GetCompletedUploadAsync("u1", Ct);
        Assert.Equal(new CompletedUpload("u1", "b1", "k", "parts-digest", "\"ffffffffffffffffffffffffffffffff-1\"", null, T0), record);
        Assert.Null(await Store.GetCompletedUploadAsync("u2", Ct));
    }

    [Fact]
    public async Task CompleteUploadAsync_WithoutListedParts_RecordsNothing()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        await CompleteAsync("u1", "k", T0, listed: null);

        Assert.Null(await Store.GetCompletedUploadAsync("u1", Ct));
    }

    [Fact]
    public async Task CompleteUploadAsync_Failing_RecordsNothing()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);

        await AssertS3ErrorAsync("PreconditionFailed", () => Store.CompleteUploadAsync("u1", Object("b1", "k"), new WriteCondition(true, null), "parts", Ct));
        await AssertS3ErrorAsync("NoSuchUpload", () => Store.CompleteUploadAsync("u9", Object("b1", "k"), WriteCondition.None, "parts", Ct));

        Assert.Null(await Store.GetCompletedUploadAsync("u1", Ct));
        Assert.Null(await Store.GetCompletedUploadAsync("u9", Ct));
    }

    [Fact]
    public async Task CompleteUploadAsync_RecordsPastTheLifetime_DroppedByTheNextCompletion()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await CompleteAsync("old", "k1", T0);
        await CompleteAsync("recent", "k2", T0 + CompletedUpload.Lifetime - TimeSpan.FromMinutes(1));

        await CompleteAsync("now", "k3", T0 + CompletedUpload.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Null(await Store.GetCompletedUploadAsync("old", Ct));
        Assert.NotNull(await Store.GetCompletedUploadAsync("recent", Ct));
        Assert.NotNull(await Store.GetCompletedUploadAsync("now", Ct));
    }

    [Fact]
    public async Task CompleteUploadAsync_MoreThanMaxKept_TheOldestDropped()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        // Concurrent, so the SQLite writer commits them in groups.
        await Task.WhenAll(Enumerable.Range(0, CompletedUpload.MaxKept + 1).Select(i => CompleteAsync($"u{i:D5}", $"k{i}", T0)));

        var kept = 0;
        foreach (var i in Enumerable.Range(0, CompletedUpload.MaxKept + 1))
        {
            kept += await Store.GetCompletedUploadAsync($"u{i:D5}", Ct) is null ? 0 : 1;
        }

        Assert.Equal(CompletedUpload.MaxKept, kept);
    }

    [Fact]
    public async Task DeleteBucketAsync_DropsItsCompletionRecords()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await CompleteAsync("u1", "k", T0);
        await Store.DeleteObjectAsync("b1", "k", Ct);

        Assert.Equal(DeleteBucketOutcome.Deleted, await Store.DeleteBucketAsync("b1", [], Ct));

        Assert.Null(await Store.GetCompletedUploadAsync("u1", Ct));
    }
}
