using System.Net;

namespace BleepStore.E2E.Auth;

public sealed class CredentialErrorTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    [Fact]
    public async Task ListBuckets_WrongSecret_FailsSignatureDoesNotMatch()
    {
        using var s3 = S3Clients.WithCredentials(E2ESettings.Current.AccessKey, "definitely-not-the-secret");

        await S3Assert.FailsWithAsync("SignatureDoesNotMatch", HttpStatusCode.Forbidden, () => s3.ListBucketsAsync());
    }

    [Fact]
    public async Task PutObject_WrongSecret_FailsSignatureDoesNotMatch_AndStoresNothing()
    {
        using var s3 = S3Clients.WithCredentials(E2ESettings.Current.AccessKey, "definitely-not-the-secret");

        await S3Assert.FailsWithAsync("SignatureDoesNotMatch", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(
            new PutObjectRequest { BucketName = fixture.Bucket, Key = "forged", InputStream = new PatternStream(64 * 1024, 3) }));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => fixture.S3.GetObjectMetadataAsync(fixture.Bucket, "forged"));
    }

    [Fact]
    public async Task ListBuckets_UnknownAccessKey_FailsInvalidAccessKeyId()
    {
        using var s3 = S3Clients.WithCredentials("AKNOSUCHKEY0000000000", E2ESettings.Current.SecretKey);

        await S3Assert.FailsWithAsync("InvalidAccessKeyId", HttpStatusCode.Forbidden, () => s3.ListBucketsAsync());
    }

    [Fact]
    public async Task GetObject_UnknownAccessKey_FailsInvalidAccessKeyId()
    {
        using var s3 = S3Clients.WithCredentials("AKNOSUCHKEY0000000000", E2ESettings.Current.SecretKey);

        await S3Assert.FailsWithAsync("InvalidAccessKeyId", HttpStatusCode.Forbidden, () => s3.GetObjectAsync(fixture.Bucket, "any"));
    }
}
