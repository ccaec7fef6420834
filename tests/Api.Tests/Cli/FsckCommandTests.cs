using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BleepStore.Api.Tests.Cli;

/// <summary>
/// <c>bleepstore fsck</c> on a real store written by the real server (AWSSDK.S3), then damaged on disk: a blob file
/// deleted, one truncated, one changed in place, a part's blob deleted, a stray blob added.
/// </summary>
public sealed class FsckCommandTests : IDisposable
{
    private const string Bucket = "fsck";
    private readonly string _dir = Directory.CreateTempSubdirectory("bleepstore-fsck-").FullName;
    private readonly int _port = ServerProcess.FreePort();

    public FsckCommandTests() => File.WriteAllText(Path.Combine(_dir, "bleepstore.yaml"),
        $"server:\n  host: 127.0.0.1\n  port: {_port}\nauth:\n  access_key: fsck-key\n  secret_key: fsck-secret\n" +
        "metadata:\n  sqlite:\n    path: ./data/metadata.db\nstorage:\n  backend: local\n  local:\n    root_dir: ./data/objects\nlogging:\n  level: warn\n");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task FindsEachInjectedDamage_RepairFixesIt_ThenClean()
    {
        var uploadId = await WithServerAsync(async s3 =>
        {
            await s3.PutBucketAsync(Bucket);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "small", ContentBody = "inline bytes" });
            foreach (var key in new[] { "big-deleted", "big-truncated", "big-flipped", "big-fine" })
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(Bytes(100_000, key.Length)) });
            }

            // A completed multipart object: --deep checks its MD5-of-MD5s ETag part by part.
            var done = await s3.InitiateMultipartUploadAsync(Bucket, "mp-done");
            var p1 = await s3.UploadPartAsync(new UploadPartRequest { BucketName = Bucket, Key = "mp-done", UploadId = done.UploadId, PartNumber = 1, InputStream = new MemoryStream(Bytes(5 * 1024 * 1024, 7)) });
            var p2 = await s3.UploadPartAsync(new UploadPartRequest { BucketName = Bucket, Key = "mp-done", UploadId = done.UploadId, PartNumber = 2, InputStream = new MemoryStream(Bytes(100_000, 8)) });
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Bucket, Key = "mp-done", UploadId = done.UploadId,
                PartETags = [new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)],
            });

            var upload = await s3.InitiateMultipartUploadAsync(Bucket, "mp");
            await s3.UploadPartAsync(new UploadPartRequest { BucketName = Bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(Bytes(70_000, 1)) });
            return upload.UploadId;
        });

        var clean = await FsckAsync("--deep");
        Assert.True(clean.Code == 0, clean.Stdout);
        Assert.Contains("checked 1 buckets, 6 objects, 1 uploads (1 parts), 6 blobs, re-hashed 5742880 bytes", clean.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("clean\n", clean.Stdout, StringComparison.Ordinal);

        var blobs = BlobIds();
        File.Delete(BlobPath(blobs["big-deleted"]));
        using (var f = new FileStream(BlobPath(blobs["big-truncated"]), FileMode.Open))
        {
            f.SetLength(1000);
        }

        using (var f = new FileStream(BlobPath(blobs["big-flipped"]), FileMode.Open))
        {
            f.Position = 500;
            f.WriteByte(0xFF);
        }

        File.Delete(BlobPath(blobs["part:1"]));
        var stray = "0123456789abcdef0123456789abcdef";
        Directory.CreateDirectory(Path.GetDirectoryName(BlobPath(stray))!);
        File.WriteAllBytes(BlobPath(stray), Bytes(10, 3));

        var shallow = await FsckAsync();
        Assert.Equal(1, shallow.Code);
        Assert.Contains($"missing-bytes {Bucket}/big-deleted blob {blobs["big-deleted"]}: blob missing", shallow.Stdout, StringComparison.Ordinal);
        Assert.Contains($"size-mismatch {Bucket}/big-truncated blob {blobs["big-truncated"]}: row 100000 bytes, blob 1000", shallow.Stdout, StringComparison.Ordinal);
        Assert.Contains($"missing-part-bytes {Bucket}/mp upload {uploadId}", shallow.Stdout, StringComparison.Ordinal);
        Assert.Contains($"orphan-blob {Bucket} blob {stray}: no row names it (10 bytes", shallow.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("big-flipped", shallow.Stdout, StringComparison.Ordinal); // same size: only --deep sees it
        Assert.Contains("4 problem(s): 1 missing-bytes, 1 missing-part-bytes, 1 orphan-blob, 1 size-mismatch; run with --repair", shallow.Stdout, StringComparison.Ordinal);

        var deep = await FsckAsync("--deep");
        Assert.Equal(1, deep.Code);
        Assert.Contains($"etag-mismatch {Bucket}/big-flipped", deep.Stdout, StringComparison.Ordinal);
        Assert.Contains("5 problem(s)", deep.Stdout, StringComparison.Ordinal);

        var repair = await FsckAsync("--repair", "--deep");
        Assert.Equal(1, repair.Code);
        Assert.Contains("5 problem(s)", repair.Stdout, StringComparison.Ordinal);
        Assert.Contains("; 5 repaired", repair.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(BlobPath(stray)));
        Assert.False(File.Exists(BlobPath(blobs["big-flipped"])));

        var after = await FsckAsync("--deep");
        Assert.True(after.Code == 0, after.Stdout);
        Assert.Contains("checked 1 buckets, 3 objects, 0 uploads (0 parts), 2 blobs", after.Stdout, StringComparison.Ordinal);

        await WithServerAsync(async s3 =>
        {
            using (var small = await s3.GetObjectAsync(Bucket, "small"))
            {
                Assert.Equal("inline bytes", await new StreamReader(small.ResponseStream).ReadToEndAsync());
            }

            using (var fine = await s3.GetObjectAsync(Bucket, "big-fine"))
            {
                Assert.Equal(100_000, fine.ContentLength);
            }

            var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(Bucket, "big-deleted"));
            Assert.Equal("NoSuchKey", gone.ErrorCode);
            var upload = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListPartsAsync(Bucket, "mp", uploadId));
            Assert.Equal("NoSuchUpload", upload.ErrorCode);
            return 0;
        });
    }

    [Fact]
    public async Task VersionedBucket_NoncurrentVersionsAreNotOrphans_AndAMissingOneIsRepairedAway()
    {
        var (v1, v2) = await WithServerAsync(async s3 =>
        {
            await s3.PutBucketAsync(Bucket);
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = Bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
            var first = await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "k", InputStream = new MemoryStream(Bytes(100_000, 1)) });
            var second = await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "k", InputStream = new MemoryStream(Bytes(100_000, 2)) });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "k", InputStream = new MemoryStream(Bytes(100_000, 3)) });
            await s3.DeleteObjectAsync(Bucket, "k");
            return (first.VersionId, second.VersionId);
        });

        var clean = await FsckAsync("--repair");
        Assert.True(clean.Code == 0, clean.Stdout);
        Assert.Contains("3 objects", clean.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 blobs", clean.Stdout, StringComparison.Ordinal);

        File.Delete(BlobPath(NoncurrentBlob(v1)));
        var repair = await FsckAsync("--repair");
        Assert.Equal(1, repair.Code);
        Assert.Contains($"missing-bytes {Bucket}/k blob", repair.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("orphan-blob", repair.Stdout, StringComparison.Ordinal);
        Assert.Contains("; 1 repaired", repair.Stdout, StringComparison.Ordinal);

        await WithServerAsync(async s3 =>
        {
            var versions = await s3.ListVersionsAsync(Bucket);
            Assert.Equal(3, versions.Versions.Count);
            Assert.DoesNotContain(versions.Versions, v => v.VersionId == v1);
            using var kept = await s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = "k", VersionId = v2 });
            Assert.Equal(100_000, kept.ContentLength);
            return 0;
        });
    }

    private string NoncurrentBlob(string versionId)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_dir, "data", "metadata.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT blob_id FROM object_versions WHERE version_id = $v";
        command.Parameters.AddWithValue("$v", versionId);
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task UnknownFlag_Exit2()
    {
        var (code, _, stderr) = await RunAsync("fsck", "--fix");
        Assert.Equal(2, code);
        Assert.StartsWith("bleepstore fsck: unknown argument '--fix'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineBytes_SizeAndETagMismatch_FoundWithoutDeep()
    {
        await WithServerAsync(async s3 =>
        {
            await s3.PutBucketAsync(Bucket);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "in-short", ContentBody = "inline bytes one" });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "in-changed", ContentBody = "inline bytes two" });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "in-fine", ContentBody = "inline bytes six" });
            return 0;
        });

        var clean = await FsckAsync();
        Assert.True(clean.Code == 0, clean.Stdout);

        // The rows keep their size and ETag; their inline bytes change under them: shorter, and the same length altered.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_dir, "data", "metadata.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE objects SET inline_data = $short WHERE key = 'in-short'; UPDATE objects SET inline_data = $changed WHERE key = 'in-changed'";
            command.Parameters.AddWithValue("$short", "inline"u8.ToArray());
            command.Parameters.AddWithValue("$changed", "inline bytes TWO"u8.ToArray());
            Assert.Equal(2, command.ExecuteNonQuery());
        }

        var found = await FsckAsync();
        Assert.Equal(1, found.Code);
        Assert.Contains($"size-mismatch {Bucket}/in-short", found.Stdout, StringComparison.Ordinal);
        Assert.Contains("row 16 bytes, inline 6", found.Stdout, StringComparison.Ordinal);
        Assert.Contains($"etag-mismatch {Bucket}/in-changed", found.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("in-fine", found.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 problem(s): 1 etag-mismatch, 1 size-mismatch", found.Stdout, StringComparison.Ordinal);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private Dictionary<string, string> BlobIds()
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_dir, "data", "metadata.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        var ids = new Dictionary<string, string>();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT key, blob_id FROM objects UNION ALL SELECT 'part:' || part_number, blob_id FROM multipart_parts";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids[reader.GetString(0)] = reader.GetString(1);
        }

        return ids;
    }

    private string BlobPath(string id) => Path.Combine(_dir, "data", "objects", Bucket, id[..2], id[2..4], id);

    private Task<(int Code, string Stdout, string Stderr)> FsckAsync(params string[] flags) => RunAsync(["fsck", .. flags]);

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = ServerProcess.Start(_dir, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The real server as a process on this directory; killed (kill -9) when <paramref name="work"/> is done.</summary>
    private async Task<T> WithServerAsync<T>(Func<IAmazonS3, Task<T>> work)
    {
        using var server = ServerProcess.Start(_dir);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
            await ServerProcess.WaitReadyAsync(http);
            using var s3 = new AmazonS3Client(new BasicAWSCredentials("fsck-key", "fsck-secret"),
                new AmazonS3Config { ServiceURL = $"http://127.0.0.1:{_port}", ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
            return await work(s3);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
