using System.Text.RegularExpressions;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Local;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Local;

public sealed partial class LocalObjectStorageTests : LocalWritePathContract
{
    protected override bool DirectIo => true;

    [Fact]
    public async Task WriteAsync_ManyBlobs_BucketDirHoldsOnlyFanOutDirsAndIds()
    {
        for (var i = 0; i < 20; i++)
        {
            await WriteAsync([(byte)i]);
        }

        var files = System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(Root, BucketName), "*", SearchOption.AllDirectories)
            .Where(File.Exists)
            .Select(f => Path.GetRelativePath(Path.Combine(Root, BucketName), f))
            .ToList();

        Assert.Equal(20, files.Count);
        Assert.All(files, f => Assert.Matches(FanOutPath(), f));
        Assert.All(files, f => Assert.StartsWith(f[..2] + f[3..5], Path.GetFileName(f), StringComparison.Ordinal));
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(Root, ".tmp")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".tmp")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("nul\0byte")]
    [InlineData("")]
    public async Task WriteAsync_BucketNameNotOneSafeSegment_ThrowsArgumentException(string bucket)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.WriteAsync(bucket, new MemoryStream([1]), Ct));

        Assert.Empty(System.IO.Directory.EnumerateFiles(Directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task RecoverAsync_TempLeftovers_EmptiesTempDir()
    {
        var blob = await WriteAsync([1]);
        var temp = Path.Combine(Root, ".tmp");
        await File.WriteAllTextAsync(Path.Combine(temp, "0123456789abcdef0123456789abcdef"), "half-written", Ct);
        System.IO.Directory.CreateDirectory(Path.Combine(temp, "stray", "deeper"));
        await File.WriteAllTextAsync(Path.Combine(temp, "stray", "deeper", "x"), "x", Ct);

        await Storage.RecoverAsync(Ct);

        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(temp));
        Assert.Equal([1], await ReadAllAsync(blob.BlobId, 0, null));
    }

    [Fact]
    public async Task CheckHealthAsync_RootRemoved_Throws()
    {
        System.IO.Directory.Delete(Root, recursive: true);

        await Assert.ThrowsAnyAsync<IOException>(() => Storage.CheckHealthAsync(Ct));
    }

    [Fact]
    public async Task CreateBucketAsync_Repeated_CreatesOneDirectory()
    {
        await Storage.CreateBucketAsync("bucket-2", Ct);
        await Storage.CreateBucketAsync("bucket-2", Ct);

        Assert.True(System.IO.Directory.Exists(Path.Combine(Root, "bucket-2")));
    }

    [Fact]
    public async Task DeleteBucketAsync_Existing_RemovesDirectory()
    {
        await WriteAsync([1]);

        await Storage.DeleteBucketAsync(BucketName, Ct);

        Assert.False(System.IO.Directory.Exists(Path.Combine(Root, BucketName)));
    }

    [GeneratedRegex("^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}$")]
    private static partial Regex FanOutPath();
}
