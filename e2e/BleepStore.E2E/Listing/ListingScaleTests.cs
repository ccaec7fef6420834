using System.Diagnostics;
using System.Net;

namespace BleepStore.E2E.Listing;

/// <summary>
/// Many keys under one prefix, listed 1000 per page with ListObjectsV2: each key exactly once, in order. Key count:
/// BLEEPSTORE_E2E_LIST_KEYS (default 100,000). Prints creation rate and the median time per page.
/// </summary>
public sealed class ListingScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Concurrency = 48;
    private readonly AmazonS3Client _s3 = S3Clients.ChecksumWhenRequired();
    private readonly string _bucket = BucketNames.New();

    public Task InitializeAsync() => _s3.PutBucketAsync(_bucket);

    [Fact]
    public async Task ListObjectsV2_ManyKeysUnderOnePrefix_EachKeyOnceInOrder()
    {
        var count = E2ESettings.ListingScaleKeys;
        // Zero-padded decimal keys sort the same as bytes and as numbers.
        var keys = Enumerable.Range(0, count).Select(i => $"scale/key-{i:D7}").ToArray();
        var created = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < keys.Length)
            {
                await _s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = _bucket, Key = keys[i], ContentBody = "v" + i, UseChunkEncoding = false,
                });
            }
        }));
        created.Stop();
        E2EReport.Line(output, $"listing scale: created {count} keys in {created.Elapsed.TotalSeconds:F1} s ({count / created.Elapsed.TotalSeconds:F0} PUT/s, {Concurrency} concurrent)");

        var pageTimes = new List<double>();
        var seen = new List<string>(count);
        string? token = null;
        var total = Stopwatch.StartNew();
        do
        {
            var timer = Stopwatch.StartNew();
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "scale/", ContinuationToken = token, MaxKeys = 1000 });
            pageTimes.Add(timer.Elapsed.TotalMilliseconds);
            Assert.True(page.IsTruncated != true || page.KeyCount == 1000, $"page {pageTimes.Count}: truncated with {page.KeyCount} keys");
            seen.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null && pageTimes.Count <= count / 1000 + 2);
        total.Stop();

        pageTimes.Sort();
        var median = pageTimes[pageTimes.Count / 2];
        E2EReport.Line(output, $"listing scale: {count} keys in {pageTimes.Count} pages of 1000, {total.Elapsed.TotalSeconds:F2} s total; " +
            $"per page median {median:F1} ms, p90 {pageTimes[(int)(pageTimes.Count * 0.9)]:F1} ms, max {pageTimes[^1]:F1} ms");
        Assert.Equal((count + 999) / 1000, pageTimes.Count);
        Assert.Equal(count, seen.Count);
        Assert.True(keys.SequenceEqual(seen), "listed keys differ from the created keys (order, duplicates or gaps)");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await DeleteAllAsync();
        }
        finally
        {
            _s3.Dispose();
        }
    }

    private async Task DeleteAllAsync()
    {
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1000 });
            if ((page.S3Objects ?? []).Count == 0)
            {
                break;
            }

            var batch = new DeleteObjectsRequest { BucketName = _bucket, Quiet = true };
            page.S3Objects!.ForEach(o => batch.AddKey(o.Key));
            try
            {
                await _s3.DeleteObjectsAsync(batch);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotImplemented)
            {
                // Until DeleteObjects is routed: one by one, concurrently.
                using var gate = new SemaphoreSlim(Concurrency);
                await Task.WhenAll(page.S3Objects.Select(async o =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        await _s3.DeleteObjectAsync(_bucket, o.Key);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
        }

        await _s3.DeleteBucketAsync(_bucket);
    }
}
