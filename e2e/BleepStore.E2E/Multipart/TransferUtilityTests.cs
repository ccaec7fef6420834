using System.Diagnostics;
using Amazon.S3.Transfer;

namespace BleepStore.E2E.Multipart;

/// <summary>TransferUtility upload and download of a large object (BLEEPSTORE_E2E_TRANSFER_MIB, default 1024), compared by MD5.</summary>
public sealed class TransferUtilityTests(BucketFixture fixture, ITestOutputHelper output) : IClassFixture<BucketFixture>
{
    [Fact]
    public async Task UploadAndDownload_LargeObject_Md5Matches()
    {
        var size = E2ESettings.TransferMiB * Digests.MiB;
        const ulong seed = 4242;
        var expected = await Digests.PatternMd5Async(size, seed);
        var target = Path.Combine(Path.GetTempPath(), "bleepstore-e2e-tu-" + Guid.NewGuid().ToString("N") + ".bin");
        using var transfer = new TransferUtility(fixture.S3, new TransferUtilityConfig { ConcurrentServiceRequests = 4 });
        try
        {
            var timer = Stopwatch.StartNew();
            await transfer.UploadAsync(new TransferUtilityUploadRequest
            {
                BucketName = fixture.Bucket, Key = "transfer/large.bin", InputStream = new PatternStream(size, seed), PartSize = 16L * Digests.MiB,
                AutoCloseStream = true,
            });
            var up = timer.Elapsed;
            var head = await fixture.S3.GetObjectMetadataAsync(fixture.Bucket, "transfer/large.bin");
            Assert.Equal(size, head.ContentLength);
            Assert.EndsWith($"-{(size + 16 * Digests.MiB - 1) / (16 * Digests.MiB)}\"", head.ETag, StringComparison.Ordinal);

            timer.Restart();
            await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = fixture.Bucket, Key = "transfer/large.bin", FilePath = target });
            var down = timer.Elapsed;
            E2EReport.Line(output, $"TransferUtility {size / Digests.MiB} MiB: upload {up.TotalSeconds:F1} s, download {down.TotalSeconds:F1} s");

            Assert.Equal(size, new FileInfo(target).Length);
            Assert.Equal(expected, await Digests.FileMd5Async(target));
        }
        finally
        {
            File.Delete(target);
            try
            {
                await fixture.S3.DeleteObjectAsync(fixture.Bucket, "transfer/large.bin");
            }
            catch (AmazonS3Exception)
            {
            }
        }
    }
}
