using BleepStore.Application.Abstractions;

namespace BleepStore.Infrastructure.Storage.Local;

/// <summary>
/// Blobs as files on a local filesystem: <c>{root}/{bucket}/{id[0..2]}/{id[2..4]}/{id}</c>, where the id is
/// 32 random hex digits. Object keys never become paths, so <c>../x</c>, <c>a</c> vs <c>a/b</c> vs <c>a/</c>,
/// NUL, names the host rejects and 1024-byte keys are all safe by construction (spec 95 #38); the
/// two fan-out levels keep directories small. Writes go temp file → fsync → rename → fsync dir;
/// <see cref="BlobFileWriter"/> writes the temp file (O_DIRECT where the filesystem allows it).
/// </summary>
public sealed class LocalObjectStorage : IObjectStorage
{
    private const string TempDirName = ".tmp";

    private readonly string _root;
    private readonly string _tempDir;
    private readonly bool _directIo;

    /// <param name="rootDir">Created if missing; <c>{root}/.tmp</c> holds in-flight writes on the same filesystem.</param>
    public LocalObjectStorage(string rootDir)
        : this(rootDir, directIo: true)
    {
    }

    /// <param name="rootDir">As above.</param>
    /// <param name="directIo">False writes through the page cache even where O_DIRECT works (for tests of that path).</param>
    internal LocalObjectStorage(string rootDir, bool directIo)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDir);
        _directIo = directIo;
        _root = Path.GetFullPath(rootDir);
        _tempDir = Path.Combine(_root, TempDirName);
        Directory.CreateDirectory(_tempDir);
    }

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
        foreach (var entry in new DirectoryInfo(_tempDir).EnumerateFileSystemInfos())
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

        return Task.CompletedTask;
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
