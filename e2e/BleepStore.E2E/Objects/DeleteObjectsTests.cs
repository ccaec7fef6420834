using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>DeleteObjects (POST ?delete): verbose and quiet, missing keys, 1000 keys in one call.</summary>
public sealed class DeleteObjectsTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task DeleteObjects_Verbose_ListsEveryKeyIncludingMissingOnes()
    {
        await PutAsync("del/v/a", "del/v/b", "del/v/special key+%🙂");
        var request = new DeleteObjectsRequest { BucketName = _bucket };
        foreach (var key in new[] { "del/v/a", "del/v/b", "del/v/special key+%🙂", "del/v/never-existed" })
        {
            request.AddKey(key);
        }

        var response = await _s3.DeleteObjectsAsync(request);

        Assert.Equal(
            ["del/v/a", "del/v/b", "del/v/never-existed", "del/v/special key+%🙂"],
            (response.DeletedObjects ?? []).Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(response.DeleteErrors ?? []);
        Assert.Empty(await ListAsync("del/v/"));
    }

    [Fact]
    public async Task DeleteObjects_Quiet_ReturnsNoDeletedEntries()
    {
        await PutAsync("del/q/a", "del/q/b");
        var request = new DeleteObjectsRequest { BucketName = _bucket, Quiet = true };
        request.AddKey("del/q/a");
        request.AddKey("del/q/b");
        request.AddKey("del/q/missing");

        var response = await _s3.DeleteObjectsAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Empty(response.DeletedObjects ?? []);
        Assert.Empty(response.DeleteErrors ?? []);
        Assert.Empty(await ListAsync("del/q/"));
    }

    [Fact]
    public async Task DeleteObjects_1000KeysInOneCall_DeletesAll()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => $"del/many/{i:D4}").ToArray();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(keys.Select(async key =>
        {
            await gate.WaitAsync();
            try
            {
                await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = key });
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.Equal(1000, (await ListAsync("del/many/")).Count);
        var request = new DeleteObjectsRequest { BucketName = _bucket };
        foreach (var key in keys)
        {
            request.AddKey(key);
        }

        var response = await _s3.DeleteObjectsAsync(request);

        Assert.Equal(1000, (response.DeletedObjects ?? []).Count);
        Assert.Empty(await ListAsync("del/many/"));
    }

    [Fact]
    public async Task DeleteObjects_1001Keys_FailsMalformedXml()
    {
        var request = new DeleteObjectsRequest { BucketName = _bucket };
        for (var i = 0; i < 1001; i++)
        {
            request.AddKey($"del/too-many/{i}");
        }

        await S3Assert.FailsWithAsync("MalformedXML", HttpStatusCode.BadRequest, () => _s3.DeleteObjectsAsync(request));
    }

    private async Task PutAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "x" });
        }
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
