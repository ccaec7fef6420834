namespace BleepStore.E2E.Cli;

/// <summary>The real awscli (botocore, its default checksums) against the server: `s3` and `s3api` round trips.</summary>
public sealed class AwsCliTests : IDisposable
{
    private readonly AwsCli _aws = new();
    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly string _bucket = BucketNames.New();

    [Fact]
    public void AwsCli_IsInstalled()
    {
        Assert.True(AwsCli.Executable is not null,
            "The `aws` command is not on PATH: these tests need awscli (Debian: apt-get install -y awscli; ./run_e2e.sh installs it).");
    }

    [Fact]
    public async Task S3MbLsRb_CreatesListsAndRemovesBucket()
    {
        await _aws.RunOkAsync("s3", "mb", "s3://" + _bucket);

        var ls = await _aws.RunOkAsync("s3", "ls");
        Assert.Contains(_bucket, ls.Stdout, StringComparison.Ordinal);

        await _aws.RunOkAsync("s3", "rb", "s3://" + _bucket);
        var after = await _aws.RunOkAsync("s3", "ls");
        Assert.DoesNotContain(_bucket, after.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L * Digests.MiB)]
    [InlineData(100L * Digests.MiB)]
    public async Task S3CpUpAndDown_RoundTripsFile(long size)
    {
        await _aws.RunOkAsync("s3", "mb", "s3://" + _bucket);
        var source = Path.Combine(_aws.WorkDir, "up.bin");
        var target = Path.Combine(_aws.WorkDir, "down.bin");
        await Digests.WritePatternFileAsync(source, size, (ulong)size + 99);
        var key = $"cli/cp {size}.bin";

        await _aws.RunOkAsync("s3", "cp", source, $"s3://{_bucket}/{key}");
        var ls = await _aws.RunOkAsync("s3", "ls", $"s3://{_bucket}/cli/");
        await _aws.RunOkAsync("s3", "cp", $"s3://{_bucket}/{key}", target);

        Assert.Contains($"{size} cp {size}.bin", ls.Stdout, StringComparison.Ordinal);
        Assert.Equal(size, new FileInfo(target).Length);
        Assert.Equal(await Digests.FileMd5Async(source), await Digests.FileMd5Async(target));

        await _aws.RunOkAsync("s3", "rm", $"s3://{_bucket}/{key}");
        var afterRm = await _aws.RunAsync("s3", "ls", $"s3://{_bucket}/cli/"); // exits 1 when nothing matches
        Assert.DoesNotContain(key, afterRm.Stdout, StringComparison.Ordinal);
        await _aws.RunOkAsync("s3", "rb", "s3://" + _bucket);
    }

    [Fact]
    public async Task S3Api_PutGetHeadObject_RoundTripsWithMetadata()
    {
        await _s3.PutBucketAsync(_bucket);
        var source = Path.Combine(_aws.WorkDir, "api-up.bin");
        var target = Path.Combine(_aws.WorkDir, "api-down.bin");
        await Digests.WritePatternFileAsync(source, 300_000, 42);
        var md5 = Convert.ToHexStringLower(await Digests.FileMd5Async(source));

        var put = (await _aws.RunOkAsync("s3api", "put-object", "--bucket", _bucket, "--key", "api/object.bin",
            "--body", source, "--content-type", "application/x-test", "--metadata", "author=alice,version=2")).Json();
        var head = (await _aws.RunOkAsync("s3api", "head-object", "--bucket", _bucket, "--key", "api/object.bin")).Json();
        var get = (await _aws.RunOkAsync("s3api", "get-object", "--bucket", _bucket, "--key", "api/object.bin", target)).Json();

        Assert.Equal($"\"{md5}\"", put.GetProperty("ETag").GetString());
        Assert.Equal(300_000, head.GetProperty("ContentLength").GetInt64());
        Assert.Equal("application/x-test", head.GetProperty("ContentType").GetString());
        Assert.Equal("alice", head.GetProperty("Metadata").GetProperty("author").GetString());
        Assert.Equal("2", head.GetProperty("Metadata").GetProperty("version").GetString());
        Assert.Equal($"\"{md5}\"", get.GetProperty("ETag").GetString());
        Assert.Equal(md5, Convert.ToHexStringLower(await Digests.FileMd5Async(target)));
    }

    [Fact]
    public async Task S3Api_HeadMissingObject_Fails404()
    {
        await _s3.PutBucketAsync(_bucket);

        var head = await _aws.RunAsync("s3api", "head-object", "--bucket", _bucket, "--key", "missing");

        Assert.NotEqual(0, head.ExitCode);
        Assert.Contains("404", head.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3Api_GetObjectMissingBucket_FailsNoSuchBucket()
    {
        var get = await _aws.RunAsync("s3api", "get-object", "--bucket", _bucket, "--key", "k", Path.Combine(_aws.WorkDir, "none"));

        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("NoSuchBucket", get.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            BucketCleaner.DeleteBucketAndContentsAsync(_s3, _bucket).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
        }

        _s3.Dispose();
        _aws.Dispose();
    }
}
