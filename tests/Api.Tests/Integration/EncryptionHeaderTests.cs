using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// Server-side encryption is not built: every SSE request header is 501 NotImplemented naming the header, on
/// every operation, and nothing is written (the object, bucket or copy stays as it was).
/// </summary>
public sealed class EncryptionHeaderTests : IClassFixture<BleepStoreFactory>
{
    private readonly IAmazonS3 _s3;

    public EncryptionHeaderTests(BleepStoreFactory factory)
    {
        _s3 = factory.CreateS3Client();
    }

    public static TheoryData<string, string> SseHeaders => new()
    {
        { "x-amz-server-side-encryption", "AES256" },
        { "x-amz-server-side-encryption", "aws:kms" },
        { "x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:1:key/x" },
        { "x-amz-server-side-encryption-context", "e30=" },
        { "X-Amz-Server-Side-Encryption-Bucket-Key-Enabled", "true" },
        { "x-amz-server-side-encryption-customer-algorithm", "AES256" },
        { "x-amz-server-side-encryption-customer-key", Convert.ToBase64String(new byte[32]) },
        { "x-amz-server-side-encryption-customer-key-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==" },
        { "x-amz-copy-source-server-side-encryption-customer-algorithm", "AES256" },
    };

    [Theory]
    [MemberData(nameof(SseHeaders))]
    public async Task PutObject_WithAnySseHeader_Is501_AndStoresNothing(string header, string value)
    {
        var bucket = await CreateBucketAsync();
        var request = new PutObjectRequest { BucketName = bucket, Key = "secret", ContentBody = "clear text" };
        request.Headers[header] = value;

        var e = await S3Assert.ErrorAsync(() => _s3.PutObjectAsync(request), HttpStatusCode.NotImplemented, "NotImplemented");

        Assert.Equal("A header you provided implies functionality that is not implemented", e.Message);
        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task SdkServerSideEncryptionMethod_OnPutCopyMultipart_Is501()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "x" });

        await S3Assert.ErrorAsync(
            () => _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256 }),
            HttpStatusCode.NotImplemented, "NotImplemented");
        await S3Assert.ErrorAsync(
            () => _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "copy", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS }),
            HttpStatusCode.NotImplemented, "NotImplemented");
        await S3Assert.ErrorAsync(
            () => _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "mp", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256 }),
            HttpStatusCode.NotImplemented, "NotImplemented");
        await S3Assert.ErrorAsync(
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "src", ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = Convert.ToBase64String(new byte[32]) }),
            HttpStatusCode.NotImplemented, "NotImplemented");

        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["src"], (listed.S3Objects ?? []).Select(o => o.Key));
        var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    [Fact]
    public async Task BucketEncryption_PutAndGet_AreNotImplemented()
    {
        var bucket = await CreateBucketAsync();

        await S3Assert.ErrorAsync(
            () => _s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
            {
                BucketName = bucket,
                ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
                {
                    ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
                },
            }),
            HttpStatusCode.NotImplemented, "NotImplemented");
        await S3Assert.ErrorAsync(() => _s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }), HttpStatusCode.NotImplemented, "NotImplemented");
        await S3Assert.ErrorAsync(() => _s3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket }), HttpStatusCode.NotImplemented, "NotImplemented");
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = S3Assert.NewBucket("sse");
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }
}
