using BleepStore.Infrastructure.Storage.Local;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Local;

/// <summary>
/// Several cluster nodes over one local root (a shared filesystem): each writes its temp files in a directory of its
/// own, and one node's start-up recovery never deletes another node's in-flight temp file.
/// </summary>
public sealed class LocalObjectStorageClusterTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    private string Root => Path.Combine(_dir.Path, "objects");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NodeId_TempDirectoryIsTheNodesOwn()
    {
        var a = new LocalObjectStorage(Root, "node-a");
        var alone = new LocalObjectStorage(Root);

        Assert.Equal(Path.Combine(Root, ".tmp", "node-a"), a.TempDirectory);
        Assert.Equal(Path.Combine(Root, ".tmp"), alone.TempDirectory);
        Assert.True(Directory.Exists(a.TempDirectory));
    }

    [Fact]
    public async Task Recover_DeletesOwnTempFiles_KeepsAnotherNodesInFlight_DeletesStaleOnesOfAnyNode()
    {
        var a = new LocalObjectStorage(Root, "node-a");
        var b = new LocalObjectStorage(Root, "node-b");
        var ownLeftover = Touch(a.TempDirectory, "0123456789abcdef0123456789abcdef");
        var inFlight = Touch(b.TempDirectory, "fedcba9876543210fedcba9876543210");
        var departed = Touch(Path.Combine(Root, ".tmp", "node-gone"), "00112233445566778899aabbccddeeff");
        File.SetLastWriteTimeUtc(departed, DateTime.UtcNow - LocalObjectStorage.StaleTempAge - TimeSpan.FromMinutes(1));

        await a.RecoverAsync(Ct);

        Assert.False(File.Exists(ownLeftover));
        Assert.True(File.Exists(inFlight));
        Assert.False(File.Exists(departed));
        // Node B goes on: its temp file still publishes as a blob.
        var blob = await b.WriteAsync("bkt", new MemoryStream([1, 2, 3]), Ct);
        await using var read = await a.OpenReadAsync("bkt", blob.BlobId, 0, null, Ct);
        Assert.Equal(3, read.Length);
    }

    [Fact]
    public async Task Recover_NodeAlone_EmptiesTheWholeTempDirectory()
    {
        var alone = new LocalObjectStorage(Root);
        var leftover = Touch(Path.Combine(Root, ".tmp", "node-b"), "fedcba9876543210fedcba9876543210");

        await alone.RecoverAsync(Ct);

        Assert.False(File.Exists(leftover));
        Assert.Empty(Directory.EnumerateFileSystemEntries(alone.TempDirectory));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("sp ace")]
    public void NodeId_NotOneSafeSegment_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => new LocalObjectStorage(Root, id));

    [Fact]
    public void DefaultNodeId_IsHostAndPort_AndAValidId()
    {
        var id = BleepStore.Infrastructure.Configuration.NodeIds.Default(9000);

        Assert.EndsWith("-9000", id, StringComparison.Ordinal);
        Assert.True(BleepStore.Infrastructure.Configuration.NodeIds.IsValid(id));
        Assert.True(BleepStore.Infrastructure.Configuration.NodeIds.IsValid(BleepStore.Infrastructure.Configuration.NodeIds.Default(null)));
    }

    private static string Touch(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, [9]);
        return path;
    }
}
