using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>Conditional PUT: If-None-Match: * is atomic under 16 concurrent writers; If-Match on PUT.</summary>
public sealed class ConditionalWriteTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private const int Writers = 16;
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task IfNoneMatchStar_16ConcurrentClients_ExactlyOneWins(int round)
    {
        var key = $"cas/round-{round}";
        var clients = Enumerable.Range(0, Writers).Select(_ => S3Clients.Default()).ToArray();
        try
        {
            // Warm every client's connection so that the 16 PUTs leave at (nearly) the same instant.
            await Task.WhenAll(clients.Select(c => c.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 })));
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = clients.Select(async (client, i) =>
            {
                await start.Task;
                try
                {
                    await client.PutObjectAsync(new PutObjectRequest
                    {
                        BucketName = _bucket, Key = key, ContentBody = $"writer {i}", IfNoneMatch = "*",
                    });
                    return (Writer: i, Status: HttpStatusCode.OK, Code: (string?)null);
                }
                catch (AmazonS3Exception e)
                {
                    return (Writer: i, Status: e.StatusCode, Code: (string?)e.ErrorCode);
                }
            }).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(attempts);

            var winners = results.Where(r => r.Status == HttpStatusCode.OK).ToArray();
            var losers = results.Where(r => r.Status != HttpStatusCode.OK).ToArray();
            Assert.True(winners.Length == 1, $"{winners.Length} writers got 200: {string.Join(", ", results.Select(r => $"{r.Writer}:{(int)r.Status}"))}");
            Assert.All(losers, r => Assert.Equal((HttpStatusCode.PreconditionFailed, "PreconditionFailed"), (r.Status, r.Code)));
            using var get = await _s3.GetObjectAsync(_bucket, key);
            using var reader = new StreamReader(get.ResponseStream);
            Assert.Equal($"writer {winners[0].Writer}", await reader.ReadToEndAsync());
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task IfNoneMatchStar_NewKey_Succeeds_ExistingKey_412()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "cas/single", ContentBody = "first", IfNoneMatch = "*" });

        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.PutObjectAsync(
            new PutObjectRequest { BucketName = _bucket, Key = "cas/single", ContentBody = "second", IfNoneMatch = "*" }));
        using var get = await _s3.GetObjectAsync(_bucket, "cas/single");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("first", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task IfMatch_OnPut_ReplacesOnlyWhenEtagMatches()
    {
        var first = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "cas/if-match", ContentBody = "v1" });

        await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.PutObjectAsync(
            new PutObjectRequest { BucketName = _bucket, Key = "cas/if-match", ContentBody = "v2", IfMatch = "\"0123456789abcdef0123456789abcdef\"" }));
        var second = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "cas/if-match", ContentBody = "v3", IfMatch = first.ETag });

        Assert.NotEqual(first.ETag, second.ETag);
        using var get = await _s3.GetObjectAsync(_bucket, "cas/if-match");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("v3", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task IfMatch_OnPutOfMissingKey_FailsNoSuchKey()
    {
        // S3 answers 404 NoSuchKey when If-Match names an object that does not exist.
        await S3Assert.FailsWithAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.PutObjectAsync(
            new PutObjectRequest { BucketName = _bucket, Key = "cas/if-match-missing", ContentBody = "x", IfMatch = "\"0123456789abcdef0123456789abcdef\"" }));
    }
}
