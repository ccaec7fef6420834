using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Sqlite;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Sqlite;

public sealed class SqliteObjectStorageTests : ObjectStorageContract
{
    private string DbPath => Path.Combine(Directory.Path, "blobs", "blobs.db");

    [Fact]
    public async Task Ctor_ReopenSameFile_KeepsBlobs()
    {
        var data = TestBodyStream.RandomBytes(LargeSize);
        var blob = await WriteAsync(data);
        ((SqliteObjectStorage)Storage).Dispose();

        using var reopened = new SqliteObjectStorage(DbPath);
        await using var stream = await reopened.OpenReadAsync(BucketName, blob.BlobId, 0, null, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task RecoverAsync_StagingLeftovers_EmptiesStagingDir()
    {
        await File.WriteAllTextAsync(Path.Combine(DbPath + ".staging", "leftover"), "x", Ct);

        await Storage.RecoverAsync(Ct);

        Assert.Equal(0, ((SqliteObjectStorage)Storage).CountStagedFiles());
    }

    protected override IObjectStorage CreateStorage(string directory) => new SqliteObjectStorage(Path.Combine(directory, "blobs", "blobs.db"));

    protected override long CountArtifacts()
    {
        var storage = (SqliteObjectStorage)Storage;
        return storage.CountBlobs() + storage.CountStagedFiles();
    }
}
