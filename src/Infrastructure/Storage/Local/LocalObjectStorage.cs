using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Infrastructure.Storage.Local;

/// <summary>
/// Blobs as files on a local filesystem: <c>{root}/{bucket}/{id[0..2]}/{id[2..4]}/{id}</c>, where the id is
/// 32 random hex digits. Object keys never become paths, so <c>../x</c>, <c>a</c> vs <c>a/b</c> vs <c>a/</c>,
/// NUL, names the host rejects and 1024-byte keys are all safe by construction (spec 95 #38); the
/// two fan-out levels keep directories small. Writes go temp file → fsync → rename → fsync dir;
/// <see cref="BlobFileWriter"/> writes the temp file (O_DIRECT where the filesystem allows it).
/// A cluster node (docs/cluster.md) names itself: its temp files go to <c>{root}/.tmp/{node id}</c>, and start-up
/// recovery empties only that directory (other nodes' in-flight writes stay), plus temp files of any node untouched
/// for <see cref="StaleTempAge"/> (a node that left the cluster, or was renamed, after a crash).
/// </summary>
public sealed class LocalObjectStorage : IObjectStorage
{
    private const string TempDirName = ".tmp";

    private readonly string _root;
    private readonly string _tempRoot;
    private readonly string _tempDir;
    private readonly string? _nodeId;
    private readonly bool _directIo;

    /// <param name="rootDir">Created if missing; <c>{root}/.tmp</c> holds in-flight writes on the same filesystem.</param>
    public LocalObjectStorage(string rootDir)
        : this(rootDir, nodeId: null, directIo: true)
    {
    }

    /// <param name="rootDir">As above.</param>
    /// <param name="nodeId">
    /// Null for a node alone; a cluster node's id (<see cref="NodeIds.IsValid"/>): its temp files go to
    /// <c>{root}/.tmp/{nodeId}</c> and recovery leaves the other nodes' alone.
    /// </param>
    public LocalObjectStorage(string rootDir, string? nodeId)
        : this(rootDir, nodeId, directIo: true)
    {
    }

