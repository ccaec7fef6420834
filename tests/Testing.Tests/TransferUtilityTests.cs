using System.Security.Cryptography;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace BleepStore.Testing.Tests;

/// <summary>The fixture used as a team would: one server for the class, the SDK's TransferUtility against it.</summary>
public sealed class TransferUtilityTests(BleepStoreFixture s3) : IClassFixture<BleepStoreFixture>
{
    [Fact]
    public async Task UploadAndDownload_MultipartFile_RoundTripsByteForByte()
    {
        await s3.Client.PutBucketAsync("transfers");
        var source = Path.GetTempFileName();
        var target = Path.GetTempFileName();
        try
        {
            var bytes = RandomNumberGenerator.GetBytes(17 * 1024 * 1024 + 123);
            await File.WriteAllBytesAsync(source, bytes);
            using var transfer = new TransferUtility(s3.Client);
            await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = "transfers", Key = "big/file.bin", FilePath = source, PartSize = 5 * 1024 * 1024 });
            await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = "transfers", Key = "big/file.bin", FilePath = target });

            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(target)));
            var head = await s3.Client.GetObjectMetadataAsync("transfers", "big/file.bin");
            Assert.EndsWith("-4\"", head.ETag, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(source);
            File.Delete(target);
        }
    }

    [Fact]
    public async Task ListObjectsV2_SeesWhatTheClientPut()
    {
        await s3.Client.PutBucketAsync("listing");
        foreach (var key in new[] { "a/1", "a/2", "b/1" })
        {
            await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = "listing", Key = key, ContentBody = key });
        }

        var page = await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "listing", Prefix = "a/" });
        Assert.Equal(["a/1", "a/2"], page.S3Objects.Select(o => o.Key));
    }
}
