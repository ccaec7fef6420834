using Amazon.S3.Model;

namespace BleepStore.Testing.Tests;

/// <summary>A fixture with other keys and in-memory bytes, derived as a team would.</summary>
public sealed class MemoryFixture : BleepStoreFixture
{
    protected override BleepStoreServerOptions Options => new() { AccessKey = "memory-key", SecretKey = "memory-secret", Storage = TestStorage.MemoryObjects };
}

// Two classes, two fixtures, two collections: xunit runs them in parallel, each against its own server.
public sealed class FirstParallelFixtureTests(BleepStoreFixture s3) : IClassFixture<BleepStoreFixture>
{
    [Fact]
    public Task WritesAndReadsItsOwnBucket() => ParallelWork.RoundTripAsync(s3.Server, "first");
}

public sealed class SecondParallelFixtureTests(MemoryFixture s3) : IClassFixture<MemoryFixture>
{
    [Fact]
    public Task WritesAndReadsItsOwnBucket() => ParallelWork.RoundTripAsync(s3.Server, "second");

    [Fact]
    public void UsesItsOwnKeys() => Assert.Equal("memory-key", s3.Server.AccessKey);
}

internal static class ParallelWork
{
    public static async Task RoundTripAsync(BleepStoreServer server, string bucket)
    {
        await server.Client.PutBucketAsync(bucket);
        for (var i = 0; i < 50; i++)
        {
            await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"k{i}", ContentBody = $"{bucket}-{i}" });
        }

        var buckets = (await server.Client.ListBucketsAsync()).Buckets.Select(b => b.BucketName);
        Assert.Equal([bucket], buckets);
        using var get = await server.Client.GetObjectAsync(bucket, "k49");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal($"{bucket}-49", await reader.ReadToEndAsync());
    }
}
