using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Testing;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>What a team writes instead of starting MinIO or LocalStack in a container.</summary>
public sealed class UploadServiceTests(BleepStoreFixture s3) : IClassFixture<BleepStoreFixture>
{
    [Fact]
    public async Task UploadService_StoresTheReport()
    {
        var service = new UploadService(s3.Client, "reports");
        await s3.Client.PutBucketAsync("reports");

        await service.UploadAsync("2026-12.csv", "month,total\n12,42\n");

        using var stored = await s3.Client.GetObjectAsync("reports", "2026-12.csv");
        Assert.Equal("text/csv", stored.Headers.ContentType);
        Assert.Equal("month,total\n12,42\n", await new StreamReader(stored.ResponseStream).ReadToEndAsync());
    }
}

/// <summary>The code under test: it only knows IAmazonS3.</summary>
public sealed class UploadService(IAmazonS3 s3, string bucket)
{
    public Task UploadAsync(string name, string csv) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = name, ContentBody = csv, ContentType = "text/csv" });
}