    /// <param name="rootDir">As above.</param>
    /// <param name="nodeId">As above.</param>
    /// <param name="directIo">False writes through the page cache even where O_DIRECT works (for tests of that path).</param>
    internal LocalObjectStorage(string rootDir, string? nodeId, bool directIo)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDir);
        if (nodeId is not null && !NodeIds.IsValid(nodeId))
        {
            throw new ArgumentException($"'{nodeId}' is not a node id: 1-64 letters, digits, '.', '_' or '-', not starting with '.'.", nameof(nodeId));
        }

        _directIo = directIo;
        _nodeId = nodeId;
        _root = Path.GetFullPath(rootDir);
        _tempRoot = Path.Combine(_root, TempDirName);
        _tempDir = nodeId is null ? _tempRoot : Path.Combine(_tempRoot, nodeId);
        Directory.CreateDirectory(_tempDir);
    }

    /// <summary>A cluster node's recovery deletes another node's temp file only when it was not written for this long.</summary>
    public static TimeSpan StaleTempAge => TimeSpan.FromHours(24);

    /// <summary>Where this node writes in-flight blobs: <c>{root}/.tmp</c>, or <c>{root}/.tmp/{node id}</c> in a cluster.</summary>
    public string TempDirectory => _tempDir;

    public string Name => "local";

    public string RootDirectory => _root;

    public async Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct)
    {
        var bucketDir = BucketDirectory(bucket);
        var id = BlobIds.New();
        var temp = Path.Combine(_tempDir, id);
        try
        {
            var size = await BlobFileWriter.WriteAsync(temp, data, _directIo, ct).ConfigureAwait(false);
            Publish(bucketDir, id, temp);
            return new StoredBlob(id, size);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var file = OpenBlob(bucket, blobId);
        if (offset > 0)
        {
            file.Seek(offset, SeekOrigin.Begin);
        }

        return Task.FromResult<Stream>(length is { } n ? new LengthLimitedStream(file, n) : file);
    }

    public Task DeleteAsync(string bucket, string blobId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (BlobIds.IsValid(blobId))
        {
            TryDelete(BlobPath(BucketDirectory(bucket), blobId));
        }

        return Task.CompletedTask;
    }

    public async Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        var bucketDir = BucketDirectory(bucket);
        var id = BlobIds.New();
        var temp = Path.Combine(_tempDir, id);
        try
        {
            long size;
            var sources = new ConcatenatedStream(blobIds.Select(sourceId => (Func<Stream>)(() => OpenBlob(bucket, sourceId))));
            await using (sources.ConfigureAwait(false))
            {
                size = await BlobFileWriter.WriteAsync(temp, sources, _directIo, ct).ConfigureAwait(false);
            }

            Publish(bucketDir, id, temp);
            return new StoredBlob(id, size);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task CreateBucketAsync(string bucket, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var dir = BucketDirectory(bucket);
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            DirectorySync.Sync(_root);
        }

        return Task.CompletedTask;
    }

    public Task DeleteBucketAsync(string bucket, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            // Metadata says the bucket is empty, so whatever is left here is orphaned bytes.
            Directory.Delete(BucketDirectory(bucket), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    public Task CheckHealthAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!Directory.Exists(_tempDir))
        {
            throw new DirectoryNotFoundException($"Storage directory {_tempDir} is missing.");
        }

        return Task.CompletedTask;
    }

    public Task RecoverAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Directory.CreateDirectory(_tempDir);
        if (_nodeId is null)
        {
            // Alone: whatever is in .tmp was left by this server's last run.
            EmptyDirectory(new DirectoryInfo(_tempDir));
            return Task.CompletedTask;
        }

        // In a cluster: this node's own temp files all died with its last run; another node's are in flight unless
        // they have not been written for a day (an in-flight write touches its file with every chunk it writes).
        EmptyDirectory(new DirectoryInfo(_tempDir));
        var staleBefore = DateTime.UtcNow - StaleTempAge;
        try
        {
            foreach (var file in new DirectoryInfo(_tempRoot).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.LastWriteTimeUtc < staleBefore)
                {
                    TryDelete(file.FullName);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Another node removed a directory while this one listed it: nothing of its own is lost.
        }

        return Task.CompletedTask;
    }

    private static void EmptyDirectory(DirectoryInfo dir)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            try
            {
                if (entry is DirectoryInfo d)
                {
                    d.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    public async IAsyncEnumerable<BlobListing> ListBlobsAsync(string bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        var dir = new DirectoryInfo(BucketDirectory(bucket));
        if (!dir.Exists)
        {
            yield break;
        }

        foreach (var file in dir.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            if (BlobIds.IsValid(file.Name))
            {
                yield return new BlobListing(file.Name, file.LastWriteTimeUtc, file.Length);
            }
        }
    }

    private static string BlobPath(string bucketDir, string id) => Path.Combine(bucketDir, id[..2], id[2..4], id);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private FileStream OpenBlob(string bucket, string blobId)
    {
        if (!BlobIds.IsValid(blobId))
        {
            throw new BlobNotFoundException(blobId);
        }

        try
        {
            return new FileStream(
                BlobPath(BucketDirectory(bucket), blobId),
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read | FileShare.Delete,
                bufferSize: 0,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(blobId);
        }
    }

    /// <summary>Moves the fsynced temp file into place and makes the new directory entries durable.</summary>
    private void Publish(string bucketDir, string id, string temp)
    {
        var level1 = Path.Combine(bucketDir, id[..2]);
        var level2 = Path.Combine(level1, id[2..4]);
        if (!Directory.Exists(level2))
        {
            var bucketIsNew = !Directory.Exists(bucketDir);
            Directory.CreateDirectory(level2);
            DirectorySync.Sync(level1);
            DirectorySync.Sync(bucketDir);
            if (bucketIsNew)
            {
                DirectorySync.Sync(_root);
            }
        }

        File.Move(temp, Path.Combine(level2, id));
        DirectorySync.Sync(level2);
    }

    /// <summary>
    /// The bucket's directory. Bucket names were validated at CreateBucket (lower-case letters, digits,
    /// dots, hyphens, no leading dot); this re-checks that the name is one path segment that cannot
    /// reach <c>.tmp</c> or leave the root.
    /// </summary>
    private string BucketDirectory(string bucket)
    {
        if (string.IsNullOrEmpty(bucket) || bucket[0] == '.' || bucket.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            throw new ArgumentException($"'{bucket}' is not a storable bucket name.", nameof(bucket));
        }

        return Path.Combine(_root, bucket);
    }
}
