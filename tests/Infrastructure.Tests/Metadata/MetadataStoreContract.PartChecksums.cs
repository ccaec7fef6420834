using BleepStore.Application.Abstractions;
using BleepStore.Domain.Checksums;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

/// <summary>The checksum of each part of a multipart object (schema step 9), kept with the row and its older versions.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly ChecksumValue[] TwoPartChecksums = [new(ChecksumAlgorithm.Crc32, "AAAAAQ=="), new(ChecksumAlgorithm.Crc32, "AAAAAg==")];

    [Fact]
    public async Task CompleteUploadAsync_PartChecksums_RoundTrip_AndAnOverwriteWithoutThemClearsThem()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.PutPartAsync(Part("u1", 1), Ct);

        await Store.CompleteUploadAsync("u1", Object("b1", "k") with { PartsCount = 2, PartSizes = [5, 6], PartChecksums = TwoPartChecksums }, WriteCondition.None, null, Ct);

        Assert.Equal(TwoPartChecksums, (await Store.GetObjectAsync("b1", "k", Ct))!.PartChecksums);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);
        Assert.Empty((await Store.GetObjectAsync("b1", "k", Ct))!.PartChecksums);
    }

    [Fact]
    public async Task PartChecksums_KeptByANoncurrentVersion()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.SetBucketVersioningAsync("b1", "Enabled", Ct);
        var first = await Store.PutObjectAsync(Object("b1", "k") with { PartsCount = 2, PartSizes = [5, 6], PartChecksums = TwoPartChecksums }, WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);

        var old = await Store.GetObjectVersionAsync("b1", "k", first.VersionId!, Ct);

        Assert.Equal(TwoPartChecksums, old!.PartChecksums);
        Assert.Empty((await Store.GetObjectAsync("b1", "k", Ct))!.PartChecksums);
    }
}
