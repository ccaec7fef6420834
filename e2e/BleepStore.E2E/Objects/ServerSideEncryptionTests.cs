using System.Net;
using System.Security.Cryptography;

namespace BleepStore.E2E.Objects;

/// <summary>
/// Server-side encryption is not built: every SSE request header AWSSDK.S3 can send is 501 NotImplemented and
/// nothing is written; the bucket encryption configuration is NotImplemented too (README, issue 9).
/// </summary>
public sealed class ServerSideEncryptionTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private static readonly string CustomerKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task PutObject_AnySseHeader_NotImplemented_NothingStored()
    {
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "sse/aes", ContentBody = "clear text", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "sse/kms", ContentBody = "clear text", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
            ServerSideEncryptionKeyManagementServiceKeyId = "key-1", BucketKeyEnabled = true,
        }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = "sse/customer", ContentBody = "clear text",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = CustomerKey,
        }));

        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "sse/" });
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task ReadCopyAndMultipart_WithSseHeaders_NotImplemented_NothingWritten()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "plain", ContentBody = "plain" });

        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = _bucket, Key = "plain", ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = CustomerKey,
        }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotImplemented, () => _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = _bucket, Key = "plain", ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = CustomerKey,
        }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = "plain", DestinationBucket = _bucket, DestinationKey = "copy",
            CopySourceServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, CopySourceServerSideEncryptionCustomerProvidedKey = CustomerKey,
        }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket, SourceKey = "plain", DestinationBucket = _bucket, DestinationKey = "copy", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _bucket, Key = "mp", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }));

        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = "mp-plain" });
        try
        {
            await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _bucket, Key = "mp-plain", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]),
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = CustomerKey,
            }));
            var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = "mp-plain", UploadId = upload.UploadId });
            Assert.Empty(parts.Parts ?? []);
        }
        finally
        {
            await _s3.AbortMultipartUploadAsync(_bucket, "mp-plain", upload.UploadId);
        }

        var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
        var keys = (await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key) ?? [];
        Assert.DoesNotContain("copy", keys);
    }

    [Fact]
    public async Task BucketEncryption_PutGetDelete_NotImplemented()
    {
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = _bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = _bucket }));
        await S3Assert.FailsWithAsync("NotImplemented", HttpStatusCode.NotImplemented, () => _s3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = _bucket }));
    }
}
