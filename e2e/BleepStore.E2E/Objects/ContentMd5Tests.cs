using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace BleepStore.E2E.Objects;

public sealed class ContentMd5Tests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("content-md5 body");

    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task PutObject_CorrectContentMd5_Succeeds()
    {
        var put = await PutAsync("good-md5", Convert.ToBase64String(MD5.HashData(Body)));

        S3Assert.EtagIsMd5(MD5.HashData(Body), put.ETag);
    }

    [Fact]
    public async Task PutObject_WrongContentMd5_FailsBadDigest_AndStoresNothing()
    {
        var wrong = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes("something else")));

        await S3Assert.FailsWithAsync("BadDigest", HttpStatusCode.BadRequest, () => PutAsync("bad-md5", wrong));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, "bad-md5"));
    }

    [Fact]
    public async Task PutObject_MalformedContentMd5_FailsInvalidDigest()
    {
        await S3Assert.FailsWithAsync("InvalidDigest", HttpStatusCode.BadRequest, () => PutAsync("invalid-md5", "not-base64!!!"));
    }

    private Task<PutObjectResponse> PutAsync(string key, string md5) =>
        _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = key, InputStream = new MemoryStream(Body), MD5Digest = md5,
        });
}
